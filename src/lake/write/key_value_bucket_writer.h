#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "lake/write/bucket_writer.h"
#include "lake/write/key_value_buffer.h"

namespace flashlake::lake {

class WriteBufferMerger;
struct WriteContext;

// Writes one bucket of a primary-key table as an LSM tree's level 0 (Paimon's MergeTreeWriter
// without compaction): rows collect in a KeyValueBuffer with sequence numbers continuing from
// `first_sequence` (the bucket's largest committed sequence number + 1); each Flush sorts the
// buffer by (key, sequence), merges each key's versions (WriteBufferMerger) and writes the
// result as a sorted run of level-0 files (KeyValueFileWriter), rolled at the target file size.
class KeyValueBucketWriter final : public BucketWriter {
public:
    // `merger` is shared by the buckets of a table and must outlive the writer.
    KeyValueBucketWriter(const WriteContext* context, WriteBufferMerger* merger, std::string directory,
                         int64_t first_sequence);
    ~KeyValueBucketWriter() override;

    Status Write(const Chunk& chunk, const SelectionVector* rows, const uint8_t* kinds) override;
    size_t buffered_rows() const override { return buffer_.size(); }
    Status Flush() override;
    Result<std::vector<DataFileMeta>> PrepareCommit() override;
    void MarkCommitted() override { handed_out_.clear(); }
    Status Abort() override;

private:
    const WriteContext* context_;
    WriteBufferMerger* merger_;
    std::string directory_;
    std::string uuid_;
    int64_t file_counter_ = 0;
    KeyValueBuffer buffer_;
    int64_t next_sequence_;
    std::vector<DataFileMeta> pending_;
    std::vector<std::string> written_;     // files created and not yet handed out
    std::vector<std::string> handed_out_;  // files PrepareCommit returned
};

}  // namespace flashlake::lake
