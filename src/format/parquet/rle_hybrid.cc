#include "format/parquet/rle_hybrid.h"

#include <algorithm>
#include <cstring>

#include "format/parquet/bit_packing.h"

namespace flashlake::format::parquet {

void RleHybridDecoder::Reset(const uint8_t* data, size_t size, int bit_width) {
    data_ = data;
    cursor_ = data;
    end_ = data + size;
    bit_width_ = bit_width;
    decoded_ = 0;
    is_rle_ = false;
    run_remaining_ = 0;
    group_position_ = 8;
}

Status RleHybridDecoder::Truncated() const {
    return Status::Corruption("RLE/bit-packed data ends after " + std::to_string(decoded_) + " values");
}

Status RleHybridDecoder::NextRun() {
    uint64_t header = 0;
    for (int shift = 0;; shift += 7) {
        if (cursor_ >= end_ || shift > 63) return Truncated();
        uint8_t byte = *cursor_++;
        header |= static_cast<uint64_t>(byte & 0x7f) << shift;
        if ((byte & 0x80) == 0) break;
    }
    if ((header & 1) == 0) {
        is_rle_ = true;
        run_remaining_ = header >> 1;
        size_t value_bytes = (bit_width_ + 7) / 8;
        if (static_cast<size_t>(end_ - cursor_) < value_bytes) return Truncated();
        rle_value_ = 0;
        std::memcpy(&rle_value_, cursor_, value_bytes);  // little-endian host
        cursor_ += value_bytes;
    } else {
        is_rle_ = false;
        uint64_t groups = header >> 1;
        // Writers may end the data inside the last run; keep only the groups that are present.
        if (bit_width_ > 0) groups = std::min<uint64_t>(groups, static_cast<size_t>(end_ - cursor_) / bit_width_);
        run_remaining_ = groups * 8;
        group_position_ = 8;
    }
    if (run_remaining_ == 0 && cursor_ >= end_) return Truncated();
    return Status::OK();
}

template <typename T>
Status RleHybridDecoder::Decode(T* out, size_t count) {
    while (count > 0) {
        if (run_remaining_ == 0) {
            FL_RETURN_NOT_OK(NextRun());
            continue;
        }
        size_t n = static_cast<size_t>(std::min<uint64_t>(count, run_remaining_));
        if (is_rle_) {
            std::fill(out, out + n, static_cast<T>(rle_value_));
        } else {
            size_t done = 0;
            // Drain a partly used group first.
            while (group_position_ < 8 && done < n) out[done++] = static_cast<T>(group_[group_position_++]);
            size_t whole = (n - done) / 8 * 8;
            if (whole > 0) {
                size_t in_size = static_cast<size_t>(end_ - cursor_);
                if constexpr (sizeof(T) == 4) {
                    UnpackBits32(cursor_, in_size, bit_width_, reinterpret_cast<uint32_t*>(out + done), whole);
                } else {
                    uint32_t buffer[256];
                    for (size_t start = 0; start < whole; start += 256) {
                        size_t chunk = std::min<size_t>(256, whole - start);
                        UnpackBits32(cursor_ + start / 8 * bit_width_, in_size - start / 8 * bit_width_, bit_width_,
                                     buffer, chunk);
                        for (size_t i = 0; i < chunk; ++i) out[done + start + i] = static_cast<T>(buffer[i]);
                    }
                }
                cursor_ += whole / 8 * bit_width_;
                done += whole;
            }
            if (done < n) {
                UnpackBits32(cursor_, static_cast<size_t>(end_ - cursor_), bit_width_, group_, 8);
                cursor_ += bit_width_;
                group_position_ = 0;
                while (done < n) out[done++] = static_cast<T>(group_[group_position_++]);
            }
        }
        run_remaining_ -= n;
        out += n;
        count -= n;
        decoded_ += n;
    }
    return Status::OK();
}

template Status RleHybridDecoder::Decode<uint8_t>(uint8_t*, size_t);
template Status RleHybridDecoder::Decode<int16_t>(int16_t*, size_t);
template Status RleHybridDecoder::Decode<uint16_t>(uint16_t*, size_t);
template Status RleHybridDecoder::Decode<int32_t>(int32_t*, size_t);
template Status RleHybridDecoder::Decode<uint32_t>(uint32_t*, size_t);

namespace {

void WriteUleb(uint64_t value, std::string* out) {
    while (value >= 0x80) {
        out->push_back(static_cast<char>((value & 0x7f) | 0x80));
        value >>= 7;
    }
    out->push_back(static_cast<char>(value));
}

}  // namespace

void EncodeRleHybrid(const uint32_t* values, size_t count, int bit_width, std::string* out) {
    const size_t value_bytes = (bit_width + 7) / 8;
    uint64_t packed[8];
    size_t i = 0;
    while (i < count) {
        size_t run = 1;
        while (i + run < count && values[i + run] == values[i]) ++run;
        if (run >= 8) {
            WriteUleb(static_cast<uint64_t>(run) << 1, out);
            uint32_t value = values[i];
            out->append(reinterpret_cast<const char*>(&value), value_bytes);
            i += run;
            continue;
        }
        // Bit-pack groups of eight until a group starts a run of eight equal values.
        size_t start = i;
        size_t groups = 0;
        while (i < count) {
            size_t ahead = 1;
            while (ahead < 8 && i + ahead < count && values[i + ahead] == values[i]) ++ahead;
            if (groups > 0 && ahead == 8) break;
            i = std::min(count, i + 8);
            ++groups;
        }
        WriteUleb((static_cast<uint64_t>(groups) << 1) | 1, out);
        for (size_t g = 0; g < groups; ++g) {
            for (size_t j = 0; j < 8; ++j) {
                size_t index = start + g * 8 + j;
                packed[j] = index < count ? values[index] : 0;
            }
            PackBits(packed, 8, bit_width, out);
        }
    }
}

}  // namespace flashlake::format::parquet
