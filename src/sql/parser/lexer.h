#pragma once

#include <string_view>
#include <vector>

#include "sql/parser/token.h"

namespace flashlake::sql {

// Splits SQL text into tokens, MySQL style: case-insensitive keywords, `backquoted` identifiers,
// strings in '...' or "..." with backslash escapes and doubled quotes, numbers (integer, decimal,
// float, 0x hex, X'hex'), ? parameters, @user and @@[global.|session.]system variables. Comments
// (`-- ` to end of line, `#` to end of line, `/* ... */` including `/*+ hints */`) and whitespace
// are skipped. `--` not followed by whitespace is two minus signs, as in MySQL (`1--1` is 2).
//
// The text must outlive the tokens (Token::text points into it). Tokenize throws
// QueryError(kSyntaxError) at the first malformed token; it runs in time linear in the text.
class Lexer {
public:
    // `start` is the position of the text's first character, for text cut from a larger script.
    explicit Lexer(std::string_view text, Position start = {1, 1}) : text_(text), cursor_position_(start) {}

    // All tokens of the text, the last one of kind kEnd.
    std::vector<Token> Tokenize();

private:
    // Skips whitespace and comments; returns false at end of input.
    bool SkipSpaceAndComments();
    Token Next();
    Token LexWord(size_t start);
    Token LexNumber(size_t start);
    Token LexQuoted(size_t start, char quote);
    Token LexVariable(size_t start);
    Token LexOperator(size_t start);
    Token MakeToken(TokenKind kind, size_t start, size_t end);
    [[noreturn]] void Fail(size_t start, size_t end, std::string_view detail);
    // Position of a byte offset; offsets must be asked in increasing order (keeps lexing linear).
    Position PositionAt(size_t offset);

    char Peek(size_t ahead = 0) const { return pos_ + ahead < text_.size() ? text_[pos_ + ahead] : '\0'; }

    std::string_view text_;
    size_t pos_ = 0;
    TokenKind previous_kind_ = TokenKind::kEnd;
    size_t previous_end_ = 0;
    // PositionAt's cursor: the position of byte offset position_offset_.
    size_t position_offset_ = 0;
    Position cursor_position_{1, 1};
};

}  // namespace flashlake::sql
