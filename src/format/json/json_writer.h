#pragma once

#include <string>

#include "format/json/json_value.h"

namespace flashlake::format::json {

struct WriteOptions {
    // Pretty output follows Jackson's default pretty printer, the one Paimon's Java writer uses
    // for schema and snapshot files: objects one member per line as `"key" : value` indented by
    // two spaces per object level, arrays on one line as `[ a, b ]`, empty ones as `{ }` / `[ ]`.
    // Compact output has no whitespace at all.
    bool pretty = false;
};

// Appends the JSON text of `value` to `out`. Doubles use the shortest form that reads back
// exactly and always carry a '.' or an exponent; NaN and infinities (not JSON) are written as
// null. Strings escape '"', '\\' and control characters; other bytes pass through.
void Write(const Value& value, std::string* out, const WriteOptions& options = {});
std::string Write(const Value& value, const WriteOptions& options = {});

// A JSON string literal for `text`, quotes included.
std::string Quote(std::string_view text);

}  // namespace flashlake::format::json
