#pragma once

#include <array>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "common/result.h"
#include "format/avro/codec.h"
#include "format/avro/datum.h"
#include "format/avro/schema.h"

namespace flashlake::io {
class WritableFile;
}

namespace flashlake::format::avro {

struct WriterOptions {
    Codec codec = Codec::kNull;
    int compression_level = -1;  // codec default
    // A block is written once its encoded records reach this many (uncompressed) bytes.
    size_t block_size = 64 << 10;
    // Extra file metadata (keys starting with "avro." are reserved and refused).
    std::vector<std::pair<std::string, std::string>> metadata;
    // The sync marker; random when absent (fix it for byte-identical output in tests).
    std::optional<std::array<uint8_t, 16>> sync_marker;
};

// Writes an Avro object container file to a WritableFile: the header at Open, then blocks of
// records as they fill, the last one at Finish. The file is not owned; the caller syncs and
// closes it after Finish. Records are checked against the schema as they are appended (see
// EncodeDatum); a record that does not fit is refused without affecting the file.
// Not thread-safe.
class ContainerWriter {
public:
    static Result<std::unique_ptr<ContainerWriter>> Open(Schema schema, io::WritableFile* file,
                                                         WriterOptions options = {});

    Status Append(const Datum& record);
    // Writes the records appended so far as a block (nothing when there are none).
    Status Flush();
    // Flushes; no appends after it.
    Status Finish();

    const Schema& schema() const { return schema_; }
    uint64_t records_written() const { return records_written_; }

private:
    ContainerWriter(Schema schema, io::WritableFile* file, WriterOptions options);
    Status WriteHeader();

    Schema schema_;
    io::WritableFile* file_;
    WriterOptions options_;
    std::string sync_marker_;
    std::string block_;  // encoded records of the pending block
    int64_t block_records_ = 0;
    std::string scratch_;  // compressed block and framing
    uint64_t records_written_ = 0;
    bool finished_ = false;
};

// A whole container file holding `records`, in memory.
Result<std::string> WriteContainer(const Schema& schema, const std::vector<Datum>& records,
                                   const WriterOptions& options = {});

}  // namespace flashlake::format::avro
