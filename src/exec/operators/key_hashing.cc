#include "exec/operators/key_hashing.h"

#include "column/physical_dispatch.h"

namespace flashlake::exec {

namespace {

// Hashes one column into `hashes`, overwriting them (first column) or combining (the others).
template <bool kFirst>
void HashColumn(const Column& column, size_t num_rows, uint64_t* hashes) {
    if (column.type().id() == TypeId::kNull) {
        for (size_t i = 0; i < num_rows; ++i) hashes[i] = kFirst ? kNullKeyHash : HashCombine(hashes[i], kNullKeyHash);
        return;
    }
    DispatchPhysical(column.type().physical(), [&]<typename T>() {
        const T* data = column.Data<T>();
        const ValidityMask& validity = column.validity();
        if (validity.AllValid()) {
            for (size_t i = 0; i < num_rows; ++i) {
                uint64_t h = HashKeyValue<T>(data[i]);
                hashes[i] = kFirst ? h : HashCombine(hashes[i], h);
            }
        } else {
            for (size_t i = 0; i < num_rows; ++i) {
                uint64_t h = validity.IsValid(i) ? HashKeyValue<T>(data[i]) : kNullKeyHash;
                hashes[i] = kFirst ? h : HashCombine(hashes[i], h);
            }
        }
    });
}

}  // namespace

ColumnPtr FlatKeyColumn(ColumnPtr column) {
    if (column->encoding() == ColumnEncoding::kFlat) return column;
    return column->Flatten();
}

void HashKeyColumns(const std::vector<const Column*>& keys, size_t num_rows, uint64_t* hashes) {
    if (keys.empty()) {
        for (size_t i = 0; i < num_rows; ++i) hashes[i] = kNullKeyHash;
        return;
    }
    HashColumn<true>(*keys[0], num_rows, hashes);
    for (size_t k = 1; k < keys.size(); ++k) HashColumn<false>(*keys[k], num_rows, hashes);
}

void CombineKeyHashes(const Column& column, size_t num_rows, uint64_t* hashes) {
    HashColumn<false>(column, num_rows, hashes);
}

}  // namespace flashlake::exec
