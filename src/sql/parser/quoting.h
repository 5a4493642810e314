#pragma once

#include <string>
#include <string_view>
#include <vector>

// Spelling names and strings back into SQL text so that the lexer reads them back unchanged.

namespace flashlake::sql {

// `name` backquoted (with ` doubled) unless it is a plain ASCII word that is not a keyword.
// Keywords are quoted even when non-reserved, so the text stays valid if they become reserved.
std::string QuoteIdentifier(std::string_view name);

// Parts quoted as needed and joined by '.'.
std::string QuoteQualifiedName(const std::vector<std::string>& parts);

// A single-quoted string literal; quotes, backslashes and control characters are escaped.
std::string QuoteString(std::string_view value);

// Names quoted and joined by ", ".
std::string QuoteNameList(const std::vector<std::string>& names);

}  // namespace flashlake::sql
