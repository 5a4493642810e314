#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "column/chunk.h"
#include "common/result.h"
#include "format/parquet/bloom_filter.h"
#include "format/parquet/column_cache.h"
#include "format/parquet/column_chunk_reader.h"
#include "format/parquet/column_statistics.h"
#include "format/parquet/parquet_metadata.h"
#include "format/parquet/parquet_schema.h"
#include "io/file_system.h"

namespace flashlake::format::parquet {

struct ReaderOptions {
    SchemaOptions schema;
    ColumnReadOptions columns;
    size_t batch_size = kChunkSize;  // rows per chunk a RowGroupReader returns
    // Footers larger than this are refused (a corrupt length must not size an allocation).
    size_t max_footer_size = size_t{256} << 20;
    // Decoded column chunks are looked up in and added to this cache when set, keyed by the
    // file's identity (io::RandomAccessFile::Identity(); no caching when it has none).
    ColumnCache* cache = nullptr;
};

class RowGroupReader;

// A Parquet file opened for reading: the footer parsed once, then any number of row groups read,
// possibly from several threads at once (the reader is immutable after Open; every read goes
// through RandomAccessFile::ReadAt, which is thread-safe).
//
// A scan selects leaf columns by index (schema().FindLeaf(name)), prunes row groups with
// PruneRowGroups, and reads each remaining row group with OpenRowGroup/Next into chunks of at most
// batch_size rows whose columns are in the order requested.
class ParquetReader {
public:
    static Result<std::unique_ptr<ParquetReader>> Open(std::shared_ptr<io::RandomAccessFile> file,
                                                       const ReaderOptions& options = {});
    static Result<std::unique_ptr<ParquetReader>> Open(io::FileSystem& fs, const std::string& path,
                                                       const ReaderOptions& options = {});

    const FileMetaData& metadata() const { return metadata_; }
    const ParquetSchema& schema() const { return schema_; }
    int64_t num_rows() const { return metadata_.num_rows; }
    int num_row_groups() const { return static_cast<int>(metadata_.row_groups.size()); }
    int64_t row_group_num_rows(int row_group) const { return metadata_.row_groups[row_group].num_rows; }
    const ColumnMetaData& column_metadata(int row_group, int leaf) const {
        return *metadata_.row_groups[row_group].columns[leaf].meta_data;
    }
    const std::string& path() const { return file_->path(); }

    // Chunk statistics of one column in one row group, as Values of the column's type.
    ColumnStatistics Statistics(int row_group, int leaf) const;

    // The page index of a column chunk; kNotFound when the writer wrote none.
    Result<ColumnIndex> ReadColumnIndex(int row_group, int leaf) const;
    Result<OffsetIndex> ReadOffsetIndex(int row_group, int leaf) const;
    // The bloom filter of a column chunk, or nullopt when it has none.
    Result<std::optional<BloomFilter>> ReadBloomFilter(int row_group, int leaf) const;

    // The row groups that may hold rows satisfying every predicate (a conjunction), judged by
    // chunk statistics, then by the page index (a row group none of whose pages can match is
    // skipped) and, for equality, bloom filters when `use_bloom_filters`.
    Result<std::vector<int>> PruneRowGroups(const std::vector<ColumnPredicate>& predicates,
                                            bool use_bloom_filters = true) const;

    // A reader of the given leaves of one row group. Unsupported leaves (see LeafColumn) are
    // kNotSupported here, naming the column.
    Result<std::unique_ptr<RowGroupReader>> OpenRowGroup(int row_group, const std::vector<int>& leaves) const;

    // Every row of the given leaves, all row groups, as chunks (tests and small files).
    Result<std::vector<Chunk>> ReadAll(const std::vector<int>& leaves) const;

private:
    ParquetReader(std::shared_ptr<io::RandomAccessFile> file, uint64_t file_size, ReaderOptions options)
        : file_(std::move(file)), file_size_(file_size), options_(std::move(options)) {}
    Status ParseFooter();
    Status Validate();
    Status CheckRange(const char* what, int64_t offset, int64_t length) const;
    Result<std::string> ReadRange(const char* what, int64_t offset, int64_t length) const;
    // Bytes [begin, begin + size) of a column chunk's pages.
    Status ChunkRange(int row_group, int leaf, uint64_t* begin, uint64_t* size) const;

    friend class RowGroupReader;

    std::shared_ptr<io::RandomAccessFile> file_;
    uint64_t file_size_;
    std::string cache_file_key_;  // path and identity, with options_.cache
    uint64_t data_end_ = 0;  // where the footer starts
    ReaderOptions options_;
    FileMetaData metadata_;
    ParquetSchema schema_;
};

// Reads the selected columns of one row group in chunks. Column chunk bytes are fetched when the
// reader opens (one read per column); decoding happens batch by batch in Next.
// With a column cache, a column found there is served from its cached batches instead (no read),
// and a column read whole is added to it.
class RowGroupReader {
public:
    // The next chunk of at most batch_size rows, or false once the row group is exhausted.
    Result<bool> Next(Chunk* chunk);
    int64_t rows_left() const { return rows_left_; }

private:
    friend class ParquetReader;
    RowGroupReader() = default;

    struct ColumnSource {
        std::unique_ptr<ColumnChunkReader> reader;  // null when served from the cache
        ColumnCache::Batches cached;
        std::optional<ColumnCache::Key> fill_key;  // add the batches read to the cache under it
        std::vector<ColumnPtr> filled;
        int64_t page_bytes = 0;  // uncompressed size of the chunk's pages (string values point into them)
    };
    void FillCache();

    std::vector<ColumnSource> columns_;
    ColumnCache* cache_ = nullptr;
    size_t batch_index_ = 0;
    int64_t rows_left_ = 0;
    size_t batch_size_ = kChunkSize;
};

}  // namespace flashlake::format::parquet
