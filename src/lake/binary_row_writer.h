#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "lake/binary_row.h"
#include "types/int128.h"

namespace flashlake::lake {

// Builds BinaryRows byte-for-byte as Paimon's BinaryRowWriter does, so that hashes (bucket ids)
// and manifest bytes match the Java writer. Fields may be written in any order, each once, and
// var-part data lands in write order; write fields in position order to match Java exactly
// (Paimon's projections do). Finish() returns the row and resets the writer for the next one.
//
// Nulls: SetNullAt zeroes the slot. A null DECIMAL(p > 18) or TIMESTAMP(p > 3) still reserves its
// var-part bytes in Java (writeDecimal/writeTimestamp with a null value), which changes the row
// bytes and so the hash; use SetNullDecimal / SetNullTimestamp for those types.
class BinaryRowWriter {
public:
    explicit BinaryRowWriter(int32_t arity);

    int32_t arity() const { return arity_; }

    void SetRowKind(RowKind kind) { buffer_[0] = static_cast<char>(kind); }
    void SetNullAt(int32_t pos);
    void SetNullDecimal(int32_t pos, int32_t precision);
    void SetNullTimestamp(int32_t pos, int32_t precision);

    void WriteBoolean(int32_t pos, bool value) { WriteSlot<uint8_t>(pos, value ? 1 : 0); }
    void WriteTinyInt(int32_t pos, int8_t value) { WriteSlot(pos, value); }
    void WriteSmallInt(int32_t pos, int16_t value) { WriteSlot(pos, value); }
    void WriteInt(int32_t pos, int32_t value) { WriteSlot(pos, value); }
    void WriteLong(int32_t pos, int64_t value) { WriteSlot(pos, value); }
    // NaN is canonicalized (Float.NaN / Double.NaN) as Java's writer does.
    void WriteFloat(int32_t pos, float value);
    void WriteDouble(int32_t pos, double value);
    // STRING and BINARY fields alike.
    void WriteBytes(int32_t pos, std::string_view bytes);
    // `unscaled` must fit `precision` digits (checked).
    void WriteDecimal(int32_t pos, int128_t unscaled, int32_t precision);
    void WriteTimestamp(int32_t pos, PaimonTimestamp value, int32_t precision);

    BinaryRow Finish();

private:
    template <typename T>
    void WriteSlot(int32_t pos, T value) {
        CheckPos(pos);
        ClearSlot(pos);
        std::memcpy(buffer_.data() + SlotOffset(pos), &value, sizeof(T));
    }
    void CheckPos(int32_t pos) const {
        FL_CHECK(pos >= 0 && pos < arity_, "BinaryRowWriter field ", pos, " of ", arity_);
    }
    size_t SlotOffset(int32_t pos) const { return static_cast<size_t>(null_bits_size_) + 8 * pos; }
    void ClearSlot(int32_t pos) { std::memset(buffer_.data() + SlotOffset(pos), 0, 8); }
    void SetNullBit(int32_t pos);
    // Appends `size` bytes rounded up to whole words, zero-filled, and returns their offset.
    size_t ReserveVarPart(size_t size);
    void SetOffsetAndSize(int32_t pos, uint64_t offset, uint64_t size);

    int32_t arity_;
    int32_t null_bits_size_;
    std::string buffer_;
};

}  // namespace flashlake::lake
