#pragma once

#include <cstdint>
#include <cstdlib>
#include <memory>
#include <vector>

#include "column/selection_vector.h"
#include "column/string_heap.h"
#include "column/validity_mask.h"
#include "types/logical_type.h"
#include "types/value.h"

namespace flashlake {

enum class ColumnEncoding : uint8_t {
    kFlat,        // one value per row in a contiguous buffer
    kConstant,    // one value standing for every row
    kDictionary,  // int32 codes per row into a flat dictionary column (Parquet dictionaries stay encoded)
};

class Column;
using ColumnPtr = std::shared_ptr<Column>;

// A column of `size()` values of one logical type. Values of fixed-width types sit in a 64-byte
// aligned buffer of their physical C++ type (see physical_dispatch.h); strings as StringViews
// whose bytes live in the column's StringHeap; NULLs in the ValidityMask.
//
// A column handed to another operator (as a ColumnPtr) is immutable from then on, so it can be
// shared by several chunks without copying. Only the producer mutates a column it just made.
class Column {
public:
    static ColumnPtr MakeFlat(LogicalType type, size_t size);
    static ColumnPtr MakeConstant(const Value& value, size_t size);
    static ColumnPtr MakeDictionary(ColumnPtr dictionary, std::vector<int32_t> codes);
    static ColumnPtr FromValues(LogicalType type, const std::vector<Value>& values);
    // A read-only flat column of a fixed-width type over `size` values at `data` (64-byte
    // aligned), which `owner` keeps alive: columns moved into a shared block (column cache).
    static ColumnPtr MakeFlatOver(LogicalType type, size_t size, char* data, std::shared_ptr<void> owner);

    Column(const Column&) = delete;
    Column& operator=(const Column&) = delete;
    ~Column();

    const LogicalType& type() const { return type_; }
    ColumnEncoding encoding() const { return encoding_; }
    size_t size() const { return size_; }

    // Flat and constant columns: the value buffer (one entry for a constant).
    template <typename T>
    T* MutableData() {
        return reinterpret_cast<T*>(data_);
    }
    template <typename T>
    const T* Data() const {
        return reinterpret_cast<const T*>(data_);
    }
    ValidityMask& validity() { return validity_; }
    const ValidityMask& validity() const { return validity_; }
    StringHeap& strings() { return strings_; }
    const StringHeap& strings() const { return strings_; }

    // Dictionary columns.
    const Column& dictionary() const { return *dictionary_; }
    const ColumnPtr& dictionary_ptr() const { return dictionary_; }
    const int32_t* codes() const { return codes_.data(); }

    // Row access for any encoding; slow paths for tests, printing and constant folding.
    bool IsNull(size_t row) const;
    Value GetValue(size_t row) const;
    // Flat only.
    void SetValue(size_t row, const Value& value);
    void SetNull(size_t row) { validity_.SetInvalid(row, size_); }
    // Flat only: grows or shrinks; new rows are zero and valid.
    void Resize(size_t size);

    // A flat column holding the given rows (all rows when `selection` is null). String bytes are
    // shared, not copied.
    ColumnPtr Flatten(const SelectionVector* selection = nullptr) const;
    // Flat only: appends the given rows of `other` (any encoding, same physical type).
    void Append(const Column& other, const SelectionVector* selection = nullptr);

    // Bytes held by buffers (for memory accounting).
    size_t MemoryUsage() const;

private:
    Column(LogicalType type, ColumnEncoding encoding, size_t size);
    void Reserve(size_t capacity);
    // Row in the buffer that holds `row`'s value (0 for constants, the code for dictionaries).
    size_t PhysicalRow(size_t row) const;

    LogicalType type_;
    ColumnEncoding encoding_;
    size_t size_;
    size_t value_size_;
    char* data_ = nullptr;  // owned unless data_owner_ is set; 64-byte aligned
    std::shared_ptr<void> data_owner_;
    size_t capacity_ = 0;   // rows data_ can hold
    ValidityMask validity_;
    StringHeap strings_;
    ColumnPtr dictionary_;
    std::vector<int32_t> codes_;
};

}  // namespace flashlake
