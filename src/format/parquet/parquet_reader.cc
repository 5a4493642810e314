#include "format/parquet/parquet_reader.h"

#include <algorithm>
#include <cstring>

#include "format/parquet/compression.h"
#include "format/parquet/metadata_codec.h"

namespace flashlake::format::parquet {

namespace {

constexpr char kMagic[] = "PAR1";
constexpr char kEncryptedMagic[] = "PARE";
// Bloom filter headers are a few bytes; read this much when the writer did not record a length.
constexpr int64_t kBloomHeaderGuess = 64;
constexpr int32_t kMaxBloomFilterBytes = 128 << 20;
constexpr uint64_t kChunkPadding = 256;

}  // namespace

Result<std::unique_ptr<ParquetReader>> ParquetReader::Open(std::shared_ptr<io::RandomAccessFile> file,
                                                           const ReaderOptions& options) {
    FL_ASSIGN_OR_RETURN(uint64_t size, file->Size());
    std::unique_ptr<ParquetReader> reader(new ParquetReader(std::move(file), size, options));
    if (reader->options_.cache != nullptr) {
        // Cached columns are keyed by what the file is, not only where: a path can be reused.
        std::string identity = reader->file_->Identity();
        if (identity.empty()) {
            reader->options_.cache = nullptr;
        } else {
            reader->cache_file_key_ = reader->file_->path() + "\n" + identity;
        }
    }
    Status status = reader->ParseFooter();
    if (status.ok()) status = reader->Validate();
    if (!status.ok()) return status.WithContext("parquet file '" + reader->path() + "'");
    return reader;
}

Result<std::unique_ptr<ParquetReader>> ParquetReader::Open(io::FileSystem& fs, const std::string& path,
                                                           const ReaderOptions& options) {
    FL_ASSIGN_OR_RETURN(std::unique_ptr<io::RandomAccessFile> file, fs.OpenForRead(path));
    return Open(std::shared_ptr<io::RandomAccessFile>(std::move(file)), options);
}

Status ParquetReader::ParseFooter() {
    if (file_size_ < 12) {
        return Status::Corruption("file of " + std::to_string(file_size_) + " bytes is too small for Parquet");
    }
    char head[4];
    char tail[8];
    FL_RETURN_NOT_OK(file_->ReadAt(0, 4, head));
    FL_RETURN_NOT_OK(file_->ReadAt(file_size_ - 8, 8, tail));
    if (std::memcmp(tail + 4, kEncryptedMagic, 4) == 0) {
        return Status::NotSupported("encrypted Parquet files (PARE footer) are not supported");
    }
    if (std::memcmp(head, kMagic, 4) != 0 || std::memcmp(tail + 4, kMagic, 4) != 0) {
        return Status::Corruption("missing PAR1 magic bytes: not a Parquet file");
    }
    uint32_t footer_size;
    std::memcpy(&footer_size, tail, 4);
    if (footer_size == 0 || footer_size > file_size_ - 12 || footer_size > options_.max_footer_size) {
        return Status::Corruption("footer length " + std::to_string(footer_size) + " does not fit a file of " +
                                  std::to_string(file_size_) + " bytes");
    }
    data_end_ = file_size_ - 8 - footer_size;
    std::string footer(footer_size, '\0');
    FL_RETURN_NOT_OK(file_->ReadAt(file_size_ - 8 - footer_size, footer_size, footer.data()));
    FL_RETURN_NOT_OK(DecodeFileMetaData(reinterpret_cast<const uint8_t*>(footer.data()), footer.size(), &metadata_));
    if (metadata_.encrypted) return Status::NotSupported("encrypted Parquet files are not supported");
    FL_ASSIGN_OR_RETURN(schema_, ParquetSchema::Make(metadata_.schema, options_.schema));
    return Status::OK();
}

Status ParquetReader::Validate() {
    if (metadata_.num_rows < 0) return Status::Corruption("negative row count");
    const size_t num_leaves = schema_.num_leaves();
    if (!metadata_.column_orders.empty() && metadata_.column_orders.size() != num_leaves) {
        metadata_.column_orders.clear();  // inconsistent: trust no order rather than a wrong one
    }
    for (size_t g = 0; g < metadata_.row_groups.size(); ++g) {
        const RowGroup& group = metadata_.row_groups[g];
        std::string where = "row group " + std::to_string(g);
        if (group.num_rows < 0) return Status::Corruption(where + ": negative row count");
        if (group.columns.size() != num_leaves) {
            return Status::Corruption(where + " has " + std::to_string(group.columns.size()) + " columns, schema has " +
                                      std::to_string(num_leaves));
        }
        for (size_t c = 0; c < num_leaves; ++c) {
            const ColumnChunk& chunk = group.columns[c];
            const LeafColumn& leaf = schema_.leaf(c);
            if (chunk.encrypted) return Status::NotSupported("encrypted column chunks are not supported");
            if (chunk.file_path) {
                return Status::NotSupported(where + ", column '" + leaf.name + "' is stored in another file");
            }
            if (!chunk.meta_data) return Status::Corruption(where + ", column '" + leaf.name + "' has no metadata");
            const ColumnMetaData& meta = *chunk.meta_data;
            if (meta.type != leaf.physical) {
                return Status::Corruption(where + ", column '" + leaf.name + "' is " + PhysicalKindName(meta.type) +
                                          " but the schema says " + PhysicalKindName(leaf.physical));
            }
            if (meta.num_values < 0 || meta.total_compressed_size < 0) {
                return Status::Corruption(where + ", column '" + leaf.name + "' has negative sizes");
            }
        }
    }
    return Status::OK();
}

Status ParquetReader::CheckRange(const char* what, int64_t offset, int64_t length) const {
    if (offset < 0 || length < 0 || static_cast<uint64_t>(offset) > file_size_ ||
        static_cast<uint64_t>(length) > file_size_ - static_cast<uint64_t>(offset)) {
        return Status::Corruption(std::string(what) + " at offset " + std::to_string(offset) + " of " +
                                  std::to_string(length) + " bytes lies outside the file of " +
                                  std::to_string(file_size_) + " bytes");
    }
    return Status::OK();
}

Result<std::string> ParquetReader::ReadRange(const char* what, int64_t offset, int64_t length) const {
    FL_RETURN_NOT_OK(CheckRange(what, offset, length));
    std::string bytes(static_cast<size_t>(length), '\0');
    FL_RETURN_NOT_OK(file_->ReadAt(static_cast<uint64_t>(offset), bytes.size(), bytes.data()));
    return bytes;
}

Status ParquetReader::ChunkRange(int row_group, int leaf, uint64_t* begin, uint64_t* size) const {
    const ColumnMetaData& meta = column_metadata(row_group, leaf);
    int64_t start = meta.data_page_offset;
    // Some writers record a dictionary offset of 0 when there is no dictionary; only an offset
    // before the first data page can be the dictionary page.
    if (meta.dictionary_page_offset && *meta.dictionary_page_offset > 0 && *meta.dictionary_page_offset < start) {
        start = *meta.dictionary_page_offset;
    }
    std::string what = "column chunk '" + schema_.leaf(leaf).name + "' of row group " + std::to_string(row_group);
    FL_RETURN_NOT_OK(CheckRange(what.c_str(), start, meta.total_compressed_size));
    *begin = static_cast<uint64_t>(start);
    *size = static_cast<uint64_t>(meta.total_compressed_size);
    return Status::OK();
}

ColumnStatistics ParquetReader::Statistics(int row_group, int leaf) const {
    const ColumnMetaData& meta = column_metadata(row_group, leaf);
    bool type_defined_order = metadata_.column_orders.empty() || metadata_.column_orders[leaf];
    if (!meta.statistics) {
        ColumnStatistics none;
        none.num_values = meta.num_values;
        return none;
    }
    return ConvertStatistics(schema_.leaf(leaf), *meta.statistics, meta.num_values, type_defined_order);
}

Result<ColumnIndex> ParquetReader::ReadColumnIndex(int row_group, int leaf) const {
    const ColumnChunk& chunk = metadata_.row_groups[row_group].columns[leaf];
    if (!chunk.column_index_offset || !chunk.column_index_length) {
        return Status::NotFound("column '" + schema_.leaf(leaf).name + "' has no column index");
    }
    FL_ASSIGN_OR_RETURN(std::string bytes,
                        ReadRange("column index", *chunk.column_index_offset, *chunk.column_index_length));
    ColumnIndex index;
    FL_RETURN_NOT_OK(DecodeColumnIndex(reinterpret_cast<const uint8_t*>(bytes.data()), bytes.size(), &index));
    size_t pages = index.null_pages.size();
    if (index.min_values.size() != pages || index.max_values.size() != pages ||
        (!index.null_counts.empty() && index.null_counts.size() != pages)) {
        return Status::Corruption("column index of '" + schema_.leaf(leaf).name + "' has lists of different lengths");
    }
    return index;
}

Result<OffsetIndex> ParquetReader::ReadOffsetIndex(int row_group, int leaf) const {
    const ColumnChunk& chunk = metadata_.row_groups[row_group].columns[leaf];
    if (!chunk.offset_index_offset || !chunk.offset_index_length) {
        return Status::NotFound("column '" + schema_.leaf(leaf).name + "' has no offset index");
    }
    FL_ASSIGN_OR_RETURN(std::string bytes,
                        ReadRange("offset index", *chunk.offset_index_offset, *chunk.offset_index_length));
    OffsetIndex index;
    FL_RETURN_NOT_OK(DecodeOffsetIndex(reinterpret_cast<const uint8_t*>(bytes.data()), bytes.size(), &index));
    return index;
}

Result<std::optional<BloomFilter>> ParquetReader::ReadBloomFilter(int row_group, int leaf) const {
    const ColumnMetaData& meta = column_metadata(row_group, leaf);
    if (!meta.bloom_filter_offset) return std::optional<BloomFilter>();
    int64_t offset = *meta.bloom_filter_offset;
    int64_t guess = meta.bloom_filter_length ? *meta.bloom_filter_length : kBloomHeaderGuess;
    if (offset >= 0 && static_cast<uint64_t>(offset) < file_size_) {
        guess = std::min<int64_t>(guess, static_cast<int64_t>(file_size_) - offset);
    }
    FL_ASSIGN_OR_RETURN(std::string head, ReadRange("bloom filter", offset, guess));
    BloomFilterHeader header;
    size_t header_size = 0;
    FL_RETURN_NOT_OK(
        DecodeBloomFilterHeader(reinterpret_cast<const uint8_t*>(head.data()), head.size(), &header, &header_size));
    if (!header.algorithm_block || !header.hash_xxhash || !header.compression_uncompressed) {
        return Status::NotSupported("bloom filter of '" + schema_.leaf(leaf).name +
                                    "' uses an algorithm, hash or compression other than split-block/XXH64/none");
    }
    if (header.num_bytes <= 0 || header.num_bytes > kMaxBloomFilterBytes) {
        return Status::Corruption("bloom filter of " + std::to_string(header.num_bytes) + " bytes");
    }
    std::string bitset;
    int64_t bitset_offset = offset + static_cast<int64_t>(header_size);
    if (static_cast<int64_t>(head.size()) >= static_cast<int64_t>(header_size) + header.num_bytes) {
        bitset = head.substr(header_size, static_cast<size_t>(header.num_bytes));
    } else {
        FL_ASSIGN_OR_RETURN(bitset, ReadRange("bloom filter bitset", bitset_offset, header.num_bytes));
    }
    FL_ASSIGN_OR_RETURN(BloomFilter filter, BloomFilter::FromBitset(std::move(bitset)));
    return std::optional<BloomFilter>(std::move(filter));
}

namespace {

// Whether some page of a column chunk may satisfy `predicate`, by the chunk's column index; true
// when there is no usable one (a missing or unreadable page index costs only the pruning).
bool PagesMayMatch(const ParquetReader& reader, int row_group, const ColumnPredicate& predicate,
                   const ColumnStatistics& chunk) {
    const LeafColumn& leaf = reader.schema().leaf(predicate.leaf);
    // The page index is trusted as far as the chunk's own bounds are (column order, NaN).
    if (!chunk.min || !chunk.max || leaf.type.IsFloating() || leaf.max_repetition_level > 0 ||
        predicate.op == CompareOp::kNotEqual) {
        return true;
    }
    if (!reader.column_metadata(row_group, predicate.leaf).statistics) return true;
    Result<ColumnIndex> index = reader.ReadColumnIndex(row_group, predicate.leaf);
    if (!index.ok() || index->null_pages.empty() || index->min_values.size() != index->null_pages.size() ||
        index->max_values.size() != index->null_pages.size()) {
        return true;
    }
    for (size_t p = 0; p < index->null_pages.size(); ++p) {
        ColumnStatistics page;
        if (p < index->null_counts.size()) page.null_count = index->null_counts[p];
        if (index->null_pages[p]) {
            page.num_values = std::max<int64_t>(page.null_count.value_or(1), 1);
            page.null_count = page.num_values;  // only NULLs
        } else {
            page.num_values = page.null_count.value_or(0) + 1;  // at least one value
            Result<Value> min = DecodeStatisticsValue(leaf, index->min_values[p]);
            Result<Value> max = DecodeStatisticsValue(leaf, index->max_values[p]);
            if (min.ok()) page.min = std::move(min).value();
            if (max.ok()) page.max = std::move(max).value();
            page.min_exact = page.max_exact = false;  // page bounds of byte arrays may be cut
        }
        if (StatisticsMayMatch(leaf, page, predicate)) return true;
    }
    return false;
}

}  // namespace

Result<std::vector<int>> ParquetReader::PruneRowGroups(const std::vector<ColumnPredicate>& predicates,
                                                       bool use_bloom_filters) const {
    for (const ColumnPredicate& predicate : predicates) {
        if (predicate.leaf < 0 || static_cast<size_t>(predicate.leaf) >= schema_.num_leaves()) {
            return Status::InvalidArgument("predicate on leaf " + std::to_string(predicate.leaf) + " of " +
                                           std::to_string(schema_.num_leaves()));
        }
    }
    std::vector<int> kept;
    for (int g = 0; g < num_row_groups(); ++g) {
        bool may_match = true;
        for (const ColumnPredicate& predicate : predicates) {
            const LeafColumn& leaf = schema_.leaf(predicate.leaf);
            ColumnStatistics chunk = Statistics(g, predicate.leaf);
            // The chunk's bounds first, then its pages' (a gap between pages can rule it out).
            if (!StatisticsMayMatch(leaf, chunk, predicate) || !PagesMayMatch(*this, g, predicate, chunk)) {
                may_match = false;
                break;
            }
            if (use_bloom_filters && predicate.op == CompareOp::kEqual) {
                std::optional<std::string> plain = EncodePhysicalValue(leaf, predicate.value);
                if (!plain) continue;
                Result<std::optional<BloomFilter>> filter = ReadBloomFilter(g, predicate.leaf);
                // A bloom filter that cannot be read only costs the pruning, never the scan.
                if (filter.ok() && filter->has_value() && !(*filter)->MightContain(*plain)) {
                    may_match = false;
                    break;
                }
            }
        }
        if (may_match) kept.push_back(g);
    }
    return kept;
}

Result<std::unique_ptr<RowGroupReader>> ParquetReader::OpenRowGroup(int row_group,
                                                                    const std::vector<int>& leaves) const {
    if (row_group < 0 || row_group >= num_row_groups()) {
        return Status::InvalidArgument("row group " + std::to_string(row_group) + " of " +
                                       std::to_string(num_row_groups()));
    }
    std::unique_ptr<RowGroupReader> reader(new RowGroupReader());
    reader->rows_left_ = row_group_num_rows(row_group);
    reader->batch_size_ = options_.batch_size == 0 ? kChunkSize : options_.batch_size;
    reader->cache_ = options_.cache != nullptr && options_.cache->enabled() ? options_.cache : nullptr;
    for (int index : leaves) {
        if (index < 0 || static_cast<size_t>(index) >= schema_.num_leaves()) {
            return Status::InvalidArgument("leaf " + std::to_string(index) + " of " +
                                           std::to_string(schema_.num_leaves()));
        }
        const LeafColumn& leaf = schema_.leaf(index);
        if (!leaf.supported) return Status::NotSupported(leaf.unsupported_reason).WithContext(path());
        const ColumnMetaData& meta = column_metadata(row_group, index);
        if (!IsCodecSupported(meta.codec)) {
            return Status::NotSupported("column '" + leaf.name + "' uses compression codec " + CodecName(meta.codec))
                .WithContext(path());
        }
        RowGroupReader::ColumnSource source;
        if (reader->cache_ != nullptr) {
            ColumnCache::Key key{cache_file_key_, file_size_, row_group, index, reader->batch_size_,
                                 options_.columns.keep_dictionary};
            source.cached = reader->cache_->Lookup(key);
            if (source.cached) {
                reader->columns_.push_back(std::move(source));
                continue;
            }
            source.fill_key = std::move(key);
            source.page_bytes = meta.total_uncompressed_size;
        }
        uint64_t begin, size;
        Status status = ChunkRange(row_group, index, &begin, &size);
        if (!status.ok()) return status.WithContext("parquet file '" + path() + "'");
        // Some old writers recorded total_compressed_size a few bytes short (the dictionary page
        // header missing from it); read a little past it, never into the footer, and let page
        // decoding stop when the chunk's values are complete.
        uint64_t padded = std::min<uint64_t>(size + kChunkPadding, begin < data_end_ ? data_end_ - begin : 0);
        padded = std::max(padded, size);
        ByteBufferPtr bytes = ByteBuffer::Allocate(padded);
        FL_RETURN_NOT_OK(file_->ReadAt(begin, padded, reinterpret_cast<char*>(bytes->data.get())));
        source.reader = std::make_unique<ColumnChunkReader>(leaf, meta.codec, std::move(bytes), 0, padded, options_.columns);
        reader->columns_.push_back(std::move(source));
    }
    return reader;
}

Result<std::vector<Chunk>> ParquetReader::ReadAll(const std::vector<int>& leaves) const {
    std::vector<Chunk> chunks;
    for (int g = 0; g < num_row_groups(); ++g) {
        FL_ASSIGN_OR_RETURN(std::unique_ptr<RowGroupReader> reader, OpenRowGroup(g, leaves));
        Chunk chunk;
        while (true) {
            Result<bool> more = reader->Next(&chunk);
            if (!more.ok()) return more.status().WithContext("parquet file '" + path() + "'");
            if (!*more) break;
            chunks.push_back(std::move(chunk));
        }
    }
    return chunks;
}

Result<bool> RowGroupReader::Next(Chunk* chunk) {
    if (rows_left_ <= 0) return false;
    size_t rows = static_cast<size_t>(std::min<int64_t>(rows_left_, static_cast<int64_t>(batch_size_)));
    std::vector<ColumnPtr> columns;
    columns.reserve(columns_.size());
    for (auto& column : columns_) {
        if (column.cached) {
            if (batch_index_ >= column.cached->size() || (*column.cached)[batch_index_]->size() != rows) {
                return Status::Internal("cached column chunk has a different batch layout");
            }
            columns.push_back((*column.cached)[batch_index_]);
            continue;
        }
        FL_ASSIGN_OR_RETURN(ColumnPtr values, column.reader->Read(rows));
        if (column.fill_key) column.filled.push_back(values);
        columns.push_back(std::move(values));
    }
    *chunk = Chunk(std::move(columns), rows);
    rows_left_ -= static_cast<int64_t>(rows);
    ++batch_index_;
    if (rows_left_ == 0) FillCache();
    return true;
}

void RowGroupReader::FillCache() {
    for (auto& column : columns_) {
        if (!column.fill_key) continue;
        // Dictionary batches share their chunk's dictionary: count it once. String values point
        // into the decoded pages, which the columns keep alive.
        size_t bytes = 0;
        std::vector<const Column*> dictionaries;
        bool strings = false;
        for (const auto& batch : column.filled) {
            strings = strings || batch->type().physical() == PhysicalType::kString;
            if (batch->encoding() != ColumnEncoding::kDictionary) {
                bytes += batch->MemoryUsage();
                continue;
            }
            bytes += batch->size() * sizeof(int32_t);
            const Column* dictionary = &batch->dictionary();
            if (std::find(dictionaries.begin(), dictionaries.end(), dictionary) == dictionaries.end()) {
                dictionaries.push_back(dictionary);
                bytes += dictionary->MemoryUsage();
            }
        }
        if (strings) bytes += static_cast<size_t>(std::max<int64_t>(column.page_bytes, 0));
        cache_->Insert(*column.fill_key, ColumnCache::MoveToHugePages(std::move(column.filled)), bytes);
        column.fill_key.reset();
    }
}

}  // namespace flashlake::format::parquet
