#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "sql/parser/ast_node.h"
#include "sql/parser/keywords.h"

namespace flashlake::sql {

enum class TokenKind : uint8_t {
    kEnd,               // end of input; text is empty
    kWord,              // a bare word: identifier or keyword (see Token::keyword)
    kQuotedIdentifier,  // `name`; value holds the name with `` unescaped
    kString,            // '...' or "..."; value holds the unescaped bytes
    kInteger,           // 123
    kDecimal,           // 1.5, .5, 1.
    kFloat,             // 1e10, 1.5E-3
    kHexNumber,         // 0x1F
    kHexString,         // X'1F'; value holds the hex digits
    kParameter,         // ?
    kUserVariable,      // @name or @'name'; value holds the name
    kSystemVariable,    // @@name, @@global.name, @@session.name; value holds what follows @@
    // Operators and punctuation.
    kEq,            // =
    kNullSafeEq,    // <=>
    kNotEq,         // != or <>
    kLess,          // <
    kLessEq,        // <=
    kGreater,       // >
    kGreaterEq,     // >=
    kPlus,          // +
    kMinus,         // -
    kStar,          // *
    kSlash,         // /
    kPercent,       // %
    kDoublePipe,    // ||
    kDoubleAmp,     // &&
    kBang,          // !
    kTilde,         // ~
    kAmp,           // &
    kPipe,          // |
    kCaret,         // ^
    kShiftLeft,     // <<
    kShiftRight,    // >>
    kArrow,         // ->
    kAssign,        // :=
    kDot,           // .
    kComma,         // ,
    kLeftParen,     // (
    kRightParen,    // )
    kLeftBracket,   // [
    kRightBracket,  // ]
    kSemicolon,     // ;
    kColon,         // :
};

// One lexical token. `text` is the token exactly as written (a view into the SQL text, which must
// outlive the token); `value` is filled only for kinds whose meaning differs from the spelling
// (strings, quoted identifiers, variables).
struct Token {
    TokenKind kind = TokenKind::kEnd;
    Keyword keyword = Keyword::kNone;  // for kWord only
    std::string_view text;
    std::string value;
    uint32_t offset = 0;  // byte offset of the first character in the SQL text
    Position position;

    bool Is(TokenKind k) const { return kind == k; }
    bool Is(Keyword k) const { return kind == TokenKind::kWord && keyword == k; }
    uint32_t end_offset() const { return offset + static_cast<uint32_t>(text.size()); }
};

}  // namespace flashlake::sql
