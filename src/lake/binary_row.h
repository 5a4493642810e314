#pragma once

#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>

#include "common/check.h"
#include "common/result.h"
#include "types/int128.h"

namespace flashlake::lake {

// A Paimon timestamp: milliseconds since the epoch plus the nanoseconds within that millisecond
// (0..999,999), as Paimon's Timestamp holds it. Flashlake's DATETIME keeps microseconds, so
// TIMESTAMP(7..9) values need this wider form wherever bytes must match Java (bucket keys).
struct PaimonTimestamp {
    int64_t millis = 0;
    int32_t nano_of_milli = 0;

    static PaimonTimestamp FromMicros(int64_t micros);
    static PaimonTimestamp FromNanos(int64_t nanos);
    // Truncates sub-microsecond digits.
    int64_t ToMicros() const;

    bool operator==(const PaimonTimestamp&) const = default;
};

// Row kinds as the header byte of a BinaryRow holds them.
enum class RowKind : uint8_t { kInsert = 0, kUpdateBefore = 1, kUpdateAfter = 2, kDelete = 3 };

// Paimon's BinaryRow (paimon-common `data/BinaryRow`): the byte form of partition values,
// primary keys and min/max statistics in manifests, and the input of the bucket hash.
//
// Layout (all multi-byte values little-endian, as Java writes them on x86):
//   null bit set  NullBitsSize(arity) bytes; bits 0-7 are the header (RowKind), field i is null
//                 iff bit i + 8 is set
//   fixed part    one 8-byte slot per field: BOOLEAN/TINYINT 1 byte, SMALLINT 2, INT/DATE/TIME 4,
//                 BIGINT/FLOAT/DOUBLE, DECIMAL(p <= 18) unscaled long, TIMESTAMP(p <= 3) millis;
//                 the unused slot bytes are zero
//   var part      strings/binaries longer than 7 bytes, DECIMAL(p > 18) big-endian unscaled
//                 bytes (16 bytes reserved), TIMESTAMP(p > 3) millis; each piece padded to 8
//                 bytes. The slot holds (offset << 32) | length (offset from the row start), or
//                 for a timestamp (offset << 32) | nano_of_milli. A string of up to 7 bytes is
//                 inline: slot bytes 0..6 hold it and byte 7 is 0x80 | length.
//
// A BinaryRow owns its bytes and is immutable. Fixed-slot accessors check the position (a bad
// position is a bug); accessors that follow offsets validate them, since manifests are input.
class BinaryRow {
public:
    // The empty row (arity 0), which append tables use as their key.
    BinaryRow() : BinaryRow(0, std::string(8, '\0')) {}

    // Wraps raw row bytes; fails when they are shorter than the fixed part of `arity` fields.
    static Result<BinaryRow> FromBytes(int32_t arity, std::string bytes);
    // The manifest form: a 4-byte big-endian arity, then the row bytes
    // (SerializationUtils.serializeBinaryRow).
    static Result<BinaryRow> Deserialize(std::string_view serialized);
    std::string Serialize() const;

    static int32_t NullBitsSize(int32_t arity) { return ((arity + 63 + 8) / 64) * 8; }
    static int32_t FixedPartSize(int32_t arity) { return NullBitsSize(arity) + 8 * arity; }

    int32_t arity() const { return arity_; }
    const std::string& bytes() const { return bytes_; }
    RowKind row_kind() const { return static_cast<RowKind>(bytes_[0]); }

    bool IsNullAt(int32_t pos) const {
        CheckPos(pos);
        int32_t bit = pos + 8;
        return (static_cast<uint8_t>(bytes_[bit >> 3]) >> (bit & 7)) & 1;
    }
    bool GetBoolean(int32_t pos) const { return Slot<uint8_t>(pos) != 0; }
    int8_t GetTinyInt(int32_t pos) const { return Slot<int8_t>(pos); }
    int16_t GetSmallInt(int32_t pos) const { return Slot<int16_t>(pos); }
    int32_t GetInt(int32_t pos) const { return Slot<int32_t>(pos); }
    int64_t GetLong(int32_t pos) const { return Slot<int64_t>(pos); }
    float GetFloat(int32_t pos) const { return Slot<float>(pos); }
    double GetDouble(int32_t pos) const { return Slot<double>(pos); }
    // The bytes of a STRING/BINARY field (inline or in the var part).
    Result<std::string_view> GetBytes(int32_t pos) const;
    // The unscaled value of a DECIMAL(precision, _) field.
    Result<int128_t> GetDecimal(int32_t pos, int32_t precision) const;
    Result<PaimonTimestamp> GetTimestamp(int32_t pos, int32_t precision) const;

    // Paimon's BinaryRow.hashCode(): Murmur3-32 (seed 42) over all row bytes read as
    // little-endian 32-bit words. The bucket function is built on it.
    int32_t HashCode() const;

    bool operator==(const BinaryRow& other) const { return arity_ == other.arity_ && bytes_ == other.bytes_; }
    bool operator!=(const BinaryRow& other) const { return !(*this == other); }

private:
    friend class BinaryRowWriter;
    BinaryRow(int32_t arity, std::string bytes) : arity_(arity), bytes_(std::move(bytes)) {}

    void CheckPos(int32_t pos) const { FL_CHECK(pos >= 0 && pos < arity_, "BinaryRow field ", pos, " of ", arity_); }
    size_t SlotOffset(int32_t pos) const { return static_cast<size_t>(NullBitsSize(arity_)) + 8 * pos; }
    template <typename T>
    T Slot(int32_t pos) const {
        CheckPos(pos);
        T value;
        std::memcpy(&value, bytes_.data() + SlotOffset(pos), sizeof(T));
        return value;
    }
    // The var-part range a slot points at, validated against the row size.
    Result<std::string_view> VarPart(int32_t pos, uint64_t offset, uint64_t length) const;

    int32_t arity_ = 0;
    std::string bytes_;
};

// Murmur3-32 over `size` bytes (a multiple of 4) read as little-endian words, finalized with the
// length: Paimon's MurmurHashUtils.hashBytesByWords.
int32_t HashBytesByWords(const void* data, size_t size, int32_t seed = 42);

}  // namespace flashlake::lake
