// libFuzzer target: the Parquet decoders that read bytes a file supplies, on in-memory input: the
// Thrift compact footer (FileMetaData and the schema tree built from it), page headers, page
// indexes, bloom filter headers, and the RLE/bit-packed and DELTA encodings of page data. Corrupt
// bytes must come back as a Status. A footer that decodes must encode and decode to the same
// encoding again.
//
// Input layout: byte 0 picks the decoder, byte 1 a parameter (bit width, value type), the rest
// is the data.
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "common/arena.h"
#include "format/parquet/delta_decoder.h"
#include "format/parquet/metadata_codec.h"
#include "format/parquet/parquet_schema.h"
#include "format/parquet/rle_hybrid.h"

namespace parquet = flashlake::format::parquet;

namespace {

[[noreturn]] void Fail(const char* what) {
    std::fprintf(stderr, "fuzz_parquet_decoders: %s\n", what);
    std::abort();
}

void FileMetaData(const uint8_t* data, size_t size, uint8_t parameter) {
    parquet::FileMetaData metadata;
    if (!parquet::DecodeFileMetaData(data, size, &metadata).ok()) return;
    parquet::SchemaOptions options;
    options.binary_as_string = parameter & 1;
    auto schema = parquet::ParquetSchema::Make(metadata.schema, options);
    if (schema.ok()) {
        for (size_t i = 0; i < schema->num_leaves(); ++i) (void)schema->FindLeaf("a.b");
    }
    std::string encoded;
    parquet::EncodeFileMetaData(metadata, &encoded);
    parquet::FileMetaData again;
    if (!parquet::DecodeFileMetaData(reinterpret_cast<const uint8_t*>(encoded.data()), encoded.size(), &again).ok()) {
        Fail("an encoded footer does not decode");
    }
    std::string reencoded;
    parquet::EncodeFileMetaData(again, &reencoded);
    if (reencoded != encoded) Fail("footer encoding changed in a round trip");
}

template <typename T>
void Rle(const uint8_t* data, size_t size, int bit_width) {
    parquet::RleHybridDecoder decoder(data, size, bit_width);
    std::vector<T> values(64);
    for (int batch = 0; batch < 64; ++batch) {
        if (!decoder.Decode(values.data(), values.size()).ok()) return;
        if (decoder.position() > size) Fail("RLE decoder read past its input");
    }
}

template <typename T>
void DeltaBinaryPacked(const uint8_t* data, size_t size) {
    parquet::DeltaBinaryPackedDecoder decoder;
    if (!decoder.Init(data, size).ok()) return;
    std::vector<T> values(100);
    for (int batch = 0; batch < 64; ++batch) {
        if (!decoder.Decode(values.data(), values.size()).ok()) return;
    }
}

void DeltaStrings(const uint8_t* data, size_t size, bool incremental) {
    std::vector<flashlake::StringView> values(50);
    if (incremental) {
        parquet::DeltaByteArrayDecoder decoder;
        if (!decoder.Init(data, size, 1 << 20).ok()) return;
        flashlake::Arena arena;
        for (int batch = 0; batch < 64; ++batch) {
            if (!decoder.Decode(values.data(), values.size(), &arena).ok()) return;
            for (const auto& value : values) (void)std::string(value.data(), value.size());
        }
        return;
    }
    parquet::DeltaLengthByteArrayDecoder decoder;
    if (!decoder.Init(data, size).ok()) return;
    for (int batch = 0; batch < 64; ++batch) {
        if (!decoder.Decode(values.data(), values.size()).ok()) return;
        for (const auto& value : values) (void)std::string(value.data(), value.size());
    }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* input, size_t input_size) {
    if (input_size < 2) return -1;
    uint8_t mode = input[0];
    uint8_t parameter = input[1];
    // A copy of exactly the data bytes, so that ASan sees any read past them.
    std::vector<uint8_t> bytes(input + 2, input + input_size);
    const uint8_t* data = bytes.data();
    size_t size = bytes.size();
    size_t header_size = 0;
    switch (mode % 10) {
        case 0:
            FileMetaData(data, size, parameter);
            break;
        case 1: {
            parquet::PageHeader header;
            if (parquet::DecodePageHeader(data, size, &header, &header_size).ok() && header_size > size) {
                Fail("page header longer than its input");
            }
            break;
        }
        case 2: {
            parquet::ColumnIndex index;
            (void)parquet::DecodeColumnIndex(data, size, &index);
            break;
        }
        case 3: {
            parquet::OffsetIndex index;
            (void)parquet::DecodeOffsetIndex(data, size, &index);
            break;
        }
        case 4: {
            parquet::BloomFilterHeader header;
            if (parquet::DecodeBloomFilterHeader(data, size, &header, &header_size).ok() && header_size > size) {
                Fail("bloom filter header longer than its input");
            }
            break;
        }
        case 5:
            Rle<uint32_t>(data, size, parameter % 33);
            break;
        case 6:
            Rle<uint8_t>(data, size, parameter % 9);
            break;
        case 7:
            if (parameter & 1) {
                DeltaBinaryPacked<int64_t>(data, size);
            } else {
                DeltaBinaryPacked<int32_t>(data, size);
            }
            break;
        default:
            DeltaStrings(data, size, mode % 10 == 9);
            break;
    }
    return 0;
}
