#include "lake/binary_row_writer.h"

#include <cmath>
#include <limits>

#include "types/decimal.h"

namespace flashlake::lake {

BinaryRowWriter::BinaryRowWriter(int32_t arity)
    : arity_(arity),
      null_bits_size_(BinaryRow::NullBitsSize(arity)),
      buffer_(static_cast<size_t>(BinaryRow::FixedPartSize(arity)), '\0') {
    FL_CHECK(arity >= 0, "BinaryRowWriter arity ", arity);
}

void BinaryRowWriter::SetNullBit(int32_t pos) {
    int32_t bit = pos + 8;
    buffer_[bit >> 3] = static_cast<char>(static_cast<uint8_t>(buffer_[bit >> 3]) | (1u << (bit & 7)));
}

void BinaryRowWriter::SetNullAt(int32_t pos) {
    CheckPos(pos);
    SetNullBit(pos);
    ClearSlot(pos);
}

void BinaryRowWriter::SetNullDecimal(int32_t pos, int32_t precision) {
    if (precision <= 18) return SetNullAt(pos);
    CheckPos(pos);
    SetNullBit(pos);
    SetOffsetAndSize(pos, ReserveVarPart(16), 0);
}

void BinaryRowWriter::SetNullTimestamp(int32_t pos, int32_t precision) {
    if (precision <= 3) return SetNullAt(pos);
    CheckPos(pos);
    SetNullBit(pos);
    SetOffsetAndSize(pos, ReserveVarPart(8), 0);
}

void BinaryRowWriter::WriteFloat(int32_t pos, float value) {
    WriteSlot(pos, std::isnan(value) ? std::numeric_limits<float>::quiet_NaN() : value);
}

void BinaryRowWriter::WriteDouble(int32_t pos, double value) {
    WriteSlot(pos, std::isnan(value) ? std::numeric_limits<double>::quiet_NaN() : value);
}

size_t BinaryRowWriter::ReserveVarPart(size_t size) {
    size_t offset = buffer_.size();
    buffer_.resize(offset + ((size + 7) & ~size_t{7}), '\0');
    return offset;
}

void BinaryRowWriter::SetOffsetAndSize(int32_t pos, uint64_t offset, uint64_t size) {
    FL_CHECK(offset <= 0xFFFFFFFFu && size <= 0xFFFFFFFFu, "BinaryRow var part past 4 GiB");
    uint64_t slot = (offset << 32) | size;
    std::memcpy(buffer_.data() + SlotOffset(pos), &slot, 8);
}

void BinaryRowWriter::WriteBytes(int32_t pos, std::string_view bytes) {
    CheckPos(pos);
    if (bytes.size() <= 7) {
        ClearSlot(pos);
        char* slot = buffer_.data() + SlotOffset(pos);
        if (!bytes.empty()) std::memcpy(slot, bytes.data(), bytes.size());
        slot[7] = static_cast<char>(0x80 | bytes.size());
        return;
    }
    size_t offset = ReserveVarPart(bytes.size());
    std::memcpy(buffer_.data() + offset, bytes.data(), bytes.size());
    SetOffsetAndSize(pos, offset, bytes.size());
}

void BinaryRowWriter::WriteDecimal(int32_t pos, int128_t unscaled, int32_t precision) {
    FL_CHECK(precision >= 1 && precision <= 38 && decimal::FitsPrecision(unscaled, precision),
             "decimal does not fit precision ", precision);
    if (precision <= 18) return WriteLong(pos, static_cast<int64_t>(unscaled));
    CheckPos(pos);
    // Java's BigInteger.toByteArray(): the shortest big-endian two's complement, at least 1 byte.
    unsigned char be[16];
    for (int i = 0; i < 16; ++i) be[i] = static_cast<unsigned char>(static_cast<uint128_t>(unscaled) >> (120 - 8 * i));
    int start = 0;
    while (start < 15) {
        bool redundant =
            (be[start] == 0x00 && (be[start + 1] & 0x80) == 0) || (be[start] == 0xFF && (be[start + 1] & 0x80) != 0);
        if (!redundant) break;
        ++start;
    }
    size_t length = 16 - start;
    size_t offset = ReserveVarPart(16);
    std::memcpy(buffer_.data() + offset, be + start, length);
    SetOffsetAndSize(pos, offset, length);
}

void BinaryRowWriter::WriteTimestamp(int32_t pos, PaimonTimestamp value, int32_t precision) {
    if (precision <= 3) return WriteLong(pos, value.millis);
    CheckPos(pos);
    size_t offset = ReserveVarPart(8);
    std::memcpy(buffer_.data() + offset, &value.millis, 8);
    SetOffsetAndSize(pos, offset, static_cast<uint32_t>(value.nano_of_milli));
}

BinaryRow BinaryRowWriter::Finish() {
    std::string bytes(static_cast<size_t>(BinaryRow::FixedPartSize(arity_)), '\0');
    bytes.swap(buffer_);
    return BinaryRow(arity_, std::move(bytes));
}

}  // namespace flashlake::lake
