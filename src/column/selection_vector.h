#pragma once

#include <cstdint>
#include <vector>

namespace flashlake {

// The positions of the rows of a chunk that are still selected, in increasing order. Filters
// produce one instead of copying rows; operators downstream either read through it or gather
// (Column::Gather) when they need dense data.
class SelectionVector {
public:
    SelectionVector() = default;
    explicit SelectionVector(size_t capacity) { indices_.reserve(capacity); }

    // All rows 0..count-1.
    static SelectionVector Identity(size_t count) {
        SelectionVector selection(count);
        for (uint32_t i = 0; i < count; ++i) selection.indices_.push_back(i);
        return selection;
    }

    size_t size() const { return indices_.size(); }
    bool empty() const { return indices_.empty(); }
    uint32_t operator[](size_t i) const { return indices_[i]; }
    void Append(uint32_t row) { indices_.push_back(row); }
    void Clear() { indices_.clear(); }
    const uint32_t* data() const { return indices_.data(); }
    std::vector<uint32_t>& indices() { return indices_; }

private:
    std::vector<uint32_t> indices_;
};

}  // namespace flashlake
