#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "column/chunk.h"
#include "common/result.h"
#include "lake/data_type.h"

namespace flashlake::lake {

// Computes Paimon's bucket of every row of a chunk, a column at a time: the BinaryRow of the
// bucket-key fields is laid out for all rows at once in one scratch buffer (the same bytes
// BinaryRowWriter produces, see binary_row.h), then each row is hashed with Murmur3 (seed 42)
// and mapped by Math.abs(hash % buckets), or, for `bucket-function.type = mod`, the single
// INT/BIGINT key by floorMod. No allocation per row; one type switch per column per chunk.
//
// Columns must have the Flashlake types of DataType::ToLogicalType of `types` (any encoding).
// Not thread-safe (the scratch buffer is reused).
class BucketKeyHasher {
public:
    BucketKeyHasher(std::vector<int> columns, std::vector<DataType> types, int32_t num_buckets, bool mod_function)
        : columns_(std::move(columns)), types_(std::move(types)), num_buckets_(num_buckets), mod_(mod_function) {}

    // Fills buckets[0..num_rows). A NULL key under the mod function, and key types without a
    // BinaryRow form here (nested types), are errors naming the column.
    Status Buckets(const Chunk& chunk, std::vector<int32_t>* buckets);

    // The BinaryRow hash codes of the key rows (exposed for tests).
    Status HashCodes(const Chunk& chunk, std::vector<int32_t>* hashes);

private:
    Status LayOutRows(const Chunk& chunk);

    std::vector<int> columns_;
    std::vector<DataType> types_;
    int32_t num_buckets_;
    bool mod_;
    // Scratch: the key rows back to back, each row's start and var-part cursor.
    std::string rows_;
    std::vector<uint32_t> row_start_;
    std::vector<uint32_t> row_size_;
};

}  // namespace flashlake::lake
