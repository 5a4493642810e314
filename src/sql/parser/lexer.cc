#include "sql/parser/lexer.h"

#include "sql/parser/syntax_error.h"

namespace flashlake::sql {

namespace {

bool IsSpace(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}
bool IsDigit(char c) {
    return c >= '0' && c <= '9';
}
bool IsHexDigit(char c) {
    return IsDigit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}
// Bytes of identifiers: ASCII letters, digits, '_', '$' and every byte of a multi-byte UTF-8 character.
bool IsWordChar(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || IsDigit(c) || c == '_' || c == '$' ||
           static_cast<unsigned char>(c) >= 0x80;
}
bool IsWordStart(char c) {
    return IsWordChar(c) && !IsDigit(c);
}

// The character a backslash escape stands for inside a string literal (MySQL rules). `\%` and `\_`
// keep their backslash so that LIKE patterns can match a literal % or _.
void AppendEscape(std::string& out, char c) {
    switch (c) {
        case '0':
            out += '\0';
            break;
        case 'b':
            out += '\b';
            break;
        case 'n':
            out += '\n';
            break;
        case 'r':
            out += '\r';
            break;
        case 't':
            out += '\t';
            break;
        case 'Z':
            out += '\x1A';
            break;
        case '%':
            out += "\\%";
            break;
        case '_':
            out += "\\_";
            break;
        default:
            out += c;
            break;
    }
}

}  // namespace

std::vector<Token> Lexer::Tokenize() {
    std::vector<Token> tokens;
    while (true) {
        Token token = Next();
        previous_kind_ = token.kind;
        previous_end_ = token.end_offset();
        bool end = token.kind == TokenKind::kEnd;
        tokens.push_back(std::move(token));
        if (end) return tokens;
    }
}

Position Lexer::PositionAt(size_t offset) {
    for (; position_offset_ < offset && position_offset_ < text_.size(); ++position_offset_) {
        char c = text_[position_offset_];
        if (c == '\n') {
            ++cursor_position_.line;
            cursor_position_.column = 1;
        } else if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) {
            ++cursor_position_.column;
        }
    }
    return cursor_position_;
}

Token Lexer::MakeToken(TokenKind kind, size_t start, size_t end) {
    Token token;
    token.kind = kind;
    token.text = text_.substr(start, end - start);
    token.offset = static_cast<uint32_t>(start);
    token.position = PositionAt(start);
    return token;
}

void Lexer::Fail(size_t start, size_t end, std::string_view detail) {
    ThrowSyntaxError(MakeToken(TokenKind::kWord, start, end), detail);
}

bool Lexer::SkipSpaceAndComments() {
    while (pos_ < text_.size()) {
        char c = text_[pos_];
        if (IsSpace(c)) {
            ++pos_;
        } else if (c == '#' || (c == '-' && Peek(1) == '-' && (IsSpace(Peek(2)) || pos_ + 2 >= text_.size()))) {
            while (pos_ < text_.size() && text_[pos_] != '\n') ++pos_;
        } else if (c == '/' && Peek(1) == '*') {
            size_t close = text_.find("*/", pos_ + 2);
            if (close == std::string_view::npos) Fail(pos_, pos_ + 2, "unterminated comment");
            pos_ = close + 2;
        } else {
            return true;
        }
    }
    return false;
}

Token Lexer::Next() {
    if (!SkipSpaceAndComments()) return MakeToken(TokenKind::kEnd, text_.size(), text_.size());
    size_t start = pos_;
    char c = text_[pos_];
    if ((c == 'x' || c == 'X') && Peek(1) == '\'') {
        pos_ += 2;
        while (IsHexDigit(Peek())) ++pos_;
        if (Peek() != '\'') Fail(start, pos_, "malformed hex string literal");
        ++pos_;
        Token token = MakeToken(TokenKind::kHexString, start, pos_);
        token.value = std::string(text_.substr(start + 2, pos_ - start - 3));
        return token;
    }
    if (IsDigit(c)) return LexNumber(start);
    // `.5` is a number unless the dot touches a name before it (`t.5col` is a qualified name).
    bool after_name = (previous_kind_ == TokenKind::kWord || previous_kind_ == TokenKind::kQuotedIdentifier) &&
                      previous_end_ == start;
    if (c == '.' && IsDigit(Peek(1)) && !after_name) return LexNumber(start);
    if (IsWordStart(c)) return LexWord(start);
    if (c == '\'' || c == '"' || c == '`') return LexQuoted(start, c);
    if (c == '@') return LexVariable(start);
    return LexOperator(start);
}

Token Lexer::LexWord(size_t start) {
    while (IsWordChar(Peek())) ++pos_;
    Token token = MakeToken(TokenKind::kWord, start, pos_);
    token.keyword = LookupKeyword(token.text);
    return token;
}

Token Lexer::LexNumber(size_t start) {
    if (text_[pos_] == '0' && (Peek(1) == 'x' || Peek(1) == 'X') && IsHexDigit(Peek(2))) {
        pos_ += 2;
        while (IsHexDigit(Peek())) ++pos_;
        if (IsWordChar(Peek())) return LexWord(start);  // 0x1G... is a word, as in MySQL
        return MakeToken(TokenKind::kHexNumber, start, pos_);
    }
    TokenKind kind = TokenKind::kInteger;
    while (IsDigit(Peek())) ++pos_;
    if (Peek() == '.') {
        kind = TokenKind::kDecimal;
        ++pos_;
        while (IsDigit(Peek())) ++pos_;
    }
    if ((Peek() == 'e' || Peek() == 'E') &&
        (IsDigit(Peek(1)) || ((Peek(1) == '+' || Peek(1) == '-') && IsDigit(Peek(2))))) {
        kind = TokenKind::kFloat;
        pos_ += 2;
        while (IsDigit(Peek())) ++pos_;
    }
    // MySQL identifiers may start with digits (`1st_column`): digits running into letters are a word.
    if (kind == TokenKind::kInteger && IsWordChar(Peek())) return LexWord(start);
    return MakeToken(kind, start, pos_);
}

Token Lexer::LexQuoted(size_t start, char quote) {
    ++pos_;
    std::string value;
    while (true) {
        if (pos_ >= text_.size()) {
            Fail(start, text_.size(), quote == '`' ? "unterminated quoted identifier" : "unterminated string literal");
        }
        char c = text_[pos_];
        if (c == quote) {
            if (Peek(1) == quote) {  // a doubled quote stands for one
                value += quote;
                pos_ += 2;
                continue;
            }
            ++pos_;
            break;
        }
        if (c == '\\' && quote != '`' && pos_ + 1 < text_.size()) {
            AppendEscape(value, text_[pos_ + 1]);
            pos_ += 2;
            continue;
        }
        value += c;
        ++pos_;
    }
    TokenKind kind = quote == '`' ? TokenKind::kQuotedIdentifier : TokenKind::kString;
    if (kind == TokenKind::kQuotedIdentifier && value.empty()) Fail(start, pos_, "empty quoted identifier");
    Token token = MakeToken(kind, start, pos_);
    token.value = std::move(value);
    return token;
}

Token Lexer::LexVariable(size_t start) {
    if (Peek(1) == '@') {
        pos_ += 2;
        while (IsWordChar(Peek()) || (Peek() == '.' && IsWordChar(Peek(1)))) ++pos_;
        if (pos_ == start + 2) Fail(start, pos_, "expected a system variable name after @@");
        Token token = MakeToken(TokenKind::kSystemVariable, start, pos_);
        token.value = std::string(text_.substr(start + 2, pos_ - start - 2));
        return token;
    }
    ++pos_;
    char c = Peek();
    if (c == '\'' || c == '"' || c == '`') {
        Token quoted = LexQuoted(pos_, c);
        Token token = MakeToken(TokenKind::kUserVariable, start, pos_);
        token.value = std::move(quoted.value);
        return token;
    }
    while (IsWordChar(Peek()) || Peek() == '.') ++pos_;
    if (pos_ == start + 1) Fail(start, pos_, "expected a variable name after @");
    Token token = MakeToken(TokenKind::kUserVariable, start, pos_);
    token.value = std::string(text_.substr(start + 1, pos_ - start - 1));
    return token;
}

Token Lexer::LexOperator(size_t start) {
    struct Spelling {
        std::string_view text;
        TokenKind kind;
    };
    // Longest spellings first so that `<=>` wins over `<=` and `<`.
    static constexpr Spelling kOperators[] = {
        {"<=>", TokenKind::kNullSafeEq}, {"<=", TokenKind::kLessEq},     {"<>", TokenKind::kNotEq},
        {"<<", TokenKind::kShiftLeft},   {">=", TokenKind::kGreaterEq},  {">>", TokenKind::kShiftRight},
        {"!=", TokenKind::kNotEq},       {"||", TokenKind::kDoublePipe}, {"&&", TokenKind::kDoubleAmp},
        {"->", TokenKind::kArrow},       {":=", TokenKind::kAssign},     {"<", TokenKind::kLess},
        {">", TokenKind::kGreater},      {"=", TokenKind::kEq},          {"!", TokenKind::kBang},
        {"|", TokenKind::kPipe},         {"&", TokenKind::kAmp},         {"-", TokenKind::kMinus},
        {"+", TokenKind::kPlus},         {"*", TokenKind::kStar},        {"/", TokenKind::kSlash},
        {"%", TokenKind::kPercent},      {"~", TokenKind::kTilde},       {"^", TokenKind::kCaret},
        {".", TokenKind::kDot},          {",", TokenKind::kComma},       {"(", TokenKind::kLeftParen},
        {")", TokenKind::kRightParen},   {"[", TokenKind::kLeftBracket}, {"]", TokenKind::kRightBracket},
        {";", TokenKind::kSemicolon},    {":", TokenKind::kColon},       {"?", TokenKind::kParameter},
    };
    std::string_view rest = text_.substr(start);
    for (const Spelling& op : kOperators) {
        if (rest.starts_with(op.text)) {
            pos_ += op.text.size();
            return MakeToken(op.kind, start, pos_);
        }
    }
    // One whole (possibly multi-byte) character for the message.
    size_t end = start + 1;
    while (end < text_.size() && (static_cast<unsigned char>(text_[end]) & 0xC0) == 0x80) ++end;
    Fail(start, end, "unexpected character");
}

}  // namespace flashlake::sql
