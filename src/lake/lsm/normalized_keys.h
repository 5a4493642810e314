#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "column/chunk.h"

namespace flashlake::lake::lsm {

// The keys of a chunk's rows encoded so that comparing two keys byte-wise (memcmp, shorter
// prefix first) orders them as Paimon's key comparator orders the typed fields: field by
// field, NULL first, integers and temporal values signed, floating point as Java's
// Double.compare (-0.0 < 0.0), decimals by value, strings and binaries by unsigned bytes.
//
// Encoding per field: one byte 0 (NULL) or 1, then for fixed-width types the value big-endian
// with the sign bit flipped (floats: all bits flipped when negative), for strings the bytes
// with 0x00 escaped as 0x00 0xFF and a 0x00 0x00 terminator, so a prefix sorts first.
//
// The sort merge compares keys of rows from different files once per row, so encoding once
// per chunk (one type switch per column per chunk, no per-row dispatch) keeps the merge loop a
// plain memcmp.
class NormalizedKeys {
public:
    // Encodes columns `columns` of `chunk` (any encoding) for every row.
    static NormalizedKeys Encode(const Chunk& chunk, const std::vector<int>& columns);

    size_t size() const { return offsets_.empty() ? 0 : offsets_.size() - 1; }
    bool empty() const { return size() == 0; }
    std::string_view Get(size_t row) const {
        return std::string_view(bytes_.data() + offsets_[row], offsets_[row + 1] - offsets_[row]);
    }

private:
    std::string bytes_;
    std::vector<uint32_t> offsets_;  // size() + 1 entries
};

// memcmp order of two encoded keys.
inline int CompareKeys(std::string_view a, std::string_view b) {
    return a.compare(b);
}

}  // namespace flashlake::lake::lsm
