// Generated partition columns (PARTITION BY date_trunc): truncation per unit, the table option,
// the writer filling the column from its source, the pruning conditions derived from conditions
// on the source, and partition expiration keyed off the generated column.
#include "lake/generated_partition.h"

#include <gtest/gtest.h>

#include "io/memory_file_system.h"
#include "lake/commit/table_creation.h"
#include "lake/maintenance/partition_expiration.h"
#include "lake/table_files.h"
#include "lake/write/table_writer.h"
#include "types/date_time.h"
#include "write_test_util.h"

namespace flashlake::lake {
namespace {

using testing::Row;

int32_t Day(int y, int m, int d) {
    return date_time::DaysFromCivil(y, m, d);
}

int64_t At(int y, int m, int d, int h = 0, int min = 0) {
    return date_time::DateToDateTime(Day(y, m, d)) + h * date_time::kMicrosPerHour + min * date_time::kMicrosPerMinute;
}

TEST(GeneratedPartitionTest, TruncatesDatesAndDateTimes) {
    // 2024-05-15 is a Wednesday.
    EXPECT_EQ(TruncateDate(Day(2024, 5, 15), TruncUnit::kDay), Day(2024, 5, 15));
    EXPECT_EQ(TruncateDate(Day(2024, 5, 15), TruncUnit::kWeek), Day(2024, 5, 13));
    EXPECT_EQ(TruncateDate(Day(2024, 5, 13), TruncUnit::kWeek), Day(2024, 5, 13));
    EXPECT_EQ(TruncateDate(Day(2024, 5, 19), TruncUnit::kWeek), Day(2024, 5, 13));
    EXPECT_EQ(TruncateDate(Day(2024, 5, 15), TruncUnit::kMonth), Day(2024, 5, 1));
    EXPECT_EQ(TruncateDate(Day(2024, 5, 15), TruncUnit::kQuarter), Day(2024, 4, 1));
    EXPECT_EQ(TruncateDate(Day(2024, 12, 31), TruncUnit::kQuarter), Day(2024, 10, 1));
    EXPECT_EQ(TruncateDate(Day(2024, 5, 15), TruncUnit::kYear), Day(2024, 1, 1));
    EXPECT_EQ(TruncateDateTime(At(2024, 5, 15, 13, 45) + 7, TruncUnit::kHour), At(2024, 5, 15, 13));
    EXPECT_EQ(TruncateDateTime(At(2024, 5, 15, 13, 45), TruncUnit::kDay), At(2024, 5, 15));
    EXPECT_EQ(TruncateDateTime(At(2024, 5, 15, 13, 45), TruncUnit::kMonth), At(2024, 5, 1));
    // Before 1970 the truncation still goes down, not toward zero.
    EXPECT_EQ(TruncateDateTime(At(1969, 12, 31, 23, 30), TruncUnit::kHour), At(1969, 12, 31, 23));
    EXPECT_EQ(TruncateDateTime(At(1969, 12, 31, 23, 30), TruncUnit::kDay), At(1969, 12, 31));
}

TEST(GeneratedPartitionTest, UnitsAndNames) {
    EXPECT_EQ(ParseTruncUnit("DAY"), TruncUnit::kDay);
    EXPECT_EQ(ParseTruncUnit("quarter"), TruncUnit::kQuarter);
    EXPECT_FALSE(ParseTruncUnit("minute"));
    EXPECT_FALSE(ParseTruncUnit("days"));
    EXPECT_EQ(GeneratedPartitionColumnName(TruncUnit::kMonth, "Order_Date"), "__partition_month_order_date");
    GeneratedPartition partition{"__partition_day_ts", TruncUnit::kDay, "ts", LogicalType::DateTime()};
    EXPECT_EQ(partition.ToSql(), "date_trunc('day', `ts`)");
    auto option = GeneratedPartitionOption(partition);
    EXPECT_EQ(option.first, "flashlake.partition-expr.__partition_day_ts");
    EXPECT_EQ(option.second, "date_trunc('day', `ts`)");
}

// region STRING, ts TIMESTAMP, v INT, __partition_day_ts TIMESTAMP; partitioned by (region, day).
TableSchema EventsSchema(Options extra = {}) {
    TableSchema schema;
    schema.fields = {{0, "region", DataType::String(), std::nullopt},
                     {1, "ts", DataType::Timestamp(6), std::nullopt},
                     {2, "v", DataType::Int(), std::nullopt},
                     {3, "__partition_day_ts", DataType::Timestamp(6), std::nullopt}};
    schema.highest_field_id = 3;
    schema.partition_keys = {"region", "__partition_day_ts"};
    schema.options = {{"bucket", "-1"},
                      {"partition.legacy-name", "false"},
                      {"flashlake.partition-expr.__partition_day_ts", "date_trunc('day', `ts`)"}};
    for (auto& option : extra) schema.options.push_back(std::move(option));
    return schema;
}

TEST(GeneratedPartitionTest, ReadsTheTableOption) {
    auto partitions = GeneratedPartitions(EventsSchema());
    ASSERT_TRUE(partitions.ok()) << partitions.status().ToString();
    ASSERT_EQ(partitions->size(), 1u);
    EXPECT_EQ((*partitions)[0].column, "__partition_day_ts");
    EXPECT_EQ((*partitions)[0].source, "ts");
    EXPECT_EQ((*partitions)[0].unit, TruncUnit::kDay);
    EXPECT_EQ((*partitions)[0].type.id(), TypeId::kDateTime);
    EXPECT_NE(FindGeneratedColumn(*partitions, "__partition_day_ts"), nullptr);
    EXPECT_EQ(FindGeneratedColumn(*partitions, "ts"), nullptr);

    TableSchema bad = EventsSchema();
    bad.options.back().second = "date_trunc('day', `v`)";
    EXPECT_EQ(GeneratedPartitions(bad).status().code(), ErrorCode::kInvalidArgument);
    bad.options.back().second = "year(ts)";
    EXPECT_EQ(GeneratedPartitions(bad).status().code(), ErrorCode::kInvalidArgument);
    bad.options.back().second = "date_trunc('day', nope)";
    EXPECT_EQ(GeneratedPartitions(bad).status().code(), ErrorCode::kInvalidArgument);
}

TEST(GeneratedPartitionTest, ComputesTheColumnWithNullsAndConstants) {
    auto flat = Column::FromValues(
        LogicalType::Date(),
        {Value::Date(Day(2024, 5, 15)), Value::Null(LogicalType::Date()), Value::Date(Day(2023, 2, 28))});
    ColumnPtr months = ComputeGeneratedColumn(*flat, 3, TruncUnit::kMonth);
    EXPECT_EQ(months->GetValue(0), Value::Date(Day(2024, 5, 1)));
    EXPECT_TRUE(months->IsNull(1));
    EXPECT_EQ(months->GetValue(2), Value::Date(Day(2023, 2, 1)));
    auto constant = Column::MakeConstant(Value::DateTime(At(2024, 5, 15, 10)), 4);
    ColumnPtr years = ComputeGeneratedColumn(*constant, 4, TruncUnit::kYear);
    EXPECT_EQ(years->size(), 4u);
    EXPECT_EQ(years->GetValue(3), Value::DateTime(At(2024, 1, 1)));
}

TEST(GeneratedPartitionTest, DerivesPruningConditionsFromTheSource) {
    std::vector<GeneratedPartition> partitions = {{"p", TruncUnit::kDay, "ts", LogicalType::DateTime()}};
    auto derive = [&](ScanPredicate predicate) {
        auto derived = DeriveGeneratedPartitionPredicates(partitions, {std::move(predicate)});
        std::string text;
        for (const auto& one : derived) text += (text.empty() ? "" : "; ") + one.ToString();
        return text;
    };
    Value noon = Value::DateTime(At(2024, 5, 2, 12));
    Value midnight = Value::DateTime(At(2024, 5, 2));
    EXPECT_EQ(derive({"ts", PredicateOp::kEqual, noon, {}}), "p = 2024-05-02 00:00:00");
    EXPECT_EQ(derive({"ts", PredicateOp::kGreater, noon, {}}), "p >= 2024-05-02 00:00:00");
    EXPECT_EQ(derive({"ts", PredicateOp::kGreaterEqual, noon, {}}), "p >= 2024-05-02 00:00:00");
    EXPECT_EQ(derive({"ts", PredicateOp::kLessEqual, noon, {}}), "p <= 2024-05-02 00:00:00");
    EXPECT_EQ(derive({"ts", PredicateOp::kLess, noon, {}}), "p <= 2024-05-02 00:00:00");
    // ts < midnight leaves that day out.
    EXPECT_EQ(derive({"ts", PredicateOp::kLess, midnight, {}}), "p < 2024-05-02 00:00:00");
    EXPECT_EQ(derive({"ts", PredicateOp::kNotEqual, noon, {}}), "");
    EXPECT_EQ(derive({"ts", PredicateOp::kIsNull, Value(), {}}), "p IS NULL");
    EXPECT_EQ(derive({"v", PredicateOp::kEqual, noon, {}}), "");
    // IN keeps each day once.
    EXPECT_EQ(derive({"ts", PredicateOp::kIn, Value(), {noon, midnight, Value::DateTime(At(2024, 5, 4, 1))}}),
              "p IN (2024-05-02 00:00:00, 2024-05-04 00:00:00)");
    // A string converts when exact; a value that does not convert implies nothing.
    EXPECT_EQ(derive({"ts", PredicateOp::kGreaterEqual, Value::Varchar("2024-05-02 12:00:00"), {}}),
              "p >= 2024-05-02 00:00:00");
    EXPECT_EQ(derive({"ts", PredicateOp::kEqual, Value::Varchar("soon"), {}}), "");
    EXPECT_EQ(derive({"ts", PredicateOp::kIn, Value(), {noon, Value::Varchar("soon")}}), "");
}

class GeneratedPartitionWriteTest : public ::testing::Test {
protected:
    std::string Create(TableSchema schema) {
        auto path = CreateTable(&fs_, "/wh", "db", "events", std::move(schema));
        EXPECT_TRUE(path.ok()) << path.status().ToString();
        return path.ok() ? *path : "";
    }

    io::MemoryFileSystem fs_;
};

TEST_F(GeneratedPartitionWriteTest, WriterFillsTheColumnFromItsSource) {
    std::string table = Create(EventsSchema());
    auto writer = testing::OpenWriter(&fs_, table);
    ASSERT_TRUE(writer);
    std::vector<LogicalType> types = testing::LogicalTypes(EventsSchema());
    Value null = Value::Null(LogicalType::DateTime());
    // The chunk's generated column is NULL or wrong: the writer ignores what it holds.
    Chunk chunk = testing::MakeChunk(
        types,
        {{Value::Varchar("eu"), Value::DateTime(At(2024, 5, 1, 8)), Value::Int(1), null},
         {Value::Varchar("eu"), Value::DateTime(At(2024, 5, 1, 23)), Value::Int(2), null},
         {Value::Varchar("us"), Value::DateTime(At(2024, 5, 2, 1)), Value::Int(3), Value::DateTime(At(2030, 1, 1))},
         {Value::Varchar("us"), null, Value::Int(4), null}});
    ASSERT_TRUE(writer->Write(chunk).ok());
    int64_t snapshot = testing::CommitWriter(&fs_, table, writer.get());
    ASSERT_GT(snapshot, 0);
    auto files = ReadTableFiles(&fs_, table, snapshot);
    ASSERT_TRUE(files.ok()) << files.status().ToString();
    std::vector<std::string> partitions;
    for (const BucketFiles& bucket : files->buckets) partitions.push_back(bucket.partition_path);
    std::sort(partitions.begin(), partitions.end());
    EXPECT_EQ(partitions, (std::vector<std::string>{"region=eu/__partition_day_ts=2024-05-01 00%3A00%3A00",
                                                    "region=us/__partition_day_ts=2024-05-02 00%3A00%3A00",
                                                    "region=us/__partition_day_ts=__DEFAULT_PARTITION__"}));
    // The stored rows hold the computed values too.
    std::vector<std::string> rows = testing::ScanTable(&fs_, table);
    EXPECT_EQ(rows, (std::vector<std::string>{"eu, 2024-05-01 08:00:00, 1, 2024-05-01 00:00:00",
                                              "eu, 2024-05-01 23:00:00, 2, 2024-05-01 00:00:00",
                                              "us, 2024-05-02 01:00:00, 3, 2024-05-02 00:00:00", "us, NULL, 4, NULL"}));
}

TEST_F(GeneratedPartitionWriteTest, ExpirationUsesTheGeneratedColumn) {
    std::string table = Create(EventsSchema({{"partition.expiration-time", "2 d"}}));
    auto schema = SchemaManager(&fs_, table).Latest();
    ASSERT_TRUE(schema.ok() && schema->has_value());
    auto options = PartitionExpireOptions::FromSchema(**schema);
    ASSERT_TRUE(options.ok() && options->has_value()) << options.status().ToString();
    // The first partition key is region, which holds no time: the generated column does.
    EXPECT_EQ((*options)->timestamp_pattern, "$__partition_day_ts");

    auto writer = testing::OpenWriter(&fs_, table);
    ASSERT_TRUE(writer);
    Value null = Value::Null(LogicalType::DateTime());
    Chunk chunk = testing::MakeChunk(testing::LogicalTypes(**schema),
                                     {{Value::Varchar("eu"), Value::DateTime(At(2024, 1, 1, 8)), Value::Int(1), null},
                                      {Value::Varchar("eu"), Value::DateTime(At(2024, 1, 5, 8)), Value::Int(2), null}});
    ASSERT_TRUE(writer->Write(chunk).ok());
    ASSERT_GT(testing::CommitWriter(&fs_, table, writer.get()), 0);
    (*options)->now_millis = At(2024, 1, 6) / 1000;
    auto result = ExpirePartitions(&fs_, table, **options);
    ASSERT_TRUE(result.ok()) << result.status().ToString();
    EXPECT_EQ(result->expired, (std::vector<std::string>{"region=eu/__partition_day_ts=2024-01-01 00%3A00%3A00"}));
    EXPECT_TRUE(result->unparsable.empty());
}

}  // namespace
}  // namespace flashlake::lake
