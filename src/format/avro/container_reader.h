#pragma once

#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "common/result.h"
#include "format/avro/codec.h"
#include "format/avro/datum.h"
#include "format/avro/datum_reader.h"
#include "format/avro/schema.h"

namespace flashlake::io {
class RandomAccessFile;
}

namespace flashlake::format::avro {

struct ReaderOptions {
    // Read records as this schema (fields matched by name, see DatumReader); absent: as written.
    std::optional<Schema> reader_schema;
    // A block that decompresses to more than this is refused as corrupt.
    size_t max_block_bytes = 64 << 20;
    // A file larger than this is refused before it is read (Open from a RandomAccessFile).
    uint64_t max_file_bytes = 1ULL << 30;
};

// Reads an Avro object container file held whole in memory (manifests are small). Open checks
// the header; Next decodes records one at a time, a block at a time, checking each block's
// counts, sizes and sync marker. Any malformed input is kCorruption naming the file, the block
// and the byte offset; nothing is allocated beyond the input size and max_block_bytes.
// Not thread-safe; one reader per thread.
class ContainerReader {
public:
    // `name` labels errors (a path, usually).
    static Result<std::unique_ptr<ContainerReader>> Open(std::string bytes, ReaderOptions options = {},
                                                         std::string name = "<memory>");
    static Result<std::unique_ptr<ContainerReader>> Open(const io::RandomAccessFile& file, ReaderOptions options = {});

    const Schema& writer_schema() const { return *writer_schema_; }
    // The schema records are decoded as: the reader schema if one was given, else the writer's.
    const Schema& reader_schema() const { return *reader_schema_; }
    Codec codec() const { return codec_; }
    // File metadata in file order, avro.schema and avro.codec included.
    const std::vector<std::pair<std::string, std::string>>& metadata() const { return metadata_; }
    const std::string* FindMetadata(std::string_view key) const;

    // Decodes the next record into `out` (reusing its storage); false at the end of the file.
    // After an error every later call returns the same error.
    Result<bool> Next(Datum* out);
    // All remaining records.
    Result<std::vector<Datum>> ReadAll();

    uint64_t records_read() const { return records_read_; }
    uint64_t blocks_read() const { return blocks_read_; }

private:
    ContainerReader(std::string bytes, std::string name, ReaderOptions options);

    Status ReadHeader();
    Status ReadMetadata(BinaryDecoder* decoder);
    // Reads the next block header, data and sync marker; false at the end of the file.
    Result<bool> NextBlock();
    Result<bool> NextRecord(Datum* out);
    Status Fail(const Status& status) const;  // adds the file (and block) to a message

    std::string bytes_;
    std::string name_;
    ReaderOptions options_;
    std::optional<Schema> writer_schema_;  // set by ReadHeader
    std::optional<Schema> reader_schema_;
    std::optional<DatumReader> datum_reader_;
    Codec codec_ = Codec::kNull;
    std::vector<std::pair<std::string, std::string>> metadata_;
    std::string sync_marker_;

    size_t next_block_offset_ = 0;  // file offset of the next block header
    uint64_t block_offset_ = 0;     // file offset of the current block header
    std::string block_buffer_;      // decompressed data of the current block
    BinaryDecoder block_;           // over the current block's data
    int64_t block_records_left_ = 0;
    uint64_t records_read_ = 0;
    uint64_t blocks_read_ = 0;
    bool in_block_ = false;
    Status error_;  // the first decoding error, returned again by every later Next
};

}  // namespace flashlake::format::avro
