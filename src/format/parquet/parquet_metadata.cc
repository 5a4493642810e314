#include "format/parquet/parquet_metadata.h"

namespace flashlake::format::parquet {

const char* PhysicalKindName(PhysicalKind kind) {
    switch (kind) {
        case PhysicalKind::kBoolean:
            return "BOOLEAN";
        case PhysicalKind::kInt32:
            return "INT32";
        case PhysicalKind::kInt64:
            return "INT64";
        case PhysicalKind::kInt96:
            return "INT96";
        case PhysicalKind::kFloat:
            return "FLOAT";
        case PhysicalKind::kDouble:
            return "DOUBLE";
        case PhysicalKind::kByteArray:
            return "BYTE_ARRAY";
        case PhysicalKind::kFixedLenByteArray:
            return "FIXED_LEN_BYTE_ARRAY";
    }
    return "unknown physical type";
}

const char* EncodingName(Encoding encoding) {
    switch (encoding) {
        case Encoding::kPlain:
            return "PLAIN";
        case Encoding::kPlainDictionary:
            return "PLAIN_DICTIONARY";
        case Encoding::kRle:
            return "RLE";
        case Encoding::kBitPacked:
            return "BIT_PACKED";
        case Encoding::kDeltaBinaryPacked:
            return "DELTA_BINARY_PACKED";
        case Encoding::kDeltaLengthByteArray:
            return "DELTA_LENGTH_BYTE_ARRAY";
        case Encoding::kDeltaByteArray:
            return "DELTA_BYTE_ARRAY";
        case Encoding::kRleDictionary:
            return "RLE_DICTIONARY";
        case Encoding::kByteStreamSplit:
            return "BYTE_STREAM_SPLIT";
    }
    return "unknown encoding";
}

const char* CodecName(CompressionCodec codec) {
    switch (codec) {
        case CompressionCodec::kUncompressed:
            return "UNCOMPRESSED";
        case CompressionCodec::kSnappy:
            return "SNAPPY";
        case CompressionCodec::kGzip:
            return "GZIP";
        case CompressionCodec::kLzo:
            return "LZO";
        case CompressionCodec::kBrotli:
            return "BROTLI";
        case CompressionCodec::kLz4:
            return "LZ4";
        case CompressionCodec::kZstd:
            return "ZSTD";
        case CompressionCodec::kLz4Raw:
            return "LZ4_RAW";
    }
    return "unknown codec";
}
}  // namespace flashlake::format::parquet
