// Scan planning: snapshot selection, projection, pruning, incremental reads, and reading the
// splits of a plan in parallel.
#include <gtest/gtest.h>

#include <thread>

#include "io/memory_file_system.h"
#include "lake/read/scan_predicate.h"
#include "lake/read/table_scan.h"
#include "read_test_util.h"

namespace flashlake::lake {
namespace {

using testing::AtSnapshot;
using testing::PaimonTable;
using testing::ReadPlanRows;
using testing::ScanRows;
using testing::Sorted;
using Rows = std::vector<std::string>;

Result<ScanPlan> PlanOf(const std::string& table, const ScanOptions& options) {
    static io::PosixFileSystem fs;
    return TableScan(&fs, PaimonTable(table), options).Plan();
}

ScanOptions Where(std::vector<ScanPredicate> predicates, std::vector<std::string> projection = {}) {
    ScanOptions options;
    options.predicates = std::move(predicates);
    if (!projection.empty()) options.projection = std::move(projection);
    return options;
}

TEST(ReadTableScan, SnapshotByTimestamp) {
    // pk_table_scan_and_read_dv: snapshot 5 at 1756266234218, snapshot 6 at 1756266273434.
    ScanOptions options;
    options.timestamp_millis = 1756266234218;
    auto plan = PlanOf("pk_table_scan_and_read_dv", options);
    ASSERT_TRUE(plan.ok()) << plan.status().ToString();
    EXPECT_EQ(plan->snapshot->id, 5);
    options.timestamp_millis = 1756266273433;
    EXPECT_EQ(PlanOf("pk_table_scan_and_read_dv", options)->snapshot->id, 5);
    options.timestamp_millis = 1756266273434;
    EXPECT_EQ(PlanOf("pk_table_scan_and_read_dv", options)->snapshot->id, 6);
    options.timestamp_millis = int64_t{1} << 50;
    EXPECT_EQ(PlanOf("pk_table_scan_and_read_dv", options)->snapshot->id, 6);
    options.timestamp_millis = 1756266171183;
    EXPECT_EQ(PlanOf("pk_table_scan_and_read_dv", options)->snapshot->id, 1);
    options.timestamp_millis = 1756266171182;
    EXPECT_EQ(PlanOf("pk_table_scan_and_read_dv", options).status().code(), ErrorCode::kNotFound);
    EXPECT_EQ(PlanOf("pk_table_scan_and_read_dv", AtSnapshot(7)).status().code(), ErrorCode::kNotFound);
}

TEST(ReadTableScan, ProjectionOrderAndErrors) {
    ScanOptions options;
    options.projection = {"f3", "f0"};
    options.snapshot_id = 3;
    auto rows = ScanRows(PaimonTable("pk_table_scan_and_read_dv"), options);
    ASSERT_TRUE(rows.ok()) << rows.status().ToString();
    EXPECT_EQ(
        rows->front(),
        "11, Two roads diverged in a wood, and I took the one less traveled by, And that has made all the difference.");
    EXPECT_NE(std::find(rows->begin(), rows->end(), "19.1, Alice"), rows->end());
    options.projection = {"f0", "nope"};
    EXPECT_EQ(PlanOf("pk_table_scan_and_read_dv", options).status().code(), ErrorCode::kInvalidArgument);
    EXPECT_EQ(
        PlanOf("pk_table_scan_and_read_dv", Where({{"nope", PredicateOp::kEqual, Value::Int(1)}})).status().code(),
        ErrorCode::kInvalidArgument);
}

TEST(ReadTableScan, EmptyProjectionCountsRows) {
    ScanOptions options;
    options.projection.emplace();
    io::PosixFileSystem fs;
    for (const char* table : {"append_complex_data", "pk_table_scan_and_read_dv", "pk_table_with_mor"}) {
        auto plan = TableScan(&fs, PaimonTable(table), options).Plan();
        ASSERT_TRUE(plan.ok()) << plan.status().ToString();
        size_t rows = 0;
        for (const Split& split : plan->splits) {
            auto reader = SplitReader::Make(&fs, split);
            ASSERT_TRUE(reader.ok()) << reader.status().ToString();
            Chunk chunk;
            while ((*reader)->Next(&chunk).ValueOr(false)) {
                EXPECT_EQ(chunk.num_columns(), 0u);
                rows += chunk.num_rows();
            }
        }
        EXPECT_EQ(rows, ScanRows(PaimonTable(table))->size()) << table;
    }
}

TEST(ReadTableScan, PartitionPruning) {
    auto plan = PlanOf("pk_table_scan_and_read_dv", Where({{"f1", PredicateOp::kEqual, Value::Int(20)}}));
    ASSERT_TRUE(plan.ok());
    ASSERT_EQ(plan->splits.size(), 1u);
    EXPECT_EQ(plan->splits[0].partition_values[0].GetInt64(), 20);
    EXPECT_EQ(plan->pruned_buckets, 2);
    // A BIGINT literal converts exactly; 10.5 does not and prunes nothing.
    plan = PlanOf("pk_table_scan_and_read_dv", Where({{"f1", PredicateOp::kGreater, Value::BigInt(15)}}));
    EXPECT_EQ(plan->splits.size(), 1u);
    plan = PlanOf("pk_table_scan_and_read_dv", Where({{"f1", PredicateOp::kEqual, Value::Double(10.5)}}));
    EXPECT_EQ(plan->splits.size(), 3u);
    // NULL partition values only match IS NULL.
    plan = PlanOf("pk_table_scan_and_read_dv", Where({{"f1", PredicateOp::kIsNull, Value()}}));
    EXPECT_EQ(plan->splits.size(), 0u);
}

TEST(ReadTableScan, FileStatisticsPruning) {
    // append_complex_data at snapshot 2: partition 10 has two files (f3 days 1234..19909 and
    // -?..100); f5 and f3 statistics decide.
    ScanOptions options = AtSnapshot(2);
    options.predicates = {{"f3", PredicateOp::kGreater, Value::Date(19000)}};
    auto plan = PlanOf("append_complex_data", options);
    ASSERT_TRUE(plan.ok());
    EXPECT_GT(plan->pruned_files, 0);
    // Whatever survives pruning still holds the matching row (the engine filters the rest).
    io::PosixFileSystem fs;
    auto rows = ReadPlanRows(&fs, *plan);
    ASSERT_TRUE(rows.ok());
    EXPECT_NE(std::find(rows->begin(), rows->end(), "10, 1, 2024-07-05, 2033-05-18 03:33:20.000001, 12.30000, cat"),
              rows->end());
    // Nothing can match: every file is pruned.
    options.predicates = {{"f2", PredicateOp::kGreater, Value::Int(100)}};
    plan = PlanOf("append_complex_data", options);
    EXPECT_TRUE(plan->splits.empty());
    // Primary-key tables: key predicates prune files; a value predicate no file can match
    // drops the bucket.
    plan = PlanOf("pk_table_scan_and_read_dv", Where({{"f0", PredicateOp::kEqual, Value::Varchar("Zed")}}));
    EXPECT_TRUE(plan->splits.empty());
    plan = PlanOf("pk_table_scan_and_read_dv", Where({{"f3", PredicateOp::kGreater, Value::Double(1000)}}));
    EXPECT_TRUE(plan->splits.empty());
    rows = ScanRows(PaimonTable("pk_table_scan_and_read_dv"),
                    Where({{"f0", PredicateOp::kEqual, Value::Varchar("Alice")}}));
    ASSERT_TRUE(rows.ok());
    EXPECT_NE(std::find(rows->begin(), rows->end(), "Alice, 10, 1, 19.1"), rows->end());
}

TEST(ReadTableScan, IncrementalPrimaryKeyDeltas) {
    // The rows each APPEND snapshot committed, with their row kinds; COMPACT snapshots add none.
    ScanOptions options;
    options.incremental_between = {{4, 6}};
    options.projection = {"f0", "f3"};
    auto plan = PlanOf("pk_table_scan_and_read_dv", options);
    ASSERT_TRUE(plan.ok()) << plan.status().ToString();
    EXPECT_EQ(plan->snapshot->id, 6);
    io::PosixFileSystem fs;
    auto rows = ReadPlanRows(&fs, *plan);
    ASSERT_TRUE(rows.ok()) << rows.status().ToString();
    // Splits come in commit order.
    ASSERT_EQ(rows->size(), 6u);
    EXPECT_EQ(Sorted(Rows(rows->begin(), rows->begin() + 3)),
              Sorted({"+I Skye, 21", "+I Marco, 21.1", "+U Alex, 21.2"}));
    EXPECT_EQ(Sorted(Rows(rows->begin() + 3, rows->end())),
              Sorted({"+I Skye2, 31", "+I Marco2, 31.1", "-D Alex, 31.2"}));
    options.incremental_between = {{1, 4}};
    rows = ScanRows(PaimonTable("pk_table_scan_and_read_dv"), options);
    ASSERT_TRUE(rows.ok());
    EXPECT_EQ(*rows, Sorted({"-D Tony, 14.1", "+U Alice, 19.1"}));
    options.incremental_between = {{0, 6}};
    rows = ScanRows(PaimonTable("pk_table_scan_and_read_dv"), options);
    ASSERT_TRUE(rows.ok());
    EXPECT_EQ(rows->size(), 17u);
    options.incremental_between = {{1, 2}};  // a COMPACT snapshot only
    rows = ScanRows(PaimonTable("pk_table_scan_and_read_dv"), options);
    ASSERT_TRUE(rows.ok());
    EXPECT_TRUE(rows->empty());
    options.incremental_between = {{5, 4}};
    EXPECT_EQ(PlanOf("pk_table_scan_and_read_dv", options).status().code(), ErrorCode::kInvalidArgument);
}

TEST(ReadTableScan, IncrementalAppendAndPruning) {
    ScanOptions options;
    options.incremental_between = {{2, 4}};
    auto rows = ScanRows(PaimonTable("append_complex_data"), options);
    ASSERT_TRUE(rows.ok()) << rows.status().ToString();
    EXPECT_EQ(*rows, (Rows{"+I 10, 1, 2024-10-10, 2024-10-10 10:10:10.100100, 1728551410100.10010, NULL"}));
    options.incremental_between = {{0, 2}};
    options.predicates = {{"f1", PredicateOp::kEqual, Value::Int(20)}};
    rows = ScanRows(PaimonTable("append_complex_data"), options);
    ASSERT_TRUE(rows.ok());
    EXPECT_EQ(*rows, Sorted({"+I 20, 1, 1966-08-16, 1899-01-01 00:59:20.001001, -123456789987654321.45678, bad",
                             "+I 20, 0, 1969-09-23, NULL, 0.00000, get"}));
    // Schema evolution applies to incremental reads too (latest schema).
    ScanOptions evolved;
    evolved.incremental_between = {{1, 2}};
    rows = ScanRows(PaimonTable("append_table_with_alter_table"), evolved);
    ASSERT_TRUE(rows.ok());
    EXPECT_EQ(rows->size(), 5u);
    EXPECT_EQ(rows->front(), "+I 0, 1, 66, 63, 517, 65, 618");
}

TEST(ReadTableScan, SplitsReadInParallelGiveTheSameRows) {
    io::PosixFileSystem fs;
    for (const char* table : {"pk_table_with_mor", "pk_table_scan_and_read_dv", "append_complex_data",
                              "append_table_alter_table_with_cast", "pk_table_with_alter_table"}) {
        auto plan = TableScan(&fs, PaimonTable(table), {}).Plan();
        ASSERT_TRUE(plan.ok());
        std::vector<std::vector<std::string>> per_split(plan->splits.size());
        std::vector<Status> statuses(plan->splits.size());
        std::vector<std::thread> threads;
        for (size_t i = 0; i < plan->splits.size(); ++i) {
            threads.emplace_back([&, i] {
                auto reader = SplitReader::Make(&fs, plan->splits[i]);
                if (!reader.ok()) {
                    statuses[i] = reader.status();
                    return;
                }
                Chunk chunk;
                while (true) {
                    auto more = (*reader)->Next(&chunk);
                    if (!more.ok()) {
                        statuses[i] = more.status();
                        return;
                    }
                    if (!*more) return;
                    for (size_t r = 0; r < chunk.num_rows(); ++r)
                        per_split[i].push_back(testing::RowText(chunk, r, false));
                }
            });
        }
        for (auto& thread : threads) thread.join();
        std::vector<std::string> all;
        for (size_t i = 0; i < per_split.size(); ++i) {
            ASSERT_TRUE(statuses[i].ok()) << statuses[i].ToString();
            all.insert(all.end(), per_split[i].begin(), per_split[i].end());
        }
        EXPECT_EQ(Sorted(all), *ScanRows(PaimonTable(table))) << table;
    }
}

TEST(ReadTableScan, EmptyTable) {
    // A table directory with a schema and no snapshot plans no splits.
    io::MemoryFileSystem fs;
    ASSERT_TRUE(fs.CreateDirectories("/t/schema").ok());
    std::string schema = R"({"version": 3, "id": 0, "fields": [{"id": 0, "name": "a", "type": "INT"}],
        "highestFieldId": 0, "partitionKeys": [], "primaryKeys": [], "options": {}, "timeMillis": 1})";
    ASSERT_TRUE(fs.WriteFile("/t/schema/schema-0", schema).ok());
    auto plan = TableScan(&fs, "/t", {}).Plan();
    ASSERT_TRUE(plan.ok()) << plan.status().ToString();
    EXPECT_FALSE(plan->snapshot.has_value());
    EXPECT_TRUE(plan->splits.empty());
    EXPECT_EQ(plan->context->projection.size(), 1u);
    EXPECT_EQ(TableScan(&fs, "/missing", {}).Plan().status().code(), ErrorCode::kNotFound);
}

TEST(ReadScanPredicate, StatisticsAndLiterals) {
    ColumnStats stats{Value::Int(10), Value::Int(20), 0, 100};
    auto may = [&](PredicateOp op, Value v) { return PredicateMayMatch({"c", op, std::move(v)}, stats); };
    EXPECT_TRUE(may(PredicateOp::kEqual, Value::Int(10)));
    EXPECT_FALSE(may(PredicateOp::kEqual, Value::Int(21)));
    EXPECT_FALSE(may(PredicateOp::kLess, Value::Int(10)));
    EXPECT_TRUE(may(PredicateOp::kLessEqual, Value::Int(10)));
    EXPECT_FALSE(may(PredicateOp::kGreater, Value::Int(20)));
    EXPECT_TRUE(may(PredicateOp::kGreaterEqual, Value::Int(20)));
    EXPECT_TRUE(may(PredicateOp::kNotEqual, Value::Int(10)));
    EXPECT_FALSE(may(PredicateOp::kIsNull, Value()));
    EXPECT_TRUE(may(PredicateOp::kIsNotNull, Value()));
    ColumnStats point{Value::Int(7), Value::Int(7), 0, 5};
    EXPECT_FALSE(PredicateMayMatch({"c", PredicateOp::kNotEqual, Value::Int(7)}, point));
    ColumnStats all_null{std::nullopt, std::nullopt, 5, 5};
    EXPECT_FALSE(PredicateMayMatch({"c", PredicateOp::kEqual, Value::Int(7)}, all_null));
    EXPECT_TRUE(PredicateMayMatch({"c", PredicateOp::kIsNull, Value()}, all_null));
    ColumnStats unknown;
    unknown.row_count = 5;
    EXPECT_TRUE(PredicateMayMatch({"c", PredicateOp::kEqual, Value::Int(7)}, unknown));

    EXPECT_EQ(CoerceLiteral(Value::BigInt(5), LogicalType::Int())->ToString(), "5");
    EXPECT_FALSE(CoerceLiteral(Value::Double(2.5), LogicalType::Int()).has_value());
    EXPECT_FALSE(CoerceLiteral(Value::BigInt(int64_t{1} << 40), LogicalType::Int()).has_value());
    EXPECT_EQ(CoerceLiteral(Value::Varchar("2024-01-05"), LogicalType::Date())->ToString(), "2024-01-05");
    EXPECT_TRUE(PredicateMatches({"c", PredicateOp::kIsNull, Value()}, Value::Null(LogicalType::Int())));
    EXPECT_FALSE(PredicateMatches({"c", PredicateOp::kNotEqual, Value::Int(1)}, Value::Null(LogicalType::Int())));
}

}  // namespace
}  // namespace flashlake::lake
