#pragma once

#include <cstddef>

#include "column/string_heap.h"
#include "common/status.h"
#include "format/parquet/parquet_schema.h"

namespace flashlake::format::parquet {

// Bytes of one decoded physical value as ValueDecoder produces it (StringView for byte arrays).
size_t DecodedValueSize(PhysicalKind kind);

// Converts `count` decoded physical values at `in` into the storage values of the leaf's
// Flashlake type at `out`, following leaf.conversion (which must not be kNone). String results
// that need new bytes (UUID text) are added to `heap`. A DECIMAL byte array with more significant
// bytes than 16 is kCorruption.
Status ConvertValues(const LeafColumn& leaf, const void* in, void* out, size_t count, StringHeap* heap);

// IEEE half precision to single precision.
float HalfToFloat(uint16_t half);

}  // namespace flashlake::format::parquet
