// Runtime filters: whatever the representation (an exact bitset over a small integer range, a
// bloom filter over a wide range or strings), no build key is ever filtered out, NULLs never
// pass, dictionary and constant columns give the same answer as flat ones, and most non-keys
// are removed.

#include <gtest/gtest.h>

#include <random>
#include <set>

#include "exec/operators/runtime_filter.h"

namespace flashlake::exec {
namespace {

ColumnPtr Ints(const std::vector<std::optional<int64_t>>& values) {
    auto column = Column::MakeFlat(LogicalType::BigInt(), values.size());
    for (size_t i = 0; i < values.size(); ++i) {
        if (values[i]) {
            column->SetValue(i, Value::BigInt(*values[i]));
        } else {
            column->SetNull(i);
        }
    }
    return column;
}

std::vector<uint32_t> Passing(RuntimeFilter& filter, const Column& column) {
    SelectionVector selection;
    filter.Apply(column, true, selection);
    return std::vector<uint32_t>(selection.data(), selection.data() + selection.size());
}

// Probes every value in [lo, hi) and counts the non-keys that pass; every key must pass.
size_t FalsePositives(RuntimeFilter& filter, const std::set<int64_t>& keys, int64_t lo, int64_t hi) {
    std::vector<std::optional<int64_t>> probe;
    for (int64_t v = lo; v < hi; ++v) probe.push_back(v);
    auto column = Ints(probe);
    size_t false_positives = 0;
    std::set<int64_t> passed;
    for (uint32_t row : Passing(filter, *column)) passed.insert(lo + row);
    for (int64_t key : keys) {
        if (key >= lo && key < hi) {
            EXPECT_TRUE(passed.count(key)) << "key " << key << " filtered out";
        }
    }
    for (int64_t v : passed) false_positives += keys.count(v) == 0;
    return false_positives;
}

TEST(RuntimeFilterTest, SmallRangeIsExact) {
    std::set<int64_t> keys = {3, 10, 11, 500, 1999};
    std::vector<std::optional<int64_t>> build(keys.begin(), keys.end());
    build.push_back(std::nullopt);
    RuntimeFilter filter;
    EXPECT_FALSE(filter.ready());
    filter.Publish(*Ints(build), build.size());
    EXPECT_TRUE(filter.ready());
    EXPECT_EQ(FalsePositives(filter, keys, -100, 3000), 0u);
}

TEST(RuntimeFilterTest, WideRangeBloomKeepsEveryKey) {
    std::mt19937_64 rng(7);
    std::set<int64_t> keys;
    while (keys.size() < 5000) keys.insert(static_cast<int64_t>(rng() % 1000000000));
    std::vector<std::optional<int64_t>> build(keys.begin(), keys.end());
    RuntimeFilter filter;
    filter.Publish(*Ints(build), build.size());
    // Every key passes; among 200,000 other values in range about 1% may.
    std::vector<std::optional<int64_t>> probe(build);
    for (int i = 0; i < 200000; ++i) probe.push_back(static_cast<int64_t>(rng() % 1000000000));
    auto column = Ints(probe);
    auto passing = Passing(filter, *column);
    std::set<uint32_t> passed(passing.begin(), passing.end());
    size_t false_positives = 0;
    for (uint32_t row = 0; row < probe.size(); ++row) {
        const bool key = keys.count(*probe[row]) != 0;
        if (key) {
            EXPECT_TRUE(passed.count(row)) << "key " << *probe[row] << " filtered out";
        }
        if (!key && passed.count(row)) ++false_positives;
    }
    EXPECT_LT(false_positives, 200000u / 20);
    // Outside [min, max] nothing passes.
    EXPECT_TRUE(Passing(filter, *Ints({-5, 2000000000, std::nullopt})).empty());
}

TEST(RuntimeFilterTest, StringsDictionaryAndConstantAgreeWithFlat) {
    auto build = Column::FromValues(LogicalType::Varchar(), {Value::Varchar("AMERICA"), Value::Varchar("ASIA"),
                                                             Value::Null(LogicalType::Varchar())});
    RuntimeFilter filter;
    filter.Publish(*build, 3);
    auto flat = Column::FromValues(LogicalType::Varchar(),
                                   {Value::Varchar("EUROPE"), Value::Varchar("ASIA"), Value::Null(LogicalType::Varchar()),
                                    Value::Varchar("AMERICA"), Value::Varchar("a somewhat longer string value")});
    EXPECT_EQ(Passing(filter, *flat), (std::vector<uint32_t>{1, 3}));

    auto dictionary = Column::FromValues(LogicalType::Varchar(), {Value::Varchar("ASIA"), Value::Varchar("EUROPE"),
                                                                  Value::Null(LogicalType::Varchar())});
    auto encoded = Column::MakeDictionary(dictionary, {1, 0, 2, 0, 1});
    EXPECT_EQ(Passing(filter, *encoded), (std::vector<uint32_t>{1, 3}));

    EXPECT_EQ(Passing(filter, *Column::MakeConstant(Value::Varchar("AMERICA"), 4)), (std::vector<uint32_t>{0, 1, 2, 3}));
    EXPECT_TRUE(Passing(filter, *Column::MakeConstant(Value::Varchar("AFRICA"), 4)).empty());

    // Narrowing an existing selection keeps only selected rows.
    SelectionVector selection;
    selection.Append(0);
    selection.Append(3);
    filter.Apply(*flat, false, selection);
    ASSERT_EQ(selection.size(), 1u);
    EXPECT_EQ(selection[0], 3u);
}

TEST(RuntimeFilterTest, EmptyBuildRemovesEverythingAndUselessFilterTurnsOff) {
    RuntimeFilter empty;
    empty.Publish(*Ints({std::nullopt}), 1);
    EXPECT_TRUE(Passing(empty, *Ints({1, 2, 3})).empty());

    // A filter that keeps every row stops being applied after enough rows.
    std::vector<std::optional<int64_t>> keys;
    for (int64_t v = 0; v < 1000; ++v) keys.push_back(v);
    RuntimeFilter all;
    all.Publish(*Ints(keys), keys.size());
    auto probe = Ints(keys);
    std::vector<RuntimeFilterProbe> probes = {{std::shared_ptr<RuntimeFilter>(&all, [](RuntimeFilter*) {}), 0}};
    for (int i = 0; i < 300; ++i) {
        bool all_rows = true;
        SelectionVector selection;
        ApplyRuntimeFilters(probes, {probe}, all_rows, selection);
    }
    EXPECT_TRUE(all.disabled());
    bool all_rows = true;
    SelectionVector selection;
    ApplyRuntimeFilters(probes, {probe}, all_rows, selection);
    EXPECT_TRUE(all_rows);
}

}  // namespace
}  // namespace flashlake::exec
