#pragma once

#include <string_view>

#include "common/result.h"
#include "format/json/json_value.h"

namespace flashlake::format::json {

struct ParseOptions {
    // Arrays and objects nested deeper than this are refused (the parser recurses).
    int max_depth = 256;
};

// Parses one JSON document (RFC 8259): surrounding whitespace is allowed, anything else after
// the value is an error. Strings are decoded to UTF-8 (\u escapes, surrogate pairs); raw bytes
// are passed through unvalidated. Errors are kInvalidArgument reading
// "JSON line L, column C: <what>" (1-based, columns in bytes).
Result<Value> Parse(std::string_view text, const ParseOptions& options = {});

}  // namespace flashlake::format::json
