// Stats modes and Paimon's string truncation of min/max statistics.
#include <gtest/gtest.h>

#include "lake/write/file_stats.h"
#include "write_test_util.h"

namespace flashlake::lake {
namespace {

TEST(WriteFileStatsTest, ParsesStatsModes) {
    EXPECT_EQ(StatsMode::Parse("NONE")->kind, StatsMode::Kind::kNone);
    EXPECT_EQ(StatsMode::Parse("counts")->kind, StatsMode::Kind::kCounts);
    EXPECT_EQ(StatsMode::Parse("Full")->kind, StatsMode::Kind::kFull);
    auto truncate = StatsMode::Parse("truncate(32)");
    ASSERT_TRUE(truncate.ok());
    EXPECT_EQ(truncate->kind, StatsMode::Kind::kTruncate);
    EXPECT_EQ(truncate->truncate_length, 32);
    for (const char* bad : {"truncate(0)", "truncate()", "truncate(x)", "some", ""}) {
        EXPECT_EQ(StatsMode::Parse(bad).status().code(), ErrorCode::kInvalidArgument) << bad;
    }
}

TEST(WriteFileStatsTest, TruncatesByCharacterAndRoundsTheMaxUp) {
    EXPECT_EQ(TruncateMin("short", 16), "short");
    EXPECT_EQ(TruncateMax("short", 16), "short");
    EXPECT_EQ(TruncateMin("abcdefghijklmnopqrstuvwxyz", 16), "abcdefghijklmnop");
    EXPECT_EQ(TruncateMax("abcdefghijklmnopqrstuvwxyz", 16), "abcdefghijklmnoq");
    // Characters, not bytes: "é" is two bytes, "€" three.
    EXPECT_EQ(TruncateMin("éééé", 2), "éé");
    EXPECT_EQ(TruncateMax("éééé", 2), "éê");
    EXPECT_EQ(TruncateMax("€€x", 2), "€₭");
    // The last character cannot be incremented past U+10FFFF: the one before it is.
    EXPECT_EQ(TruncateMax("a\xF4\x8F\xBF\xBFzz", 2), "b");
    EXPECT_EQ(TruncateMax("\xF4\x8F\xBF\xBF\xF4\x8F\xBF\xBFz", 2), std::nullopt);
}

TEST(WriteFileStatsTest, SimpleStatsPerModeAndType) {
    std::vector<DataField> fields = {{0, "s", DataType::String(), std::nullopt},
                                     {1, "b", DataType::Bytes(), std::nullopt},
                                     {2, "ts", DataType::Timestamp(9), std::nullopt},
                                     {3, "i", DataType::Int(), std::nullopt},
                                     {4, "c", DataType::Int(), std::nullopt}};
    std::vector<FileColumnStats> columns(5);
    columns[0] = {Value::Varchar("aaaaaaaaaaaaaaaaaaaa"), Value::Varchar("zzzzzzzzzzzzzzzzzzzz"), 1, true, true};
    columns[1] = {Value::Binary(LogicalType::Varbinary(), "a"), Value::Binary(LogicalType::Varbinary(), "b"), 2};
    columns[2] = {Value::DateTime(1), Value::DateTime(2), 3};
    columns[3] = {Value::Int(-5), Value::Int(5), 0};
    columns[4] = {Value::Int(-5), Value::Int(5), 4};
    std::vector<StatsMode> modes(5);
    modes[4] = *StatsMode::Parse("counts");
    auto stats = ToSimpleStats(columns, fields, modes);
    ASSERT_TRUE(stats.ok()) << stats.status().ToString();
    std::vector<DataType> types = testing::FieldTypes(fields);
    testing::Row mins = testing::Decode(stats->min_values, types);
    testing::Row maxs = testing::Decode(stats->max_values, types);
    EXPECT_EQ(mins[0].ToString(), std::string(16, 'a'));
    EXPECT_EQ(maxs[0].ToString(), std::string(15, 'z') + "{");
    EXPECT_TRUE(mins[1].is_null());  // no min/max for binaries
    EXPECT_TRUE(mins[2].is_null());  // nor for nanosecond timestamps
    EXPECT_EQ(mins[3].GetInt64(), -5);
    EXPECT_TRUE(maxs[4].is_null());  // counts only
    EXPECT_EQ(*stats->null_counts, (std::vector<std::optional<int64_t>>{1, 2, 3, 0, 4}));
}

}  // namespace
}  // namespace flashlake::lake
