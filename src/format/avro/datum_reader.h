#pragma once

#include <memory>

#include "common/result.h"
#include "format/avro/binary_decoder.h"
#include "format/avro/datum.h"
#include "format/avro/schema.h"

namespace flashlake::format::avro {

// Decodes values written with a writer schema into Datums shaped by a reader schema, following
// Avro's schema resolution rules, compiled once into a plan so that decoding a record does no
// name lookups:
//   - record fields are matched by name (or a reader field's alias); writer fields the reader
//     does not have are skipped; reader fields the writer lacks take the reader's default, and a
//     nullable reader field ( a union with "null") without a default reads as null;
//   - numeric promotions int -> long/float/double, long -> float/double, float -> double, and
//     string <-> bytes;
//   - a writer union reads its branch into the reader type (or the matching reader union
//     branch); a writer non-union reads into the first matching reader union branch;
//   - enums map symbols by name (unknown symbols take the reader's enum default, if any).
// Record, enum and fixed names are not required to match (Paimon's readers name records freely);
// when choosing among union branches a name match is preferred.
//
// Mismatches that hold for every value (a field of incompatible type, a required reader field
// with no writer field and no default) fail Make() with kInvalidArgument. A writer union branch
// that cannot be read fails only when a value actually takes it. Malformed bytes are
// kCorruption with the byte offset. Arrays and maps are bounded by the bytes remaining, so a
// corrupt count cannot make the reader allocate without bound.
class DatumReader {
public:
    // Reads values as written.
    static Result<DatumReader> Make(const Schema& writer);
    static Result<DatumReader> Make(const Schema& writer, const Schema& reader);

    // Decodes one value into `out`, reusing its storage.
    Status Read(BinaryDecoder* decoder, Datum* out) const;

    // The fewest bytes one value can take (0 for values like null or empty records).
    size_t min_value_size() const;

    struct Plan;

private:
    explicit DatumReader(std::shared_ptr<const Plan> plan) : plan_(std::move(plan)) {}
    std::shared_ptr<const Plan> plan_;
};

// The fewest bytes a value of `node` takes in the binary encoding.
size_t MinEncodedSize(const Node& node);

// Skips one value of `node`.
Status SkipValue(const Node& node, BinaryDecoder* decoder);

// Arrays and maps of values that take no bytes (nulls, empty records) are limited to this many
// items per value, since the byte count cannot bound them.
inline constexpr int64_t kMaxZeroSizeItems = 1 << 16;

}  // namespace flashlake::format::avro
