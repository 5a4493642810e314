#include "sql/parser/lexer.h"

#include <gtest/gtest.h>

#include "common/query_error.h"
#include "parse_test_support.h"
#include "sql/parser/keywords.h"
#include "sql/parser/quoting.h"

namespace flashlake::sql {
namespace {

std::vector<Token> Lex(std::string_view text) {
    return Lexer(text).Tokenize();
}

std::string LexError(std::string_view text) {
    try {
        Lex(text);
    } catch (const QueryError& error) {
        EXPECT_EQ(error.code(), ErrorCode::kSyntaxError);
        return error.what();
    }
    ADD_FAILURE() << "no lexer error for " << text;
    return "";
}

TEST(KeywordsTest, ListIsSortedAndLookupIsCaseInsensitive) {
    EXPECT_TRUE(KeywordListIsSorted());
    EXPECT_EQ(LookupKeyword("select"), Keyword::kSELECT);
    EXPECT_EQ(LookupKeyword("SeLeCt"), Keyword::kSELECT);
    EXPECT_EQ(LookupKeyword("REPLACE_IF_NOT_NULL"), Keyword::kREPLACE_IF_NOT_NULL);
    EXPECT_EQ(LookupKeyword("selects"), Keyword::kNone);
    EXPECT_EQ(LookupKeyword(""), Keyword::kNone);
    EXPECT_EQ(KeywordText(Keyword::kFROM), "FROM");
    EXPECT_TRUE(IsReserved(Keyword::kFROM));
    EXPECT_FALSE(IsReserved(Keyword::kDATE));
    EXPECT_FALSE(IsReserved(Keyword::kNone));
}

TEST(LexerTest, WordsKeywordsAndPositions) {
    auto tokens = Lex("SELECT a,\n  `b``c` FROM t");
    ASSERT_EQ(tokens.size(), 7u);
    EXPECT_TRUE(tokens[0].Is(Keyword::kSELECT));
    EXPECT_EQ(tokens[1].kind, TokenKind::kWord);
    EXPECT_EQ(tokens[1].keyword, Keyword::kNone);
    EXPECT_EQ(tokens[2].kind, TokenKind::kComma);
    EXPECT_EQ(tokens[3].kind, TokenKind::kQuotedIdentifier);
    EXPECT_EQ(tokens[3].value, "b`c");
    EXPECT_EQ(tokens[3].text, "`b``c`");
    EXPECT_EQ(tokens[3].position, (Position{2, 3}));
    EXPECT_EQ(tokens[4].position, (Position{2, 10}));
    EXPECT_EQ(tokens[6].kind, TokenKind::kEnd);
    EXPECT_EQ(tokens[6].position, (Position{2, 16}));
    // Quoted keywords are identifiers, not keywords.
    EXPECT_EQ(Lex("`select`")[0].keyword, Keyword::kNone);
}

TEST(LexerTest, ColumnsCountCharactersNotBytes) {
    auto tokens = Lex("'héllo' x");
    EXPECT_EQ(tokens[1].position, (Position{1, 9}));
    EXPECT_EQ(tokens[0].value, "héllo");
    auto words = Lex("名前 = 1");
    EXPECT_EQ(words[0].kind, TokenKind::kWord);
    EXPECT_EQ(words[1].position, (Position{1, 4}));
}

TEST(LexerTest, StringsWithEscapesAndDoubledQuotes) {
    auto tokens = Lex(R"('it''s' "say ""hi""" 'a\nb\t\\\'\"' 'x\%y\_z' '\0\Z\q')");
    ASSERT_EQ(tokens.size(), 6u);
    EXPECT_EQ(tokens[0].value, "it's");
    EXPECT_EQ(tokens[1].value, "say \"hi\"");
    EXPECT_EQ(tokens[2].value, "a\nb\t\\'\"");
    EXPECT_EQ(tokens[3].value, "x\\%y\\_z");  // kept for LIKE, as in MySQL
    EXPECT_EQ(tokens[4].value, std::string("\0\x1Aq", 3));
    EXPECT_EQ(tokens[0].kind, TokenKind::kString);
    EXPECT_EQ(tokens[1].kind, TokenKind::kString);  // double quotes are strings in this dialect
}

TEST(LexerTest, QuoteStringReadsBack) {
    for (std::string value : {std::string("plain"), std::string("it's"), std::string("back\\slash"),
                              std::string("x\\%y"), std::string("nul\0and\n\t\r\x1A\b", 13), std::string("\\")}) {
        auto tokens = Lex(QuoteString(value));
        ASSERT_EQ(tokens.size(), 2u) << QuoteString(value);
        EXPECT_EQ(tokens[0].value, value);
    }
    for (std::string name : {"plain", "with space", "back`tick", "select", "date", "1abc", "ünï"}) {
        std::string quoted = QuoteIdentifier(name);  // must outlive the tokens, which point into it
        auto tokens = Lex(quoted);
        ASSERT_EQ(tokens.size(), 2u);
        std::string read =
            tokens[0].kind == TokenKind::kQuotedIdentifier ? tokens[0].value : std::string(tokens[0].text);
        EXPECT_EQ(read, name);
        if (tokens[0].kind == TokenKind::kWord) {
            EXPECT_EQ(tokens[0].keyword, Keyword::kNone);
        }
    }
}

TEST(LexerTest, Numbers) {
    auto tokens = Lex("42 3.14 .5 1. 1e10 2.5E-3 0x1F X'0aFF' 1abc");
    ASSERT_EQ(tokens.size(), 10u);
    EXPECT_EQ(tokens[0].kind, TokenKind::kInteger);
    EXPECT_EQ(tokens[1].kind, TokenKind::kDecimal);
    EXPECT_EQ(tokens[2].kind, TokenKind::kDecimal);
    EXPECT_EQ(tokens[3].kind, TokenKind::kDecimal);
    EXPECT_EQ(tokens[4].kind, TokenKind::kFloat);
    EXPECT_EQ(tokens[5].kind, TokenKind::kFloat);
    EXPECT_EQ(tokens[5].text, "2.5E-3");
    EXPECT_EQ(tokens[6].kind, TokenKind::kHexNumber);
    EXPECT_EQ(tokens[7].kind, TokenKind::kHexString);
    EXPECT_EQ(tokens[7].value, "0aFF");
    EXPECT_EQ(tokens[8].kind, TokenKind::kWord);  // identifiers may start with digits
    EXPECT_EQ(tokens[8].text, "1abc");
    // t.5 is a name part, not a number.
    auto qualified = Lex("t.5");
    EXPECT_EQ(qualified[1].kind, TokenKind::kDot);
    auto between = Lex("BETWEEN .06");
    EXPECT_EQ(between[1].kind, TokenKind::kDecimal);
}

TEST(LexerTest, Operators) {
    auto tokens = Lex("= <=> != <> < <= > >= + - * / % || && ! ~ & | ^ << >> -> := . , ( ) [ ] ; : ?");
    std::vector<TokenKind> expected = {
        TokenKind::kEq,          TokenKind::kNullSafeEq,   TokenKind::kNotEq,     TokenKind::kNotEq,
        TokenKind::kLess,        TokenKind::kLessEq,       TokenKind::kGreater,   TokenKind::kGreaterEq,
        TokenKind::kPlus,        TokenKind::kMinus,        TokenKind::kStar,      TokenKind::kSlash,
        TokenKind::kPercent,     TokenKind::kDoublePipe,   TokenKind::kDoubleAmp, TokenKind::kBang,
        TokenKind::kTilde,       TokenKind::kAmp,          TokenKind::kPipe,      TokenKind::kCaret,
        TokenKind::kShiftLeft,   TokenKind::kShiftRight,   TokenKind::kArrow,     TokenKind::kAssign,
        TokenKind::kDot,         TokenKind::kComma,        TokenKind::kLeftParen, TokenKind::kRightParen,
        TokenKind::kLeftBracket, TokenKind::kRightBracket, TokenKind::kSemicolon, TokenKind::kColon,
        TokenKind::kParameter,   TokenKind::kEnd};
    ASSERT_EQ(tokens.size(), expected.size());
    for (size_t i = 0; i < expected.size(); ++i) EXPECT_EQ(tokens[i].kind, expected[i]) << i;
}

TEST(LexerTest, Comments) {
    auto tokens = Lex("SELECT -- comment ; here\n 1 # another\n + /* block ; */ 2 /*+ SET_VAR(x=1) */ --\n");
    ASSERT_EQ(tokens.size(), 5u);
    EXPECT_EQ(tokens[1].text, "1");
    EXPECT_EQ(tokens[1].position, (Position{2, 2}));
    EXPECT_EQ(tokens[3].text, "2");
    // `--` not followed by whitespace is two minus signs.
    auto minus = Lex("1--1");
    ASSERT_EQ(minus.size(), 5u);
    EXPECT_EQ(minus[1].kind, TokenKind::kMinus);
    EXPECT_EQ(minus[2].kind, TokenKind::kMinus);
}

TEST(LexerTest, Variables) {
    auto tokens = Lex("@x @'my var' @@sql_mode @@global.max_connections @@SESSION.time_zone");
    ASSERT_EQ(tokens.size(), 6u);
    EXPECT_EQ(tokens[0].kind, TokenKind::kUserVariable);
    EXPECT_EQ(tokens[0].value, "x");
    EXPECT_EQ(tokens[1].value, "my var");
    EXPECT_EQ(tokens[2].kind, TokenKind::kSystemVariable);
    EXPECT_EQ(tokens[2].value, "sql_mode");
    EXPECT_EQ(tokens[3].value, "global.max_connections");
    EXPECT_EQ(tokens[4].value, "SESSION.time_zone");
}

TEST(LexerTest, Errors) {
    EXPECT_EQ(LexError("SELECT 'abc"), "syntax error at line 1, column 8 near ''abc': unterminated string literal");
    EXPECT_EQ(LexError("SELECT `abc"), "syntax error at line 1, column 8 near '`abc': unterminated quoted identifier");
    EXPECT_EQ(LexError("SELECT 1 /* open"), "syntax error at line 1, column 10 near '/*': unterminated comment");
    EXPECT_EQ(LexError("SELECT\n  1 { 2"), "syntax error at line 2, column 5 near '{': unexpected character");
    EXPECT_EQ(LexError("SELECT ``"), "syntax error at line 1, column 8 near '``': empty quoted identifier");
    EXPECT_EQ(LexError("SELECT @"), "syntax error at line 1, column 8 near '@': expected a variable name after @");
    // The near text is cut at 40 characters.
    std::string long_string = "'" + std::string(100, 'x');
    EXPECT_EQ(LexError(long_string), "syntax error at line 1, column 1 near '" + long_string.substr(0, 40) +
                                         "...': unterminated string literal");
}

TEST(LexerTest, LinearOnLargeInput) {
    std::string big;
    for (int i = 0; i < 20000; ++i) big += "a + 'str' , ";
    auto tokens = Lex(big);
    EXPECT_EQ(tokens.size(), 20000u * 4 + 1);
    EXPECT_EQ(tokens.back().position.column, big.size() + 1);
}

}  // namespace
}  // namespace flashlake::sql
