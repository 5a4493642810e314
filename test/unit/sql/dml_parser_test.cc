#include <gtest/gtest.h>

#include "parse_test_support.h"
#include "sql/parser/parser.h"

namespace flashlake::sql {
namespace {

using testing::ExpectRoundTrip;
using testing::ParseAs;
using testing::ParseError;

TEST(DmlParserTest, Insert) {
    StatementPtr holder;
    const auto& values = ParseAs<InsertStatement>(
        "INSERT INTO db.t PARTITION (p1) WITH LABEL load_42 (a, b) VALUES (1, 'x'), (2, DEFAULT)", holder);
    EXPECT_FALSE(values.overwrite);
    EXPECT_EQ(values.table.parts, (std::vector<std::string>{"db", "t"}));
    EXPECT_EQ(values.partitions, (std::vector<std::string>{"p1"}));
    EXPECT_EQ(values.label, "load_42");
    EXPECT_EQ(values.columns, (std::vector<std::string>{"a", "b"}));
    ASSERT_TRUE(values.source->Is<ValuesNode>());
    const auto& rows = values.source->As<ValuesNode>().rows;
    ASSERT_EQ(rows.size(), 2u);
    EXPECT_TRUE(rows[1][1]->Is<DefaultExpr>());

    const auto& overwrite = ParseAs<InsertStatement>("INSERT OVERWRITE t SELECT * FROM u WHERE x > 1", holder);
    EXPECT_TRUE(overwrite.overwrite);
    EXPECT_TRUE(overwrite.source->Is<SelectNode>());
    const auto& parenthesized = ParseAs<InsertStatement>("INSERT INTO t (SELECT 1 UNION ALL SELECT 2)", holder);
    EXPECT_TRUE(parenthesized.columns.empty());
    EXPECT_TRUE(parenthesized.source->Is<SetOpNode>());
    const auto& with = ParseAs<InsertStatement>("INSERT INTO t (a) WITH c AS (SELECT 1) SELECT * FROM c", holder);
    EXPECT_EQ(with.source->ctes.size(), 1u);
    EXPECT_EQ(ParseAs<InsertStatement>("INSERT INTO t WITH LABEL `l-1` VALUES (1)", holder).label, "l-1");
    EXPECT_EQ(ParseError("INSERT INTO t (a, b)"),
              "syntax error at line 1, column 21 near end of input: expected VALUES or a query");
}

TEST(DmlParserTest, UpdateAndDelete) {
    StatementPtr holder;
    const auto& update =
        ParseAs<UpdateStatement>("UPDATE db.t AS x SET a = a + 1, x.b = 'y' FROM u WHERE x.k = u.k AND u.flag", holder);
    EXPECT_EQ(update.table.parts.size(), 2u);
    EXPECT_EQ(update.alias, "x");
    ASSERT_EQ(update.assignments.size(), 2u);
    EXPECT_EQ(update.assignments[1].column, (std::vector<std::string>{"x", "b"}));
    EXPECT_EQ(update.from.size(), 1u);
    EXPECT_TRUE(update.where);

    const auto& del = ParseAs<DeleteStatement>("DELETE FROM t PARTITION (p1, p2) WHERE a IN (1, 2)", holder);
    EXPECT_EQ(del.partitions.size(), 2u);
    EXPECT_TRUE(del.where->Is<InExpr>());
    EXPECT_FALSE(ParseAs<DeleteStatement>("DELETE FROM t", holder).where);
    const auto& using_delete = ParseAs<DeleteStatement>("DELETE FROM t USING u WHERE t.k = u.k", holder);
    EXPECT_EQ(using_delete.using_tables.size(), 1u);
}

TEST(DmlParserTest, Explain) {
    StatementPtr holder;
    const auto& plain = ParseAs<ExplainStatement>("EXPLAIN SELECT 1", holder);
    EXPECT_EQ(plain.level, ExplainLevel::kDefault);
    EXPECT_TRUE(plain.statement->Is<QueryStatement>());
    for (auto [sql, level] : {std::pair{"EXPLAIN VERBOSE SELECT 1", ExplainLevel::kVerbose},
                              std::pair{"EXPLAIN LOGICAL SELECT 1", ExplainLevel::kLogical},
                              std::pair{"EXPLAIN COSTS SELECT 1", ExplainLevel::kCosts},
                              std::pair{"EXPLAIN ANALYZE SELECT 1", ExplainLevel::kAnalyze}}) {
        EXPECT_EQ(ParseAs<ExplainStatement>(sql, holder).level, level) << sql;
    }
    EXPECT_TRUE(ParseAs<ExplainStatement>("EXPLAIN INSERT INTO t VALUES (1)", holder).statement->Is<InsertStatement>());
    EXPECT_TRUE(ParseAs<ExplainStatement>("DESC SELECT a FROM t", holder).statement->Is<QueryStatement>());
    const auto& describe = ParseAs<DescribeStatement>("DESCRIBE db.t ALL", holder);
    EXPECT_EQ(describe.table.parts.size(), 2u);
    EXPECT_TRUE(describe.all);
    EXPECT_FALSE(ParseAs<DescribeStatement>("desc t", holder).all);
}

TEST(DmlParserTest, DmlRoundTrips) {
    for (std::string_view sql : {
             "INSERT INTO t VALUES (1, 'a'), (2, NULL)",
             "INSERT OVERWRITE db.t PARTITION (p1, p2) WITH LABEL l1 (a, b) SELECT x, y FROM u",
             "INSERT INTO t (SELECT 1 UNION ALL SELECT 2)",
             "INSERT INTO t VALUES (DEFAULT, -1)",
             "UPDATE t SET a = 1, b = b * 2 WHERE k = 3",
             "UPDATE t AS x SET x.a = u.a FROM u WHERE x.k = u.k",
             "DELETE FROM t PARTITION (p) WHERE a = 1",
             "DELETE FROM t AS x USING u WHERE x.k = u.k",
             "EXPLAIN VERBOSE SELECT * FROM t",
             "EXPLAIN ANALYZE INSERT INTO t SELECT 1",
             "DESCRIBE t ALL",
         }) {
        ExpectRoundTrip(sql);
    }
}

}  // namespace
}  // namespace flashlake::sql
