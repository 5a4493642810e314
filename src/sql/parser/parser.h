#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "common/result.h"
#include "sql/parser/admin_statement.h"
#include "sql/parser/ddl_statement.h"
#include "sql/parser/statement.h"

// The SQL parser's entry points (StarRocks / MySQL dialect; docs/sql/grammar.md lists what is
// accepted). All of them report bad input as a Status with ErrorCode::kSyntaxError and a message
// `syntax error at line L, column C near 'TOKEN'[: detail]`, or kNotSupported for statements of
// the dialect that Flashlake does not implement (ADMIN, BACKUP, ...). Parsing is linear in the
// text; nesting deeper than kMaxNestingDepth is rejected ("statement too deeply nested") instead of
// exhausting the stack.

namespace flashlake::sql {

// Parentheses, subqueries, unary operators and nested types count towards this limit.
constexpr int kMaxNestingDepth = 1000;
// Height limit of expression trees. Chains of binary operators (a OR b OR c ...) are parsed by a
// loop but make left-deep trees whose height every recursive walk (printing, binding, planning)
// pays for in stack; 3000 levels stay well inside an 8 MB stack even in sanitizer builds.
constexpr int kMaxExpressionHeight = 3000;

// One statement of a script with the source text it came from (what the shell echoes, the
// process list shows and the audit log records).
struct ParsedStatement {
    StatementPtr statement;
    std::string text;     // from the first token to the last, without the terminating ';'
    uint32_t offset = 0;  // byte offset of text in the script
    Position position;    // line and column of text in the script
};

// Parses a script of statements separated by ';' (empty statements are skipped). Fails on the
// first statement in error; positions in the error are those of the whole script.
Result<std::vector<ParsedStatement>> ParseScript(std::string_view script);

// Parses exactly one statement; a trailing ';' is allowed. `start` is where the text begins in a
// larger script (a ScriptPiece's position), so that errors and node positions are script-relative:
// a shell runs SplitScript, then ParseStatement on each piece, and stops at the first bad one.
Result<StatementPtr> ParseStatement(std::string_view sql, Position start = {1, 1});

// Parses one expression, e.g. a stored column default or partition expression.
Result<ExprPtr> ParseExpression(std::string_view text);

// Parses one type name, e.g. "DECIMAL(10, 2)" or "ARRAY<VARCHAR(20)>".
Result<TypeName> ParseTypeName(std::string_view text);

}  // namespace flashlake::sql
