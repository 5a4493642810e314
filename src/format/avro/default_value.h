#pragma once

#include "common/result.h"
#include "format/avro/datum.h"
#include "format/avro/schema.h"
#include "format/json/json_value.h"

namespace flashlake::format::avro {

// The Datum for a record field's JSON default ("Schema Resolution" in the spec): null, booleans,
// numbers, strings for string/bytes/fixed/enum (bytes and fixed as code points 0-255), arrays,
// objects for maps and records (a record member missing from the default takes that field's
// own default). A union default is for the first branch, as the spec says; the other branches
// are tried after it, leniently. kInvalidArgument when the JSON does not fit the type.
Result<Datum> DefaultDatum(const Node& node, const json::Value& value);

}  // namespace flashlake::format::avro
