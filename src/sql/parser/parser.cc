#include "sql/parser/parser.h"

#include "common/query_error.h"
#include "sql/parser/grammar.h"
#include "sql/parser/lexer.h"

namespace flashlake::sql {

namespace {

// Runs one parse, turning the QueryError the lexer or grammar throws into a Status: the one place
// where parser exceptions are converted.
template <typename T, typename Fn>
Result<T> RunParse(std::string_view text, Position start, Fn&& fn) {
    try {
        Grammar grammar(text, Lexer(text, start).Tokenize());
        return fn(grammar);
    } catch (const QueryError& error) {
        return error.ToStatus();
    }
}

}  // namespace

Result<std::vector<ParsedStatement>> ParseScript(std::string_view script) {
    return RunParse<std::vector<ParsedStatement>>(script, {1, 1}, [](Grammar& g) { return g.ParseScript(); });
}

Result<StatementPtr> ParseStatement(std::string_view sql, Position start) {
    return RunParse<StatementPtr>(sql, start, [](Grammar& g) { return g.ParseSingleStatement(); });
}

Result<ExprPtr> ParseExpression(std::string_view text) {
    return RunParse<ExprPtr>(text, {1, 1}, [](Grammar& g) { return g.ParseStandaloneExpression(); });
}

Result<TypeName> ParseTypeName(std::string_view text) {
    return RunParse<TypeName>(text, {1, 1}, [](Grammar& g) { return g.ParseStandaloneTypeName(); });
}

}  // namespace flashlake::sql
