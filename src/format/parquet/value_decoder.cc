#include "format/parquet/value_decoder.h"

#include <cstring>

#include "format/parquet/delta_decoder.h"
#include "types/string_view.h"

namespace flashlake::format::parquet {

namespace {

Status PastEnd(const char* encoding, size_t count) {
    return Status::Corruption(std::string(encoding) + ": page ends before its " + std::to_string(count) + " values");
}

class PlainFixedDecoder final : public ValueDecoder {
public:
    PlainFixedDecoder(const uint8_t* data, size_t size, size_t width) : data_(data), size_(size), width_(width) {}

    Status Decode(void* out, size_t count, Arena*) override {
        size_t bytes = count * width_;
        if (bytes > size_ - position_) return PastEnd("PLAIN", count);
        if (bytes > 0) std::memcpy(out, data_ + position_, bytes);
        position_ += bytes;
        return Status::OK();
    }

private:
    const uint8_t* data_;
    size_t size_;
    size_t width_;
    size_t position_ = 0;
};

class PlainBooleanDecoder final : public ValueDecoder {
public:
    PlainBooleanDecoder(const uint8_t* data, size_t size) : data_(data), bits_(size * 8) {}

    Status Decode(void* out, size_t count, Arena*) override {
        if (count > bits_ - bit_) return PastEnd("PLAIN", count);
        auto* values = static_cast<uint8_t*>(out);
        size_t i = 0;
        // Whole bytes at a time once aligned.
        for (; i < count && (bit_ & 7) != 0; ++i, ++bit_) values[i] = (data_[bit_ >> 3] >> (bit_ & 7)) & 1;
        for (; i + 8 <= count; i += 8, bit_ += 8) {
            uint8_t byte = data_[bit_ >> 3];
            for (int j = 0; j < 8; ++j) values[i + j] = (byte >> j) & 1;
        }
        for (; i < count; ++i, ++bit_) values[i] = (data_[bit_ >> 3] >> (bit_ & 7)) & 1;
        return Status::OK();
    }

private:
    const uint8_t* data_;
    size_t bits_;
    size_t bit_ = 0;
};

class RleBooleanDecoder final : public ValueDecoder {
public:
    Status Init(const uint8_t* data, size_t size) {
        if (size < 4) return Status::Corruption("RLE booleans: missing length prefix");
        uint32_t length;
        std::memcpy(&length, data, 4);
        if (length > size - 4) return Status::Corruption("RLE booleans: length prefix past the end of the page");
        rle_.Reset(data + 4, length, 1);
        return Status::OK();
    }
    Status Decode(void* out, size_t count, Arena*) override { return rle_.Decode(static_cast<uint8_t*>(out), count); }

private:
    RleHybridDecoder rle_;
};

class PlainByteArrayDecoder final : public ValueDecoder {
public:
    PlainByteArrayDecoder(const uint8_t* data, size_t size) : data_(data), size_(size) {}

    Status Decode(void* out, size_t count, Arena*) override {
        auto* values = static_cast<StringView*>(out);
        for (size_t i = 0; i < count; ++i) {
            if (size_ - position_ < 4) return PastEnd("PLAIN", count);
            uint32_t length;
            std::memcpy(&length, data_ + position_, 4);
            position_ += 4;
            if (length > size_ - position_) {
                return Status::Corruption("PLAIN: byte array of " + std::to_string(length) + " bytes past the end");
            }
            values[i] = StringView(reinterpret_cast<const char*>(data_ + position_), length);
            position_ += length;
        }
        return Status::OK();
    }

private:
    const uint8_t* data_;
    size_t size_;
    size_t position_ = 0;
};

class PlainFixedLenByteArrayDecoder final : public ValueDecoder {
public:
    PlainFixedLenByteArrayDecoder(const uint8_t* data, size_t size, uint32_t width)
        : data_(data), size_(size), width_(width) {}

    Status Decode(void* out, size_t count, Arena*) override {
        if (count * width_ > size_ - position_) return PastEnd("PLAIN", count);
        auto* values = static_cast<StringView*>(out);
        for (size_t i = 0; i < count; ++i) {
            values[i] = StringView(reinterpret_cast<const char*>(data_ + position_), width_);
            position_ += width_;
        }
        return Status::OK();
    }

private:
    const uint8_t* data_;
    size_t size_;
    uint32_t width_;
    size_t position_ = 0;
};

template <typename T>
class DeltaBinaryPackedValueDecoder final : public ValueDecoder {
public:
    Status Init(const uint8_t* data, size_t size) { return decoder_.Init(data, size); }
    Status Decode(void* out, size_t count, Arena*) override { return decoder_.Decode(static_cast<T*>(out), count); }

private:
    DeltaBinaryPackedDecoder decoder_;
};

class DeltaLengthValueDecoder final : public ValueDecoder {
public:
    Status Init(const uint8_t* data, size_t size) { return decoder_.Init(data, size); }
    Status Decode(void* out, size_t count, Arena*) override {
        return decoder_.Decode(static_cast<StringView*>(out), count);
    }

private:
    DeltaLengthByteArrayDecoder decoder_;
};

class DeltaByteArrayValueDecoder final : public ValueDecoder {
public:
    explicit DeltaByteArrayValueDecoder(int32_t fixed_length) : fixed_length_(fixed_length) {}
    Status Init(const uint8_t* data, size_t size) {
        // Generous for real data, yet bounded: prefixes can make a page expand quadratically.
        return decoder_.Init(data, size, (size_t{256} << 20) + 64 * size);
    }
    Status Decode(void* out, size_t count, Arena* arena) override {
        auto* values = static_cast<StringView*>(out);
        FL_RETURN_NOT_OK(decoder_.Decode(values, count, arena));
        if (fixed_length_ >= 0) {
            for (size_t i = 0; i < count; ++i) {
                if (values[i].size() != static_cast<uint32_t>(fixed_length_)) {
                    return Status::Corruption("DELTA_BYTE_ARRAY: value of " + std::to_string(values[i].size()) +
                                              " bytes in a FIXED_LEN_BYTE_ARRAY(" + std::to_string(fixed_length_) +
                                              ") column");
                }
            }
        }
        return Status::OK();
    }

private:
    DeltaByteArrayDecoder decoder_;
    int32_t fixed_length_;
};

// BYTE_STREAM_SPLIT: byte j of value i is at data[j * N + i] for N values in the page.
class ByteStreamSplitDecoder final : public ValueDecoder {
public:
    ByteStreamSplitDecoder(const uint8_t* data, size_t size, size_t width, bool as_views)
        : data_(data), width_(width), num_values_(size / width), as_views_(as_views) {}

    Status Decode(void* out, size_t count, Arena* arena) override {
        if (count > num_values_ - position_) return PastEnd("BYTE_STREAM_SPLIT", count);
        if (as_views_) {
            char* bytes = arena->Allocate(count * width_);
            Gather(reinterpret_cast<uint8_t*>(bytes), count);
            auto* values = static_cast<StringView*>(out);
            for (size_t i = 0; i < count; ++i) {
                values[i] = StringView(bytes + i * width_, static_cast<uint32_t>(width_));
            }
        } else if (width_ == 4) {
            GatherFixed<4>(static_cast<uint8_t*>(out), count);
        } else if (width_ == 8) {
            GatherFixed<8>(static_cast<uint8_t*>(out), count);
        } else {
            Gather(static_cast<uint8_t*>(out), count);
        }
        position_ += count;
        return Status::OK();
    }

private:
    template <size_t kWidth>
    void GatherFixed(uint8_t* out, size_t count) {
        for (size_t j = 0; j < kWidth; ++j) {
            const uint8_t* stream = data_ + j * num_values_ + position_;
            for (size_t i = 0; i < count; ++i) out[i * kWidth + j] = stream[i];
        }
    }
    void Gather(uint8_t* out, size_t count) {
        for (size_t j = 0; j < width_; ++j) {
            const uint8_t* stream = data_ + j * num_values_ + position_;
            for (size_t i = 0; i < count; ++i) out[i * width_ + j] = stream[i];
        }
    }

    const uint8_t* data_;
    size_t width_;
    size_t num_values_;
    bool as_views_;
    size_t position_ = 0;
};

template <typename Decoder>
Result<std::unique_ptr<ValueDecoder>> Initialized(std::unique_ptr<Decoder> decoder, const uint8_t* data, size_t size) {
    FL_RETURN_NOT_OK(decoder->Init(data, size));
    return std::unique_ptr<ValueDecoder>(std::move(decoder));
}

}  // namespace

size_t PlainValueWidth(PhysicalKind kind, int32_t type_length) {
    switch (kind) {
        case PhysicalKind::kInt32:
        case PhysicalKind::kFloat:
            return 4;
        case PhysicalKind::kInt64:
        case PhysicalKind::kDouble:
            return 8;
        case PhysicalKind::kInt96:
            return 12;
        case PhysicalKind::kFixedLenByteArray:
            return static_cast<size_t>(type_length);
        case PhysicalKind::kBoolean:
        case PhysicalKind::kByteArray:
            return 0;
    }
    return 0;
}

Result<std::unique_ptr<ValueDecoder>> MakeValueDecoder(Encoding encoding, PhysicalKind kind, int32_t type_length,
                                                       const uint8_t* data, size_t size, size_t num_values) {
    const bool is_flba = kind == PhysicalKind::kFixedLenByteArray;
    switch (encoding) {
        case Encoding::kPlain:
            switch (kind) {
                case PhysicalKind::kBoolean:
                    return std::unique_ptr<ValueDecoder>(new PlainBooleanDecoder(data, size));
                case PhysicalKind::kByteArray:
                    return std::unique_ptr<ValueDecoder>(new PlainByteArrayDecoder(data, size));
                case PhysicalKind::kFixedLenByteArray:
                    return std::unique_ptr<ValueDecoder>(
                        new PlainFixedLenByteArrayDecoder(data, size, static_cast<uint32_t>(type_length)));
                default:
                    return std::unique_ptr<ValueDecoder>(
                        new PlainFixedDecoder(data, size, PlainValueWidth(kind, type_length)));
            }
        case Encoding::kRle:
            if (kind == PhysicalKind::kBoolean) return Initialized(std::make_unique<RleBooleanDecoder>(), data, size);
            break;
        case Encoding::kDeltaBinaryPacked:
            if (kind == PhysicalKind::kInt32) {
                return Initialized(std::make_unique<DeltaBinaryPackedValueDecoder<int32_t>>(), data, size);
            }
            if (kind == PhysicalKind::kInt64) {
                return Initialized(std::make_unique<DeltaBinaryPackedValueDecoder<int64_t>>(), data, size);
            }
            break;
        case Encoding::kDeltaLengthByteArray:
            if (kind == PhysicalKind::kByteArray)
                return Initialized(std::make_unique<DeltaLengthValueDecoder>(), data, size);
            break;
        case Encoding::kDeltaByteArray:
            if (kind == PhysicalKind::kByteArray || is_flba) {
                return Initialized(std::make_unique<DeltaByteArrayValueDecoder>(is_flba ? type_length : -1), data,
                                   size);
            }
            break;
        case Encoding::kByteStreamSplit:
            if (kind == PhysicalKind::kFloat || kind == PhysicalKind::kDouble || kind == PhysicalKind::kInt32 ||
                kind == PhysicalKind::kInt64 || is_flba) {
                size_t width = PlainValueWidth(kind, type_length);
                if (width == 0 || size % width != 0 || size / width < num_values) {
                    return Status::Corruption("BYTE_STREAM_SPLIT: page of " + std::to_string(size) +
                                              " bytes does not hold " + std::to_string(num_values) + " values of " +
                                              std::to_string(width) + " bytes");
                }
                return std::unique_ptr<ValueDecoder>(new ByteStreamSplitDecoder(data, size, width, is_flba));
            }
            break;
        default:
            break;
    }
    return Status::NotSupported(std::string("encoding ") + EncodingName(encoding) + " for " + PhysicalKindName(kind) +
                                " values");
}

Status DictionaryIndexDecoder::Init(const uint8_t* data, size_t size) {
    if (size < 1) return Status::Corruption("dictionary indices: missing bit width byte");
    int bit_width = data[0];
    if (bit_width > 32) return Status::Corruption("dictionary indices: bit width " + std::to_string(bit_width));
    rle_.Reset(data + 1, size - 1, bit_width);
    return Status::OK();
}

}  // namespace flashlake::format::parquet
