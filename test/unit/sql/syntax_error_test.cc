#include <gtest/gtest.h>

#include "parse_test_support.h"
#include "sql/parser/parser.h"

namespace flashlake::sql {
namespace {

using testing::ParseError;

TEST(SyntaxErrorTest, MessagesNameLineColumnAndToken) {
    EXPECT_EQ(ParseError("SELECT 1 FORM t"), "syntax error at line 1, column 10 near 'FORM': did you mean FROM?");
    EXPECT_EQ(ParseError("SELECT * FORM t"),
              "syntax error at line 1, column 10 near 'FORM': expected end of statement; did you mean FROM?");
    EXPECT_EQ(ParseError("SELECT a FROM t WEHRE a = 1"),
              "syntax error at line 1, column 17 near 'WEHRE': did you mean WHERE?");
    EXPECT_EQ(ParseError("SELECT a FROM t WHERE a = 1 GROPU BY a"),
              "syntax error at line 1, column 29 near 'GROPU': expected end of statement; did you mean GROUP?");
    EXPECT_EQ(ParseError("SELECT a b c FROM t"),
              "syntax error at line 1, column 12 near 'c': expected end of statement");
    EXPECT_EQ(ParseError("SELECT"), "syntax error at line 1, column 7 near end of input: expected expression");
    EXPECT_EQ(ParseError("SELECT (1"), "syntax error at line 1, column 10 near end of input: expected ')'");
    EXPECT_EQ(ParseError("SELECT 1 +"), "syntax error at line 1, column 11 near end of input: expected expression");
    EXPECT_EQ(ParseError("SELECT a FROM t WHERE"),
              "syntax error at line 1, column 22 near end of input: expected expression");
    EXPECT_EQ(ParseError("SELECT a,\n  b\nFROM t\nWHERE a = = 1"),
              "syntax error at line 4, column 11 near '=': expected expression");
    EXPECT_EQ(ParseError("SELEC 1"),
              "syntax error at line 1, column 1 near 'SELEC': expected a statement; did you mean "
              "SELECT?");
    EXPECT_EQ(ParseError("FOO BAR"), "syntax error at line 1, column 1 near 'FOO': expected a statement");
    EXPECT_EQ(ParseError(""), "syntax error at line 1, column 1 near end of input: expected a statement");
    EXPECT_EQ(ParseError("SELECT 1; SELECT 2"),
              "syntax error at line 1, column 11 near 'SELECT': expected end of input (one statement only)");
    EXPECT_EQ(ParseError("SELECT a FROM t ORDER a"), "syntax error at line 1, column 23 near 'a': expected BY");
    EXPECT_EQ(ParseError("SELECT CAST(a AS) FROM t"),
              "syntax error at line 1, column 17 near ')': expected a type name");
    EXPECT_EQ(ParseError("SELECT a IS 5"),
              "syntax error at line 1, column 13 near '5': expected NULL, TRUE, FALSE or UNKNOWN after IS");
    EXPECT_EQ(ParseError("SELECT * FROM t LIMIT a"),
              "syntax error at line 1, column 23 near 'a': expected a row count");
    EXPECT_EQ(ParseError("SELECT * FROM t1 JOIN"),
              "syntax error at line 1, column 22 near end of input: expected table name");
    EXPECT_EQ(ParseError("WITH RECURSIVE r AS (SELECT 1) SELECT * FROM r"),
              "syntax error at line 1, column 6 near 'RECURSIVE': WITH RECURSIVE is not supported");
    EXPECT_EQ(ParseError("SELECT 'unterminated"),
              "syntax error at line 1, column 8 near ''unterminated': unterminated string literal");
    EXPECT_EQ(ParseError("SELECT a.b.c.d.e FROM t"),
              "syntax error at line 1, column 16 near 'e': too many name parts in column reference");
    EXPECT_EQ(ParseError("SELECT * FROM a.b.c.d"),
              "syntax error at line 1, column 20 near '.': too many name parts in table name");
}

TEST(SyntaxErrorTest, UnsupportedStatementsAreNotSyntaxErrors) {
    for (std::string_view sql : {"ADMIN SHOW FRONTEND CONFIG", "BACKUP SNAPSHOT s TO repo", "ANALYZE TABLE t",
                                 "LOAD LABEL db.l (DATA INFILE('x') INTO TABLE t)", "ALTER MATERIALIZED VIEW mv ACTIVE",
                                 "CREATE FUNCTION f()", "REFRESH EXTERNAL TABLE t", "SET PASSWORD = 'x'"}) {
        auto result = ParseStatement(sql);
        ASSERT_FALSE(result.ok()) << sql;
        EXPECT_EQ(result.status().code(), ErrorCode::kNotSupported) << sql << ": " << result.status().ToString();
        EXPECT_NE(result.status().message().find("is not supported"), std::string::npos);
    }
    EXPECT_EQ(ParseStatement("admin set frontend config ('a' = 'b')").status().message(),
              "unsupported statement at line 1, column 1: ADMIN statement is not supported");
}

std::string Repeat(std::string_view text, int times) {
    std::string out;
    out.reserve(text.size() * times);
    for (int i = 0; i < times; ++i) out += text;
    return out;
}

TEST(SyntaxErrorTest, DeepNestingIsAnErrorNotACrash) {
    // Moderate nesting is fine.
    EXPECT_TRUE(ParseStatement("SELECT " + Repeat("(", 300) + "1" + Repeat(")", 300)).ok());
    EXPECT_TRUE(ParseStatement(Repeat("SELECT * FROM (", 150) + "SELECT 1" + Repeat(") t", 150)).ok());
    // Past the limit, parentheses, unary operators, NOT, subqueries, CASE and types all stop cleanly.
    for (const std::string& sql :
         {"SELECT " + Repeat("(", 1000) + "1" + Repeat(")", 1000), "SELECT " + Repeat("(", 50000),
          "SELECT " + Repeat("- ", 5000) + "1", "SELECT " + Repeat("NOT ", 5000) + "1",
          "SELECT " + Repeat("~", 20000) + "1", Repeat("SELECT * FROM (", 2000) + "SELECT 1" + Repeat(") t", 2000),
          "SELECT " + Repeat("(SELECT ", 2000) + "1" + Repeat(")", 2000),
          "SELECT " + Repeat("CASE WHEN a THEN ", 3000) + "1" + Repeat(" END", 3000),
          "SELECT " + Repeat("f(", 3000) + "1" + Repeat(")", 3000),
          "SELECT CAST(a AS " + Repeat("ARRAY<", 3000) + "INT" + Repeat(">", 3000) + ")",
          "SELECT * FROM " + Repeat("(", 5000) + "t" + Repeat(")", 5000),
          "SELECT " + Repeat("[", 5000) + Repeat("]", 5000)}) {
        auto result = ParseStatement(sql);
        ASSERT_FALSE(result.ok()) << sql.substr(0, 60);
        EXPECT_EQ(result.status().code(), ErrorCode::kSyntaxError);
        EXPECT_NE(result.status().message().find("statement too deeply nested"), std::string::npos)
            << result.status().message();
    }
}

TEST(SyntaxErrorTest, LongOperatorChainsAreBounded) {
    // Thousands of terms parse (generated filters do this) and survive printing, copying and comparing.
    std::string chain = "SELECT 1" + Repeat(" + a", 2900) + " FROM t WHERE x = 0" + Repeat(" OR x = 1", 2500);
    auto result = ParseStatement(chain);
    ASSERT_TRUE(result.ok()) << result.status().ToString();
    StatementPtr copy = *result;
    EXPECT_TRUE(copy == *result);
    auto reparsed = ParseStatement(copy->ToString());
    ASSERT_TRUE(reparsed.ok());
    EXPECT_TRUE(*reparsed == *result);
    // Long chains of set operations and joins print without deep recursion too.
    for (const std::string& sql :
         {"SELECT 1" + Repeat(" UNION ALL SELECT 1", 2500), "SELECT * FROM t0" + Repeat(" JOIN t1 ON a = b", 2500)}) {
        auto parsed = ParseStatement(sql);
        ASSERT_TRUE(parsed.ok()) << parsed.status().ToString();
        auto again = ParseStatement((*parsed)->ToString());
        ASSERT_TRUE(again.ok());
        EXPECT_TRUE(*again == *parsed);
    }
    // Beyond the height limit the parser refuses instead of building a tree that recursion cannot walk.
    auto too_long = ParseStatement("SELECT 1" + Repeat(" + a", kMaxExpressionHeight + 10));
    ASSERT_FALSE(too_long.ok());
    EXPECT_NE(too_long.status().message().find("expression too complex"), std::string::npos);
    // Parenthesized chains nested inside each other add up.
    std::string nested = "SELECT ";
    for (int i = 0; i < 40; ++i) nested += "(";
    nested += "1";
    for (int i = 0; i < 40; ++i) nested += Repeat(" + a", 100) + ")";
    auto nested_result = ParseStatement(nested);
    ASSERT_FALSE(nested_result.ok());
    EXPECT_NE(nested_result.status().message().find("expression too complex"), std::string::npos);
}

}  // namespace
}  // namespace flashlake::sql
