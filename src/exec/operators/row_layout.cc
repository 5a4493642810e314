#include "exec/operators/row_layout.h"

#include "column/physical_dispatch.h"
#include "exec/operators/key_hashing.h"

namespace flashlake::exec {

namespace {
size_t AlignUp(size_t offset, size_t alignment) {
    return (offset + alignment - 1) / alignment * alignment;
}
}  // namespace

RowLayout::RowLayout(std::vector<LogicalType> key_types,
                     std::vector<const functions::BoundAggregateFunction*> aggregates, bool with_forward)
    : key_types_(std::move(key_types)), aggregates_(std::move(aggregates)) {
    size_t offset = sizeof(uint64_t) + (with_forward ? sizeof(uint8_t*) : 0);
    for (size_t k = 0; k < key_types_.size(); ++k) valid_offsets_.push_back(offset++);
    for (const auto& type : key_types_) {
        size_t size = PhysicalTypeSize(type.physical());
        size_t alignment = std::min<size_t>(size, 16);
        offset = AlignUp(offset, alignment);
        key_offsets_.push_back(offset);
        offset += size;
        row_alignment_ = std::max(row_alignment_, alignment);
    }
    for (const auto* aggregate : aggregates_) {
        size_t alignment = std::max<size_t>(aggregate->state_alignment, 1);
        FL_CHECK(alignment <= 16, "aggregate state alignment ", alignment, " above 16");
        offset = AlignUp(offset, alignment);
        state_offsets_.push_back(offset);
        offset += aggregate->state_size;
        row_alignment_ = std::max(row_alignment_, alignment);
    }
    row_size_ = AlignUp(offset, row_alignment_);
}

void RowLayout::ScatterKeys(const std::vector<const Column*>& keys, const uint32_t* input_rows, uint8_t* const* rows,
                            size_t count, RowArena& arena) const {
    for (size_t k = 0; k < keys.size(); ++k) {
        const Column& column = *keys[k];
        const size_t valid_offset = valid_offsets_[k], key_offset = key_offsets_[k];
        if (column.type().id() == TypeId::kNull) {
            for (size_t i = 0; i < count; ++i) {
                rows[i][valid_offset] = 0;
                std::memset(rows[i] + key_offset, 0, PhysicalTypeSize(key_types_[k].physical()));
            }
            continue;
        }
        DispatchPhysical(key_types_[k].physical(), [&]<typename T>() {
            const T* data = column.Data<T>();
            const ValidityMask& validity = column.validity();
            for (size_t i = 0; i < count; ++i) {
                uint32_t r = input_rows[i];
                uint8_t* row = rows[i];
                bool valid = validity.IsValid(r);
                row[valid_offset] = valid;
                T value = valid ? data[r] : T{};
                if constexpr (std::is_same_v<T, StringView>) {
                    if (valid && !value.IsInline()) {
                        auto* bytes = reinterpret_cast<char*>(arena.Allocate(value.size(), 1));
                        std::memcpy(bytes, value.data(), value.size());
                        value = StringView(bytes, value.size());
                    }
                }
                std::memcpy(row + key_offset, &value, sizeof(T));
            }
        });
    }
}

size_t RowLayout::MatchKeys(const std::vector<const Column*>& keys, uint32_t* input_rows, uint8_t** rows, size_t count,
                            std::vector<uint32_t>& mismatches) const {
    for (size_t k = 0; k < keys.size() && count > 0; ++k) {
        const Column& column = *keys[k];
        const size_t valid_offset = valid_offsets_[k], key_offset = key_offsets_[k];
        size_t kept = 0;
        if (column.type().id() == TypeId::kNull) {
            for (size_t i = 0; i < count; ++i) {
                if (rows[i][valid_offset] == 0) {
                    input_rows[kept] = input_rows[i];
                    rows[kept++] = rows[i];
                } else {
                    mismatches.push_back(input_rows[i]);
                }
            }
            count = kept;
            continue;
        }
        DispatchPhysical(key_types_[k].physical(), [&]<typename T>() {
            const T* data = column.Data<T>();
            const ValidityMask& validity = column.validity();
            const bool all_valid = validity.AllValid();
            for (size_t i = 0; i < count; ++i) {
                if (k == 0 && i + 8 < count) __builtin_prefetch(rows[i + 8] + key_offset);
                uint32_t r = input_rows[i];
                uint8_t* row = rows[i];
                bool valid = all_valid || validity.IsValid(r);
                bool row_valid = row[valid_offset] != 0;
                bool equal = valid && row_valid ? KeyEquals<T>(data[r], *reinterpret_cast<const T*>(row + key_offset))
                                                : valid == row_valid;
                if (equal) {
                    input_rows[kept] = r;
                    rows[kept++] = row;
                } else {
                    mismatches.push_back(r);
                }
            }
        });
        count = kept;
    }
    return count;
}

void RowLayout::GatherKeys(uint8_t* const* rows, size_t count, size_t first_key, size_t num_keys,
                           std::vector<ColumnPtr>& out, bool copy_strings) const {
    out.resize(num_keys);
    for (size_t j = 0; j < num_keys; ++j) {
        size_t k = first_key + j;
        ColumnPtr column = Column::MakeFlat(key_types_[k], count);
        const size_t valid_offset = valid_offsets_[k], key_offset = key_offsets_[k];
        DispatchPhysical(key_types_[k].physical(), [&]<typename T>() {
            T* data = column->MutableData<T>();
            for (size_t i = 0; i < count; ++i) {
                const uint8_t* row = rows[i];
                if (row[valid_offset] == 0) {
                    column->SetNull(i);
                    continue;
                }
                const T& value = *reinterpret_cast<const T*>(row + key_offset);
                if constexpr (std::is_same_v<T, StringView>) {
                    data[i] = copy_strings ? column->strings().Add(value.view()) : value;
                } else {
                    data[i] = value;
                }
            }
        });
        out[j] = std::move(column);
    }
}

void RowLayout::InitializeStates(uint8_t* const* rows, size_t count) const {
    for (size_t a = 0; a < aggregates_.size(); ++a) {
        const auto& initialize = aggregates_[a]->initialize;
        const size_t offset = state_offsets_[a];
        for (size_t i = 0; i < count; ++i) initialize(rows[i] + offset);
    }
}

}  // namespace flashlake::exec
