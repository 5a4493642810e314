#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

#include "column/selection_vector.h"
#include "common/result.h"
#include "lake/table_files.h"

namespace flashlake::io {
class FileSystem;
}

namespace flashlake::lake {

// The rows of one data file that later commits deleted (Paimon deletion vectors, §1.11): 0-based
// row positions within the file. Held as a sorted position list, since deletion vectors are
// usually sparse and are consumed in file order, chunk by chunk.
//
// Index file format as implemented (DeletionVectorsIndexFile, DeletionVector.read):
//   byte 0 of the file        version, 1
//   at each DeletionFile.offset:
//     int32 BE  size of the serialized vector
//     32-bit:   int32 BE magic 1581511376, then a RoaringBitmap in the portable format
//     64-bit:   int32 LE magic 1681511377, int64 LE bitmap count, then per bitmap an int32 LE
//               high key and a portable 32-bit RoaringBitmap of the low 32 bits
//     int32 BE  CRC-32 of the vector (not checked)
// DeletionFile.length is the size for 32-bit vectors and size + 8 for 64-bit ones.
class DeletionVector {
public:
    DeletionVector() = default;
    explicit DeletionVector(std::vector<uint64_t> positions) : positions_(std::move(positions)) {}

    // Reads the vector a DeletionFile points at. Malformed bytes are kCorruption naming the file.
    static Result<DeletionVector> Read(io::FileSystem* fs, const DeletionFile& file);
    // Decodes a serialized vector (magic onwards).
    static Result<DeletionVector> Parse(std::string_view bytes);
    // Decodes a portable RoaringBitmap (RoaringFormatSpec; array, bitmap and run containers),
    // adding `high` << 32 to every value.
    static Status DecodeRoaring(std::string_view bytes, uint64_t high, std::vector<uint64_t>* out, size_t* consumed);

    size_t cardinality() const { return positions_.size(); }
    bool empty() const { return positions_.empty(); }
    bool IsDeleted(uint64_t position) const;
    const std::vector<uint64_t>& positions() const { return positions_; }

    // The surviving rows of file rows [start, start + count), as offsets from `start`. Returns
    // false (and leaves `selection` untouched) when none of them is deleted.
    bool SelectSurvivors(uint64_t start, size_t count, SelectionVector* selection) const;

private:
    std::vector<uint64_t> positions_;  // ascending, distinct
};

}  // namespace flashlake::lake
