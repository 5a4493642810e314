#include "lake/binary_row.h"

#include <bit>

namespace flashlake::lake {

static_assert(std::endian::native == std::endian::little,
              "BinaryRow slots are read with memcpy; a big-endian host needs byte swaps here");

namespace {

constexpr int64_t kNanosPerMilli = 1'000'000;

int64_t FloorDiv(int64_t a, int64_t b) {
    int64_t q = a / b;
    return (a % b != 0 && ((a < 0) != (b < 0))) ? q - 1 : q;
}

uint32_t RotateLeft(uint32_t value, int bits) {
    return (value << bits) | (value >> (32 - bits));
}

}  // namespace

PaimonTimestamp PaimonTimestamp::FromMicros(int64_t micros) {
    int64_t millis = FloorDiv(micros, 1000);
    return {millis, static_cast<int32_t>((micros - millis * 1000) * 1000)};
}

PaimonTimestamp PaimonTimestamp::FromNanos(int64_t nanos) {
    int64_t millis = FloorDiv(nanos, kNanosPerMilli);
    return {millis, static_cast<int32_t>(nanos - millis * kNanosPerMilli)};
}

int64_t PaimonTimestamp::ToMicros() const {
    return millis * 1000 + nano_of_milli / 1000;
}

Result<BinaryRow> BinaryRow::FromBytes(int32_t arity, std::string bytes) {
    if (arity < 0) return Status::Corruption("BinaryRow: negative arity " + std::to_string(arity));
    // Checked in 64 bits: a corrupt arity must not overflow the size computation.
    int64_t fixed = ((static_cast<int64_t>(arity) + 63 + 8) / 64) * 8 + 8 * static_cast<int64_t>(arity);
    if (static_cast<int64_t>(bytes.size()) < fixed) {
        return Status::Corruption("BinaryRow: " + std::to_string(bytes.size()) + " bytes cannot hold " +
                                  std::to_string(arity) + " fields (fixed part is " + std::to_string(fixed) +
                                  " bytes)");
    }
    return BinaryRow(arity, std::move(bytes));
}

Result<BinaryRow> BinaryRow::Deserialize(std::string_view serialized) {
    if (serialized.size() < 4) {
        return Status::Corruption("serialized BinaryRow of " + std::to_string(serialized.size()) +
                                  " bytes has no arity");
    }
    uint32_t arity = 0;
    for (int i = 0; i < 4; ++i) arity = (arity << 8) | static_cast<uint8_t>(serialized[i]);
    return FromBytes(static_cast<int32_t>(arity), std::string(serialized.substr(4)));
}

std::string BinaryRow::Serialize() const {
    std::string out(4, '\0');
    auto arity = static_cast<uint32_t>(arity_);
    for (int i = 0; i < 4; ++i) out[i] = static_cast<char>(arity >> (24 - 8 * i));
    out += bytes_;
    return out;
}

Result<std::string_view> BinaryRow::VarPart(int32_t pos, uint64_t offset, uint64_t length) const {
    if (offset > bytes_.size() || length > bytes_.size() - offset) {
        return Status::Corruption("BinaryRow field " + std::to_string(pos) + " points at bytes [" +
                                  std::to_string(offset) + ", " + std::to_string(offset + length) + ") of a " +
                                  std::to_string(bytes_.size()) + "-byte row");
    }
    return std::string_view(bytes_).substr(offset, length);
}

Result<std::string_view> BinaryRow::GetBytes(int32_t pos) const {
    auto slot = Slot<uint64_t>(pos);
    if (slot & (uint64_t{1} << 63)) {
        // Inline: the top byte is 0x80 | length, the data sits in the low bytes of the slot.
        uint64_t length = (slot >> 56) & 0x7F;
        if (length > 7) return Status::Corruption("BinaryRow field " + std::to_string(pos) + ": inline length > 7");
        return std::string_view(bytes_).substr(SlotOffset(pos), length);
    }
    return VarPart(pos, slot >> 32, slot & 0xFFFFFFFFu);
}

Result<int128_t> BinaryRow::GetDecimal(int32_t pos, int32_t precision) const {
    if (precision <= 18) return int128_t{GetLong(pos)};
    auto slot = Slot<uint64_t>(pos);
    uint64_t length = slot & 0xFFFFFFFFu;
    if (length == 0 || length > 16) {
        return Status::Corruption("BinaryRow field " + std::to_string(pos) + ": decimal of " + std::to_string(length) +
                                  " bytes");
    }
    FL_ASSIGN_OR_RETURN(std::string_view bytes, VarPart(pos, slot >> 32, length));
    // Big-endian two's complement of minimal length (Java BigInteger.toByteArray): sign-extend.
    auto value = static_cast<uint128_t>(static_cast<int8_t>(bytes[0]) < 0 ? -1 : 0);
    for (char byte : bytes) value = (value << 8) | static_cast<uint8_t>(byte);
    return static_cast<int128_t>(value);
}

Result<PaimonTimestamp> BinaryRow::GetTimestamp(int32_t pos, int32_t precision) const {
    if (precision <= 3) return PaimonTimestamp{GetLong(pos), 0};
    auto slot = Slot<uint64_t>(pos);
    FL_ASSIGN_OR_RETURN(std::string_view millis_bytes, VarPart(pos, slot >> 32, 8));
    PaimonTimestamp ts;
    std::memcpy(&ts.millis, millis_bytes.data(), 8);
    ts.nano_of_milli = static_cast<int32_t>(slot & 0xFFFFFFFFu);
    if (ts.nano_of_milli < 0 || ts.nano_of_milli >= kNanosPerMilli) {
        return Status::Corruption("BinaryRow field " + std::to_string(pos) + ": nano-of-millisecond " +
                                  std::to_string(ts.nano_of_milli));
    }
    return ts;
}

int32_t BinaryRow::HashCode() const {
    return HashBytesByWords(bytes_.data(), bytes_.size());
}

int32_t HashBytesByWords(const void* data, size_t size, int32_t seed) {
    FL_CHECK(size % 4 == 0, "HashBytesByWords over ", size, " bytes");
    constexpr uint32_t kC1 = 0xcc9e2d51;
    constexpr uint32_t kC2 = 0x1b873593;
    const auto* bytes = static_cast<const unsigned char*>(data);
    auto h = static_cast<uint32_t>(seed);
    for (size_t i = 0; i < size; i += 4) {
        uint32_t k;
        std::memcpy(&k, bytes + i, 4);
        k *= kC1;
        k = RotateLeft(k, 15);
        k *= kC2;
        h ^= k;
        h = RotateLeft(h, 13);
        h = h * 5 + 0xe6546b64;
    }
    h ^= static_cast<uint32_t>(size);
    h ^= h >> 16;
    h *= 0x85ebca6b;
    h ^= h >> 13;
    h *= 0xc2b2ae35;
    h ^= h >> 16;
    return static_cast<int32_t>(h);
}

}  // namespace flashlake::lake
