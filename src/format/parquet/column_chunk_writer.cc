#include "format/parquet/column_chunk_writer.h"

#include <zlib.h>

#include <algorithm>
#include <bit>
#include <cmath>
#include <cstring>
#include <string_view>
#include <unordered_map>
#include <unordered_set>

#include "common/arena.h"
#include "format/parquet/bit_packing.h"
#include "format/parquet/compression.h"
#include "format/parquet/metadata_codec.h"
#include "format/parquet/page_statistics.h"
#include "format/parquet/rle_hybrid.h"
#include "types/int128.h"

namespace flashlake::format::parquet {

namespace {

// Dictionary keys: floating point values by their bits (so NaN finds itself and -0 stays apart
// from +0), everything else by value.
template <typename P>
struct DictionaryKey {
    using Type = P;
    static Type Of(const P& value) { return value; }
};
template <>
struct DictionaryKey<float> {
    using Type = uint32_t;
    static Type Of(float value) {
        uint32_t bits;
        std::memcpy(&bits, &value, 4);
        return bits;
    }
};
template <>
struct DictionaryKey<double> {
    using Type = uint64_t;
    static Type Of(double value) {
        uint64_t bits;
        std::memcpy(&bits, &value, 8);
        return bits;
    }
};

struct KeyHash {
    size_t operator()(int128_t value) const {
        auto bits = static_cast<uint128_t>(value);
        return std::hash<uint64_t>()(static_cast<uint64_t>(bits) ^ static_cast<uint64_t>(bits >> 64) * 31);
    }
    template <typename T>
    size_t operator()(const T& value) const {
        return std::hash<T>()(value);
    }
};

// Dictionary positions of integer keys: open addressing in power-of-two tables (the hot path of
// dictionary encoding, where std::unordered_map's node per key and modulo dominate).
template <typename K>
class IntegerIndexMap {
public:
    static constexpr uint32_t kEmpty = UINT32_MAX;

    // The position stored for `key`, or kEmpty.
    uint32_t Find(K key) const {
        if (slots_.empty()) return kEmpty;
        for (size_t slot = SlotOf(key);; slot = (slot + 1) & mask_) {
            if (slots_[slot].index == kEmpty) return kEmpty;
            if (slots_[slot].key == key) return slots_[slot].index;
        }
    }
    void Insert(K key, uint32_t index) {
        if ((size_ + 1) * 2 > slots_.size()) Grow();
        size_t slot = SlotOf(key);
        while (slots_[slot].index != kEmpty) slot = (slot + 1) & mask_;
        slots_[slot] = {key, index};
        ++size_;
    }
    void clear() {
        slots_.clear();
        size_ = 0;
        mask_ = 0;
    }

private:
    struct Slot {
        K key;
        uint32_t index;
    };
    size_t SlotOf(K key) const {
        // Fibonacci hashing: the multiply mixes every key bit into the high bits used.
        uint64_t bits = static_cast<uint64_t>(key) * 0x9E3779B97F4A7C15ULL;
        return static_cast<size_t>(bits >> shift_) & mask_;
    }
    void Grow() {
        std::vector<Slot> old = std::move(slots_);
        size_t capacity = old.empty() ? 1024 : old.size() * 2;
        slots_.assign(capacity, Slot{K{}, kEmpty});
        mask_ = capacity - 1;
        shift_ = 64 - static_cast<int>(std::countr_zero(capacity));
        size_ = 0;
        for (const Slot& slot : old) {
            if (slot.index != kEmpty) Insert(slot.key, slot.index);
        }
    }

    std::vector<Slot> slots_;
    size_t size_ = 0;
    size_t mask_ = 0;
    int shift_ = 64;
};

// The dictionary index of a value type: IntegerIndexMap for integer keys, a hash map otherwise.
template <typename Key, typename Hash, bool = std::is_integral_v<Key>>
struct DictionaryIndexMap {
    std::unordered_map<Key, uint32_t, Hash> map;
    uint32_t Find(const Key& key) const {
        auto found = map.find(key);
        return found == map.end() ? IntegerIndexMap<uint64_t>::kEmpty : found->second;
    }
    void Insert(const Key& key, uint32_t index) { map.emplace(key, index); }
    void clear() { map.clear(); }
};
template <typename Key, typename Hash>
struct DictionaryIndexMap<Key, Hash, true> : IntegerIndexMap<Key> {};

// P is the value type while encoding: uint8_t (BOOLEAN), int32_t, int64_t, float, double,
// std::string_view (BYTE_ARRAY) or int128_t (FIXED_LEN_BYTE_ARRAY decimals); S is the storage
// type of the Flashlake column it is read from.
template <typename P, typename S>
class TypedColumnChunkWriter final : public ColumnChunkWriter {
public:
    TypedColumnChunkWriter(const WriterColumn& column, const PhysicalLayout& layout, const WriterOptions& options,
                           bool bloom_filter)
        : column_(column),
          layout_(layout),
          options_(options),
          bloom_filter_(bloom_filter),
          codec_(PlainCodec<P>(layout.type_length)),
          dictionary_mode_(options.dictionary && !std::is_same_v<P, uint8_t>) {}

    Status Write(const Column& column, size_t offset, size_t count) override {
        switch (column.encoding()) {
            case ColumnEncoding::kFlat: {
                const S* data = column.Data<S>();
                const ValidityMask& validity = column.validity();
                if constexpr (kBatchable) {
                    if (validity.AllValid() && !bloom_filter_) return WriteValid(data + offset, count);
                }
                for (size_t i = offset; i < offset + count; ++i) {
                    FL_RETURN_NOT_OK(Append(validity.IsValid(i), data[i]));
                }
                return Status::OK();
            }
            case ColumnEncoding::kConstant: {
                const bool valid = column.validity().IsValid(0);
                const S value = column.Data<S>()[0];
                for (size_t i = 0; i < count; ++i) FL_RETURN_NOT_OK(Append(valid, value));
                return Status::OK();
            }
            case ColumnEncoding::kDictionary: {
                const Column& dictionary = column.dictionary();
                const S* data = dictionary.Data<S>();
                const int32_t* codes = column.codes();
                for (size_t i = offset; i < offset + count; ++i) {
                    FL_RETURN_NOT_OK(Append(dictionary.validity().IsValid(codes[i]), data[codes[i]]));
                }
                return Status::OK();
            }
        }
        return Status::Internal("unknown column encoding");
    }

    size_t buffered_bytes() const override {
        return pages_.size() + page_plain_bytes_ + (dictionary_mode_ ? dictionary_bytes_ : 0);
    }

    Result<EncodedChunk> Finish() override;

private:
    // Integer values take the batched path (no NaN, fixed PLAIN width).
    static constexpr bool kBatchable = std::is_same_v<P, int32_t> || std::is_same_v<P, int64_t>;

    // `count` non-NULL values a page at a time: the same pages, statistics and encodings as
    // Append value by value, without its per-value bookkeeping.
    Status WriteValid(const S* data, size_t count) {
        while (count > 0) {
            size_t room = options_.page_rows - page_rows_;
            size_t byte_room = (options_.page_size - page_plain_bytes_ + sizeof(P) - 1) / sizeof(P);
            size_t n = std::min({count, room, byte_room});
            if (column_.nullable) definition_levels_.insert(definition_levels_.end(), n, 1);
            P low = static_cast<P>(data[0]), high = low;
            for (size_t i = 1; i < n; ++i) {
                P value = static_cast<P>(data[i]);
                low = value < low ? value : low;
                high = high < value ? value : high;
            }
            page_stats_.Update(low);
            page_stats_.Update(high);
            page_plain_bytes_ += n * sizeof(P);
            if (dictionary_mode_) {
                size_t base = indices_.size();
                indices_.resize(base + n);
                for (size_t i = 0; i < n; ++i) indices_[base + i] = DictionaryIndex(static_cast<P>(data[i]));
            } else if constexpr (std::is_same_v<P, S>) {
                plain_.append(reinterpret_cast<const char*>(data), n * sizeof(P));
            } else {
                size_t base = plain_.size();
                plain_.resize(base + n * sizeof(P));
                for (size_t i = 0; i < n; ++i) {
                    P value = static_cast<P>(data[i]);
                    std::memcpy(plain_.data() + base + i * sizeof(P), &value, sizeof(P));
                }
            }
            page_rows_ += n;
            data += n;
            count -= n;
            if (page_rows_ >= options_.page_rows || page_plain_bytes_ >= options_.page_size) {
                FL_RETURN_NOT_OK(FlushPage());
            }
        }
        return Status::OK();
    }

    Status Append(bool valid, const S& stored) {
        if (!valid) {
            if (!column_.nullable) {
                return Status::InvalidArgument("column '" + column_.name + "' is NOT NULL but a row is NULL");
            }
            definition_levels_.push_back(0);
            ++page_nulls_;
        } else {
            if (column_.nullable) definition_levels_.push_back(1);
            P value = codec_.FromStorage(stored);
            page_stats_.Update(value);
            if (bloom_filter_) hashes_.insert(codec_.Hash(value));
            page_plain_bytes_ += codec_.PlainSize(value);
            if (dictionary_mode_) {
                indices_.push_back(DictionaryIndex(value));
            } else {
                codec_.AppendPlain(value, &plain_);
            }
        }
        ++page_rows_;
        if (page_rows_ >= options_.page_rows || page_plain_bytes_ >= options_.page_size) return FlushPage();
        return Status::OK();
    }

    uint32_t DictionaryIndex(const P& value) {
        auto key = DictionaryKey<P>::Of(value);
        if (uint32_t found = dictionary_index_.Find(key); found != IntegerIndexMap<uint64_t>::kEmpty) return found;
        P owned = value;
        if constexpr (std::is_same_v<P, std::string_view>) {
            char* bytes = dictionary_arena_.Allocate(value.size());
            if (!value.empty()) std::memcpy(bytes, value.data(), value.size());
            owned = std::string_view(bytes, value.size());
            key = owned;
        }
        auto index = static_cast<uint32_t>(dictionary_values_.size());
        dictionary_values_.push_back(owned);
        dictionary_index_.Insert(key, index);
        dictionary_bytes_ += codec_.PlainSize(value);
        return index;
    }

    Status FlushPage();
    Status WriteDataPage(std::string_view values, Encoding encoding);
    std::string EncodeIndices() const;
    void SwitchPageToPlain();

    WriterColumn column_;
    PhysicalLayout layout_;
    WriterOptions options_;
    bool bloom_filter_;
    PlainCodec<P> codec_;

    // Dictionary state of the chunk.
    bool dictionary_mode_;
    bool dictionary_decided_ = false;  // the first page settled whether the dictionary pays
    bool dictionary_used_ = false;     // some page of the chunk is dictionary encoded
    DictionaryIndexMap<typename DictionaryKey<P>::Type, KeyHash> dictionary_index_;
    std::vector<P> dictionary_values_;
    Arena dictionary_arena_{16 * 1024};
    size_t dictionary_bytes_ = 0;

    // The open page.
    std::vector<uint32_t> definition_levels_;
    std::vector<uint32_t> indices_;
    std::string plain_;
    size_t page_rows_ = 0;
    size_t page_nulls_ = 0;
    size_t page_plain_bytes_ = 0;
    MinMax<P> page_stats_;

    // Closed pages of the chunk.
    std::string pages_;
    int64_t chunk_rows_ = 0;
    int64_t chunk_nulls_ = 0;
    int64_t uncompressed_bytes_ = 0;
    int32_t data_pages_ = 0;
    int32_t dictionary_pages_ = 0;  // data pages that are dictionary encoded
    MinMax<P> chunk_stats_;
    std::vector<MinMax<P>> page_ranges_;
    ColumnIndex column_index_;
    OffsetIndex offset_index_;
    std::unordered_set<uint64_t> hashes_;
};

template <typename P, typename S>
std::string TypedColumnChunkWriter<P, S>::EncodeIndices() const {
    std::string out;
    int bit_width = BitWidthOf(dictionary_values_.empty() ? 0 : dictionary_values_.size() - 1);
    out.push_back(static_cast<char>(bit_width));
    EncodeRleHybrid(indices_.data(), indices_.size(), bit_width, &out);
    return out;
}

template <typename P, typename S>
void TypedColumnChunkWriter<P, S>::SwitchPageToPlain() {
    plain_.clear();
    for (uint32_t index : indices_) codec_.AppendPlain(dictionary_values_[index], &plain_);
    indices_.clear();
}

template <typename P, typename S>
Status TypedColumnChunkWriter<P, S>::FlushPage() {
    if (page_rows_ == 0) return Status::OK();
    if (dictionary_mode_) {
        std::string indices = EncodeIndices();
        if (!dictionary_decided_) {
            // The dictionary pays when it and the indices take less than PLAIN would.
            dictionary_decided_ = true;
            if (dictionary_bytes_ + indices.size() >= page_plain_bytes_) {
                dictionary_mode_ = false;
                SwitchPageToPlain();
                dictionary_values_.clear();
                dictionary_index_.clear();
                return WriteDataPage(codec_.FinishPlain(plain_, page_rows_ - page_nulls_), Encoding::kPlain);
            }
        }
        dictionary_used_ = true;
        ++dictionary_pages_;
        FL_RETURN_NOT_OK(WriteDataPage(indices, Encoding::kRleDictionary));
        // A dictionary that outgrew its page size makes the rest of the chunk PLAIN.
        if (dictionary_bytes_ > options_.dictionary_page_size) dictionary_mode_ = false;
        return Status::OK();
    }
    return WriteDataPage(codec_.FinishPlain(plain_, page_rows_ - page_nulls_), Encoding::kPlain);
}

template <typename P, typename S>
Status TypedColumnChunkWriter<P, S>::WriteDataPage(std::string_view values, Encoding encoding) {
    std::string body;
    if (column_.nullable) {
        std::string levels;
        EncodeRleHybrid(definition_levels_.data(), definition_levels_.size(), 1, &levels);
        auto length = static_cast<uint32_t>(levels.size());
        body.append(reinterpret_cast<const char*>(&length), 4);
        body += levels;
    }
    body.append(values.data(), values.size());
    std::string compressed;
    FL_RETURN_NOT_OK(Compress(options_.codec, reinterpret_cast<const uint8_t*>(body.data()), body.size(),
                              options_.compression_level, &compressed));

    PageHeader header;
    header.type = PageType::kDataPage;
    header.uncompressed_page_size = static_cast<int32_t>(body.size());
    header.compressed_page_size = static_cast<int32_t>(compressed.size());
    if (options_.write_page_checksums) {
        header.crc = static_cast<int32_t>(
            crc32(0, reinterpret_cast<const Bytef*>(compressed.data()), static_cast<uInt>(compressed.size())));
    }
    DataPageHeader& page = header.data_page_header.emplace();
    page.num_values = static_cast<int32_t>(page_rows_);
    page.encoding = encoding;
    page.definition_level_encoding = Encoding::kRle;
    page.repetition_level_encoding = Encoding::kRle;
    if (options_.write_statistics) {
        page.statistics =
            page_stats_.ToStatistics(codec_, static_cast<int64_t>(page_nulls_), options_.statistics_truncate_length);
    }
    std::string header_bytes;
    EncodePageHeader(header, &header_bytes);

    PageLocation& location = offset_index_.page_locations.emplace_back();
    location.offset = static_cast<int64_t>(pages_.size());
    location.compressed_page_size = static_cast<int32_t>(header_bytes.size() + compressed.size());
    location.first_row_index = chunk_rows_;
    const bool null_page = page_rows_ == page_nulls_;
    column_index_.null_pages.push_back(null_page);
    auto [min, max] = page_stats_.EncodedBounds(codec_, options_.statistics_truncate_length);
    column_index_.min_values.push_back(null_page ? std::string() : min);
    column_index_.max_values.push_back(null_page ? std::string() : max);
    column_index_.null_counts.push_back(static_cast<int64_t>(page_nulls_));
    page_ranges_.push_back(page_stats_);

    pages_ += header_bytes;
    pages_ += compressed;
    uncompressed_bytes_ += static_cast<int64_t>(header_bytes.size() + body.size());
    chunk_rows_ += static_cast<int64_t>(page_rows_);
    chunk_nulls_ += static_cast<int64_t>(page_nulls_);
    chunk_stats_.Merge(page_stats_);
    ++data_pages_;

    definition_levels_.clear();
    indices_.clear();
    plain_.clear();
    page_rows_ = page_nulls_ = page_plain_bytes_ = 0;
    page_stats_ = MinMax<P>();
    return Status::OK();
}

template <typename P, typename S>
Result<EncodedChunk> TypedColumnChunkWriter<P, S>::Finish() {
    FL_RETURN_NOT_OK(FlushPage());
    EncodedChunk chunk;
    ColumnMetaData& meta = chunk.metadata;
    meta.type = layout_.physical;
    meta.codec = options_.codec;
    meta.num_values = chunk_rows_;
    size_t dictionary_size = 0;
    if (dictionary_used_) {
        std::string plain;
        for (const P& value : dictionary_values_) codec_.AppendPlain(value, &plain);
        std::string compressed;
        FL_RETURN_NOT_OK(Compress(options_.codec, reinterpret_cast<const uint8_t*>(plain.data()), plain.size(),
                                  options_.compression_level, &compressed));
        PageHeader header;
        header.type = PageType::kDictionaryPage;
        header.uncompressed_page_size = static_cast<int32_t>(plain.size());
        header.compressed_page_size = static_cast<int32_t>(compressed.size());
        if (options_.write_page_checksums) {
            header.crc = static_cast<int32_t>(
                crc32(0, reinterpret_cast<const Bytef*>(compressed.data()), static_cast<uInt>(compressed.size())));
        }
        DictionaryPageHeader& page = header.dictionary_page_header.emplace();
        page.num_values = static_cast<int32_t>(dictionary_values_.size());
        page.encoding = Encoding::kPlain;
        EncodePageHeader(header, &chunk.bytes);
        uncompressed_bytes_ += static_cast<int64_t>(chunk.bytes.size() + plain.size());
        chunk.bytes += compressed;
        dictionary_size = chunk.bytes.size();
        chunk.dictionary_page_size = dictionary_size;
        meta.dictionary_page_offset = 0;
        meta.encoding_stats.push_back({PageType::kDictionaryPage, Encoding::kPlain, 1});
    }
    chunk.bytes += pages_;
    meta.data_page_offset = static_cast<int64_t>(dictionary_size);
    meta.total_compressed_size = static_cast<int64_t>(chunk.bytes.size());
    meta.total_uncompressed_size = uncompressed_bytes_;
    // PLAIN for plain pages or the dictionary page, RLE for the levels.
    meta.encodings.push_back(Encoding::kPlain);
    if (dictionary_used_) meta.encodings.push_back(Encoding::kRleDictionary);
    meta.encodings.push_back(Encoding::kRle);
    if (dictionary_pages_ > 0) {
        meta.encoding_stats.push_back({PageType::kDataPage, Encoding::kRleDictionary, dictionary_pages_});
    }
    if (data_pages_ > dictionary_pages_) {
        meta.encoding_stats.push_back({PageType::kDataPage, Encoding::kPlain, data_pages_ - dictionary_pages_});
    }
    if (options_.write_statistics) {
        meta.statistics = chunk_stats_.ToStatistics(codec_, chunk_nulls_, options_.statistics_truncate_length);
    }
    for (PageLocation& location : offset_index_.page_locations)
        location.offset += static_cast<int64_t>(dictionary_size);
    chunk.offset_index = std::move(offset_index_);
    if (options_.write_page_index && options_.write_statistics) {
        column_index_.boundary_order = BoundaryOrderOf(page_ranges_);
        chunk.column_index = std::move(column_index_);
    }
    if (bloom_filter_) {
        BloomFilter filter = BloomFilter::WithSize(
            BloomFilter::OptimalNumBytes(hashes_.size(), options_.bloom_filter_fpp, options_.bloom_filter_max_bytes));
        for (uint64_t hash : hashes_) filter.InsertHash(hash);
        chunk.bloom_filter = std::move(filter);
    }

    // Reset for the next row group.
    dictionary_mode_ = options_.dictionary && !std::is_same_v<P, uint8_t>;
    dictionary_decided_ = dictionary_used_ = false;
    dictionary_index_.clear();
    dictionary_values_.clear();
    dictionary_arena_ = Arena(16 * 1024);
    dictionary_bytes_ = 0;
    pages_.clear();
    chunk_rows_ = chunk_nulls_ = uncompressed_bytes_ = 0;
    data_pages_ = dictionary_pages_ = 0;
    chunk_stats_ = MinMax<P>();
    page_ranges_.clear();
    column_index_ = ColumnIndex();
    offset_index_ = OffsetIndex();
    hashes_.clear();
    return chunk;
}

template <typename P, typename S>
std::unique_ptr<ColumnChunkWriter> Make(const WriterColumn& column, const PhysicalLayout& layout,
                                        const WriterOptions& options, bool bloom_filter) {
    return std::make_unique<TypedColumnChunkWriter<P, S>>(column, layout, options, bloom_filter);
}

}  // namespace

Result<std::unique_ptr<ColumnChunkWriter>> MakeColumnChunkWriter(const WriterColumn& column,
                                                                 const WriterOptions& options, bool bloom_filter) {
    FL_ASSIGN_OR_RETURN(PhysicalLayout layout, LayoutForType(column.type));
    const bool bloom = bloom_filter && layout.physical != PhysicalKind::kBoolean;
    switch (column.type.physical()) {
        case PhysicalType::kBool:
            return Make<uint8_t, uint8_t>(column, layout, options, false);
        case PhysicalType::kInt8:
            return Make<int32_t, int8_t>(column, layout, options, bloom);
        case PhysicalType::kInt16:
            return Make<int32_t, int16_t>(column, layout, options, bloom);
        case PhysicalType::kInt32:
            return Make<int32_t, int32_t>(column, layout, options, bloom);
        case PhysicalType::kInt64:
            if (layout.physical == PhysicalKind::kInt32) return Make<int32_t, int64_t>(column, layout, options, bloom);
            return Make<int64_t, int64_t>(column, layout, options, bloom);
        case PhysicalType::kInt128:
            return Make<int128_t, int128_t>(column, layout, options, bloom);
        case PhysicalType::kFloat:
            return Make<float, float>(column, layout, options, bloom);
        case PhysicalType::kDouble:
            return Make<double, double>(column, layout, options, bloom);
        case PhysicalType::kString:
            return Make<std::string_view, StringView>(column, layout, options, bloom);
        case PhysicalType::kList:
            break;
    }
    return Status::NotSupported("Parquet writer: type " + column.type.ToString() + " is not supported");
}

}  // namespace flashlake::format::parquet
