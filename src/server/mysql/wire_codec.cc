#include "server/mysql/wire_codec.h"

namespace flashlake::server::mysql {

void WireWriter::IntN(uint64_t value, int bytes) {
    for (int i = 0; i < bytes; ++i) out_.push_back(static_cast<char>((value >> (8 * i)) & 0xff));
}

void WireWriter::LenencInt(uint64_t value) {
    if (value < 251) {
        Int1(static_cast<uint8_t>(value));
    } else if (value < (1u << 16)) {
        Int1(0xfc);
        IntN(value, 2);
    } else if (value < (1u << 24)) {
        Int1(0xfd);
        IntN(value, 3);
    } else {
        Int1(0xfe);
        IntN(value, 8);
    }
}

void WireWriter::LenencString(std::string_view text) {
    LenencInt(text.size());
    out_.append(text);
}

void WireWriter::NulString(std::string_view text) {
    out_.append(text);
    out_.push_back('\0');
}

size_t LenencIntSize(uint64_t value) {
    if (value < 251) return 1;
    if (value < (1u << 16)) return 3;
    if (value < (1u << 24)) return 4;
    return 9;
}

std::optional<uint64_t> WireReader::IntN(int bytes) {
    if (!ok_ || remaining() < static_cast<size_t>(bytes)) {
        Fail();
        return std::nullopt;
    }
    uint64_t value = 0;
    for (int i = 0; i < bytes; ++i) {
        value |= static_cast<uint64_t>(static_cast<uint8_t>(data_[position_ + i])) << (8 * i);
    }
    position_ += bytes;
    return value;
}

std::optional<uint8_t> WireReader::Int1() {
    auto value = IntN(1);
    if (!value) return std::nullopt;
    return static_cast<uint8_t>(*value);
}

std::optional<uint16_t> WireReader::Int2() {
    auto value = IntN(2);
    if (!value) return std::nullopt;
    return static_cast<uint16_t>(*value);
}

std::optional<uint32_t> WireReader::Int4() {
    auto value = IntN(4);
    if (!value) return std::nullopt;
    return static_cast<uint32_t>(*value);
}

std::optional<uint64_t> WireReader::LenencInt() {
    auto first = Int1();
    if (!first) return std::nullopt;
    if (*first < 251) return *first;
    switch (*first) {
        case 0xfc:
            return IntN(2);
        case 0xfd:
            return IntN(3);
        case 0xfe:
            return IntN(8);
        default:
            Fail();
            return std::nullopt;
    }
}

std::optional<std::string_view> WireReader::LenencString() {
    auto length = LenencInt();
    if (!length) return std::nullopt;
    return Bytes(*length);
}

std::optional<std::string_view> WireReader::NulString() {
    if (!ok_) return std::nullopt;
    size_t end = data_.find('\0', position_);
    if (end == std::string_view::npos) {
        Fail();
        return std::nullopt;
    }
    std::string_view text = data_.substr(position_, end - position_);
    position_ = end + 1;
    return text;
}

std::optional<std::string_view> WireReader::Bytes(size_t count) {
    if (!ok_ || remaining() < count) {
        Fail();
        return std::nullopt;
    }
    std::string_view bytes = data_.substr(position_, count);
    position_ += count;
    return bytes;
}

std::string_view WireReader::Rest() {
    if (!ok_) return {};
    std::string_view rest = data_.substr(position_);
    position_ = data_.size();
    return rest;
}

}  // namespace flashlake::server::mysql
