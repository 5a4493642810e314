#include "format/avro/codec.h"

#include <snappy.h>
#include <zlib.h>
#include <zstd.h>

#include <algorithm>
#include <memory>

namespace flashlake::format::avro {

std::string_view CodecName(Codec codec) {
    switch (codec) {
        case Codec::kNull:
            return "null";
        case Codec::kDeflate:
            return "deflate";
        case Codec::kSnappy:
            return "snappy";
        case Codec::kZstandard:
            return "zstandard";
    }
    return "unknown";
}

Result<Codec> ParseCodec(std::string_view name) {
    if (name.empty() || name == "null") return Codec::kNull;
    if (name == "deflate") return Codec::kDeflate;
    if (name == "snappy") return Codec::kSnappy;
    if (name == "zstandard") return Codec::kZstandard;
    if (name == "bzip2" || name == "xz") {
        return Status::NotSupported("avro codec '" + std::string(name) + "' is not supported");
    }
    return Status::Corruption("unknown avro codec '" + std::string(name) + "'");
}

namespace {

Status TooLarge(Codec codec, size_t max_output) {
    return Status::Corruption(std::string(CodecName(codec)) + " block decompresses to more than " +
                              std::to_string(max_output) + " bytes");
}

// Output grows geometrically from a guess, never past max_output (+1 byte to detect overflow).
size_t NextCapacity(size_t current, size_t input_size, size_t max_output) {
    size_t want = current == 0 ? std::max<size_t>(input_size * 4, 4096) : current * 2;
    return std::min(want, max_output + 1);
}

Status DeflateCompress(std::string_view input, int level, std::string* out) {
    z_stream stream{};
    if (deflateInit2(&stream, level < 0 ? Z_DEFAULT_COMPRESSION : std::min(level, 9), Z_DEFLATED, -15, 8,
                     Z_DEFAULT_STRATEGY) != Z_OK) {
        return Status::Internal("deflateInit2 failed");
    }
    out->resize(deflateBound(&stream, static_cast<uLong>(input.size())));
    stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(input.data()));
    stream.avail_in = static_cast<uInt>(input.size());
    stream.next_out = reinterpret_cast<Bytef*>(out->data());
    stream.avail_out = static_cast<uInt>(out->size());
    int rc = deflate(&stream, Z_FINISH);
    size_t written = stream.total_out;
    deflateEnd(&stream);
    if (rc != Z_STREAM_END) return Status::Internal("deflate failed: " + std::to_string(rc));
    out->resize(written);
    return Status::OK();
}

Status DeflateDecompress(std::string_view input, size_t max_output, std::string* out) {
    z_stream stream{};
    if (inflateInit2(&stream, -15) != Z_OK) return Status::Internal("inflateInit2 failed");
    std::unique_ptr<z_stream, int (*)(z_stream*)> guard(&stream, inflateEnd);
    stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(input.data()));
    stream.avail_in = static_cast<uInt>(input.size());
    out->clear();
    while (true) {
        if (stream.total_out == out->size()) {
            if (out->size() > max_output) return TooLarge(Codec::kDeflate, max_output);
            out->resize(NextCapacity(out->size(), input.size(), max_output));
        }
        stream.next_out = reinterpret_cast<Bytef*>(out->data() + stream.total_out);
        stream.avail_out = static_cast<uInt>(out->size() - stream.total_out);
        int rc = inflate(&stream, Z_NO_FLUSH);
        if (rc == Z_STREAM_END) break;
        if (rc == Z_BUF_ERROR && stream.avail_in == 0 && stream.avail_out != 0) {
            return Status::Corruption("deflate block is truncated");
        }
        if (rc != Z_OK && rc != Z_BUF_ERROR) {
            return Status::Corruption(std::string("deflate block is malformed: ") +
                                      (stream.msg != nullptr ? stream.msg : std::to_string(rc).c_str()));
        }
    }
    if (stream.total_out > max_output) return TooLarge(Codec::kDeflate, max_output);
    out->resize(stream.total_out);
    return Status::OK();
}

Status SnappyCompress(std::string_view input, std::string* out) {
    out->clear();
    snappy::Compress(input.data(), input.size(), out);
    uint32_t crc =
        static_cast<uint32_t>(crc32(0L, reinterpret_cast<const Bytef*>(input.data()), static_cast<uInt>(input.size())));
    for (int shift = 24; shift >= 0; shift -= 8) out->push_back(static_cast<char>((crc >> shift) & 0xFF));
    return Status::OK();
}

Status SnappyDecompress(std::string_view input, size_t max_output, std::string* out) {
    if (input.size() < 4) return Status::Corruption("snappy block is shorter than its 4-byte checksum");
    std::string_view data = input.substr(0, input.size() - 4);
    size_t length = 0;
    if (!snappy::GetUncompressedLength(data.data(), data.size(), &length)) {
        return Status::Corruption("snappy block has a malformed length header");
    }
    if (length > max_output) return TooLarge(Codec::kSnappy, max_output);
    out->resize(length);
    if (!snappy::RawUncompress(data.data(), data.size(), out->data())) {
        return Status::Corruption("snappy block is malformed");
    }
    const auto* tail = reinterpret_cast<const uint8_t*>(input.data() + data.size());
    uint32_t expected = uint32_t(tail[0]) << 24 | uint32_t(tail[1]) << 16 | uint32_t(tail[2]) << 8 | tail[3];
    uint32_t actual =
        static_cast<uint32_t>(crc32(0L, reinterpret_cast<const Bytef*>(out->data()), static_cast<uInt>(out->size())));
    if (expected != actual) return Status::Corruption("snappy block checksum mismatch");
    return Status::OK();
}

Status ZstdCompress(std::string_view input, int level, std::string* out) {
    out->resize(ZSTD_compressBound(input.size()));
    size_t written = ZSTD_compress(out->data(), out->size(), input.data(), input.size(), level < 0 ? 3 : level);
    if (ZSTD_isError(written))
        return Status::Internal(std::string("zstd compression failed: ") + ZSTD_getErrorName(written));
    out->resize(written);
    return Status::OK();
}

Status ZstdDecompress(std::string_view input, size_t max_output, std::string* out) {
    // Streaming, because Java's ZstdOutputStream does not record the content size in the frame.
    std::unique_ptr<ZSTD_DCtx, size_t (*)(ZSTD_DCtx*)> context(ZSTD_createDCtx(), ZSTD_freeDCtx);
    if (context == nullptr) return Status::Internal("ZSTD_createDCtx failed");
    ZSTD_inBuffer in{input.data(), input.size(), 0};
    out->clear();
    size_t produced = 0;
    while (true) {
        if (produced == out->size()) {
            if (out->size() > max_output) return TooLarge(Codec::kZstandard, max_output);
            out->resize(NextCapacity(out->size(), input.size(), max_output));
        }
        ZSTD_outBuffer buffer{out->data(), out->size(), produced};
        size_t consumed_before = in.pos;
        size_t rc = ZSTD_decompressStream(context.get(), &buffer, &in);
        if (ZSTD_isError(rc)) {
            return Status::Corruption(std::string("zstandard block is malformed: ") + ZSTD_getErrorName(rc));
        }
        bool progress = buffer.pos > produced || in.pos > consumed_before;
        produced = buffer.pos;
        // rc == 0: the current frame is complete and flushed; more input means another frame.
        if (rc == 0 && in.pos == in.size) break;
        // Room left for output, yet nothing moved: the decoder is waiting for input we lack.
        if (!progress && buffer.pos < buffer.size) return Status::Corruption("zstandard block is truncated");
    }
    if (produced > max_output) return TooLarge(Codec::kZstandard, max_output);
    out->resize(produced);
    return Status::OK();
}

}  // namespace

Status Compress(Codec codec, std::string_view input, int level, std::string* out) {
    switch (codec) {
        case Codec::kNull:
            out->assign(input);
            return Status::OK();
        case Codec::kDeflate:
            return DeflateCompress(input, level, out);
        case Codec::kSnappy:
            return SnappyCompress(input, out);
        case Codec::kZstandard:
            return ZstdCompress(input, level, out);
    }
    return Status::Internal("unknown codec");
}

Status Decompress(Codec codec, std::string_view input, size_t max_output, std::string* out) {
    switch (codec) {
        case Codec::kNull:
            if (input.size() > max_output) return TooLarge(codec, max_output);
            out->assign(input);
            return Status::OK();
        case Codec::kDeflate:
            return DeflateDecompress(input, max_output, out);
        case Codec::kSnappy:
            return SnappyDecompress(input, max_output, out);
        case Codec::kZstandard:
            return ZstdDecompress(input, max_output, out);
    }
    return Status::Internal("unknown codec");
}

}  // namespace flashlake::format::avro
