#include <random>

#include "exec_test_util.h"

namespace flashlake::exec {
namespace {

using namespace testing;

Value I(int64_t v) {
    return Value::Int(static_cast<int32_t>(v));
}
Value S(const std::string& v) {
    return Value::Varchar(v);
}
Value NullInt() {
    return Value::Null(LogicalType::Int());
}
Value NullStr() {
    return Value::Null(LogicalType::Varchar());
}

class SortTest : public ExecTest {};

std::vector<std::vector<Value>> MixedRows() {
    return {{I(3), S("c")}, {NullInt(), S("n")}, {I(1), S("b")}, {I(3), S("a")}, {I(-2), NullStr()}, {I(1), S("a")}};
}

TEST_F(SortTest, MultipleKeysAscDescAndNullPlacement) {
    auto types = std::vector<LogicalType>{LogicalType::Int(), LogicalType::Varchar()};
    // ORDER BY c0 ASC NULLS FIRST, c1 DESC
    auto plan = Sort(Values(types, MixedRows()), List(OrderBy(Col(0, LogicalType::Int()), true, true),
                                                      OrderBy(Col(1, LogicalType::Varchar()), false, false)));
    std::vector<std::string> expected = {"NULL | n", "-2 | NULL", "1 | b", "1 | a", "3 | c", "3 | a"};
    EXPECT_EQ(Lines(*plan, false), expected);
    EXPECT_EQ(Lines(*plan, false, 1), expected);
    // ORDER BY c0 DESC NULLS LAST, c1 ASC NULLS FIRST
    auto desc = Sort(Values(types, MixedRows()), List(OrderBy(Col(0, LogicalType::Int()), false, false),
                                                      OrderBy(Col(1, LogicalType::Varchar()), true, true)));
    EXPECT_EQ(Lines(*desc, false),
              (std::vector<std::string>{"3 | a", "3 | c", "1 | a", "1 | b", "-2 | NULL", "NULL | n"}));
}

TEST_F(SortTest, LongStringsSharingAPrefixAndOtherTypes) {
    const std::string p = "a-common-prefix-over-16-bytes-";
    auto values = Values({LogicalType::Varchar(), LogicalType::Double(), LogicalType::Decimal(10, 2)},
                         {{S(p + "b"), Value::Double(-1.5), Value::Decimal(-100, 10, 2)},
                          {S(p + "a"), Value::Double(2), Value::Decimal(5, 10, 2)},
                          {S(p), Value::Double(-0.25), Value::Decimal(250, 10, 2)},
                          {S("a-common"), Value::Double(0), Value::Decimal(-1, 10, 2)},
                          {S(p + "ab"), Value::Double(1e10), Value::Decimal(0, 10, 2)}});
    auto plan = Sort(std::move(values), List(OrderBy(Col(0, LogicalType::Varchar()))));
    auto lines = Lines(*plan, false);
    ASSERT_EQ(lines.size(), 5u);
    EXPECT_EQ(lines[0].substr(0, lines[0].find(' ')), "a-common");
    EXPECT_EQ(lines[1].substr(0, lines[1].find(' ')), p);
    EXPECT_EQ(lines[2].substr(0, lines[2].find(' ')), p + "a");
    EXPECT_EQ(lines[3].substr(0, lines[3].find(' ')), p + "ab");
    EXPECT_EQ(lines[4].substr(0, lines[4].find(' ')), p + "b");
}

TEST_F(SortTest, DoublesAndDecimalsOrderNumerically) {
    auto values = Values({LogicalType::Double(), LogicalType::Decimal(10, 2)},
                         {{Value::Double(-1.5), Value::Decimal(-100, 10, 2)},
                          {Value::Double(2), Value::Decimal(5, 10, 2)},
                          {Value::Double(-0.25), Value::Decimal(250, 10, 2)},
                          {Value::Double(1e10), Value::Decimal(-1, 10, 2)}});
    auto by_double = Sort(Values({LogicalType::Double(), LogicalType::Decimal(10, 2)}, {}),
                          List(OrderBy(Col(0, LogicalType::Double()))));
    EXPECT_TRUE(Lines(*by_double).empty());
    auto plan = Sort(std::move(values), List(OrderBy(Col(1, LogicalType::Decimal(10, 2)), false)));
    EXPECT_EQ(Lines(*plan, false),
              (std::vector<std::string>{"-0.25 | 2.50", "2 | 0.05", "1e+10 | -0.01", "-1.5 | -1.00"}));
}

std::vector<std::vector<Value>> RandomRows(size_t count, uint64_t seed) {
    std::mt19937_64 random(seed);
    std::vector<std::vector<Value>> rows;
    for (size_t i = 0; i < count; ++i) {
        int64_t key = static_cast<int64_t>(random() % 1000) - 500;
        rows.push_back({random() % 50 == 0 ? NullInt() : I(key), S("row-" + std::to_string(random() % 100000)),
                        I(static_cast<int64_t>(i))});
    }
    return rows;
}

// Reference order: c0 DESC NULLS LAST, c1 ASC, c2 ASC (c2 unique, so the order is total).
std::vector<std::string> ReferenceOrder(std::vector<std::vector<Value>> rows) {
    std::sort(rows.begin(), rows.end(), [](const auto& a, const auto& b) {
        if (a[0].is_null() != b[0].is_null()) return b[0].is_null();
        if (!a[0].is_null() && a[0].GetInt64() != b[0].GetInt64()) return a[0].GetInt64() > b[0].GetInt64();
        if (a[1].GetString() != b[1].GetString()) return a[1].GetString() < b[1].GetString();
        return a[2].GetInt64() < b[2].GetInt64();
    });
    std::vector<std::string> lines;
    for (const auto& row : rows)
        lines.push_back(row[0].ToString() + " | " + row[1].ToString() + " | " + row[2].ToString());
    return lines;
}

std::vector<planner::BoundOrderBy> ThreeKeys() {
    return List(OrderBy(Col(0, LogicalType::Int()), false, false), OrderBy(Col(1, LogicalType::Varchar())),
                OrderBy(Col(2, LogicalType::Int())));
}

TEST_F(SortTest, ManyRowsWithParallelDriversMatchReference) {
    auto rows = RandomRows(30000, 7);
    auto types = std::vector<LogicalType>{LogicalType::Int(), LogicalType::Varchar(), LogicalType::Int()};
    auto plan = Sort(Values(types, rows), ThreeKeys());
    auto expected = ReferenceOrder(rows);
    EXPECT_EQ(Lines(*plan, false, 4), expected);
    EXPECT_EQ(Lines(*plan, false, 1), expected);
}

TEST_F(SortTest, TopNKeepsTheFirstRowsInOrder) {
    auto rows = RandomRows(30000, 11);
    auto types = std::vector<LogicalType>{LogicalType::Int(), LogicalType::Varchar(), LogicalType::Int()};
    auto expected = ReferenceOrder(rows);
    for (int64_t limit : {0, 1, 10, 5000, 40000}) {
        auto plan = Sort(Values(types, rows), ThreeKeys(), limit);
        std::vector<std::string> first(expected.begin(), expected.begin() + std::min<size_t>(limit, expected.size()));
        EXPECT_EQ(Lines(*plan, false, 4), first) << "limit " << limit;
    }
}

TEST_F(SortTest, LimitWithOffsetAboveSortFollowsSortedOrder) {
    auto rows = RandomRows(20000, 3);
    auto types = std::vector<LogicalType>{LogicalType::Int(), LogicalType::Varchar(), LogicalType::Int()};
    auto expected = ReferenceOrder(rows);
    auto plan = Limit(Sort(Values(types, rows), ThreeKeys()), 7, 9000);
    EXPECT_EQ(Lines(*plan, false, 4), std::vector<std::string>(expected.begin() + 9000, expected.begin() + 9007));
    auto top = Limit(Sort(Values(types, rows), ThreeKeys(), 9007), 7, 9000);
    EXPECT_EQ(Lines(*top, false, 4), std::vector<std::string>(expected.begin() + 9000, expected.begin() + 9007));
}

TEST_F(SortTest, SortOfAggregateOutput) {
    // ORDER BY over a GROUP BY: two breakers, three pipelines.
    auto rows = RandomRows(10000, 5);
    auto types = std::vector<LogicalType>{LogicalType::Int(), LogicalType::Varchar(), LogicalType::Int()};
    std::vector<planner::BoundAggregate> aggregates;
    aggregates.push_back(Agg("count", {}));
    auto aggregate = Aggregate(Values(types, rows), List(Col(0, LogicalType::Int())), std::move(aggregates));
    auto plan = Sort(std::move(aggregate),
                     List(OrderBy(Col(1, LogicalType::BigInt()), false), OrderBy(Col(0, LogicalType::Int()))), 3);
    auto lines = Lines(*plan, false);
    ASSERT_EQ(lines.size(), 3u);
    std::map<std::string, int> counts;
    for (const auto& row : rows) counts[row[0].ToString()]++;
    std::vector<std::pair<int, std::string>> ranked;
    for (const auto& [key, count] : counts) ranked.push_back({-count, key});
    std::sort(ranked.begin(), ranked.end(), [](const auto& a, const auto& b) {
        if (a.first != b.first) return a.first < b.first;
        if (a.second == "NULL" || b.second == "NULL") return a.second == "NULL" && b.second != "NULL";
        return std::stoi(a.second) < std::stoi(b.second);
    });
    for (size_t i = 0; i < 3; ++i) EXPECT_EQ(lines[i], ranked[i].second + " | " + std::to_string(-ranked[i].first));
}

}  // namespace
}  // namespace flashlake::exec
