// Pruning decisions of lake scans: a partition, file or row group is skipped exactly when no row
// in it can satisfy a predicate (IN lists, NULLs, strings whose bounds were truncated), and scans
// count what they skipped.
#include <gtest/gtest.h>

#include "lake/read/scan_predicate.h"
#include "lake/read/table_scan.h"
#include "read_test_util.h"

namespace flashlake::lake {
namespace {

using testing::PaimonTable;
using testing::ReadPlanRows;

ScanPredicate In(std::vector<Value> values) {
    return {"c", PredicateOp::kIn, Value(), std::move(values)};
}

TEST(ReadScanPruning, InListAgainstStatistics) {
    ColumnStats stats{Value::Int(10), Value::Int(20), 0, 100};
    EXPECT_FALSE(PredicateMayMatch(In({Value::Int(1), Value::Int(21)}), stats));
    EXPECT_TRUE(PredicateMayMatch(In({Value::Int(1), Value::Int(20)}), stats));
    EXPECT_TRUE(PredicateMayMatch(In({Value::Int(15)}), stats));
    EXPECT_FALSE(PredicateMayMatch(In({}), stats));  // x IN (NULL) is never true
    ColumnStats all_null{std::nullopt, std::nullopt, 100, 100};
    EXPECT_FALSE(PredicateMayMatch(In({Value::Int(15)}), all_null));
    ColumnStats unknown;
    unknown.row_count = 100;
    EXPECT_TRUE(PredicateMayMatch(In({Value::Int(15)}), unknown));
    // Exact values (partitions).
    EXPECT_TRUE(PredicateMatches(In({Value::Int(1), Value::Int(2)}), Value::Int(2)));
    EXPECT_FALSE(PredicateMatches(In({Value::Int(1), Value::Int(2)}), Value::Int(3)));
    EXPECT_FALSE(PredicateMatches(In({Value::Int(1)}), Value::Null(LogicalType::Int())));
    EXPECT_EQ(In({Value::Int(1), Value::Int(2)}).ToString(), "c IN (1, 2)");
}

TEST(ReadScanPruning, NullCounts) {
    ColumnStats some_null{Value::Int(1), Value::Int(5), 3, 10};
    ColumnStats no_null{Value::Int(1), Value::Int(5), 0, 10};
    ColumnStats all_null{std::nullopt, std::nullopt, 10, 10};
    ColumnStats unknown_nulls{Value::Int(1), Value::Int(5), std::nullopt, 10};
    auto is_null = ScanPredicate{"c", PredicateOp::kIsNull, Value(), {}};
    auto not_null = ScanPredicate{"c", PredicateOp::kIsNotNull, Value(), {}};
    EXPECT_TRUE(PredicateMayMatch(is_null, some_null));
    EXPECT_FALSE(PredicateMayMatch(is_null, no_null));
    EXPECT_TRUE(PredicateMayMatch(is_null, all_null));
    EXPECT_TRUE(PredicateMayMatch(is_null, unknown_nulls));
    EXPECT_TRUE(PredicateMayMatch(not_null, some_null));
    EXPECT_FALSE(PredicateMayMatch(not_null, all_null));
    // NULL rows never satisfy a comparison, not even <>.
    EXPECT_FALSE(PredicateMayMatch({"c", PredicateOp::kNotEqual, Value::Int(3), {}}, all_null));
    EXPECT_TRUE(PredicateMayMatch({"c", PredicateOp::kNotEqual, Value::Int(3), {}}, some_null));
}

TEST(ReadScanPruning, TruncatedStringBounds) {
    // Values "abcdefghijklmnop..." (longer than 16 bytes) stored with bounds cut to 16 bytes: the
    // min is a prefix (<= every value), the max a prefix with its last byte incremented (>= every
    // value). Only what lies outside [min, max] is ruled out.
    ColumnStats stats{Value::Varchar("abcdefghijklmnop"), Value::Varchar("abcdefghijklmnoq"), 0, 10};
    auto may = [&](PredicateOp op, const char* text) {
        return PredicateMayMatch({"c", op, Value::Varchar(text), {}}, stats);
    };
    EXPECT_TRUE(may(PredicateOp::kEqual, "abcdefghijklmnopXYZ"));  // a real, longer value
    EXPECT_TRUE(may(PredicateOp::kEqual, "abcdefghijklmnop"));
    EXPECT_FALSE(may(PredicateOp::kEqual, "abcdefghijklmnoqa"));  // above the incremented max
    EXPECT_FALSE(may(PredicateOp::kEqual, "abc"));                // below the min prefix
    EXPECT_FALSE(may(PredicateOp::kLess, "abcdefghijklmnop"));    // nothing below the min
    EXPECT_TRUE(may(PredicateOp::kLessEqual, "abcdefghijklmnop"));
    EXPECT_TRUE(may(PredicateOp::kGreater, "abcdefghijklmnopzzz"));
    EXPECT_FALSE(may(PredicateOp::kGreaterEqual, "abcdefghijklmnor"));
    // A truncated max can never prove "<>": min and max differ.
    EXPECT_TRUE(may(PredicateOp::kNotEqual, "abcdefghijklmnop"));
    EXPECT_TRUE(PredicateMayMatch(In({Value::Varchar("zzz"), Value::Varchar("abcdefghijklmnopq")}), stats));
    EXPECT_FALSE(PredicateMayMatch(In({Value::Varchar("zzz"), Value::Varchar("a")}), stats));
}

Result<ScanPlan> PlanOf(const std::string& table, std::vector<ScanPredicate> predicates,
                        std::shared_ptr<ScanMetrics> metrics = nullptr) {
    static io::PosixFileSystem fs;
    ScanOptions options;
    options.predicates = std::move(predicates);
    options.metrics = std::move(metrics);
    return TableScan(&fs, PaimonTable(table), options).Plan();
}

TEST(ReadScanPruning, InListPrunesPartitionsExactly) {
    // pk_table_scan_and_read_dv is partitioned by f1 with partitions 10, 20 and 30 (one bucket each).
    auto plan =
        PlanOf("pk_table_scan_and_read_dv", {{"f1", PredicateOp::kIn, Value(), {Value::Int(20), Value::Int(99)}}});
    ASSERT_TRUE(plan.ok()) << plan.status().ToString();
    ASSERT_EQ(plan->splits.size(), 1u);
    EXPECT_EQ(plan->splits[0].partition_values[0].GetInt64(), 20);
    // 10 and 30 hold no listed value even though 20 lies between them.
    plan = PlanOf("pk_table_scan_and_read_dv", {{"f1", PredicateOp::kIn, Value(), {Value::Int(10), Value::Int(30)}}});
    ASSERT_TRUE(plan.ok());
    EXPECT_EQ(plan->splits.size(), 2u);
    plan =
        PlanOf("pk_table_scan_and_read_dv", {{"f1", PredicateOp::kIn, Value(), {Value::BigInt(5), Value::BigInt(99)}}});
    ASSERT_TRUE(plan.ok());
    EXPECT_EQ(plan->splits.size(), 0u);
    // A value that is not exactly an INT makes the list prune nothing.
    plan =
        PlanOf("pk_table_scan_and_read_dv", {{"f1", PredicateOp::kIn, Value(), {Value::Int(20), Value::Double(10.5)}}});
    ASSERT_TRUE(plan.ok());
    EXPECT_EQ(plan->splits.size(), 3u);
}

TEST(ReadScanPruning, MetricsCountRowGroups) {
    auto metrics = std::make_shared<ScanMetrics>();
    auto plan = PlanOf("append_complex_data", {{"f2", PredicateOp::kGreaterEqual, Value::Int(0)}}, metrics);
    ASSERT_TRUE(plan.ok()) << plan.status().ToString();
    io::PosixFileSystem fs;
    auto rows = ReadPlanRows(&fs, *plan);
    ASSERT_TRUE(rows.ok()) << rows.status().ToString();
    int64_t files = 0;
    for (const Split& split : plan->splits) files += static_cast<int64_t>(split.files.size());
    // Every file opened counts its row groups as read or pruned.
    EXPECT_GE(metrics->row_groups_read + metrics->row_groups_pruned, files);
    EXPECT_GT(metrics->row_groups_read, 0);
}

}  // namespace
}  // namespace flashlake::lake
