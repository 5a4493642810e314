#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "common/result.h"
#include "format/parquet/parquet_metadata.h"
#include "types/logical_type.h"

namespace flashlake::format::parquet {

// How a leaf's physical values become the storage values of its Flashlake type. Chosen once per
// column from the schema, so the decoding loops switch per batch, never per value.
enum class Conversion : uint8_t {
    kNone,               // same representation (also BYTE_ARRAY/FLBA -> string views)
    kInt32ToInt8,        // INT(8, signed)
    kInt32ToInt16,       // INT(16, signed)
    kUint8ToInt16,       // INT(8, unsigned) -> SMALLINT
    kUint16ToInt32,      // INT(16, unsigned) -> INT
    kUint32ToInt64,      // INT(32, unsigned) -> BIGINT
    kInt32ToInt64,       // DECIMAL over INT32 (DECIMAL(p<=18) is stored in 64 bits)
    kInt64ToInt128,      // DECIMAL(p>18) over INT64 (out of spec, accepted)
    kUint64ToInt128,     // INT(64, unsigned) -> LARGEINT
    kMillisToMicros,     // TIMESTAMP(MILLIS) and TIME(MILLIS over INT32) -> micros
    kNanosToMicros,      // TIMESTAMP(NANOS), TIME(NANOS): floor division
    kInt96ToMicros,      // INT96 (Julian day + nanos of day) -> DATETIME
    kBytesToDecimal64,   // big-endian two's complement (FLBA, BYTE_ARRAY) -> DECIMAL(p<=18)
    kBytesToDecimal128,  // ... -> DECIMAL(p>18)
    kFloat16ToFloat,     // FLBA(2) FLOAT16 -> FLOAT
    kUuidToString,       // FLBA(16) UUID -> canonical 36-character text
};

// The order in which the writer compared values for min/max statistics.
enum class SortOrder : uint8_t { kSigned, kUnsigned, kUnknown };

// One leaf column of the file schema (a column chunk in every row group).
struct LeafColumn {
    int index = 0;                  // among the leaves, = position of its chunk in a row group
    std::string name;               // path joined with '.', e.g. "address.city"
    std::vector<std::string> path;  // path_in_schema
    PhysicalKind physical = PhysicalKind::kBoolean;
    int32_t type_length = 0;  // FIXED_LEN_BYTE_ARRAY only
    int16_t max_definition_level = 0;
    int16_t max_repetition_level = 0;
    SchemaElement element;  // the leaf's own schema element

    // The Flashlake type the leaf reads as, and how; `supported` is false (with the reason in
    // `unsupported_reason`) for leaves Flashlake cannot read, such as repeated fields or INTERVAL
    // arithmetic types; other columns of the file remain readable.
    LogicalType type;
    Conversion conversion = Conversion::kNone;
    SortOrder sort_order = SortOrder::kUnknown;
    bool supported = true;
    std::string unsupported_reason;
};

struct SchemaOptions {
    // Read BYTE_ARRAY and FIXED_LEN_BYTE_ARRAY columns without a logical type as VARCHAR rather
    // than VARBINARY (many writers leave strings unannotated).
    bool binary_as_string = false;
};

// The schema tree of a file, flattened to its leaf columns. Groups (structs) contribute their
// names to the leaves' paths and their optionality to the leaves' definition levels; repeated
// fields (LIST, MAP, legacy repeated primitives) make a leaf's repetition level positive.
class ParquetSchema {
public:
    // Builds the schema from the depth-first element list of FileMetaData. Malformed trees
    // (children counts past the end, leaves without a type, nesting deeper than 128) are
    // kCorruption.
    static Result<ParquetSchema> Make(const std::vector<SchemaElement>& elements, const SchemaOptions& options);

    const std::vector<LeafColumn>& leaves() const { return leaves_; }
    size_t num_leaves() const { return leaves_.size(); }
    const LeafColumn& leaf(size_t i) const { return leaves_[i]; }
    // The leaf whose dotted name equals `name`, or -1.
    int FindLeaf(std::string_view name) const;

private:
    std::vector<LeafColumn> leaves_;
};

// The Flashlake type, conversion and statistics order for one leaf element (exposed for tests).
void ResolveLeafType(const SchemaOptions& options, LeafColumn* leaf);

}  // namespace flashlake::format::parquet
