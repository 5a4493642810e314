#include "format/parquet/level_decoder.h"

#include <cstring>

#include "format/parquet/bit_packing.h"

namespace flashlake::format::parquet {

Status LevelDecoder::Init(Encoding encoding, int16_t max_level, const uint8_t* data, size_t size, int64_t num_values,
                          bool length_prefixed, size_t* consumed) {
    bit_width_ = BitWidthOf(static_cast<uint64_t>(max_level));
    if (encoding == Encoding::kRle) {
        legacy_bit_packed_ = false;
        size_t offset = 0;
        size_t length = size;
        if (length_prefixed) {
            if (size < 4) return Status::Corruption("levels: missing length prefix");
            uint32_t prefix;
            std::memcpy(&prefix, data, 4);
            if (prefix > size - 4) {
                return Status::Corruption("levels: length " + std::to_string(prefix) + " past the end of the page");
            }
            offset = 4;
            length = prefix;
        }
        rle_.Reset(data + offset, length, bit_width_);
        *consumed = offset + length;
        return Status::OK();
    }
    if (encoding == Encoding::kBitPacked) {
        legacy_bit_packed_ = true;
        uint64_t bits = static_cast<uint64_t>(num_values) * bit_width_;
        size_t bytes = static_cast<size_t>((bits + 7) / 8);
        if (num_values < 0 || bytes > size) return Status::Corruption("BIT_PACKED levels past the end of the page");
        data_ = data;
        bit_position_ = 0;
        bit_limit_ = bits;
        *consumed = bytes;
        return Status::OK();
    }
    return Status::NotSupported(std::string("level encoding ") + EncodingName(encoding));
}

Status LevelDecoder::Decode(int16_t* out, size_t count) {
    if (!legacy_bit_packed_) return rle_.Decode(out, count);
    if (count * bit_width_ > bit_limit_ - bit_position_) return Status::Corruption("BIT_PACKED levels: too few levels");
    for (size_t i = 0; i < count; ++i) {
        int value = 0;
        for (int b = 0; b < bit_width_; ++b, ++bit_position_) {
            value = (value << 1) | ((data_[bit_position_ >> 3] >> (7 - (bit_position_ & 7))) & 1);
        }
        out[i] = static_cast<int16_t>(value);
    }
    return Status::OK();
}

}  // namespace flashlake::format::parquet
