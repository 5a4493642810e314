#pragma once

#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>

namespace flashlake::format::avro {

// Appends Avro's binary encoding to a string: zigzag varint int/long, little-endian
// float/double, length-prefixed bytes/string.
class BinaryEncoder {
public:
    explicit BinaryEncoder(std::string* out) : out_(out) {}

    void WriteLong(int64_t value) {
        uint64_t zigzag = (static_cast<uint64_t>(value) << 1) ^ static_cast<uint64_t>(value >> 63);
        char buffer[10];
        size_t n = 0;
        while (zigzag >= 0x80) {
            buffer[n++] = static_cast<char>((zigzag & 0x7F) | 0x80);
            zigzag >>= 7;
        }
        buffer[n++] = static_cast<char>(zigzag);
        out_->append(buffer, n);
    }
    void WriteInt(int32_t value) { WriteLong(value); }
    void WriteBoolean(bool value) { out_->push_back(value ? 1 : 0); }
    void WriteFloat(float value) { WriteRaw(&value, sizeof(value)); }
    void WriteDouble(double value) { WriteRaw(&value, sizeof(value)); }
    void WriteBytes(std::string_view bytes) {
        WriteLong(static_cast<int64_t>(bytes.size()));
        out_->append(bytes);
    }
    void WriteFixed(std::string_view bytes) { out_->append(bytes); }

    std::string* output() { return out_; }

private:
    void WriteRaw(const void* data, size_t size) { out_->append(static_cast<const char*>(data), size); }

    std::string* out_;
};

}  // namespace flashlake::format::avro
