#include "column/chunk.h"

#include "common/check.h"

namespace flashlake {

void Chunk::AddColumn(ColumnPtr column) {
    if (columns_.empty()) num_rows_ = column->size();
    FL_CHECK_EQ(column->size(), num_rows_);
    columns_.push_back(std::move(column));
}

Chunk Chunk::Select(const SelectionVector& selection) const {
    std::vector<ColumnPtr> selected;
    selected.reserve(columns_.size());
    for (const auto& column : columns_) selected.push_back(column->Flatten(&selection));
    return Chunk(std::move(selected), selection.size());
}

Chunk Chunk::Slice(size_t offset, size_t count) const {
    FL_CHECK_LE(offset + count, num_rows_);
    SelectionVector selection(count);
    for (size_t i = 0; i < count; ++i) selection.Append(static_cast<uint32_t>(offset + i));
    return Select(selection);
}

size_t Chunk::MemoryUsage() const {
    size_t bytes = 0;
    for (const auto& column : columns_) bytes += column->MemoryUsage();
    return bytes;
}

std::string Chunk::ToString() const {
    std::string out;
    for (size_t row = 0; row < num_rows_; ++row) {
        for (size_t c = 0; c < columns_.size(); ++c) {
            if (c > 0) out += " | ";
            out += columns_[c]->GetValue(row).ToString();
        }
        out += "\n";
    }
    return out;
}

}  // namespace flashlake
