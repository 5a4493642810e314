#include "format/avro/binary_decoder.h"

namespace flashlake::format::avro {

static_assert(__BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__, "Avro float/double decoding assumes a little-endian host");

Status BinaryDecoder::ReadLongSlow(int64_t* out) {
    uint64_t at = offset();
    uint64_t value = 0;
    for (int shift = 0; shift < 70; shift += 7) {
        if (pos_ >= end_) return ErrorAt(at, "truncated varint");
        uint8_t byte = *pos_++;
        if (shift == 63 && byte > 1) return ErrorAt(at, "varint overflows 64 bits");
        value |= uint64_t(byte & 0x7F) << shift;
        if ((byte & 0x80) == 0) {
            *out = static_cast<int64_t>((value >> 1) ^ (~(value & 1) + 1));
            return Status::OK();
        }
    }
    return ErrorAt(at, "varint longer than 10 bytes");
}

}  // namespace flashlake::format::avro
