#include <gtest/gtest.h>

#include "parse_test_support.h"
#include "sql/parser/parser.h"

namespace flashlake::sql {
namespace {

using testing::Reprint;
using testing::ShapeOf;

ExprPtr ParseExpr(std::string_view text) {
    auto result = ParseExpression(text);
    EXPECT_TRUE(result.ok()) << text << " -> " << result.status().ToString();
    return result.ok() ? std::move(result).value() : ExprPtr();
}

// The parsed node of type T, by value (a reference into a temporary tree would dangle).
template <typename T>
T ParseExprAs(std::string_view text) {
    ExprPtr expr = ParseExpr(text);
    EXPECT_TRUE(expr && expr->Is<T>()) << text;
    return expr && expr->Is<T>() ? expr->As<T>() : T{};
}

TEST(ExprParserTest, Literals) {
    struct Case {
        std::string_view text;
        LiteralKind kind;
        std::string_view value;
    };
    for (const Case& c : {Case{"42", LiteralKind::kInteger, "42"}, Case{"-42", LiteralKind::kInteger, "-42"},
                          Case{"3.50", LiteralKind::kDecimal, "3.50"}, Case{"1e-3", LiteralKind::kFloat, "1e-3"},
                          Case{"'it''s'", LiteralKind::kString, "it's"}, Case{"\"dq\"", LiteralKind::kString, "dq"},
                          Case{"0xFF", LiteralKind::kHexNumber, "0xFF"}, Case{"X'AB'", LiteralKind::kHexString, "AB"},
                          Case{"NULL", LiteralKind::kNull, "NULL"}, Case{"true", LiteralKind::kBoolean, "TRUE"},
                          Case{"DATE '2024-01-31'", LiteralKind::kDate, "2024-01-31"},
                          Case{"TIMESTAMP '2024-01-31 10:00:00'", LiteralKind::kDatetime, "2024-01-31 10:00:00"},
                          Case{"datetime '2024-01-31 10:00:00'", LiteralKind::kDatetime, "2024-01-31 10:00:00"},
                          Case{"-9223372036854775808", LiteralKind::kInteger, "-9223372036854775808"},
                          Case{"- -5", LiteralKind::kInteger, "5"}}) {
        ExprPtr expr = ParseExpr(c.text);
        ASSERT_TRUE(expr && expr->Is<LiteralExpr>()) << c.text;
        EXPECT_EQ(expr->As<LiteralExpr>().literal_kind, c.kind) << c.text;
        EXPECT_EQ(expr->As<LiteralExpr>().text, c.value) << c.text;
    }
}

TEST(ExprParserTest, NamesStarsParametersVariables) {
    ExprPtr column = ParseExpr("cat.db.tbl.`my col`");
    ASSERT_TRUE(column->Is<ColumnRefExpr>());
    EXPECT_EQ(column->As<ColumnRefExpr>().parts, (std::vector<std::string>{"cat", "db", "tbl", "my col"}));
    EXPECT_EQ(ParseExprAs<ColumnRefExpr>("t.order").parts.back(), "order");  // reserved after a dot
    EXPECT_EQ(ParseExprAs<ColumnRefExpr>("date").parts[0], "date");          // non-reserved keyword
    EXPECT_TRUE(ParseExprAs<StarExpr>("*").qualifier.empty());
    EXPECT_EQ(ParseExprAs<StarExpr>("db.t.*").qualifier, (std::vector<std::string>{"db", "t"}));

    auto result = ParseStatement("SELECT ?, a + ?, ?");
    ASSERT_TRUE(result.ok());
    const auto& items = (*result)->As<QueryStatement>().query->As<SelectNode>().select_list;
    EXPECT_EQ(items[0].expr->As<ParameterExpr>().index, 0);
    EXPECT_EQ(items[1].expr->As<BinaryExpr>().right->As<ParameterExpr>().index, 1);
    EXPECT_EQ(items[2].expr->As<ParameterExpr>().index, 2);

    const auto& user = ParseExprAs<VariableExpr>("@my_var");
    EXPECT_FALSE(user.system);
    EXPECT_EQ(user.name, "my_var");
    const auto& global = ParseExprAs<VariableExpr>("@@GLOBAL.max_connections");
    EXPECT_TRUE(global.system);
    EXPECT_EQ(global.scope, VariableScope::kGlobal);
    EXPECT_EQ(global.name, "max_connections");
    EXPECT_EQ(ParseExprAs<VariableExpr>("@@session.time_zone").scope, VariableScope::kSession);
    EXPECT_EQ(ParseExprAs<VariableExpr>("@@version_comment").scope, VariableScope::kDefault);
}

TEST(ExprParserTest, ArithmeticPrecedence) {
    EXPECT_EQ(ShapeOf("a + b * c"), "(+ a (* b c))");
    EXPECT_EQ(ShapeOf("a * b + c"), "(+ (* a b) c)");
    EXPECT_EQ(ShapeOf("a - b - c"), "(- (- a b) c)");
    EXPECT_EQ(ShapeOf("a / b DIV c % d MOD e"), "(% (% (DIV (/ a b) c) d) e)");
    EXPECT_EQ(ShapeOf("(a + b) * c"), "(* (+ a b) c)");
    EXPECT_EQ(ShapeOf("a ^ b * c"), "(* (^ a b) c)");
    EXPECT_EQ(ShapeOf("-a ^ b"), "(^ (- a) b)");
    EXPECT_EQ(ShapeOf("a | b & c << d + e"), "(| a (& b (<< c (+ d e))))");
    EXPECT_EQ(ShapeOf("a >> 2 | b"), "(| (>> a 2) b)");
    EXPECT_EQ(ShapeOf("~a + -b"), "(+ (~ a) (- b))");
    EXPECT_EQ(ShapeOf("a - -1"), "(- a -1)");
    EXPECT_EQ(ShapeOf("+a"), "a");
}

TEST(ExprParserTest, LogicalAndComparisonPrecedence) {
    EXPECT_EQ(ShapeOf("a OR b AND c"), "(OR a (AND b c))");
    EXPECT_EQ(ShapeOf("a || b && c"), "(OR a (AND b c))");
    EXPECT_EQ(ShapeOf("a OR b XOR c AND d"), "(OR a (XOR b (AND c d)))");
    EXPECT_EQ(ShapeOf("NOT a = b AND c"), "(AND (NOT (= a b)) c)");
    EXPECT_EQ(ShapeOf("!a = b"), "(= (NOT a) b)");
    EXPECT_EQ(ShapeOf("NOT NOT a"), "(NOT (NOT a))");
    EXPECT_EQ(ShapeOf("a = b = c"), "(= (= a b) c)");
    EXPECT_EQ(ShapeOf("a + 1 > b * 2"), "(> (+ a 1) (* b 2))");
    EXPECT_EQ(ShapeOf("a <=> b"), "(<=> a b)");
    EXPECT_EQ(ShapeOf("a <> b"), "(!= a b)");
    EXPECT_EQ(ShapeOf("a = 1 OR b IS NULL AND c"), "(OR (= a 1) (AND (IS NULL b) c))");
    EXPECT_EQ(ShapeOf("a IS NOT TRUE"), "(IS NOT TRUE a)");
    EXPECT_EQ(ShapeOf("a = b IS FALSE"), "(IS FALSE (= a b))");
    EXPECT_EQ(ShapeOf("a BETWEEN 1 AND 2 AND b"), "(AND (BETWEEN a 1 2) b)");
    EXPECT_EQ(ShapeOf("a NOT BETWEEN b + 1 AND c * 2"), "(NOT BETWEEN a (+ b 1) (* c 2))");
    EXPECT_EQ(ShapeOf("a IN (1, 2 + 3) OR a NOT IN (4)"), "(OR (IN a 1 (+ 2 3)) (NOT IN a 4))");
    EXPECT_EQ(ShapeOf("a LIKE 'x%' AND b NOT LIKE c"), "(AND (LIKE a 'x%') (NOT LIKE b c))");
    EXPECT_EQ(ShapeOf("a REGEXP '^x' OR a RLIKE 'y' OR a NOT REGEXP 'z'"),
              "(OR (OR (REGEXP a '^x') (REGEXP a 'y')) (NOT REGEXP a 'z'))");
    EXPECT_EQ(ShapeOf("a & b = c"), "(= (& a b) c)");
    EXPECT_EQ(ShapeOf("NOT EXISTS (SELECT 1)"), "(NOT EXISTS (SELECT 1))");
    EXPECT_EQ(ShapeOf("x COLLATE utf8_bin = 'a'"), "(= x 'a')");
}

TEST(ExprParserTest, FunctionCalls) {
    const auto& count = ParseExprAs<FunctionCallExpr>("COUNT(*)");
    EXPECT_TRUE(count.star);
    EXPECT_TRUE(count.args.empty());
    const auto& distinct = ParseExprAs<FunctionCallExpr>("count(DISTINCT a, b)");
    EXPECT_TRUE(distinct.distinct);
    EXPECT_EQ(distinct.args.size(), 2u);
    const auto& qualified = ParseExprAs<FunctionCallExpr>("mydb.my_udf(1)");
    EXPECT_EQ(qualified.name, (std::vector<std::string>{"mydb", "my_udf"}));
    EXPECT_EQ(qualified.function_name(), "my_udf");
    const auto& concat = ParseExprAs<FunctionCallExpr>("group_concat(DISTINCT name ORDER BY id DESC SEPARATOR '; ')");
    EXPECT_TRUE(concat.distinct);
    ASSERT_EQ(concat.order_by.size(), 1u);
    EXPECT_FALSE(concat.order_by[0].ascending);
    EXPECT_EQ(concat.separator->As<LiteralExpr>().text, "; ");
    // Reserved words that name functions.
    for (std::string_view call :
         {"IF(a, 1, 2)", "LEFT(s, 3)", "right(s, 1)", "MOD(a, 3)", "REPLACE(s, 'a', 'b')", "DATABASE()",
          "CURRENT_TIMESTAMP(3)", "GROUPING(a, b)", "user()", "date(ts)", "year(ts)", "now()", "`weird name`(1)"}) {
        ExprPtr expr = ParseExpr(call);
        ASSERT_TRUE(expr && expr->Is<FunctionCallExpr>()) << call;
    }
    EXPECT_EQ(ParseExprAs<FunctionCallExpr>("CURRENT_DATE").function_name(), "CURRENT_DATE");
    EXPECT_EQ(Reprint("current_timestamp"), "current_timestamp()");
    // Keyword call forms.
    EXPECT_EQ(Reprint("EXTRACT(YEAR FROM ts)"), "year(ts)");
    EXPECT_EQ(Reprint("SUBSTRING(s FROM 2 FOR 3)"), "SUBSTRING(s, 2, 3)");
    EXPECT_EQ(Reprint("substr(s FROM 2)"), "substr(s, 2)");
}

TEST(ExprParserTest, WindowFunctions) {
    const auto& call = ParseExprAs<FunctionCallExpr>(
        "sum(x) OVER (PARTITION BY a, b ORDER BY c DESC NULLS LAST ROWS BETWEEN UNBOUNDED PRECEDING "
        "AND CURRENT ROW)");
    ASSERT_TRUE(call.over.has_value());
    EXPECT_EQ(call.over->partition_by.size(), 2u);
    ASSERT_EQ(call.over->order_by.size(), 1u);
    EXPECT_EQ(call.over->order_by[0].nulls, NullsOrder::kLast);
    ASSERT_TRUE(call.over->frame.has_value());
    EXPECT_EQ(call.over->frame->unit, FrameUnit::kRows);
    EXPECT_TRUE(call.over->frame->has_end);
    EXPECT_EQ(call.over->frame->start.kind, FrameBoundKind::kUnboundedPreceding);
    EXPECT_EQ(call.over->frame->end.kind, FrameBoundKind::kCurrentRow);

    const auto& range =
        ParseExprAs<FunctionCallExpr>("avg(x) OVER (ORDER BY d RANGE BETWEEN 3 PRECEDING AND 2 FOLLOWING)");
    EXPECT_EQ(range.over->frame->unit, FrameUnit::kRange);
    EXPECT_EQ(range.over->frame->start.kind, FrameBoundKind::kPreceding);
    EXPECT_EQ(range.over->frame->start.offset->As<LiteralExpr>().text, "3");
    EXPECT_EQ(range.over->frame->end.kind, FrameBoundKind::kFollowing);

    const auto& short_frame = ParseExprAs<FunctionCallExpr>("row_number() OVER (ROWS 5 PRECEDING)");
    EXPECT_FALSE(short_frame.over->frame->has_end);
    EXPECT_TRUE(ParseExprAs<FunctionCallExpr>("rank() OVER ()").over.has_value());
}

TEST(ExprParserTest, CaseCastIntervalArrays) {
    const auto& simple = ParseExprAs<CaseExpr>("CASE a WHEN 1 THEN 'one' WHEN 2 THEN 'two' ELSE 'many' END");
    EXPECT_TRUE(simple.operand);
    EXPECT_EQ(simple.when_clauses.size(), 2u);
    EXPECT_TRUE(simple.else_result);
    const auto& searched = ParseExprAs<CaseExpr>("CASE WHEN a > 1 THEN b END");
    EXPECT_FALSE(searched.operand);
    EXPECT_FALSE(searched.else_result);

    const auto& cast = ParseExprAs<CastExpr>("CAST(x AS DECIMAL(10, 2))");
    EXPECT_EQ(cast.type.name, "DECIMAL");
    EXPECT_EQ(cast.type.params, (std::vector<std::string>{"10", "2"}));
    EXPECT_EQ(ParseExprAs<CastExpr>("CONVERT(x, varchar(20))").type.ToString(), "VARCHAR(20)");
    EXPECT_EQ(ParseExprAs<CastExpr>("CONVERT(x USING utf8mb4)").charset, "utf8mb4");
    EXPECT_EQ(ParseExprAs<CastExpr>("CAST(x AS SIGNED INTEGER)").type.name, "SIGNED");
    const auto& nested = ParseExprAs<CastExpr>("CAST(x AS ARRAY<ARRAY<INT>>)").type;
    EXPECT_EQ(nested.ToString(), "ARRAY<ARRAY<INT>>");
    EXPECT_EQ(nested.children.at(0).children.at(0).name, "INT");
    const auto& structure = ParseExprAs<CastExpr>("CAST(x AS STRUCT<a INT, `b c` VARCHAR(10)>)").type;
    EXPECT_EQ(structure.field_names, (std::vector<std::string>{"a", "b c"}));
    EXPECT_EQ(structure.ToString(), "STRUCT<a INT, `b c` VARCHAR(10)>");
    EXPECT_EQ(ParseExprAs<CastExpr>("CAST(m AS MAP<VARCHAR(10), BIGINT>)").type.children.size(), 2u);

    EXPECT_EQ(ShapeOf("d + INTERVAL 1 DAY"), "(+ d INTERVAL 1 DAY)");
    const auto& interval = ParseExprAs<IntervalExpr>("INTERVAL '90' day");
    EXPECT_EQ(interval.unit, "DAY");
    EXPECT_EQ(interval.value->As<LiteralExpr>().text, "90");
    const auto& date_add = ParseExprAs<FunctionCallExpr>("DATE_ADD(d, INTERVAL 2 HOUR)");
    EXPECT_EQ(date_add.args.at(1)->As<IntervalExpr>().unit, "HOUR");
    EXPECT_EQ(ShapeOf("INTERVAL 1 DAY + d"), "(+ INTERVAL 1 DAY d)");

    EXPECT_EQ(ParseExprAs<ArrayExpr>("[1, 2, 3]").elements.size(), 3u);
    EXPECT_TRUE(ParseExprAs<ArrayExpr>("[]").elements.empty());
    EXPECT_EQ(ParseExprAs<ArrayExpr>("ARRAY<INT>[1, 2]").type->ToString(), "ARRAY<INT>");
    EXPECT_EQ(ParseExprAs<SubscriptExpr>("arr[1]").index->As<LiteralExpr>().text, "1");
    EXPECT_EQ(ShapeOf("j->'$.a' = 'x'"), "(= (-> j '$.a') 'x')");
}

TEST(ExprParserTest, Subqueries) {
    const auto& scalar = ParseExprAs<SubqueryExpr>("(SELECT max(a) FROM t)");
    EXPECT_EQ(scalar.subquery_kind, SubqueryKind::kScalar);
    EXPECT_EQ(ParseExprAs<SubqueryExpr>("EXISTS (SELECT 1 FROM t)").subquery_kind, SubqueryKind::kExists);
    const auto& in = ParseExprAs<InExpr>("a NOT IN (SELECT b FROM u)");
    EXPECT_TRUE(in.negated);
    EXPECT_TRUE(in.subquery);
    EXPECT_TRUE(in.list.empty());
    // A parenthesized query that is only the first operand of a larger expression.
    EXPECT_EQ(ShapeOf("((SELECT 1) + 1)"), "(+ (SELECT 1) 1)");
    EXPECT_EQ(ShapeOf("a IN ((SELECT 1), 2)"), "(IN a (SELECT 1) 2)");
    EXPECT_TRUE(ParseExpr("((SELECT 1) UNION (SELECT 2))")->Is<SubqueryExpr>());
    EXPECT_TRUE(ParseExprAs<InExpr>("a IN ((SELECT 1) UNION ALL (SELECT 2))").subquery);
}

TEST(ExprParserTest, PositionsPointAtTheStartOfEachNode) {
    ExprPtr expr = ParseExpr("1 +\n  foo(b)");
    EXPECT_EQ(expr->position, (Position{1, 1}));
    const auto& call = expr->As<BinaryExpr>().right->As<FunctionCallExpr>();
    EXPECT_EQ(call.position, (Position{2, 3}));
    EXPECT_EQ(call.args[0]->position, (Position{2, 7}));
}

TEST(ExprParserTest, PrintsWithMinimalParentheses) {
    EXPECT_EQ(Reprint("a+b*c"), "a + b * c");
    EXPECT_EQ(Reprint("(a+b)*c"), "(a + b) * c");
    EXPECT_EQ(Reprint("a-(b-c)"), "a - (b - c)");
    EXPECT_EQ(Reprint("(a-b)-c"), "a - b - c");
    EXPECT_EQ(Reprint("not a=b"), "NOT (a = b)");
    EXPECT_EQ(Reprint("(not a)=b"), "(NOT a) = b");
    EXPECT_EQ(Reprint("a or b and c"), "a OR b AND c");
    EXPECT_EQ(Reprint("(a or b) and c"), "(a OR b) AND c");
    EXPECT_EQ(Reprint("- - a"), "- -a");
    EXPECT_EQ(Reprint("-(a+b)"), "-(a + b)");
    EXPECT_EQ(Reprint("(-1)->'$.x'"), "(-1)->'$.x'");
    EXPECT_EQ(Reprint("a between b and c between d and e"), "a BETWEEN b AND c BETWEEN d AND e");
    EXPECT_EQ(Reprint("`select` + `my col` + date"), "`select` + `my col` + `date`");
    EXPECT_EQ(Reprint("'it''s\\n'"), "'it\\'s\\n'");
    EXPECT_EQ(Reprint("cast(a as decimal(10,2))"), "CAST(a AS DECIMAL(10, 2))");
    EXPECT_EQ(Reprint("if(a,1,2)"), "if(a, 1, 2)");
    EXPECT_EQ(Reprint("`extract`(x)"), "`extract`(x)");
    EXPECT_EQ(Reprint("count(*) over (partition by a order by b rows 1 preceding)"),
              "count(*) OVER (PARTITION BY a ORDER BY b ROWS 1 PRECEDING)");
}

TEST(ExprParserTest, ExpressionsRoundTrip) {
    for (std::string_view text :
         {"a + b * c - d / e DIV f % g MOD h ^ i",
          "a OR b XOR c AND NOT d",
          "(a OR b) AND (c OR d)",
          "a = (b = c)",
          "(a = b) = c",
          "a IS NULL IS NOT TRUE",
          "(a BETWEEN 1 AND 2) BETWEEN 3 AND 4",
          "a BETWEEN (b OR c) AND d",
          "NOT (a IN (1, 2))",
          "-(-a)",
          "~(a | b)",
          "!a",
          "a - -1",
          "2 ^ -1",
          "-1 ^ 2",
          "(a + b)[1]",
          "j->'$.a'->'$.b'",
          "(j->'$.a')[0]",
          "x LIKE y LIKE z",
          "x LIKE (y LIKE z)",
          "CASE WHEN a THEN b WHEN c THEN d ELSE e END",
          "CASE a + 1 WHEN 2 THEN 3 END",
          "CAST(CAST(a AS INT) AS VARCHAR(10))",
          "CONVERT(a USING utf8)",
          "INTERVAL a + 1 DAY",
          "d - INTERVAL -3 MONTH",
          "ARRAY<VARCHAR(3)>['a']",
          "[[1], [2, 3]]",
          "EXISTS (SELECT 1) AND NOT EXISTS (SELECT 2)",
          "a IN (SELECT b FROM t WHERE c > (SELECT avg(c) FROM t))",
          "@x + @@global.y + @'odd name'",
          "count(DISTINCT a ORDER BY b SEPARATOR ',')",
          "f(a)(b)" == std::string_view() ? "" : "coalesce(a, b, c)",
          "lag(x, 1) OVER (PARTITION BY a ORDER BY b RANGE BETWEEN INTERVAL 1 DAY PRECEDING AND CURRENT ROW)",
          "DATE '2020-01-01' + INTERVAL 1 YEAR",
          "X'0F' | 0x10",
          "DEFAULT",
          "t.`select`",
          "`db`.`t`.*"}) {
        if (text.empty()) continue;
        auto first = ParseExpression(text);
        ASSERT_TRUE(first.ok()) << text << " -> " << first.status().ToString();
        std::string printed = (*first)->ToString();
        auto second = ParseExpression(printed);
        ASSERT_TRUE(second.ok()) << printed << " -> " << second.status().ToString();
        EXPECT_TRUE(*first == *second) << text << " printed as " << printed << " reprinted " << (*second)->ToString();
        EXPECT_EQ((*second)->ToString(), printed);
    }
}

TEST(ExprParserTest, CloneAndEqualityAreDeep) {
    ExprPtr original = ParseExpr("f(a + 1, CASE WHEN b THEN c END) OVER (ORDER BY d)");
    ExprPtr copy = original;  // deep copy
    EXPECT_TRUE(copy == original);
    EXPECT_NE(copy.get(), original.get());
    copy->As<FunctionCallExpr>().args[0]->As<BinaryExpr>().op = BinaryOp::kSubtract;
    EXPECT_FALSE(copy == original);
    // Positions do not matter for equality.
    EXPECT_TRUE(ParseExpr("a+1") == ParseExpr("  a   +\n1"));
    EXPECT_FALSE(ParseExpr("a+1") == ParseExpr("a+2"));
}

TEST(ExprParserTest, VisitChildrenSeesDirectChildrenOnly) {
    ExprPtr expr = ParseExpr("f(a, b + c, (SELECT d)) OVER (PARTITION BY e ORDER BY g)");
    std::vector<std::string> seen;
    VisitChildren(*expr, [&seen](const Expr& child) { seen.push_back(child.ToString()); });
    EXPECT_EQ(seen, (std::vector<std::string>{"a", "b + c", "(SELECT d)", "e", "g"}));
}

}  // namespace
}  // namespace flashlake::sql
