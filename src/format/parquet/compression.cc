#include "format/parquet/compression.h"

#include <brotli/decode.h>
#include <brotli/encode.h>
#include <lz4.h>
#include <lz4frame.h>
#include <snappy.h>
#include <zlib.h>
#include <zstd.h>

#include <cstring>

namespace flashlake::format::parquet {

namespace {

Status SizeMismatch(const char* codec, size_t got, size_t expected) {
    return Status::Corruption(std::string(codec) + " page decompressed to " + std::to_string(got) +
                              " bytes, header says " + std::to_string(expected));
}

Status DecompressSnappy(const uint8_t* in, size_t in_size, uint8_t* out, size_t out_size) {
    size_t length = 0;
    const char* src = reinterpret_cast<const char*>(in);
    if (!snappy::GetUncompressedLength(src, in_size, &length)) return Status::Corruption("SNAPPY: bad stream header");
    if (length != out_size) return SizeMismatch("SNAPPY", length, out_size);
    if (!snappy::RawUncompress(src, in_size, reinterpret_cast<char*>(out))) {
        return Status::Corruption("SNAPPY: malformed compressed data");
    }
    return Status::OK();
}

Status DecompressGzip(const uint8_t* in, size_t in_size, uint8_t* out, size_t out_size) {
    z_stream stream{};
    // 15 + 32: zlib or gzip header, detected automatically.
    if (inflateInit2(&stream, 15 + 32) != Z_OK) return Status::Internal("GZIP: inflateInit2 failed");
    stream.next_in = const_cast<Bytef*>(in);
    stream.avail_in = static_cast<uInt>(in_size);
    stream.next_out = out;
    stream.avail_out = static_cast<uInt>(out_size);
    Status status;
    while (true) {
        int rc = inflate(&stream, Z_FINISH);
        if (rc == Z_STREAM_END) {
            // Concatenated gzip members: continue with the next one.
            if (stream.avail_in > 0 && stream.avail_out > 0) {
                if (inflateReset(&stream) != Z_OK) {
                    status = Status::Corruption("GZIP: cannot reset for the next member");
                    break;
                }
                continue;
            }
            break;
        }
        if (rc == Z_OK && stream.avail_in > 0 && stream.avail_out > 0) continue;
        if ((rc == Z_BUF_ERROR || rc == Z_OK) && stream.avail_out == 0) {
            status = Status::Corruption("GZIP: page decompresses to more than the " + std::to_string(out_size) +
                                        " bytes its header says");
            break;
        }
        status = Status::Corruption(std::string("GZIP: ") + (stream.msg ? stream.msg : "malformed compressed data"));
        break;
    }
    size_t produced = out_size - stream.avail_out;
    inflateEnd(&stream);
    FL_RETURN_NOT_OK(status);
    if (produced != out_size) return SizeMismatch("GZIP", produced, out_size);
    return Status::OK();
}

Status DecompressZstd(const uint8_t* in, size_t in_size, uint8_t* out, size_t out_size) {
    size_t produced = ZSTD_decompress(out, out_size, in, in_size);
    if (ZSTD_isError(produced)) return Status::Corruption(std::string("ZSTD: ") + ZSTD_getErrorName(produced));
    if (produced != out_size) return SizeMismatch("ZSTD", produced, out_size);
    return Status::OK();
}

Status DecompressLz4Raw(const uint8_t* in, size_t in_size, uint8_t* out, size_t out_size) {
    if (in_size > INT32_MAX || out_size > INT32_MAX) return Status::Corruption("LZ4_RAW: page too large");
    int produced = LZ4_decompress_safe(reinterpret_cast<const char*>(in), reinterpret_cast<char*>(out),
                                       static_cast<int>(in_size), static_cast<int>(out_size));
    if (produced < 0) return Status::Corruption("LZ4_RAW: malformed compressed data");
    if (static_cast<size_t>(produced) != out_size) return SizeMismatch("LZ4_RAW", produced, out_size);
    return Status::OK();
}

uint32_t LoadBigEndian32(const uint8_t* p) {
    return (uint32_t{p[0]} << 24) | (uint32_t{p[1]} << 16) | (uint32_t{p[2]} << 8) | uint32_t{p[3]};
}

// Hadoop's framing: blocks of [uncompressed size][compressed size] (big-endian u32) + LZ4 block.
bool TryLz4Hadoop(const uint8_t* in, size_t in_size, uint8_t* out, size_t out_size) {
    size_t in_pos = 0, out_pos = 0;
    while (in_pos < in_size) {
        if (in_size - in_pos < 8) return false;
        uint32_t expected = LoadBigEndian32(in + in_pos);
        uint32_t compressed = LoadBigEndian32(in + in_pos + 4);
        in_pos += 8;
        if (compressed > in_size - in_pos || expected > out_size - out_pos) return false;
        int produced =
            LZ4_decompress_safe(reinterpret_cast<const char*>(in + in_pos), reinterpret_cast<char*>(out + out_pos),
                                static_cast<int>(compressed), static_cast<int>(expected));
        if (produced < 0 || static_cast<uint32_t>(produced) != expected) return false;
        in_pos += compressed;
        out_pos += expected;
    }
    return out_pos == out_size;
}

bool TryLz4Frame(const uint8_t* in, size_t in_size, uint8_t* out, size_t out_size) {
    LZ4F_dctx* context = nullptr;
    if (LZ4F_isError(LZ4F_createDecompressionContext(&context, LZ4F_VERSION))) return false;
    size_t in_pos = 0, out_pos = 0;
    bool ok = true;
    while (in_pos < in_size && ok) {
        size_t src_size = in_size - in_pos;
        size_t dst_size = out_size - out_pos;
        size_t hint = LZ4F_decompress(context, out + out_pos, &dst_size, in + in_pos, &src_size, nullptr);
        if (LZ4F_isError(hint) || (src_size == 0 && dst_size == 0)) ok = false;
        in_pos += src_size;
        out_pos += dst_size;
        if (hint == 0 && in_pos < in_size) LZ4F_resetDecompressionContext(context);
    }
    LZ4F_freeDecompressionContext(context);
    return ok && out_pos == out_size;
}

Status DecompressLz4(const uint8_t* in, size_t in_size, uint8_t* out, size_t out_size) {
    if (TryLz4Hadoop(in, in_size, out, out_size)) return Status::OK();
    if (DecompressLz4Raw(in, in_size, out, out_size).ok()) return Status::OK();
    if (TryLz4Frame(in, in_size, out, out_size)) return Status::OK();
    return Status::Corruption("LZ4: data is neither Hadoop-framed LZ4, a raw LZ4 block nor an LZ4 frame");
}

Status DecompressBrotli(const uint8_t* in, size_t in_size, uint8_t* out, size_t out_size) {
    size_t produced = out_size;
    BrotliDecoderResult rc = BrotliDecoderDecompress(in_size, in, &produced, out);
    if (rc != BROTLI_DECODER_RESULT_SUCCESS) return Status::Corruption("BROTLI: malformed compressed data");
    if (produced != out_size) return SizeMismatch("BROTLI", produced, out_size);
    return Status::OK();
}

}  // namespace

bool IsCodecSupported(CompressionCodec codec) {
    switch (codec) {
        case CompressionCodec::kUncompressed:
        case CompressionCodec::kSnappy:
        case CompressionCodec::kGzip:
        case CompressionCodec::kBrotli:
        case CompressionCodec::kLz4:
        case CompressionCodec::kZstd:
        case CompressionCodec::kLz4Raw:
            return true;
        case CompressionCodec::kLzo:
            return false;
    }
    return false;
}

Status Decompress(CompressionCodec codec, const uint8_t* in, size_t in_size, uint8_t* out, size_t out_size) {
    switch (codec) {
        case CompressionCodec::kUncompressed:
            if (in_size != out_size) return SizeMismatch("UNCOMPRESSED", in_size, out_size);
            std::memcpy(out, in, in_size);
            return Status::OK();
        case CompressionCodec::kSnappy:
            return DecompressSnappy(in, in_size, out, out_size);
        case CompressionCodec::kGzip:
            return DecompressGzip(in, in_size, out, out_size);
        case CompressionCodec::kZstd:
            return DecompressZstd(in, in_size, out, out_size);
        case CompressionCodec::kLz4Raw:
            return DecompressLz4Raw(in, in_size, out, out_size);
        case CompressionCodec::kLz4:
            return DecompressLz4(in, in_size, out, out_size);
        case CompressionCodec::kBrotli:
            return DecompressBrotli(in, in_size, out, out_size);
        case CompressionCodec::kLzo:
            break;
    }
    return Status::NotSupported(std::string("compression codec ") + CodecName(codec));
}

Status Compress(CompressionCodec codec, const uint8_t* in, size_t in_size, int level, std::string* out) {
    size_t start = out->size();
    switch (codec) {
        case CompressionCodec::kUncompressed:
            out->append(reinterpret_cast<const char*>(in), in_size);
            return Status::OK();
        case CompressionCodec::kSnappy: {
            out->resize(start + snappy::MaxCompressedLength(in_size));
            size_t length = 0;
            snappy::RawCompress(reinterpret_cast<const char*>(in), in_size, out->data() + start, &length);
            out->resize(start + length);
            return Status::OK();
        }
        case CompressionCodec::kGzip: {
            z_stream stream{};
            if (deflateInit2(&stream, level == 0 ? Z_DEFAULT_COMPRESSION : level, Z_DEFLATED, 15 + 16, 8,
                             Z_DEFAULT_STRATEGY) != Z_OK) {
                return Status::Internal("GZIP: deflateInit2 failed");
            }
            out->resize(start + deflateBound(&stream, in_size) + 32);
            stream.next_in = const_cast<Bytef*>(in);
            stream.avail_in = static_cast<uInt>(in_size);
            stream.next_out = reinterpret_cast<Bytef*>(out->data() + start);
            stream.avail_out = static_cast<uInt>(out->size() - start);
            int rc = deflate(&stream, Z_FINISH);
            size_t length = stream.total_out;
            deflateEnd(&stream);
            if (rc != Z_STREAM_END) return Status::Internal("GZIP: deflate failed");
            out->resize(start + length);
            return Status::OK();
        }
        case CompressionCodec::kZstd: {
            out->resize(start + ZSTD_compressBound(in_size));
            size_t length =
                ZSTD_compress(out->data() + start, out->size() - start, in, in_size, level == 0 ? 3 : level);
            if (ZSTD_isError(length)) return Status::Internal(std::string("ZSTD: ") + ZSTD_getErrorName(length));
            out->resize(start + length);
            return Status::OK();
        }
        case CompressionCodec::kLz4Raw:
        case CompressionCodec::kLz4: {
            if (in_size > static_cast<size_t>(LZ4_MAX_INPUT_SIZE))
                return Status::InvalidArgument("LZ4: page too large");
            size_t header = codec == CompressionCodec::kLz4 ? 8 : 0;
            int bound = LZ4_compressBound(static_cast<int>(in_size));
            out->resize(start + header + bound);
            int length = LZ4_compress_default(reinterpret_cast<const char*>(in), out->data() + start + header,
                                              static_cast<int>(in_size), bound);
            if (length <= 0) return Status::Internal("LZ4: compression failed");
            if (header > 0) {
                uint32_t sizes[2] = {__builtin_bswap32(static_cast<uint32_t>(in_size)),
                                     __builtin_bswap32(static_cast<uint32_t>(length))};
                std::memcpy(out->data() + start, sizes, 8);
            }
            out->resize(start + header + length);
            return Status::OK();
        }
        case CompressionCodec::kBrotli: {
            size_t length = BrotliEncoderMaxCompressedSize(in_size);
            if (length == 0) length = in_size + 1024;
            out->resize(start + length);
            if (!BrotliEncoderCompress(level == 0 ? 5 : level, BROTLI_DEFAULT_WINDOW, BROTLI_MODE_GENERIC, in_size, in,
                                       &length, reinterpret_cast<uint8_t*>(out->data() + start))) {
                return Status::Internal("BROTLI: compression failed");
            }
            out->resize(start + length);
            return Status::OK();
        }
        case CompressionCodec::kLzo:
            break;
    }
    return Status::NotSupported(std::string("compression codec ") + CodecName(codec));
}

}  // namespace flashlake::format::parquet
