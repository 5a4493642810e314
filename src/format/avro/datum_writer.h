#pragma once

#include "common/status.h"
#include "format/avro/binary_encoder.h"
#include "format/avro/datum.h"
#include "format/avro/schema.h"

namespace flashlake::format::avro {

// Encodes `datum` as a value of `node`, checking that it fits: a Datum of another type, a record
// with the wrong number of fields, a fixed of the wrong size or an enum index out of range is
// kInvalidArgument naming the path, and the encoder's output is left as it was.
//
// Unions: a Datum with branch() >= 0 is written as that branch; otherwise the branch is the
// first one of the Datum's type (null for a null Datum), so a plain Long fits ["null","long"].
// An int Datum also fits a long (and a float a double), so callers need not widen by hand.
Status EncodeDatum(const Node& node, const Datum& datum, BinaryEncoder* encoder);

}  // namespace flashlake::format::avro
