#include "format/parquet/column_chunk_reader.h"

#include <zlib.h>

#include <algorithm>
#include <cstring>

#include "column/physical_dispatch.h"
#include "format/parquet/compression.h"
#include "format/parquet/metadata_codec.h"
#include "format/parquet/value_conversion.h"

namespace flashlake::format::parquet {

ColumnChunkReader::ColumnChunkReader(const LeafColumn& leaf, CompressionCodec codec, ByteBufferPtr chunk, size_t begin,
                                     size_t size, const ColumnReadOptions& options)
    : leaf_(leaf),
      codec_(codec),
      options_(options),
      chunk_(std::move(chunk)),
      position_(begin),
      end_(begin + size),
      nullable_(leaf.max_definition_level > 0),
      dictionary_output_(options.keep_dictionary && leaf.type.physical() == PhysicalType::kString &&
                         leaf.conversion == Conversion::kNone),
      storage_size_(PhysicalTypeSize(leaf.type.physical())) {}

Status ColumnChunkReader::Fail(const std::string& what) const {
    return Status::Corruption("column '" + leaf_.name + "': " + what);
}

Status ColumnChunkReader::Uncompress(const uint8_t* stored, size_t stored_size, int64_t uncompressed_size,
                                     bool compressed, ByteBufferPtr* owner, const uint8_t** data, size_t* size) {
    if (uncompressed_size < 0 || static_cast<uint64_t>(uncompressed_size) > options_.max_page_size) {
        return Fail("page claims " + std::to_string(uncompressed_size) + " uncompressed bytes");
    }
    if (!compressed || codec_ == CompressionCodec::kUncompressed || uncompressed_size == 0) {
        *owner = chunk_;
        *data = stored;
        *size = stored_size;
        return Status::OK();
    }
    ByteBufferPtr buffer = ByteBuffer::Allocate(static_cast<size_t>(uncompressed_size));
    Status status = Decompress(codec_, stored, stored_size, buffer->data.get(), buffer->size);
    if (!status.ok()) return status.WithContext("column '" + leaf_.name + "'");
    *data = buffer->data.get();
    *size = buffer->size;
    *owner = std::move(buffer);
    return Status::OK();
}

Status ColumnChunkReader::LoadNextPage() {
    while (true) {
        if (position_ >= end_) {
            return Fail("column chunk ends after " + std::to_string(rows_read_) + " values");
        }
        PageHeader header;
        size_t header_size = 0;
        Status status = DecodePageHeader(chunk_->data.get() + position_, end_ - position_, &header, &header_size);
        if (!status.ok()) return status.WithContext("column '" + leaf_.name + "': page header");
        position_ += header_size;
        if (header.compressed_page_size < 0 || static_cast<size_t>(header.compressed_page_size) > end_ - position_) {
            return Fail("page of " + std::to_string(header.compressed_page_size) + " bytes past the end of the chunk");
        }
        const uint8_t* stored = chunk_->data.get() + position_;
        size_t stored_size = static_cast<size_t>(header.compressed_page_size);
        position_ += stored_size;
        if (options_.verify_checksums && header.crc) {
            uint32_t crc = static_cast<uint32_t>(crc32(0, stored, static_cast<uInt>(stored_size)));
            if (crc != static_cast<uint32_t>(*header.crc)) return Fail("page checksum mismatch");
        }
        switch (header.type) {
            case PageType::kDictionaryPage:
                FL_RETURN_NOT_OK(ReadDictionaryPage(header, stored, stored_size));
                break;
            case PageType::kDataPage:
            case PageType::kDataPageV2:
                FL_RETURN_NOT_OK(SetUpDataPage(header, stored, stored_size));
                if (page_values_left_ > 0) return Status::OK();
                break;
            default:
                break;  // index pages and page types from the future carry no values
        }
    }
}

Status ColumnChunkReader::ReadDictionaryPage(const PageHeader& header, const uint8_t* stored, size_t stored_size) {
    if (!header.dictionary_page_header) return Fail("dictionary page without a dictionary page header");
    if (dictionary_) return Fail("second dictionary page in one column chunk");
    const DictionaryPageHeader& page = *header.dictionary_page_header;
    if (page.encoding != Encoding::kPlain && page.encoding != Encoding::kPlainDictionary) {
        return Status::NotSupported("column '" + leaf_.name + "': dictionary page encoding " +
                                    EncodingName(page.encoding));
    }
    ByteBufferPtr owner;
    const uint8_t* data;
    size_t size;
    FL_RETURN_NOT_OK(Uncompress(stored, stored_size, header.uncompressed_page_size, true, &owner, &data, &size));
    // Every PLAIN value takes at least a bit (booleans), 4 bytes (byte arrays) or its width; a
    // count beyond that is corrupt and must not size an allocation.
    size_t min_bits = leaf_.physical == PhysicalKind::kBoolean ? 1
                      : leaf_.physical == PhysicalKind::kByteArray
                          ? 32
                          : 8 * PlainValueWidth(leaf_.physical, leaf_.type_length);
    if (page.num_values < 0 || static_cast<uint64_t>(page.num_values) * min_bits > uint64_t{size} * 8) {
        return Fail("dictionary page of " + std::to_string(size) + " bytes cannot hold " +
                    std::to_string(page.num_values) + " values");
    }
    size_t count = static_cast<size_t>(page.num_values);
    FL_ASSIGN_OR_RETURN(std::unique_ptr<ValueDecoder> decoder,
                        MakeValueDecoder(Encoding::kPlain, leaf_.physical, leaf_.type_length, data, size, count));
    dictionary_ = Column::MakeFlat(leaf_.type, count + (nullable_ ? 1 : 0));
    Arena arena;  // PLAIN never builds values
    void* out = dictionary_->MutableData<char>();
    Status status;
    if (leaf_.conversion == Conversion::kNone) {
        status = decoder->Decode(out, count, &arena);
        if (leaf_.type.physical() == PhysicalType::kString) dictionary_->strings().KeepAlive(owner);
    } else {
        scratch_.resize((count * DecodedValueSize(leaf_.physical) + 15) / 16);
        status = decoder->Decode(scratch_.data(), count, &arena);
        if (status.ok()) status = ConvertValues(leaf_, scratch_.data(), out, count, &dictionary_->strings());
    }
    if (!status.ok()) return status.WithContext("column '" + leaf_.name + "': dictionary page");
    if (nullable_) dictionary_->SetNull(count);
    dictionary_size_ = count;
    return Status::OK();
}

Status ColumnChunkReader::SetUpDataPage(const PageHeader& header, const uint8_t* stored, size_t stored_size) {
    Encoding encoding;
    int64_t num_values;
    int64_t non_null_hint = 0;  // values in the page when the header says (v2), for BYTE_STREAM_SPLIT
    const uint8_t* values;
    size_t values_size;
    size_t consumed = 0;
    if (header.type == PageType::kDataPage) {
        if (!header.data_page_header) return Fail("data page without a data page header");
        const DataPageHeader& page = *header.data_page_header;
        encoding = page.encoding;
        num_values = page.num_values;
        if (num_values < 0) return Fail("data page with a negative value count");
        FL_RETURN_NOT_OK(
            Uncompress(stored, stored_size, header.uncompressed_page_size, true, &page_owner_, &values, &values_size));
        if (leaf_.max_repetition_level > 0) {
            LevelDecoder repetition;
            FL_RETURN_NOT_OK(repetition.Init(page.repetition_level_encoding, leaf_.max_repetition_level, values,
                                             values_size, num_values, true, &consumed));
            values += consumed;
            values_size -= consumed;
        }
        if (nullable_) {
            Status status = definition_levels_.Init(page.definition_level_encoding, leaf_.max_definition_level, values,
                                                    values_size, num_values, true, &consumed);
            if (!status.ok()) return status.WithContext("column '" + leaf_.name + "'");
            values += consumed;
            values_size -= consumed;
        }
    } else {
        if (!header.data_page_header_v2) return Fail("data page v2 without a data page v2 header");
        const DataPageHeaderV2& page = *header.data_page_header_v2;
        encoding = page.encoding;
        num_values = page.num_values;
        non_null_hint = static_cast<int64_t>(page.num_values) - page.num_nulls;
        int64_t levels_size = int64_t{page.repetition_levels_byte_length} + page.definition_levels_byte_length;
        if (num_values < 0 || page.repetition_levels_byte_length < 0 || page.definition_levels_byte_length < 0 ||
            levels_size > static_cast<int64_t>(stored_size) || levels_size > header.uncompressed_page_size) {
            return Fail("data page v2 with inconsistent sizes");
        }
        if (nullable_) {
            Status status = definition_levels_.Init(Encoding::kRle, leaf_.max_definition_level,
                                                    stored + page.repetition_levels_byte_length,
                                                    page.definition_levels_byte_length, num_values, false, &consumed);
            if (!status.ok()) return status.WithContext("column '" + leaf_.name + "'");
        }
        FL_RETURN_NOT_OK(Uncompress(stored + levels_size, stored_size - levels_size,
                                    header.uncompressed_page_size - levels_size, page.is_compressed, &page_owner_,
                                    &values, &values_size));
    }
    page_values_left_ = num_values;
    page_is_dictionary_encoded_ = encoding == Encoding::kPlainDictionary || encoding == Encoding::kRleDictionary;
    if (page_is_dictionary_encoded_) {
        if (!dictionary_) return Fail("dictionary-encoded page without a dictionary page");
        values_.reset();
        return indices_.Init(values, values_size);
    }
    auto decoder = MakeValueDecoder(encoding, leaf_.physical, leaf_.type_length, values, values_size,
                                    static_cast<size_t>(std::max<int64_t>(non_null_hint, 0)));
    if (!decoder.ok()) return decoder.status().WithContext("column '" + leaf_.name + "'");
    values_ = std::move(decoder).value();
    return Status::OK();
}

Arena* ColumnChunkReader::BatchArena(Column* column) {
    if (!batch_arena_) {
        batch_arena_ = std::make_shared<Arena>(16 * 1024);
        column->strings().KeepAlive(batch_arena_);
    }
    return batch_arena_.get();
}

void ColumnChunkReader::KeepPageAlive(Column* column) {
    if (kept_alive_ == page_owner_.get()) return;
    column->strings().KeepAlive(page_owner_);
    kept_alive_ = page_owner_.get();
}

Status ColumnChunkReader::DecodeIndices(size_t count) {
    index_buffer_.resize(count);
    Status status = indices_.Decode(index_buffer_.data(), count);
    if (!status.ok()) return status.WithContext("column '" + leaf_.name + "': dictionary indices");
    // One pass that the compiler vectorises, instead of a branch per gathered value.
    uint32_t max_index = 0;
    for (size_t i = 0; i < count; ++i) max_index = std::max(max_index, static_cast<uint32_t>(index_buffer_[i]));
    if (count > 0 && max_index >= dictionary_size_) {
        return Fail("dictionary index " + std::to_string(max_index) + " out of a dictionary of " +
                    std::to_string(dictionary_size_));
    }
    return Status::OK();
}

Status ColumnChunkReader::DecodeDense(Column* column, void* out, size_t count) {
    if (page_is_dictionary_encoded_) {
        FL_RETURN_NOT_OK(DecodeIndices(count));
        const int32_t* indices = index_buffer_.data();
        DispatchPhysical(leaf_.type.physical(), [&]<typename T>() {
            const T* dictionary = dictionary_->Data<T>();
            T* target = static_cast<T*>(out);
            for (size_t i = 0; i < count; ++i) target[i] = dictionary[indices[i]];
        });
        if (leaf_.type.physical() == PhysicalType::kString) column->strings().AdoptFrom(dictionary_->strings());
        return Status::OK();
    }
    Status status;
    if (leaf_.conversion == Conversion::kNone) {
        status = values_->Decode(out, count, BatchArena(column));
        if (leaf_.type.physical() == PhysicalType::kString) KeepPageAlive(column);
    } else {
        scratch_.resize((count * DecodedValueSize(leaf_.physical) + 15) / 16);
        status = values_->Decode(scratch_.data(), count, BatchArena(column));
        if (status.ok()) status = ConvertValues(leaf_, scratch_.data(), out, count, &column->strings());
    }
    if (!status.ok()) return status.WithContext("column '" + leaf_.name + "'");
    return Status::OK();
}

ColumnPtr ColumnChunkReader::MaterializeCodes(size_t rows, size_t filled, const std::vector<int32_t>& codes) {
    ColumnPtr column = Column::MakeFlat(leaf_.type, rows);
    column->strings().AdoptFrom(dictionary_->strings());
    const StringView* dictionary = dictionary_->Data<StringView>();
    StringView* target = column->MutableData<StringView>();
    for (size_t i = 0; i < filled; ++i) {
        if (static_cast<size_t>(codes[i]) == dictionary_size_) {
            target[i] = StringView();
            column->SetNull(i);
        } else {
            target[i] = dictionary[codes[i]];
        }
    }
    return column;
}

Result<ColumnPtr> ColumnChunkReader::Read(size_t rows) {
    ColumnPtr column;
    bool dictionary_mode = false;
    std::vector<int32_t> codes;
    batch_arena_.reset();
    kept_alive_ = nullptr;
    levels_.resize(rows);
    size_t filled = 0;
    while (filled < rows) {
        if (page_values_left_ == 0) FL_RETURN_NOT_OK(LoadNextPage());
        if (!column && !dictionary_mode) {
            dictionary_mode = dictionary_output_ && page_is_dictionary_encoded_;
            if (dictionary_mode) {
                codes.resize(rows);
            } else {
                column = Column::MakeFlat(leaf_.type, rows);
            }
        }
        if (dictionary_mode && !page_is_dictionary_encoded_) {
            // The writer fell back from dictionary to plain pages inside this batch.
            column = MaterializeCodes(rows, filled, codes);
            dictionary_mode = false;
            kept_alive_ = nullptr;
        }
        size_t n = static_cast<size_t>(std::min<int64_t>(rows - filled, page_values_left_));
        size_t valid = n;
        const int16_t* levels = levels_.data();
        const int16_t max_level = leaf_.max_definition_level;
        if (nullable_) {
            Status status = definition_levels_.Decode(levels_.data(), n);
            if (!status.ok()) return status.WithContext("column '" + leaf_.name + "': definition levels");
            valid = 0;
            for (size_t i = 0; i < n; ++i) valid += levels[i] == max_level;
        }
        if (dictionary_mode) {
            FL_RETURN_NOT_OK(DecodeIndices(valid));
            int32_t* target = codes.data() + filled;
            if (valid == n) {
                std::memcpy(target, index_buffer_.data(), n * sizeof(int32_t));
            } else {
                const int32_t null_code = static_cast<int32_t>(dictionary_size_);
                for (size_t i = 0, j = 0; i < n; ++i)
                    target[i] = levels[i] == max_level ? index_buffer_[j++] : null_code;
            }
        } else {
            char* base = column->MutableData<char>() + filled * storage_size_;
            FL_RETURN_NOT_OK(DecodeDense(column.get(), base, valid));
            if (valid < n) {
                // Spread the dense values to their rows, from the back so nothing is overwritten early.
                DispatchPhysical(leaf_.type.physical(), [&]<typename T>() {
                    T* data = reinterpret_cast<T*>(base);
                    size_t j = valid;
                    for (size_t i = n; i-- > 0;) {
                        if (levels[i] == max_level) {
                            data[i] = data[--j];
                        } else {
                            data[i] = T{};
                            column->SetNull(filled + i);
                        }
                    }
                });
            }
        }
        page_values_left_ -= static_cast<int64_t>(n);
        filled += n;
    }
    rows_read_ += static_cast<int64_t>(rows);
    if (dictionary_mode) return Column::MakeDictionary(dictionary_, std::move(codes));
    if (!column) column = Column::MakeFlat(leaf_.type, 0);
    return column;
}

}  // namespace flashlake::format::parquet
