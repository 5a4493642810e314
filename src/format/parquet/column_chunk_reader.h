#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <vector>

#include "column/column.h"
#include "common/arena.h"
#include "common/result.h"
#include "format/parquet/byte_buffer.h"
#include "format/parquet/level_decoder.h"
#include "format/parquet/parquet_schema.h"
#include "format/parquet/value_decoder.h"

namespace flashlake::format::parquet {

struct ColumnReadOptions {
    // String columns whose pages are dictionary encoded come back as kDictionary columns (codes
    // into the chunk's dictionary, which then carries one extra NULL entry for nullable columns),
    // so filters and group-bys can work on codes. Off: always flat.
    bool keep_dictionary = true;
    // Check the CRC-32 of pages that carry one (kCorruption on mismatch).
    bool verify_checksums = false;
    // Pages whose header claims more bytes than this are refused rather than allocated.
    size_t max_page_size = size_t{512} << 20;
};

// Reads the pages of one column chunk of a non-repeated leaf, batch by batch, into Flashlake
// columns. The chunk's bytes are read into memory once; uncompressed pages are decoded in place
// and compressed ones into a buffer per page, and string values stay views into those buffers
// (the output columns keep them alive).
//
// Decoding is vectorised per batch: levels are decoded for the batch, the non-null values are
// decoded densely into the output column (or into a scratch buffer and converted), and then
// spread out to their rows from the back, so no value is copied twice when there are no NULLs.
class ColumnChunkReader {
public:
    // `chunk` holds the column chunk's pages in [begin, begin + size); `num_values` is the chunk's
    // value count from its metadata.
    ColumnChunkReader(const LeafColumn& leaf, CompressionCodec codec, ByteBufferPtr chunk, size_t begin, size_t size,
                      const ColumnReadOptions& options);

    // The next `rows` rows; kCorruption if the chunk ends first.
    Result<ColumnPtr> Read(size_t rows);

    int64_t rows_read() const { return rows_read_; }

private:
    Status LoadNextPage();
    Status ReadDictionaryPage(const PageHeader& header, const uint8_t* stored, size_t stored_size);
    Status SetUpDataPage(const PageHeader& header, const uint8_t* stored, size_t stored_size);
    // Uncompressed bytes of a page (or of a v2 page's values section).
    Status Uncompress(const uint8_t* stored, size_t stored_size, int64_t uncompressed_size, bool compressed,
                      ByteBufferPtr* owner, const uint8_t** data, size_t* size);

    // Decodes `count` non-null values of the current page into `out` (storage values of `column`).
    Status DecodeDense(Column* column, void* out, size_t count);
    Status DecodeIndices(size_t count);
    Arena* BatchArena(Column* column);
    void KeepPageAlive(Column* column);
    // Turns the codes gathered so far in dictionary mode into a flat column.
    ColumnPtr MaterializeCodes(size_t rows, size_t filled, const std::vector<int32_t>& codes);
    Status Fail(const std::string& what) const;

    LeafColumn leaf_;
    CompressionCodec codec_;
    ColumnReadOptions options_;
    ByteBufferPtr chunk_;
    size_t position_;  // next page header in chunk_
    size_t end_;
    int64_t rows_read_ = 0;
    bool nullable_;
    bool dictionary_output_;  // keep_dictionary applies to this column
    size_t storage_size_;     // bytes of one storage value of leaf_.type

    // Dictionary of the chunk, converted to the storage type; with a trailing NULL entry when the
    // column is nullable (the code NULL rows get in dictionary output).
    ColumnPtr dictionary_;
    size_t dictionary_size_ = 0;  // entries excluding the NULL one

    // Current data page.
    int64_t page_values_left_ = 0;
    bool page_is_dictionary_encoded_ = false;
    ByteBufferPtr page_owner_;  // the bytes string views of this page point into
    LevelDecoder definition_levels_;
    std::unique_ptr<ValueDecoder> values_;
    DictionaryIndexDecoder indices_;

    // Per batch.
    std::shared_ptr<Arena> batch_arena_;
    const void* kept_alive_ = nullptr;
    std::vector<int16_t> levels_;
    std::vector<int32_t> index_buffer_;
    std::vector<int128_t> scratch_;  // 16-byte aligned bytes for decoded physical values
};

}  // namespace flashlake::format::parquet
