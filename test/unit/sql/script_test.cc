#include <gtest/gtest.h>

#include "parse_test_support.h"
#include "sql/parser/parser.h"
#include "sql/parser/script_splitter.h"

namespace flashlake::sql {
namespace {

TEST(ScriptTest, ParsesStatementsWithTheirText) {
    std::string_view script =
        "-- setup\nUSE db;\nSELECT ';' AS semi, `a;b` FROM t /* ; */ WHERE x = 1 ;;\n\n  SHOW TABLES # trailing\n";
    auto result = ParseScript(script);
    ASSERT_TRUE(result.ok()) << result.status().ToString();
    const auto& statements = *result;
    ASSERT_EQ(statements.size(), 3u);
    EXPECT_TRUE(statements[0].statement->Is<UseStatement>());
    EXPECT_EQ(statements[0].text, "USE db");
    EXPECT_EQ(statements[0].position, (Position{2, 1}));
    EXPECT_EQ(statements[0].offset, 9u);
    EXPECT_EQ(statements[1].text, "SELECT ';' AS semi, `a;b` FROM t /* ; */ WHERE x = 1");
    EXPECT_EQ(statements[1].position, (Position{3, 1}));
    EXPECT_EQ(script.substr(statements[1].offset, statements[1].text.size()), statements[1].text);
    EXPECT_TRUE(statements[2].statement->Is<ShowStatement>());
    EXPECT_EQ(statements[2].text, "SHOW TABLES");
    EXPECT_EQ(statements[2].position, (Position{5, 3}));
}

TEST(ScriptTest, EmptyScriptsAndErrors) {
    auto empty = ParseScript("  ;; -- nothing\n ; /* here */ ");
    ASSERT_TRUE(empty.ok());
    EXPECT_TRUE(empty->empty());
    // Errors carry positions in the whole script.
    auto error = ParseScript("SELECT 1;\nSELECT 2;\nSELECT FROM t;");
    ASSERT_FALSE(error.ok());
    EXPECT_EQ(error.status().code(), ErrorCode::kSyntaxError);
    EXPECT_EQ(error.status().message(), "syntax error at line 3, column 8 near 'FROM': expected expression");
    auto missing_separator = ParseScript("SELECT 1 SELECT 2");
    ASSERT_FALSE(missing_separator.ok());
    EXPECT_EQ(missing_separator.status().message(),
              "syntax error at line 1, column 10 near 'SELECT': expected end of statement");
}

TEST(ScriptTest, ParametersAreNumberedPerStatement) {
    auto result = ParseScript("SELECT ?, ?; SELECT ?");
    ASSERT_TRUE(result.ok());
    const auto& second = (*result)[1].statement->As<QueryStatement>().query->As<SelectNode>();
    EXPECT_EQ(second.select_list[0].expr->As<ParameterExpr>().index, 0);
}

TEST(ScriptTest, ShellStyleRunsPiecesWithScriptPositions) {
    // A shell splits first and parses piece by piece, so it can run the statements before a bad
    // one; passing the piece's position keeps error positions those of the script.
    std::string_view script = "SELECT 1;\n  SELECT 2;\nSELECT * FORM t;\nSELECT 4";
    auto pieces = SplitScript(script);
    ASSERT_EQ(pieces.size(), 4u);
    EXPECT_TRUE(ParseStatement(pieces[0].text, pieces[0].position).ok());
    auto second = ParseStatement(pieces[1].text, pieces[1].position);
    ASSERT_TRUE(second.ok());
    EXPECT_EQ((*second)->position, (Position{2, 3}));
    auto third = ParseStatement(pieces[2].text, pieces[2].position);
    ASSERT_FALSE(third.ok());
    EXPECT_EQ(third.status().message(),
              "syntax error at line 3, column 10 near 'FORM': expected end of statement; did you mean FROM?");
}

TEST(ScriptSplitterTest, SplitsOutsideStringsAndComments) {
    std::string_view script = "SELECT 'a;b', \"c;d\", `e;f` -- x;y\n FROM t; /* ; */ SELECT 2 # ;\n;\n  \n";
    auto pieces = SplitScript(script);
    ASSERT_EQ(pieces.size(), 2u);
    EXPECT_EQ(pieces[0].text, "SELECT 'a;b', \"c;d\", `e;f` -- x;y\n FROM t");
    EXPECT_TRUE(pieces[0].terminated);
    EXPECT_EQ(pieces[0].position, (Position{1, 1}));
    EXPECT_EQ(pieces[1].text, "SELECT 2");
    EXPECT_TRUE(pieces[1].terminated);
    EXPECT_EQ(pieces[1].position, (Position{2, 18}));
    EXPECT_EQ(script.substr(pieces[1].offset, 8), "SELECT 2");
}

TEST(ScriptSplitterTest, ReportsIncompleteInput) {
    auto open_statement = SplitScript("SELECT 1;\nSELECT 2");
    ASSERT_EQ(open_statement.size(), 2u);
    EXPECT_FALSE(open_statement[1].terminated);
    auto open_string = SplitScript("SELECT 'abc;\n");
    ASSERT_EQ(open_string.size(), 1u);
    EXPECT_FALSE(open_string[0].terminated);
    auto open_comment = SplitScript("SELECT 1 /* ; ");
    ASSERT_EQ(open_comment.size(), 1u);
    EXPECT_FALSE(open_comment[0].terminated);
    auto escaped = SplitScript("SELECT 'it\\'s; ok', 'a''b;'; ");
    ASSERT_EQ(escaped.size(), 1u);
    EXPECT_TRUE(escaped[0].terminated);
    EXPECT_TRUE(SplitScript(" -- only a comment\n").empty());
    // Agrees with the parser on what each statement's text is.
    std::string_view script = "USE db; SELECT a -- c\n FROM t;";
    auto parsed = ParseScript(script);
    auto split = SplitScript(script);
    ASSERT_TRUE(parsed.ok());
    ASSERT_EQ(parsed->size(), split.size());
    for (size_t i = 0; i < split.size(); ++i) {
        EXPECT_EQ((*parsed)[i].text, split[i].text);
        EXPECT_EQ((*parsed)[i].offset, split[i].offset);
    }
}

}  // namespace
}  // namespace flashlake::sql
