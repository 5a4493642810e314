#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

#include "column/chunk.h"
#include "common/result.h"
#include "lake/commit/commit_message.h"
#include "lake/table_schema.h"

namespace flashlake::io {
class FileSystem;
}

namespace flashlake::lake {

namespace lsm {
class FieldAggregatorRegistry;
}

class BucketWriter;
class RowRouter;
class TableFilePaths;
class WriteBufferMerger;
struct RouteGroup;
struct WriteContext;

struct TableWriterOptions {
    // Who commits (the TableCommit user); kept for the caller, the writer itself does not use it.
    std::string commit_user;
    // Defaults, overridden by the table options `target-file-size` and `file.compression`
    // (`file.compression.zstd-level`), as in Paimon.
    int64_t target_file_size = int64_t{128} << 20;
    std::string compression = "zstd";
    int64_t zstd_level = 1;
    // Primary-key tables: rows buffered in memory over all buckets before the largest buffers
    // are flushed as level-0 files (each flush is one sorted run).
    size_t write_buffer_rows = size_t{1} << 20;
    // Aggregation tables: the aggregate functions merging a write buffer (null: the built-in
    // ones; a table using others then keeps every version, see WriteBufferMerger).
    std::shared_ptr<const lsm::FieldAggregatorRegistry> aggregators;
};

// Writes rows into new data files of one table (Paimon's TableWrite): rows are routed to
// (partition, bucket) writers, which write Parquet files in the table's bucket directories;
// PrepareCommit returns what TableCommit needs to publish them. Nothing is visible to readers
// until that commit. Not thread-safe: one writer per driver / load.
//
//   append tables       rows go straight into Parquet files of the table columns, rolled at the
//                       target file size; bucket -1 (unaware) writes bucket-0, fixed buckets hash
//                       the bucket key (Paimon's bucket function, byte for byte)
//   primary-key tables  fixed buckets only; per bucket a sorted write buffer becomes level-0
//                       files with _KEY_ columns, _SEQUENCE_NUMBER and _VALUE_KIND. The versions
//                       of a key in one buffer are merged by the table's merge engine before the
//                       flush, as Paimon's writer merges its buffer (WriteBufferMerger), so that
//                       a sorted run holds each key once
//
// Sequence numbers continue, per (partition, bucket), from the largest one in the latest
// snapshot's files of that bucket (0 for a new bucket), so that a newer write of a key always
// sorts after the older ones. Open reads the latest snapshot's files for that when the table
// has a snapshot.
class TableWriter {
public:
    // `fs` is not owned and must outlive the writer. `schema` is the table's latest schema (its
    // id is recorded in every file).
    static Result<std::unique_ptr<TableWriter>> Open(io::FileSystem* fs, std::string table_path, TableSchema schema,
                                                     TableWriterOptions options);
    ~TableWriter();

    // `chunk` holds every table column in schema order, with the Flashlake types of the schema's
    // fields (DataType::ToLogicalType; an untyped NULL column stands for all NULLs). NULL in a
    // NOT NULL column is kInvalidArgument naming it, and nothing of the chunk is written.
    // Generated partition columns (lake/generated_partition.h) are computed from their source
    // column, whatever the chunk holds in them.
    // For primary-key tables `row_kinds` (optional, one byte per row: 0 +I, 1 -U, 2 +U, 3 -D)
    // marks deletes; append tables accept only +I. After any other error the writer refuses
    // further writes and the caller should Abort.
    Status Write(const Chunk& chunk, const std::vector<uint8_t>* row_kinds = nullptr);

    // Flushes what is buffered into data files (synced) and returns what to commit: one
    // CommitMessage per (partition, bucket) that got files, ordered by partition bytes then
    // bucket. The writer stays usable; later writes go to new files.
    Result<std::vector<CommitMessage>> PrepareCommit();
    // Declares the files of every PrepareCommit so far committed: Abort keeps them from now on.
    void MarkCommitted();
    // Deletes every file this writer wrote and did not see marked committed (a failed or
    // cancelled INSERT leaves nothing behind). Best effort: every file is tried, the first error
    // is returned. The writer is unusable afterwards.
    Status Abort();

    const TableSchema& schema() const;
    int64_t rows_written() const { return rows_written_; }

private:
    struct Bucket {
        uint32_t partition;
        int32_t bucket;
        std::unique_ptr<BucketWriter> writer;
    };

    explicit TableWriter(std::unique_ptr<WriteContext> context);
    Status RestoreSequenceNumbers();
    Status CheckChunk(const Chunk& chunk, const std::vector<uint8_t>* row_kinds, Chunk* normalized) const;
    Result<BucketWriter*> WriterFor(const RouteGroup& group);
    Status FlushLargestBuffers();

    std::unique_ptr<WriteContext> context_;
    std::unique_ptr<TableFilePaths> paths_;
    std::unique_ptr<RowRouter> router_;
    std::unique_ptr<WriteBufferMerger> merger_;  // primary-key tables
    std::vector<Bucket> buckets_;
    std::unordered_map<uint64_t, size_t> bucket_index_;  // (partition << 32 | bucket) -> buckets_
    // Largest sequence number per "<partition bytes><bucket>" in the latest snapshot.
    std::unordered_map<std::string, int64_t> max_sequence_;
    std::vector<RouteGroup> groups_;  // scratch
    Status failed_;
    int64_t rows_written_ = 0;
};

}  // namespace flashlake::lake
