#pragma once

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>

namespace flashlake {

// A 16-byte reference to string bytes, the physical value of VARCHAR/VARBINARY columns.
// Strings of up to 12 bytes are stored inline; longer ones keep their first 4 bytes inline
// (so most comparisons decide without a pointer chase) and point into a string heap owned by the
// column. A StringView never owns its bytes.
class StringView {
public:
    static constexpr uint32_t kInlineSize = 12;

    StringView() : size_(0), bytes_{} {}
    StringView(const char* data, uint32_t size) : size_(size), bytes_{} {
        if (size <= kInlineSize) {
            if (size > 0) std::memcpy(bytes_, data, size);
        } else {
            std::memcpy(bytes_, data, 4);
            std::memcpy(bytes_ + 4, &data, sizeof(data));
        }
    }
    explicit StringView(std::string_view text) : StringView(text.data(), static_cast<uint32_t>(text.size())) {}

    uint32_t size() const { return size_; }
    bool empty() const { return size_ == 0; }
    bool IsInline() const { return size_ <= kInlineSize; }
    const char* data() const {
        if (IsInline()) return bytes_;
        const char* pointer;
        std::memcpy(&pointer, bytes_ + 4, sizeof(pointer));
        return pointer;
    }

    std::string_view view() const { return std::string_view(data(), size_); }
    std::string str() const { return std::string(data(), size_); }

    bool operator==(const StringView& other) const {
        if (size_ != other.size_ || std::memcmp(bytes_, other.bytes_, 4) != 0) return false;
        return std::memcmp(data(), other.data(), size_) == 0;
    }
    bool operator!=(const StringView& other) const { return !(*this == other); }
    // Byte-wise comparison, as VARCHAR is ordered (binary collation).
    int Compare(const StringView& other) const {
        uint32_t common = std::min<uint32_t>(4, std::min(size_, other.size_));
        int prefix_order = std::memcmp(bytes_, other.bytes_, common);
        if (prefix_order != 0) return prefix_order;
        return view().compare(other.view());
    }
    bool operator<(const StringView& other) const { return Compare(other) < 0; }

private:
    uint32_t size_;
    // Inline: the bytes themselves. Otherwise: 4 prefix bytes, then the (unaligned) pointer.
    char bytes_[12];
};

static_assert(sizeof(StringView) == 16, "StringView must stay 16 bytes");

}  // namespace flashlake
