// Decoding of the page-level Parquet structures: page headers, the page index (column and offset
// indexes) and bloom filter headers.

#include "format/parquet/metadata_codec.h"
#include "format/parquet/thrift_struct_reader.h"

namespace flashlake::format::parquet {

using thrift_decode::ReadEnum;
using thrift_decode::Reader;
using thrift_decode::ReadList;
using thrift_decode::ReadOptionalBinary;
using thrift_decode::ReadOptionalBool;
using thrift_decode::ReadOptionalI32;
using thrift_decode::ReadOptionalI64;
using thrift_decode::ReadOptionalStatistics;
using thrift_decode::ReadStruct;
using thrift_decode::SkipStruct;

Status DecodePageHeader(const uint8_t* data, size_t size, PageHeader* out, size_t* header_size) {
    Reader in(data, size);
    FL_RETURN_NOT_OK(ReadStruct(in, "PageHeader", 0b1110, [&](const ThriftField& f) -> Status {
        switch (f.id) {
            case 1:
                return ReadEnum(in, f, &out->type);
            case 2:
                return in.ReadI32(f, &out->uncompressed_page_size);
            case 3:
                return in.ReadI32(f, &out->compressed_page_size);
            case 4:
                return ReadOptionalI32(in, f, &out->crc);
            case 5: {
                FL_RETURN_NOT_OK(in.ExpectType(f, ThriftType::kStruct));
                DataPageHeader& page = out->data_page_header.emplace();
                return ReadStruct(in, "DataPageHeader", 0b11110, [&](const ThriftField& g) -> Status {
                    switch (g.id) {
                        case 1:
                            return in.ReadI32(g, &page.num_values);
                        case 2:
                            return ReadEnum(in, g, &page.encoding);
                        case 3:
                            return ReadEnum(in, g, &page.definition_level_encoding);
                        case 4:
                            return ReadEnum(in, g, &page.repetition_level_encoding);
                        case 5:
                            return ReadOptionalStatistics(in, g, &page.statistics);
                        default:
                            return in.Skip(g.type);
                    }
                });
            }
            case 7: {
                FL_RETURN_NOT_OK(in.ExpectType(f, ThriftType::kStruct));
                DictionaryPageHeader& page = out->dictionary_page_header.emplace();
                return ReadStruct(in, "DictionaryPageHeader", 0b110, [&](const ThriftField& g) -> Status {
                    switch (g.id) {
                        case 1:
                            return in.ReadI32(g, &page.num_values);
                        case 2:
                            return ReadEnum(in, g, &page.encoding);
                        case 3:
                            return ReadOptionalBool(in, g, &page.is_sorted);
                        default:
                            return in.Skip(g.type);
                    }
                });
            }
            case 8: {
                FL_RETURN_NOT_OK(in.ExpectType(f, ThriftType::kStruct));
                DataPageHeaderV2& page = out->data_page_header_v2.emplace();
                return ReadStruct(in, "DataPageHeaderV2", 0b1111110, [&](const ThriftField& g) -> Status {
                    switch (g.id) {
                        case 1:
                            return in.ReadI32(g, &page.num_values);
                        case 2:
                            return in.ReadI32(g, &page.num_nulls);
                        case 3:
                            return in.ReadI32(g, &page.num_rows);
                        case 4:
                            return ReadEnum(in, g, &page.encoding);
                        case 5:
                            return in.ReadI32(g, &page.definition_levels_byte_length);
                        case 6:
                            return in.ReadI32(g, &page.repetition_levels_byte_length);
                        case 7:
                            return in.ReadBool(g, &page.is_compressed);
                        case 8:
                            return ReadOptionalStatistics(in, g, &page.statistics);
                        default:
                            return in.Skip(g.type);
                    }
                });
            }
            default:
                return in.Skip(f.type);
        }
    }));
    *header_size = in.position();
    return Status::OK();
}

Status DecodeColumnIndex(const uint8_t* data, size_t size, ColumnIndex* out) {
    Reader in(data, size);
    return ReadStruct(in, "ColumnIndex", 0b11110, [&](const ThriftField& f) -> Status {
        auto read_i64_list = [&](std::vector<int64_t>* list) {
            return ReadList(in, f, [&](ThriftType) -> Status {
                FL_ASSIGN_OR_RETURN(int64_t value, in.ReadVarintSigned());
                list->push_back(value);
                return Status::OK();
            });
        };
        switch (f.id) {
            case 1:
                return ReadList(in, f, [&](ThriftType) -> Status {
                    bool value;
                    FL_RETURN_NOT_OK(in.ReadBoolElement(&value));
                    out->null_pages.push_back(value);
                    return Status::OK();
                });
            case 2:
                return ReadList(in, f,
                                [&](ThriftType) { return in.ReadBinaryElement(&out->min_values.emplace_back()); });
            case 3:
                return ReadList(in, f,
                                [&](ThriftType) { return in.ReadBinaryElement(&out->max_values.emplace_back()); });
            case 4:
                return ReadEnum(in, f, &out->boundary_order);
            case 5:
                return read_i64_list(&out->null_counts);
            case 6:
                return read_i64_list(&out->repetition_level_histograms);
            case 7:
                return read_i64_list(&out->definition_level_histograms);
            default:
                return in.Skip(f.type);
        }
    });
}

Status DecodeOffsetIndex(const uint8_t* data, size_t size, OffsetIndex* out) {
    Reader in(data, size);
    return ReadStruct(in, "OffsetIndex", 0b10, [&](const ThriftField& f) -> Status {
        switch (f.id) {
            case 1:
                return ReadList(in, f, [&](ThriftType type) -> Status {
                    if (type != ThriftType::kStruct)
                        return Status::Corruption("page_locations element is not a struct");
                    PageLocation& location = out->page_locations.emplace_back();
                    return ReadStruct(in, "PageLocation", 0b1110, [&](const ThriftField& g) -> Status {
                        if (g.id == 1) return in.ReadI64(g, &location.offset);
                        if (g.id == 2) return in.ReadI32(g, &location.compressed_page_size);
                        if (g.id == 3) return in.ReadI64(g, &location.first_row_index);
                        return in.Skip(g.type);
                    });
                });
            case 2:
                return ReadList(in, f, [&](ThriftType) -> Status {
                    FL_ASSIGN_OR_RETURN(int64_t value, in.ReadVarintSigned());
                    out->unencoded_byte_array_data_bytes.push_back(value);
                    return Status::OK();
                });
            default:
                return in.Skip(f.type);
        }
    });
}

Status DecodeBloomFilterHeader(const uint8_t* data, size_t size, BloomFilterHeader* out, size_t* header_size) {
    Reader in(data, size);
    // The algorithm, hash and compression are unions of empty structs: note which member is set.
    auto read_union = [&](const ThriftField& f, const char* name, bool* known) -> Status {
        FL_RETURN_NOT_OK(in.ExpectType(f, ThriftType::kStruct));
        return ReadStruct(in, name, 0, [&](const ThriftField& g) -> Status {
            if (g.id == 1) *known = true;
            return in.Skip(g.type);
        });
    };
    FL_RETURN_NOT_OK(ReadStruct(in, "BloomFilterHeader", 0b11110, [&](const ThriftField& f) -> Status {
        switch (f.id) {
            case 1:
                return in.ReadI32(f, &out->num_bytes);
            case 2:
                return read_union(f, "BloomFilterAlgorithm", &out->algorithm_block);
            case 3:
                return read_union(f, "BloomFilterHash", &out->hash_xxhash);
            case 4:
                return read_union(f, "BloomFilterCompression", &out->compression_uncompressed);
            default:
                return in.Skip(f.type);
        }
    }));
    *header_size = in.position();
    return Status::OK();
}

}  // namespace flashlake::format::parquet
