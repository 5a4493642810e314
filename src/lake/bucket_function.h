#pragma once

#include <cstdint>
#include <string_view>

#include "common/result.h"
#include "lake/binary_row.h"

namespace flashlake::lake {

// Paimon's bucket functions (option `bucket-function.type`), mapping the BinaryRow of a row's
// bucket-key fields to a bucket in [0, num_buckets):
//   default  Math.abs(row.hashCode() % num_buckets), hashCode being BinaryRow::HashCode (Murmur3
//            over the row bytes); the '%' is Java's (truncating) and abs comes after it
//   mod      floorMod of the single INT or BIGINT key by num_buckets
// The bucket-key row is built with RowKind INSERT and every field written in order, exactly as
// BinaryRowWriter does (nulls of DECIMAL(p > 18) / TIMESTAMP(p > 3) keep their var-part bytes).
enum class BucketFunctionType : uint8_t { kDefault, kMod };

// "default" or "mod" (case-insensitive); "hive" and others are kNotSupported.
Result<BucketFunctionType> ParseBucketFunctionType(std::string_view name);

int32_t DefaultBucket(const BinaryRow& bucket_key, int32_t num_buckets);
// The key must have one non-null INT (`is_bigint` false) or BIGINT field.
Result<int32_t> ModBucket(const BinaryRow& bucket_key, bool is_bigint, int32_t num_buckets);

}  // namespace flashlake::lake
