#include <gtest/gtest.h>

#include "parse_test_support.h"
#include "sql/parser/parser.h"

namespace flashlake::sql {
namespace {

using testing::ExpectRoundTrip;
using testing::ParseAs;
using testing::ParseSelect;

const QueryNode& ParseQueryNode(std::string_view sql, StatementPtr& holder) {
    const auto& statement = ParseAs<QueryStatement>(sql, holder);
    static const SelectNode kEmpty{};
    if (!statement.query) return kEmpty;
    return *statement.query;
}

// A compact picture of a set-operation tree: "(UNION ALL (INTERSECT s s) s)" with s for a SELECT.
std::string SetShape(const QueryNode& query) {
    if (!query.Is<SetOpNode>()) return query.Is<ValuesNode>() ? "v" : "s";
    const auto& set_op = query.As<SetOpNode>();
    static constexpr const char* kOps[] = {"UNION", "INTERSECT", "EXCEPT"};
    return std::string("(") + kOps[static_cast<int>(set_op.op)] + (set_op.all ? " ALL " : " ") +
           SetShape(*set_op.left) + " " + SetShape(*set_op.right) + ")";
}

TEST(QueryParserTest, SelectListAliasesAndDistinct) {
    StatementPtr holder;
    const auto& select = ParseSelect("SELECT DISTINCT a, b AS bee, c cee, d 'dee', t.*, * FROM t", holder);
    EXPECT_TRUE(select.distinct);
    ASSERT_EQ(select.select_list.size(), 6u);
    EXPECT_EQ(select.select_list[0].alias, "");
    EXPECT_EQ(select.select_list[1].alias, "bee");
    EXPECT_EQ(select.select_list[2].alias, "cee");
    EXPECT_EQ(select.select_list[3].alias, "dee");
    EXPECT_EQ(select.select_list[4].expr->As<StarExpr>().qualifier, (std::vector<std::string>{"t"}));
    EXPECT_TRUE(select.select_list[5].expr->Is<StarExpr>());
    EXPECT_EQ(select.position, (Position{1, 1}));

    EXPECT_FALSE(ParseSelect("SELECT ALL a FROM t", holder).distinct);
    const auto& no_from = ParseSelect("SELECT 1 + 1, 'x' AS `my alias`", holder);
    EXPECT_TRUE(no_from.from.empty());
    EXPECT_EQ(no_from.select_list[1].alias, "my alias");
    EXPECT_TRUE(ParseSelect("SELECT 1 FROM DUAL", holder).from.empty());
    EXPECT_EQ(ParseSelect("SELECT a AS 'str alias' FROM t", holder).select_list[0].alias, "str alias");
}

TEST(QueryParserTest, WhereGroupByHavingQualifyOrderLimit) {
    StatementPtr holder;
    const auto& select = ParseSelect(
        "SELECT a, count(*) FROM t WHERE b > 1 GROUP BY a, 2 HAVING count(*) > 3 "
        "QUALIFY row_number() OVER (ORDER BY a) = 1 ORDER BY a DESC NULLS FIRST, 2 LIMIT 10 OFFSET 20",
        holder);
    EXPECT_TRUE(select.where);
    EXPECT_EQ(select.group_by.kind, GroupingKind::kExprs);
    ASSERT_EQ(select.group_by.exprs.size(), 2u);
    EXPECT_EQ(select.group_by.exprs[1]->As<LiteralExpr>().text, "2");
    EXPECT_TRUE(select.having);
    EXPECT_TRUE(select.qualify);
    ASSERT_EQ(select.order_by.size(), 2u);
    EXPECT_FALSE(select.order_by[0].ascending);
    EXPECT_EQ(select.order_by[0].nulls, NullsOrder::kFirst);
    EXPECT_TRUE(select.order_by[1].ascending);
    EXPECT_EQ(select.limit->As<LiteralExpr>().text, "10");
    EXPECT_EQ(select.offset->As<LiteralExpr>().text, "20");

    const auto& mysql_limit = ParseSelect("SELECT a FROM t LIMIT 5, 10", holder);
    EXPECT_EQ(mysql_limit.offset->As<LiteralExpr>().text, "5");
    EXPECT_EQ(mysql_limit.limit->As<LiteralExpr>().text, "10");
    EXPECT_TRUE(ParseSelect("SELECT a FROM t LIMIT ?", holder).limit->Is<ParameterExpr>());
    EXPECT_TRUE(ParseSelect("SELECT a FROM t", holder).group_by.empty());
}

TEST(QueryParserTest, GroupingVariants) {
    StatementPtr holder;
    const auto& rollup = ParseSelect("SELECT a, b, sum(c) FROM t GROUP BY ROLLUP (a, b)", holder);
    EXPECT_EQ(rollup.group_by.kind, GroupingKind::kRollup);
    EXPECT_EQ(rollup.group_by.exprs.size(), 2u);
    EXPECT_EQ(ParseSelect("SELECT a FROM t GROUP BY CUBE(a, b)", holder).group_by.kind, GroupingKind::kCube);
    const auto& with_rollup = ParseSelect("SELECT a, b FROM t GROUP BY a, b WITH ROLLUP", holder);
    EXPECT_EQ(with_rollup.group_by.kind, GroupingKind::kRollup);
    EXPECT_EQ(with_rollup.group_by.exprs.size(), 2u);
    const auto& sets =
        ParseSelect("SELECT a, b, GROUPING(a) FROM t GROUP BY GROUPING SETS ((a, b), (a), (), b)", holder);
    EXPECT_EQ(sets.group_by.kind, GroupingKind::kGroupingSets);
    ASSERT_EQ(sets.group_by.grouping_sets.size(), 4u);
    EXPECT_EQ(sets.group_by.grouping_sets[0].size(), 2u);
    EXPECT_EQ(sets.group_by.grouping_sets[2].size(), 0u);
    EXPECT_EQ(sets.group_by.grouping_sets[3].size(), 1u);
    EXPECT_EQ(sets.select_list[2].expr->As<FunctionCallExpr>().function_name(), "GROUPING");
}

TEST(QueryParserTest, FromClauseItems) {
    StatementPtr holder;
    const auto& select = ParseSelect(
        "SELECT * FROM cat.db.t1 AS a, db.t2 b, t3 FOR TIMESTAMP AS OF '2024-01-01 00:00:00' c, "
        "t4 PARTITION (p1, p2) d",
        holder);
    ASSERT_EQ(select.from.size(), 4u);
    const auto& t1 = select.from[0]->As<BaseTableRef>();
    EXPECT_EQ(t1.name.parts, (std::vector<std::string>{"cat", "db", "t1"}));
    EXPECT_EQ(t1.alias, "a");
    const auto& t2 = select.from[1]->As<BaseTableRef>();
    EXPECT_EQ(t2.alias, "b");
    EXPECT_EQ(t2.time_travel, TimeTravelKind::kNone);
    const auto& versioned =
        ParseSelect("SELECT * FROM db.t2 FOR VERSION AS OF 42 b", holder).from[0]->As<BaseTableRef>();
    EXPECT_EQ(versioned.time_travel, TimeTravelKind::kVersion);
    EXPECT_EQ(versioned.time_travel_value->As<LiteralExpr>().text, "42");
    EXPECT_EQ(versioned.alias, "b");
    // The time travel clause may also follow the alias.
    EXPECT_EQ(ParseSelect("SELECT * FROM t AS x FOR VERSION AS OF 7", holder).from[0]->As<BaseTableRef>().time_travel,
              TimeTravelKind::kVersion);
    ParseSelect(
        "SELECT * FROM cat.db.t1 AS a, db.t2 b, t3 FOR TIMESTAMP AS OF '2024-01-01 00:00:00' c, "
        "t4 PARTITION (p1, p2) d",
        holder);
    const auto& list = holder->As<QueryStatement>().query->As<SelectNode>().from;
    EXPECT_EQ(list[2]->As<BaseTableRef>().time_travel, TimeTravelKind::kTimestamp);
    EXPECT_EQ(list[2]->As<BaseTableRef>().alias, "c");
    EXPECT_EQ(list[3]->As<BaseTableRef>().partitions, (std::vector<std::string>{"p1", "p2"}));
    EXPECT_EQ(list[3]->As<BaseTableRef>().alias, "d");

    const auto& derived = ParseSelect("SELECT x FROM (SELECT 1 AS x) AS sub (x)", holder).from[0]->As<SubqueryRef>();
    EXPECT_EQ(derived.alias, "sub");
    EXPECT_EQ(derived.column_aliases, (std::vector<std::string>{"x"}));
    const auto& values =
        ParseSelect("SELECT * FROM (VALUES (1, 'a'), (2, 'b')) AS t(id, name)", holder).from[0]->As<SubqueryRef>();
    ASSERT_TRUE(values.query->Is<ValuesNode>());
    EXPECT_EQ(values.query->As<ValuesNode>().rows.size(), 2u);
    EXPECT_EQ(values.column_aliases, (std::vector<std::string>{"id", "name"}));

    const auto& files =
        ParseSelect("SELECT * FROM FILES(\"path\" = \"s3://bucket/x/*.parquet\", \"format\" = \"parquet\") AS f",
                    holder)
            .from[0]
            ->As<TableFunctionRef>();
    EXPECT_EQ(files.name, (std::vector<std::string>{"FILES"}));
    ASSERT_EQ(files.properties.size(), 2u);
    EXPECT_EQ(files.properties[0].key, "path");
    EXPECT_EQ(files.properties[1].value, "parquet");
    EXPECT_EQ(files.alias, "f");
    const auto& series =
        ParseSelect("SELECT * FROM generate_series(1, 10) s(n)", holder).from[0]->As<TableFunctionRef>();
    EXPECT_EQ(series.args.size(), 2u);
    EXPECT_EQ(series.column_aliases, (std::vector<std::string>{"n"}));
    const auto& wrapped =
        ParseSelect("SELECT * FROM TABLE(unnest([1, 2])) AS u", holder).from[0]->As<TableFunctionRef>();
    EXPECT_EQ(wrapped.name[0], "unnest");
    EXPECT_EQ(wrapped.alias, "u");
}

TEST(QueryParserTest, Joins) {
    StatementPtr holder;
    const auto& select = ParseSelect(
        "SELECT * FROM a JOIN b ON a.x = b.x LEFT OUTER JOIN c USING (y, z) RIGHT JOIN d ON TRUE "
        "FULL OUTER JOIN e ON 1 = 1 CROSS JOIN f LEFT SEMI JOIN g ON g.k = a.k LEFT ANTI JOIN h ON h.k = a.k "
        "INNER JOIN [broadcast] i ON i.k = a.k",
        holder);
    ASSERT_EQ(select.from.size(), 1u);
    std::vector<JoinKind> kinds;
    const TableRef* ref = select.from[0].get();
    while (ref->Is<JoinRef>()) {
        kinds.push_back(ref->As<JoinRef>().join_kind);
        ref = ref->As<JoinRef>().left.get();
    }
    EXPECT_EQ(kinds,
              (std::vector<JoinKind>{JoinKind::kInner, JoinKind::kLeftAnti, JoinKind::kLeftSemi, JoinKind::kCross,
                                     JoinKind::kFull, JoinKind::kRight, JoinKind::kLeft, JoinKind::kInner}));
    const auto& top = select.from[0]->As<JoinRef>();
    EXPECT_EQ(top.hint, "BROADCAST");
    const JoinRef* using_join = &top;
    while (using_join->join_kind != JoinKind::kLeft) using_join = &using_join->left->As<JoinRef>();
    EXPECT_EQ(using_join->using_columns, (std::vector<std::string>{"y", "z"}));
    EXPECT_FALSE(using_join->condition);

    // Comma joins bind looser than JOIN; parentheses group joins.
    const auto& comma = ParseSelect("SELECT * FROM a, b JOIN c ON b.x = c.x", holder);
    ASSERT_EQ(comma.from.size(), 2u);
    EXPECT_TRUE(comma.from[1]->Is<JoinRef>());
    const auto& nested = ParseSelect("SELECT * FROM a JOIN (b JOIN c ON b.x = c.x) ON a.y = b.y", holder);
    EXPECT_TRUE(nested.from[0]->As<JoinRef>().right->Is<JoinRef>());
    EXPECT_EQ(ExpectRoundTrip("SELECT * FROM a JOIN (b JOIN c ON b.x = c.x) ON a.y = b.y"),
              "SELECT * FROM a INNER JOIN (b INNER JOIN c ON b.x = c.x) ON a.y = b.y");
}

TEST(QueryParserTest, SetOperationPrecedence) {
    StatementPtr holder;
    EXPECT_EQ(SetShape(ParseQueryNode("SELECT 1 UNION SELECT 2 INTERSECT SELECT 3", holder)),
              "(UNION s (INTERSECT s s))");
    EXPECT_EQ(SetShape(ParseQueryNode("SELECT 1 INTERSECT SELECT 2 UNION ALL SELECT 3", holder)),
              "(UNION ALL (INTERSECT s s) s)");
    EXPECT_EQ(SetShape(ParseQueryNode("SELECT 1 UNION SELECT 2 EXCEPT SELECT 3 MINUS SELECT 4", holder)),
              "(EXCEPT (EXCEPT (UNION s s) s) s)");
    EXPECT_EQ(SetShape(ParseQueryNode("(SELECT 1 UNION SELECT 2) INTERSECT SELECT 3", holder)),
              "(INTERSECT (UNION s s) s)");
    EXPECT_EQ(SetShape(ParseQueryNode("SELECT 1 UNION DISTINCT (SELECT 2 UNION ALL SELECT 3)", holder)),
              "(UNION s (UNION ALL s s))");
    EXPECT_EQ(SetShape(ParseQueryNode("VALUES (1) UNION ALL SELECT 2", holder)), "(UNION ALL v s)");
    // ORDER BY and LIMIT after a set operation belong to the whole of it.
    const auto& set = ParseQueryNode("SELECT a FROM t UNION ALL SELECT b FROM u ORDER BY 1 LIMIT 3", holder);
    ASSERT_TRUE(set.Is<SetOpNode>());
    EXPECT_EQ(set.order_by.size(), 1u);
    EXPECT_TRUE(set.limit);
    EXPECT_TRUE(set.As<SetOpNode>().right->order_by.empty());
    // ... and inside parentheses to the operand.
    const auto& operand = ParseQueryNode("(SELECT a FROM t ORDER BY a LIMIT 1) UNION ALL (SELECT b FROM u)", holder);
    EXPECT_TRUE(operand.As<SetOpNode>().left->limit);
    EXPECT_FALSE(operand.limit);
}

TEST(QueryParserTest, WithClauseAndValues) {
    StatementPtr holder;
    const auto& query = ParseQueryNode(
        "WITH a AS (SELECT 1 AS x), b (y, z) AS (SELECT 2, 3) SELECT * FROM a, b UNION SELECT 4, 5, 6", holder);
    ASSERT_EQ(query.ctes.size(), 2u);
    EXPECT_EQ(query.ctes[0].name, "a");
    EXPECT_EQ(query.ctes[1].column_aliases, (std::vector<std::string>{"y", "z"}));
    EXPECT_TRUE(query.Is<SetOpNode>());
    EXPECT_EQ(query.ctes[1].position, (Position{1, 28}));

    const auto& values = ParseQueryNode("VALUES (1, 'a'), (2, 'b') ORDER BY 1 LIMIT 1", holder);
    ASSERT_TRUE(values.Is<ValuesNode>());
    EXPECT_EQ(values.As<ValuesNode>().rows.size(), 2u);
    EXPECT_TRUE(values.limit);

    // Clauses stacked on a query that already has them wrap it in SELECT * FROM (...).
    const auto& wrapped = ParseQueryNode("(SELECT a FROM t LIMIT 5) LIMIT 2", holder);
    ASSERT_TRUE(wrapped.Is<SelectNode>());
    EXPECT_EQ(wrapped.limit->As<LiteralExpr>().text, "2");
    const auto& inner = wrapped.As<SelectNode>().from.at(0)->As<SubqueryRef>().query;
    EXPECT_EQ(inner->limit->As<LiteralExpr>().text, "5");
    EXPECT_EQ(ExpectRoundTrip("(SELECT a FROM t LIMIT 5) LIMIT 2"), "SELECT * FROM (SELECT a FROM t LIMIT 5) LIMIT 2");
    EXPECT_EQ(ExpectRoundTrip("WITH x AS (SELECT 1) (WITH y AS (SELECT 2) SELECT * FROM y)"),
              "WITH x AS (SELECT 1) SELECT * FROM (WITH y AS (SELECT 2) SELECT * FROM y)");
}

TEST(QueryParserTest, SubqueriesInQueries) {
    StatementPtr holder;
    const auto& select = ParseSelect(
        "SELECT (SELECT max(x) FROM u WHERE u.k = t.k) AS m FROM t WHERE EXISTS (SELECT 1 FROM v WHERE v.k = t.k) "
        "AND t.k IN (SELECT k FROM w) AND t.k NOT IN (1, 2)",
        holder);
    EXPECT_TRUE(select.select_list[0].expr->Is<SubqueryExpr>());
    EXPECT_EQ(select.select_list[0].alias, "m");
    EXPECT_TRUE(select.where->Is<BinaryExpr>());
    const auto& derived = ParseSelect("SELECT * FROM ((SELECT 1) UNION (SELECT 2)) AS u", holder);
    EXPECT_TRUE(derived.from[0]->As<SubqueryRef>().query->Is<SetOpNode>());
}

TEST(QueryParserTest, QueriesRoundTrip) {
    for (std::string_view sql : {
             "SELECT a, b AS c FROM t WHERE a > 1 AND b LIKE 'x%' ORDER BY a DESC NULLS LAST LIMIT 10 OFFSET 5",
             "SELECT DISTINCT t.* FROM db.t AS t",
             "SELECT count(*) AS n, sum(DISTINCT x) FROM t GROUP BY ROLLUP (a, b) HAVING n > 1",
             "SELECT a FROM t GROUP BY GROUPING SETS ((a, b), (a), ())",
             "SELECT a FROM t GROUP BY CUBE (a, b)",
             "SELECT 1 UNION ALL SELECT 2 INTERSECT SELECT 3 EXCEPT SELECT 4",
             "(SELECT 1 UNION SELECT 2) INTERSECT (SELECT 3 UNION SELECT 4)",
             "SELECT 1 EXCEPT (SELECT 2 EXCEPT SELECT 3)",
             "(SELECT a FROM t ORDER BY a LIMIT 1) UNION ALL (SELECT b FROM u LIMIT 2) ORDER BY 1 LIMIT 3",
             "WITH c (x) AS (SELECT 1) SELECT x FROM c",
             "VALUES (1, 2), (3, 4)",
             "SELECT * FROM (VALUES (1), (2)) AS v(x)",
             "SELECT * FROM a LEFT JOIN b ON a.k = b.k RIGHT SEMI JOIN c ON c.k = b.k, d CROSS JOIN e",
             "SELECT * FROM a FULL OUTER JOIN b USING (k) LEFT ANTI JOIN c ON TRUE",
             "SELECT * FROM a JOIN [SHUFFLE] b ON a.k = b.k",
             "SELECT * FROM t FOR VERSION AS OF 12 PARTITION (p1) AS x",
             "SELECT * FROM t FOR TIMESTAMP AS OF '2024-05-01 00:00:00'",
             "SELECT * FROM FILES('path' = '/data/*.parquet', 'format' = 'parquet')",
             "SELECT n FROM TABLE(generate_series(1, 3)) AS s(n)",
             "SELECT * FROM t WHERE a IN (SELECT b FROM u) AND EXISTS (SELECT 1)",
             "SELECT sum(x) OVER (PARTITION BY a ORDER BY b ROWS BETWEEN 1 PRECEDING AND 1 FOLLOWING) FROM t",
             "SELECT a FROM t QUALIFY rank() OVER (ORDER BY a) < 3",
             "SELECT `order`, `select`.`from` FROM `select`",
             "SELECT a FROM t LIMIT 2, 3",
             "SELECT * FROM ((SELECT 1) UNION (SELECT 2)) AS u",
         }) {
        ExpectRoundTrip(sql);
    }
}

}  // namespace
}  // namespace flashlake::sql
