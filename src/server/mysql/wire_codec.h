#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace flashlake::server::mysql {

// Builds a packet payload from the protocol's basic types: fixed-width little-endian integers,
// length-encoded integers and strings, NUL-terminated strings.
class WireWriter {
public:
    void Int1(uint8_t value) { out_.push_back(static_cast<char>(value)); }
    void Int2(uint16_t value) { IntN(value, 2); }
    void Int3(uint32_t value) { IntN(value, 3); }
    void Int4(uint32_t value) { IntN(value, 4); }
    void Int8(uint64_t value) { IntN(value, 8); }
    void LenencInt(uint64_t value);
    void LenencString(std::string_view text);
    void NulString(std::string_view text);
    void Bytes(std::string_view bytes) { out_.append(bytes); }
    void Zeros(size_t count) { out_.append(count, '\0'); }

    const std::string& data() const { return out_; }
    std::string Take() { return std::move(out_); }
    size_t size() const { return out_.size(); }

private:
    void IntN(uint64_t value, int bytes);

    std::string out_;
};

// Reads a payload front to back. Every read checks bounds: a short or malformed payload makes the
// read return nullopt/false and leaves the reader failed, so a parser can read a whole layout and
// check `ok()` once.
class WireReader {
public:
    explicit WireReader(std::string_view payload) : data_(payload) {}

    std::optional<uint64_t> IntN(int bytes);
    std::optional<uint8_t> Int1();
    std::optional<uint16_t> Int2();
    std::optional<uint32_t> Int4();
    // NULL (0xfb) and the ERR marker (0xff) are not integers and fail the read.
    std::optional<uint64_t> LenencInt();
    std::optional<std::string_view> LenencString();
    std::optional<std::string_view> NulString();
    std::optional<std::string_view> Bytes(size_t count);
    std::string_view Rest();
    bool Skip(size_t count) { return Bytes(count).has_value(); }

    bool ok() const { return ok_; }
    bool AtEnd() const { return position_ >= data_.size(); }
    size_t remaining() const { return data_.size() - position_; }
    size_t position() const { return position_; }

private:
    bool Fail() {
        ok_ = false;
        position_ = data_.size();
        return false;
    }

    std::string_view data_;
    size_t position_ = 0;
    bool ok_ = true;
};

// Bytes LenencInt(value) writes.
size_t LenencIntSize(uint64_t value);

}  // namespace flashlake::server::mysql
