#include <map>
#include <random>

#include "exec_test_util.h"

namespace flashlake::exec {
namespace {

using namespace testing;
using planner::JoinType;

Value I(int64_t v) {
    return Value::Int(static_cast<int32_t>(v));
}
Value S(const std::string& v) {
    return Value::Varchar(v);
}
Value NullInt() {
    return Value::Null(LogicalType::Int());
}

LogicalOperatorPtr Left() {
    return Values(
        {LogicalType::Int(), LogicalType::Varchar()},
        {{I(1), S("a")}, {I(2), S("b")}, {I(2), S("b2")}, {I(3), S("c")}, {NullInt(), S("n")}, {I(5), S("e")}});
}

LogicalOperatorPtr Right(bool with_null = true) {
    std::vector<std::vector<Value>> rows = {{I(2), I(20)}, {I(2), I(21)}, {I(3), I(30)}, {I(4), I(40)}};
    if (with_null) rows.push_back({NullInt(), I(99)});
    return Values({LogicalType::Int(), LogicalType::Int()}, rows);
}

LogicalOperatorPtr EquiJoin(JoinType type, LogicalOperatorPtr left, LogicalOperatorPtr right,
                            std::vector<planner::BoundExprPtr> residual = {}, bool null_aware = false) {
    return Join(std::move(left), std::move(right), type, List(Col(0, LogicalType::Int())),
                List(Col(0, LogicalType::Int())), std::move(residual), null_aware);
}

class HashJoinTest : public ExecTest {};

const std::vector<std::string> kInner = {"2 | b | 2 | 20", "2 | b | 2 | 21", "2 | b2 | 2 | 20", "2 | b2 | 2 | 21",
                                         "3 | c | 3 | 30"};

std::vector<std::string> Plus(std::vector<std::string> a, const std::vector<std::string>& b) {
    a.insert(a.end(), b.begin(), b.end());
    std::sort(a.begin(), a.end());
    return a;
}

TEST_F(HashJoinTest, InnerLeftRightFull) {
    for (size_t dop : {1, 4}) {
        EXPECT_EQ(Lines(*EquiJoin(JoinType::kInner, Left(), Right()), true, dop), kInner);
        EXPECT_EQ(Lines(*EquiJoin(JoinType::kLeft, Left(), Right()), true, dop),
                  Plus(kInner, {"1 | a | NULL | NULL", "NULL | n | NULL | NULL", "5 | e | NULL | NULL"}));
        EXPECT_EQ(Lines(*EquiJoin(JoinType::kRight, Left(), Right()), true, dop),
                  Plus(kInner, {"NULL | NULL | 4 | 40", "NULL | NULL | NULL | 99"}));
        EXPECT_EQ(Lines(*EquiJoin(JoinType::kFull, Left(), Right()), true, dop),
                  Plus(kInner, {"1 | a | NULL | NULL", "NULL | n | NULL | NULL", "5 | e | NULL | NULL",
                                "NULL | NULL | 4 | 40", "NULL | NULL | NULL | 99"}));
    }
}

TEST_F(HashJoinTest, SemiAntiAndNullAwareAnti) {
    EXPECT_EQ(Lines(*EquiJoin(JoinType::kSemi, Left(), Right())),
              (std::vector<std::string>{"2 | b", "2 | b2", "3 | c"}));
    EXPECT_EQ(Lines(*EquiJoin(JoinType::kAnti, Left(), Right())),
              (std::vector<std::string>{"1 | a", "5 | e", "NULL | n"}));
    // NOT IN: a NULL on the right empties the result; a NULL on the left never qualifies.
    EXPECT_TRUE(Lines(*EquiJoin(JoinType::kAnti, Left(), Right(true), {}, true)).empty());
    EXPECT_EQ(Lines(*EquiJoin(JoinType::kAnti, Left(), Right(false), {}, true)),
              (std::vector<std::string>{"1 | a", "5 | e"}));
    // ... and an empty right side keeps every row, NULL included.
    auto empty_right = Values({LogicalType::Int(), LogicalType::Int()}, {});
    EXPECT_EQ(Lines(*EquiJoin(JoinType::kAnti, Left(), std::move(empty_right), {}, true)).size(), 6u);
}

TEST_F(HashJoinTest, EmptyBuildSide) {
    auto empty = [] { return Values({LogicalType::Int(), LogicalType::Int()}, {}); };
    EXPECT_TRUE(Lines(*EquiJoin(JoinType::kInner, Left(), empty())).empty());
    EXPECT_EQ(Lines(*EquiJoin(JoinType::kLeft, Left(), empty())).size(), 6u);
    EXPECT_TRUE(Lines(*EquiJoin(JoinType::kRight, Left(), empty())).empty());
    EXPECT_EQ(Lines(*EquiJoin(JoinType::kAnti, Left(), empty())).size(), 6u);
    EXPECT_TRUE(Lines(*EquiJoin(JoinType::kSemi, Left(), empty())).empty());
    // Empty probe side: RIGHT and FULL still emit every build row.
    auto no_left = Values({LogicalType::Int(), LogicalType::Varchar()}, {});
    EXPECT_EQ(Lines(*EquiJoin(JoinType::kFull, std::move(no_left), Right())).size(), 5u);
}

TEST_F(HashJoinTest, ResidualConditions) {
    // ON l.id = r.id AND r.v > 20
    auto residual = [] { return List(Call("gt", List(Col(3, LogicalType::Int()), planner::MakeConstant(I(20))))); };
    EXPECT_EQ(Lines(*EquiJoin(JoinType::kInner, Left(), Right(), residual())),
              (std::vector<std::string>{"2 | b | 2 | 21", "2 | b2 | 2 | 21", "3 | c | 3 | 30"}));
    EXPECT_EQ(Lines(*EquiJoin(JoinType::kLeft, Left(), Right(), residual())),
              (std::vector<std::string>{"1 | a | NULL | NULL", "2 | b | 2 | 21", "2 | b2 | 2 | 21", "3 | c | 3 | 30",
                                        "5 | e | NULL | NULL", "NULL | n | NULL | NULL"}));
    EXPECT_EQ(Lines(*EquiJoin(JoinType::kRight, Left(), Right(), residual())),
              (std::vector<std::string>{"2 | b | 2 | 21", "2 | b2 | 2 | 21", "3 | c | 3 | 30", "NULL | NULL | 2 | 20",
                                        "NULL | NULL | 4 | 40", "NULL | NULL | NULL | 99"}));
    EXPECT_EQ(Lines(*EquiJoin(JoinType::kAnti, Left(), Right(), residual())),
              (std::vector<std::string>{"1 | a", "5 | e", "NULL | n"}));
    // NOT IN with a correlation: rows whose only candidates fail the residual qualify; the NULL
    // row does not, since some right row passes the residual (NULL NOT IN {2, 2} is unknown).
    auto lt_residual = List(Call("lt", List(Col(3, LogicalType::Int()), planner::MakeConstant(I(25)))));
    EXPECT_EQ(Lines(*EquiJoin(JoinType::kAnti, Left(), Right(false), std::move(lt_residual), true)),
              (std::vector<std::string>{"1 | a", "3 | c", "5 | e"}));
}

TEST_F(HashJoinTest, CrossJoinAndNonEquiJoin) {
    EXPECT_EQ(Lines(*Join(Left(), Right(), JoinType::kCross, {}, {})).size(), 30u);
    // LEFT JOIN ON l.id > r.id (no equality keys).
    auto plan = Join(Left(), Right(), JoinType::kLeft, {}, {},
                     List(Call("gt", List(Col(0, LogicalType::Int()), Col(2, LogicalType::Int())))));
    EXPECT_EQ(Lines(*plan),
              (std::vector<std::string>{"1 | a | NULL | NULL", "2 | b | NULL | NULL", "2 | b2 | NULL | NULL",
                                        "3 | c | 2 | 20", "3 | c | 2 | 21", "5 | e | 2 | 20", "5 | e | 2 | 21",
                                        "5 | e | 3 | 30", "5 | e | 4 | 40", "NULL | n | NULL | NULL"}));
}

TEST_F(HashJoinTest, MultipleKeysOfDifferentTypes) {
    const std::string long_key = "a-long-join-key-string-value";
    auto left = Values({LogicalType::Varchar(), LogicalType::BigInt(), LogicalType::Int()},
                       {{S(long_key), Value::BigInt(1), I(1)},
                        {S(long_key), Value::BigInt(2), I(2)},
                        {S("x"), Value::BigInt(1), I(3)}});
    auto right = Values({LogicalType::BigInt(), LogicalType::Varchar()},
                        {{Value::BigInt(1), S(long_key)}, {Value::BigInt(1), S("x")}, {Value::BigInt(3), S(long_key)}});
    auto plan = Join(std::move(left), std::move(right), JoinType::kInner,
                     List(Col(0, LogicalType::Varchar()), Col(1, LogicalType::BigInt())),
                     List(Col(1, LogicalType::Varchar()), Col(0, LogicalType::BigInt())));
    EXPECT_EQ(Lines(*plan), (std::vector<std::string>{long_key + " | 1 | 1 | 1 | " + long_key, "x | 1 | 3 | 1 | x"}));
}

TEST_F(HashJoinTest, FactDimensionJoinWithParallelDriversMatchesReference) {
    // A fact table of 40K rows joined to a 1000-row dimension, then grouped (three pipelines).
    std::mt19937_64 random(3);
    std::vector<std::vector<Value>> fact, dimension;
    for (int d = 0; d < 1000; ++d) dimension.push_back({I(d), S("nation-" + std::to_string(d % 25))});
    std::map<std::string, int64_t> expected;
    for (int i = 0; i < 40000; ++i) {
        int64_t key = static_cast<int64_t>(random() % 1200);  // 1000..1199 have no dimension row
        int64_t amount = static_cast<int64_t>(random() % 100);
        fact.push_back({I(key), I(amount)});
        if (key < 1000) expected["nation-" + std::to_string(key % 25)] += amount;
    }
    auto join = Join(Values({LogicalType::Int(), LogicalType::Int()}, fact),
                     Values({LogicalType::Int(), LogicalType::Varchar()}, dimension), JoinType::kInner,
                     List(Col(0, LogicalType::Int())), List(Col(0, LogicalType::Int())));
    auto plan = Aggregate(std::move(join), List(Col(3, LogicalType::Varchar())),
                          List(Agg("sum", List(Col(1, LogicalType::Int())))));
    std::vector<std::string> lines;
    for (const auto& [nation, sum] : expected) lines.push_back(nation + " | " + std::to_string(sum));
    EXPECT_EQ(Lines(*plan, true, 4), lines);
    EXPECT_EQ(Lines(*plan, true, 1), lines);
}

TEST_F(HashJoinTest, RightJoinWithManyUnmatchedBuildRows) {
    std::vector<std::vector<Value>> left, right;
    for (int i = 0; i < 5000; ++i) left.push_back({I(i * 3), I(i)});
    for (int i = 0; i < 20000; ++i) right.push_back({I(i), I(-i)});
    auto plan = Join(Values({LogicalType::Int(), LogicalType::Int()}, left),
                     Values({LogicalType::Int(), LogicalType::Int()}, right), JoinType::kRight,
                     List(Col(0, LogicalType::Int())), List(Col(0, LogicalType::Int())));
    auto lines = Lines(*plan, true, 4);
    EXPECT_EQ(lines.size(), 20000u);
    size_t unmatched = 0;
    for (const auto& line : lines) unmatched += line.rfind("NULL | NULL", 0) == 0;
    EXPECT_EQ(unmatched, 20000u - 5000u);
}

class UnionTest : public ExecTest {};

TEST_F(UnionTest, UnionAllKeepsBranchOrderAndUnionDistinctRemovesDuplicates) {
    auto branch = [](std::vector<int> values) {
        std::vector<std::vector<Value>> rows;
        for (int v : values) rows.push_back({v < 0 ? NullInt() : I(v)});
        return Values({LogicalType::Int()}, rows);
    };
    auto all = Union(List(branch({1, 2}), branch({2, 3}), branch({-1, -1})), false);
    EXPECT_EQ(Lines(*all, false), (std::vector<std::string>{"1", "2", "2", "3", "NULL", "NULL"}));
    auto distinct = Union(List(branch({1, 2}), branch({2, 3}), branch({-1, -1})), true);
    EXPECT_EQ(Lines(*distinct), (std::vector<std::string>{"1", "2", "3", "NULL"}));
}

TEST_F(UnionTest, BranchesWithBreakersAndFilters) {
    // (SELECT k, count(*) ... GROUP BY k) UNION ALL (SELECT v ... WHERE v > 2 joined to itself).
    auto values = [] {
        return Values({LogicalType::Int(), LogicalType::Int()}, {{I(1), I(1)}, {I(1), I(5)}, {I(2), I(3)}});
    };
    auto grouped = Aggregate(values(), List(Col(0, LogicalType::Int())), List(Agg("count", {})));
    auto filtered = Filter(values(), List(Call("gt", List(Col(1, LogicalType::Int()), planner::MakeConstant(I(2))))));
    auto projected = std::make_unique<LogicalOperator>(LogicalOperatorKind::kProjection);
    projected->expressions.push_back(Col(0, LogicalType::Int()));
    projected->expressions.push_back(planner::MakeConstant(Value::BigInt(7)));
    projected->types = {LogicalType::Int(), LogicalType::BigInt()};
    projected->names = {"k", "c"};
    projected->children.push_back(std::move(filtered));
    auto plan = Union(List(std::move(grouped), LogicalOperatorPtr(std::move(projected))), false);
    EXPECT_EQ(Lines(*plan), (std::vector<std::string>{"1 | 2", "1 | 7", "2 | 1", "2 | 7"}));
    // A RIGHT JOIN inside a branch (its unmatched rows come after the branch's input).
    auto right_join = EquiJoin(JoinType::kRight, Left(), Right());
    auto inner = EquiJoin(JoinType::kInner, Left(), Right());
    auto with_join = Union(List(std::move(right_join), std::move(inner)), false);
    EXPECT_EQ(Lines(*with_join).size(), 7u + 5u);
}

}  // namespace
}  // namespace flashlake::exec
