#include "format/parquet/delta_decoder.h"

#include <algorithm>
#include <cstring>

#include "format/parquet/bit_packing.h"

namespace flashlake::format::parquet {

namespace {

constexpr uint64_t kMaxBlockSize = 1 << 20;

Status ReadUleb(const uint8_t* data, size_t size, size_t* position, uint64_t* out) {
    uint64_t value = 0;
    for (int shift = 0;; shift += 7) {
        if (*position >= size) return Status::Corruption("DELTA_BINARY_PACKED: truncated varint");
        if (shift > 63) return Status::Corruption("DELTA_BINARY_PACKED: varint longer than 10 bytes");
        uint8_t byte = data[(*position)++];
        value |= static_cast<uint64_t>(byte & 0x7f) << shift;
        if ((byte & 0x80) == 0) break;
    }
    *out = value;
    return Status::OK();
}

Status ReadZigzag(const uint8_t* data, size_t size, size_t* position, uint64_t* out) {
    uint64_t raw;
    FL_RETURN_NOT_OK(ReadUleb(data, size, position, &raw));
    *out = (raw >> 1) ^ (~(raw & 1) + 1);
    return Status::OK();
}

}  // namespace

Status DeltaBinaryPackedDecoder::Init(const uint8_t* data, size_t size) {
    data_ = data;
    size_ = size;
    position_ = 0;
    FL_RETURN_NOT_OK(ReadUleb(data, size, &position_, &block_size_));
    FL_RETURN_NOT_OK(ReadUleb(data, size, &position_, &miniblocks_per_block_));
    FL_RETURN_NOT_OK(ReadUleb(data, size, &position_, &total_values_));
    FL_RETURN_NOT_OK(ReadZigzag(data, size, &position_, &last_value_));
    if (block_size_ == 0 || block_size_ > kMaxBlockSize || block_size_ % 128 != 0 || miniblocks_per_block_ == 0 ||
        block_size_ % miniblocks_per_block_ != 0 || (block_size_ / miniblocks_per_block_) % 8 != 0) {
        return Status::Corruption("DELTA_BINARY_PACKED: bad block size " + std::to_string(block_size_) + " with " +
                                  std::to_string(miniblocks_per_block_) + " miniblocks");
    }
    values_per_miniblock_ = block_size_ / miniblocks_per_block_;
    returned_ = 0;
    first_returned_ = false;
    bit_widths_.assign(miniblocks_per_block_, 0);
    miniblock_index_ = miniblocks_per_block_;  // no block loaded
    miniblock_.resize(values_per_miniblock_);
    miniblock_position_ = miniblock_size_ = 0;
    return Status::OK();
}

Status DeltaBinaryPackedDecoder::ReadBlockHeader() {
    FL_RETURN_NOT_OK(ReadZigzag(data_, size_, &position_, &min_delta_));
    if (size_ - position_ < miniblocks_per_block_) return Status::Corruption("DELTA_BINARY_PACKED: truncated block");
    std::memcpy(bit_widths_.data(), data_ + position_, miniblocks_per_block_);
    position_ += miniblocks_per_block_;
    miniblock_index_ = 0;
    return Status::OK();
}

Status DeltaBinaryPackedDecoder::LoadMiniblock() {
    if (miniblock_index_ == miniblocks_per_block_) FL_RETURN_NOT_OK(ReadBlockHeader());
    int width = bit_widths_[miniblock_index_++];
    if (width > 64) return Status::Corruption("DELTA_BINARY_PACKED: bit width " + std::to_string(width));
    // returned_ counts the first value, which is not a delta.
    uint64_t deltas_left = total_values_ - returned_;
    size_t count = static_cast<size_t>(std::min<uint64_t>(values_per_miniblock_, deltas_left));
    size_t full_bytes = values_per_miniblock_ * width / 8;
    size_t needed_bytes = (count * width + 7) / 8;
    size_t available = size_ - position_;
    if (available < needed_bytes) return Status::Corruption("DELTA_BINARY_PACKED: truncated miniblock");
    UnpackBits64(data_ + position_, available, width, miniblock_.data(), count);
    // The last miniblock is padded to full size by the specification; tolerate writers that don't.
    position_ += std::min(full_bytes, available);
    miniblock_position_ = 0;
    miniblock_size_ = count;
    return Status::OK();
}

template <typename T>
Status DeltaBinaryPackedDecoder::Decode(T* out, size_t count) {
    if (count > values_left()) {
        return Status::Corruption("DELTA_BINARY_PACKED: " + std::to_string(count) + " values asked, " +
                                  std::to_string(values_left()) + " left");
    }
    size_t done = 0;
    if (count > 0 && !first_returned_) {
        out[done++] = static_cast<T>(last_value_);
        first_returned_ = true;
        ++returned_;
    }
    while (done < count) {
        if (miniblock_position_ == miniblock_size_) FL_RETURN_NOT_OK(LoadMiniblock());
        size_t n = std::min(count - done, miniblock_size_ - miniblock_position_);
        const uint64_t* deltas = miniblock_.data() + miniblock_position_;
        uint64_t value = last_value_;
        const uint64_t min_delta = min_delta_;
        for (size_t i = 0; i < n; ++i) {
            value += min_delta + deltas[i];
            out[done + i] = static_cast<T>(value);
        }
        last_value_ = value;
        miniblock_position_ += n;
        done += n;
        returned_ += n;
    }
    return Status::OK();
}

template Status DeltaBinaryPackedDecoder::Decode<int32_t>(int32_t*, size_t);
template Status DeltaBinaryPackedDecoder::Decode<int64_t>(int64_t*, size_t);

Result<size_t> DeltaBinaryPackedDecoder::EncodedSize() const {
    // Re-parse the header to find where the blocks start.
    size_t position = 0;
    uint64_t ignored;
    for (int i = 0; i < 3; ++i) FL_RETURN_NOT_OK(ReadUleb(data_, size_, &position, &ignored));
    FL_RETURN_NOT_OK(ReadZigzag(data_, size_, &position, &ignored));
    uint64_t deltas = total_values_ > 0 ? total_values_ - 1 : 0;
    while (deltas > 0) {
        FL_RETURN_NOT_OK(ReadZigzag(data_, size_, &position, &ignored));
        if (size_ - position < miniblocks_per_block_) return Status::Corruption("DELTA_BINARY_PACKED: truncated block");
        const uint8_t* widths = data_ + position;
        position += miniblocks_per_block_;
        for (uint64_t m = 0; m < miniblocks_per_block_ && deltas > 0; ++m) {
            if (widths[m] > 64)
                return Status::Corruption("DELTA_BINARY_PACKED: bit width " + std::to_string(widths[m]));
            position += values_per_miniblock_ * widths[m] / 8;
            deltas -= std::min(deltas, values_per_miniblock_);
            if (position > size_) return Status::Corruption("DELTA_BINARY_PACKED: truncated miniblock");
        }
    }
    return position;
}

Status DeltaLengthByteArrayDecoder::Init(const uint8_t* data, size_t size) {
    data_ = data;
    end_ = data + size;
    FL_RETURN_NOT_OK(lengths_.Init(data, size));
    FL_ASSIGN_OR_RETURN(size_t lengths_size, lengths_.EncodedSize());
    bytes_ = data + lengths_size;
    return Status::OK();
}

Status DeltaLengthByteArrayDecoder::Decode(StringView* out, size_t count) {
    constexpr size_t kBatch = 1024;
    length_buffer_.resize(std::min(count, kBatch));
    for (size_t start = 0; start < count; start += kBatch) {
        size_t n = std::min(kBatch, count - start);
        FL_RETURN_NOT_OK(lengths_.Decode(length_buffer_.data(), n));
        for (size_t i = 0; i < n; ++i) {
            int32_t length = length_buffer_[i];
            if (length < 0 || length > end_ - bytes_) {
                return Status::Corruption("DELTA_LENGTH_BYTE_ARRAY: value of " + std::to_string(length) +
                                          " bytes past the end of the page");
            }
            out[start + i] = StringView(reinterpret_cast<const char*>(bytes_), static_cast<uint32_t>(length));
            bytes_ += length;
        }
    }
    return Status::OK();
}

Status DeltaByteArrayDecoder::Init(const uint8_t* data, size_t size, size_t max_output_bytes) {
    FL_RETURN_NOT_OK(prefixes_.Init(data, size));
    FL_ASSIGN_OR_RETURN(size_t prefixes_size, prefixes_.EncodedSize());
    FL_RETURN_NOT_OK(suffixes_.Init(data + prefixes_size, size - prefixes_size));
    previous_.clear();
    output_bytes_ = 0;
    max_output_bytes_ = max_output_bytes;
    return Status::OK();
}

Status DeltaByteArrayDecoder::Decode(StringView* out, size_t count, Arena* arena) {
    constexpr size_t kBatch = 1024;
    prefix_buffer_.resize(std::min(count, kBatch));
    suffix_buffer_.resize(std::min(count, kBatch));
    for (size_t start = 0; start < count; start += kBatch) {
        size_t n = std::min(kBatch, count - start);
        FL_RETURN_NOT_OK(prefixes_.Decode(prefix_buffer_.data(), n));
        FL_RETURN_NOT_OK(suffixes_.Decode(suffix_buffer_.data(), n));
        for (size_t i = 0; i < n; ++i) {
            int32_t prefix = prefix_buffer_[i];
            const StringView& suffix = suffix_buffer_[i];
            if (prefix < 0 || static_cast<size_t>(prefix) > previous_.size()) {
                return Status::Corruption("DELTA_BYTE_ARRAY: prefix of " + std::to_string(prefix) +
                                          " bytes longer than the previous value");
            }
            if (prefix == 0) {
                out[start + i] = suffix;
                previous_.assign(suffix.data(), suffix.size());
                continue;
            }
            size_t total = static_cast<size_t>(prefix) + suffix.size();
            output_bytes_ += total;
            if (output_bytes_ > max_output_bytes_) {
                return Status::Corruption("DELTA_BYTE_ARRAY: page expands beyond " + std::to_string(max_output_bytes_) +
                                          " bytes");
            }
            previous_.resize(prefix);
            previous_.append(suffix.data(), suffix.size());
            if (total <= StringView::kInlineSize) {
                out[start + i] = StringView(previous_.data(), static_cast<uint32_t>(total));
            } else {
                char* bytes = arena->Allocate(total);
                std::memcpy(bytes, previous_.data(), total);
                out[start + i] = StringView(bytes, static_cast<uint32_t>(total));
            }
        }
    }
    return Status::OK();
}

}  // namespace flashlake::format::parquet
