#pragma once

#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>

#include "common/status.h"

namespace flashlake::format::avro {

// Reads Avro's binary encoding from a byte range: zigzag varint int/long, little-endian
// float/double, length-prefixed bytes/string. Every read is bounds-checked: running off the end,
// a varint longer than 10 bytes or overflowing 64 bits, an int outside 32 bits, a boolean byte
// other than 0/1, or a negative or oversized length is kCorruption naming the byte offset
// (`base_offset` + position, so offsets can be reported in file terms).
class BinaryDecoder {
public:
    BinaryDecoder() = default;
    explicit BinaryDecoder(std::string_view data, uint64_t base_offset = 0)
        : begin_(reinterpret_cast<const uint8_t*>(data.data())),
          pos_(begin_),
          end_(begin_ + data.size()),
          base_offset_(base_offset) {}

    size_t remaining() const { return static_cast<size_t>(end_ - pos_); }
    // Offset of the next byte, counted from the start of the range plus the base offset.
    uint64_t offset() const { return base_offset_ + static_cast<uint64_t>(pos_ - begin_); }

    Status ReadLong(int64_t* out) {
        // Fast path: one-byte varints are by far the most common.
        if (pos_ < end_ && *pos_ < 0x80) {
            uint64_t value = *pos_++;
            *out = static_cast<int64_t>((value >> 1) ^ (~(value & 1) + 1));
            return Status::OK();
        }
        return ReadLongSlow(out);
    }

    Status ReadInt(int32_t* out) {
        int64_t value;
        uint64_t at = offset();
        FL_RETURN_NOT_OK(ReadLong(&value));
        if (value < INT32_MIN || value > INT32_MAX)
            return ErrorAt(at, "int value " + std::to_string(value) + " out of range");
        *out = static_cast<int32_t>(value);
        return Status::OK();
    }

    Status ReadBoolean(bool* out) {
        if (pos_ >= end_) return Truncated("boolean", 1);
        uint8_t byte = *pos_;
        if (byte > 1) return Error("boolean byte " + std::to_string(byte) + " is neither 0 nor 1");
        ++pos_;
        *out = byte == 1;
        return Status::OK();
    }

    Status ReadFloat(float* out) { return ReadLittleEndian(out, "float"); }
    Status ReadDouble(double* out) { return ReadLittleEndian(out, "double"); }

    // A length prefix (bytes, string, map key): non-negative and at most the bytes remaining.
    Status ReadLength(size_t* out, const char* what) {
        int64_t length;
        uint64_t at = offset();
        FL_RETURN_NOT_OK(ReadLong(&length));
        if (length < 0) return ErrorAt(at, std::string(what) + " length " + std::to_string(length) + " is negative");
        if (static_cast<uint64_t>(length) > remaining()) {
            return ErrorAt(at, std::string(what) + " length " + std::to_string(length) + " exceeds the " +
                                   std::to_string(remaining()) + " bytes remaining");
        }
        *out = static_cast<size_t>(length);
        return Status::OK();
    }

    // Bytes or string: a length, then that many bytes. The view points into the input.
    Status ReadBytesView(std::string_view* out, const char* what = "bytes") {
        size_t length;
        FL_RETURN_NOT_OK(ReadLength(&length, what));
        *out = std::string_view(reinterpret_cast<const char*>(pos_), length);
        pos_ += length;
        return Status::OK();
    }

    Status ReadBytes(std::string* out, const char* what = "bytes") {
        std::string_view view;
        FL_RETURN_NOT_OK(ReadBytesView(&view, what));
        out->assign(view);
        return Status::OK();
    }

    // Exactly `size` raw bytes (fixed values, sync markers, magic).
    Status ReadFixedView(size_t size, std::string_view* out, const char* what = "fixed") {
        if (size > remaining()) return Truncated(what, size);
        *out = std::string_view(reinterpret_cast<const char*>(pos_), size);
        pos_ += size;
        return Status::OK();
    }

    Status Skip(size_t size, const char* what) {
        if (size > remaining()) return Truncated(what, size);
        pos_ += size;
        return Status::OK();
    }

    Status Error(std::string_view what) const { return ErrorAt(offset(), what); }
    Status ErrorAt(uint64_t at, std::string_view what) const {
        return Status::Corruption(std::string(what) + " at byte " + std::to_string(at));
    }

private:
    Status ReadLongSlow(int64_t* out);

    Status Truncated(const char* what, size_t needed) const {
        return Error(std::string("truncated ") + what + ": needs " + std::to_string(needed) + " bytes, " +
                     std::to_string(remaining()) + " remain");
    }

    template <typename T>
    Status ReadLittleEndian(T* out, const char* what) {
        if (remaining() < sizeof(T)) return Truncated(what, sizeof(T));
        std::memcpy(out, pos_, sizeof(T));  // x86-64 and ARM64 are little-endian, like Avro
        pos_ += sizeof(T);
        return Status::OK();
    }

    const uint8_t* begin_ = nullptr;
    const uint8_t* pos_ = nullptr;
    const uint8_t* end_ = nullptr;
    uint64_t base_offset_ = 0;
};

}  // namespace flashlake::format::avro
