#pragma once

#include <string>
#include <string_view>

#include "sql/parser/token.h"

namespace flashlake::sql {

// The one format of syntax errors, relied on by the shell, the server and the tests:
//   syntax error at line 1, column 10 near 'FORM'
//   syntax error at line 3, column 1 near end of input: expected ')'
// The text after "near" is the offending token as written (cut to 40 characters).
std::string FormatSyntaxError(const Token& token, std::string_view detail);

// Throws QueryError(ErrorCode::kSyntaxError, FormatSyntaxError(token, detail)).
[[noreturn]] void ThrowSyntaxError(const Token& token, std::string_view detail);

}  // namespace flashlake::sql
