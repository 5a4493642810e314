#include "sql/parser/grammar.h"

#include <algorithm>
#include <cctype>
#include <charconv>

#include "common/query_error.h"
#include "sql/parser/syntax_error.h"

namespace flashlake::sql {

namespace {

constexpr size_t kNoToken = static_cast<size_t>(-1);

// Edit distance with adjacent transpositions (FORM -> FROM is 1), on upper-cased text.
size_t EditDistance(std::string_view a, std::string_view b) {
    std::vector<std::vector<size_t>> d(a.size() + 1, std::vector<size_t>(b.size() + 1));
    for (size_t i = 0; i <= a.size(); ++i) d[i][0] = i;
    for (size_t j = 0; j <= b.size(); ++j) d[0][j] = j;
    for (size_t i = 1; i <= a.size(); ++i) {
        for (size_t j = 1; j <= b.size(); ++j) {
            size_t cost = std::toupper(static_cast<unsigned char>(a[i - 1])) == b[j - 1] ? 0 : 1;
            d[i][j] = std::min({d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost});
            if (i > 1 && j > 1 && std::toupper(static_cast<unsigned char>(a[i - 1])) == b[j - 2] &&
                std::toupper(static_cast<unsigned char>(a[i - 2])) == b[j - 1]) {
                d[i][j] = std::min(d[i][j], d[i - 2][j - 2] + 1);
            }
        }
    }
    return d[a.size()][b.size()];
}

}  // namespace

std::string_view SuggestKeyword(std::string_view word, std::span<const std::string_view> candidates) {
    if (word.size() < 3 || word.size() > 16) return {};
    size_t allowed = word.size() <= 4 ? 1 : 2;
    for (std::string_view candidate : candidates) {
        if (EditDistance(word, candidate) <= allowed) return candidate;
    }
    return {};
}

Grammar::Grammar(std::string_view text, std::vector<Token> tokens) : text_(text), tokens_(std::move(tokens)) {
    FL_CHECK(!tokens_.empty() && tokens_.back().kind == TokenKind::kEnd, "token list must end with kEnd");
}

// ---- entry points ----

std::vector<ParsedStatement> Grammar::ParseScript() {
    std::vector<ParsedStatement> statements;
    while (true) {
        while (Match(TokenKind::kSemicolon)) {
        }
        if (PeekIs(TokenKind::kEnd)) return statements;
        size_t first = pos_;
        parameter_count_ = 0;
        ParsedStatement parsed;
        parsed.statement = ParseStatement();
        ExpectEndOfStatement();
        parsed.text = TextFrom(first);
        parsed.offset = tokens_[first].offset;
        parsed.position = tokens_[first].position;
        statements.push_back(std::move(parsed));
    }
}

StatementPtr Grammar::ParseSingleStatement() {
    while (Match(TokenKind::kSemicolon)) {
    }
    if (PeekIs(TokenKind::kEnd)) FailExpected("a statement");
    StatementPtr statement = ParseStatement();
    ExpectEndOfStatement();
    while (Match(TokenKind::kSemicolon)) {
    }
    if (!PeekIs(TokenKind::kEnd)) FailExpected("end of input (one statement only)");
    return statement;
}

ExprPtr Grammar::ParseStandaloneExpression() {
    ExprPtr expr = ParseExpr();
    if (!PeekIs(TokenKind::kEnd)) FailExpected("end of expression");
    return expr;
}

TypeName Grammar::ParseStandaloneTypeName() {
    TypeName type = ParseType();
    if (!PeekIs(TokenKind::kEnd)) FailExpected("end of type");
    return type;
}

// ---- token cursor ----

const Token& Grammar::Peek(size_t ahead) const {
    return tokens_[std::min(pos_ + ahead, tokens_.size() - 1)];
}

const Token& Grammar::Advance() {
    const Token& token = tokens_[pos_];
    if (pos_ + 1 < tokens_.size()) ++pos_;
    return token;
}

bool Grammar::Match(Keyword keyword) {
    if (!PeekIs(keyword)) return false;
    Advance();
    return true;
}

bool Grammar::Match(TokenKind kind) {
    if (!PeekIs(kind)) return false;
    Advance();
    return true;
}

bool Grammar::MatchSequence(std::initializer_list<Keyword> keywords) {
    size_t i = 0;
    for (Keyword keyword : keywords) {
        if (!PeekIs(keyword, i++)) return false;
    }
    pos_ += keywords.size();
    return true;
}

bool Grammar::PeekWord(std::string_view upper, size_t ahead) const {
    const Token& token = Peek(ahead);
    if (token.kind != TokenKind::kWord || token.text.size() != upper.size()) return false;
    for (size_t i = 0; i < upper.size(); ++i) {
        if (std::toupper(static_cast<unsigned char>(token.text[i])) != upper[i]) return false;
    }
    return true;
}

bool Grammar::MatchWord(std::string_view upper) {
    if (!PeekWord(upper)) return false;
    Advance();
    return true;
}

const Token& Grammar::Expect(Keyword keyword) {
    if (!PeekIs(keyword)) FailExpected(KeywordText(keyword));
    return Advance();
}

const Token& Grammar::Expect(TokenKind kind, std::string_view spelling) {
    if (!PeekIs(kind)) FailExpected(spelling);
    return Advance();
}

void Grammar::ExpectEndOfStatement() {
    if (!PeekIs(TokenKind::kSemicolon) && !PeekIs(TokenKind::kEnd)) FailExpected("end of statement");
}

// ---- errors ----

// The clause keywords a misspelled word is most often meant to be.
constexpr std::string_view kClauseKeywords[] = {"FROM",  "WHERE", "GROUP",  "ORDER",   "HAVING",    "LIMIT",
                                                "JOIN",  "UNION", "INNER",  "LEFT",    "RIGHT",     "CROSS",
                                                "OUTER", "USING", "OFFSET", "QUALIFY", "INTERSECT", "EXCEPT"};

void Grammar::Fail(std::string_view detail) const {
    // An error right after an alias written without AS: if the alias looks like a misspelled clause
    // keyword (SELECT 1 FORM t), the alias is the mistake.
    if (implicit_alias_index_ != kNoToken && pos_ == implicit_alias_index_ + 1) {
        const Token& alias = tokens_[implicit_alias_index_];
        std::string_view suggestion = SuggestKeyword(alias.text, kClauseKeywords);
        if (!suggestion.empty()) FailAt(alias, "did you mean " + std::string(suggestion) + "?");
    }
    const Token& token = Peek();
    if (token.kind == TokenKind::kWord && token.keyword == Keyword::kNone) {
        std::string_view suggestion = SuggestKeyword(token.text, kClauseKeywords);
        if (!suggestion.empty()) FailAt(token, std::string(detail) + "; did you mean " + std::string(suggestion) + "?");
    }
    FailAt(token, detail);
}

void Grammar::FailAt(const Token& token, std::string_view detail) const {
    ThrowSyntaxError(token, detail);
}

void Grammar::FailTooDeep() const {
    FailAt(Peek(), "statement too deeply nested (more than " + std::to_string(kMaxNestingDepth) + " levels)");
}

void Grammar::FailUnsupported(const Token& token, std::string_view what) const {
    throw QueryError(ErrorCode::kNotSupported, "unsupported statement at line " + std::to_string(token.position.line) +
                                                   ", column " + std::to_string(token.position.column) + ": " +
                                                   std::string(what) + " is not supported");
}

// ---- names and literals ----

bool Grammar::PeekIdentifier(size_t ahead) const {
    const Token& token = Peek(ahead);
    return token.kind == TokenKind::kQuotedIdentifier || (token.kind == TokenKind::kWord && !IsReserved(token.keyword));
}

std::string Grammar::ParseIdentifier(std::string_view what) {
    const Token& token = Peek();
    if (token.kind == TokenKind::kQuotedIdentifier) return Advance().value;
    if (token.kind == TokenKind::kWord) {
        if (IsReserved(token.keyword)) {
            Fail("expected " + std::string(what) + " ('" + std::string(token.text) + "' is a reserved word: write `" +
                 std::string(token.text) + "` to use it as a name)");
        }
        return std::string(Advance().text);
    }
    FailExpected(what);
}

std::string Grammar::ParseNamePart() {
    const Token& token = Peek();
    if (token.kind == TokenKind::kQuotedIdentifier) return Advance().value;
    if (token.kind == TokenKind::kWord) return std::string(Advance().text);
    FailExpected("name");
}

QualifiedName Grammar::ParseQualifiedName(size_t max_parts, std::string_view what) {
    QualifiedName name;
    name.position = Peek().position;
    name.parts.push_back(ParseIdentifier(what));
    while (PeekIs(TokenKind::kDot)) {
        if (name.parts.size() >= max_parts) Fail("too many name parts in " + std::string(what));
        Advance();
        name.parts.push_back(ParseNamePart());
    }
    return name;
}

std::vector<std::string> Grammar::ParseParenthesizedNames() {
    Expect(TokenKind::kLeftParen, "'('");
    std::vector<std::string> names = ParseNameList();
    Expect(TokenKind::kRightParen, "')'");
    return names;
}

std::vector<std::string> Grammar::ParseNameList() {
    std::vector<std::string> names;
    do {
        names.push_back(ParseIdentifier("column name"));
    } while (Match(TokenKind::kComma));
    return names;
}

std::string Grammar::ParseString(std::string_view what) {
    if (!PeekIs(TokenKind::kString)) FailExpected(what);
    return Advance().value;
}

std::string Grammar::ParseIdentifierOrString(std::string_view what) {
    if (PeekIs(TokenKind::kString)) return Advance().value;
    return ParseIdentifier(what);
}

int64_t Grammar::ParseInteger(std::string_view what) {
    if (!PeekIs(TokenKind::kInteger)) FailExpected(what);
    const Token& token = Peek();
    int64_t value = 0;
    auto [end, ec] = std::from_chars(token.text.data(), token.text.data() + token.text.size(), value);
    if (ec != std::errc() || end != token.text.data() + token.text.size()) Fail("integer out of range");
    Advance();
    return value;
}

bool Grammar::ParseOptionalAlias(std::string& alias, bool allow_string) {
    if (Match(Keyword::kAS)) {
        alias = allow_string && PeekIs(TokenKind::kString) ? Advance().value : ParseIdentifier("alias");
        return true;
    }
    if (PeekIdentifier() || (allow_string && PeekIs(TokenKind::kString))) {
        implicit_alias_index_ = pos_;
        const Token& token = Advance();
        alias = token.kind == TokenKind::kWord ? std::string(token.text) : token.value;
        return true;
    }
    return false;
}

PropertyList Grammar::ParsePropertyList() {
    Expect(TokenKind::kLeftParen, "'('");
    PropertyList properties;
    if (Match(TokenKind::kRightParen)) return properties;
    do {
        Property property;
        property.position = Peek().position;
        property.key = ParseIdentifierOrString("property name");
        Expect(TokenKind::kEq, "'='");
        const Token& value = Peek();
        if (value.kind == TokenKind::kString) {
            property.value = value.value;
        } else if (value.kind == TokenKind::kInteger || value.kind == TokenKind::kDecimal ||
                   value.kind == TokenKind::kWord) {
            property.value = std::string(value.text);
        } else {
            FailExpected("property value");
        }
        Advance();
        properties.push_back(std::move(property));
    } while (Match(TokenKind::kComma));
    Expect(TokenKind::kRightParen, "')'");
    return properties;
}

std::string Grammar::TextFrom(size_t first_token) const {
    if (pos_ <= first_token) return {};
    uint32_t begin = tokens_[first_token].offset;
    uint32_t end = tokens_[pos_ - 1].end_offset();
    return std::string(text_.substr(begin, end - begin));
}

}  // namespace flashlake::sql
