// Partition times from partition values (Paimon's PartitionTimeExtractor) and partition
// expiration as an OVERWRITE commit, with snapshot expiration removing the files afterwards.
#include <gtest/gtest.h>

#include "commit_test_util.h"
#include "io/memory_file_system.h"
#include "lake/commit/table_commit.h"
#include "lake/maintenance/partition_expiration.h"
#include "lake/maintenance/partition_time_extractor.h"
#include "lake/maintenance/snapshot_expiration.h"
#include "types/date_time.h"

namespace flashlake::lake {
namespace {

using testing::DataFile;
using testing::ExpectReadable;
using testing::Message;
using testing::UniqueFileName;

int64_t At(int y, int m, int d, int h = 0, int min = 0, int s = 0) {
    return date_time::DateToDateTime(date_time::DaysFromCivil(y, m, d)) + h * date_time::kMicrosPerHour +
           min * date_time::kMicrosPerMinute + s * date_time::kMicrosPerSecond;
}

TEST(MaintenancePartitionTimeTest, DefaultFormat) {
    EXPECT_EQ(*ParseDefaultPartitionTime("2024-01-05"), At(2024, 1, 5));
    EXPECT_EQ(*ParseDefaultPartitionTime("2024-1-5"), At(2024, 1, 5));
    EXPECT_EQ(*ParseDefaultPartitionTime("2024-01-05 10:20:30"), At(2024, 1, 5, 10, 20, 30));
    EXPECT_EQ(*ParseDefaultPartitionTime("2024-01-05 10:20:30.5"), At(2024, 1, 5, 10, 20, 30) + 500000);
    for (const char* bad : {"20240105", "2024-13-01", "2024-02-30", "2024-01-05 25:00:00", "2024-01-05x", "", "abc"}) {
        EXPECT_EQ(ParseDefaultPartitionTime(bad).status().code(), ErrorCode::kInvalidArgument) << bad;
    }
}

TEST(MaintenancePartitionTimeTest, JavaPatterns) {
    EXPECT_EQ(*ParseWithJavaPattern("20240105", "yyyyMMdd"), At(2024, 1, 5));
    EXPECT_EQ(*ParseWithJavaPattern("2024/01/05 07", "yyyy/MM/dd HH"), At(2024, 1, 5, 7));
    EXPECT_EQ(*ParseWithJavaPattern("2024010507", "yyyyMMddHH"), At(2024, 1, 5, 7));
    EXPECT_EQ(*ParseWithJavaPattern("2024-01-05T07:08:09", "yyyy-MM-dd'T'HH:mm:ss"), At(2024, 1, 5, 7, 8, 9));
    EXPECT_EQ(*ParseWithJavaPattern("24-1-5", "yy-M-d"), At(2024, 1, 5));
    EXPECT_EQ(*ParseWithJavaPattern("2024-01-05 07:08:09.123", "yyyy-MM-dd HH:mm:ss.SSS"),
              At(2024, 1, 5, 7, 8, 9) + 123000);
    EXPECT_FALSE(ParseWithJavaPattern("2024-01-05", "yyyyMMdd").ok());
    EXPECT_FALSE(ParseWithJavaPattern("20240105", "yyyyMMddHH").ok());
    EXPECT_EQ(ParseWithJavaPattern("Jan 2024", "MMM yyyy").status().code(), ErrorCode::kNotSupported);
    EXPECT_EQ(ParseWithJavaPattern("2024 AD", "yyyy G").status().code(), ErrorCode::kNotSupported);
}

TEST(MaintenancePartitionTimeTest, Extractor) {
    PartitionTimeExtractor plain(std::nullopt, std::nullopt);
    EXPECT_EQ(*plain.Extract({"dt"}, {Value::Varchar("2024-01-05")}), At(2024, 1, 5));
    EXPECT_EQ(*plain.Extract({"dt"}, {Value::Date(date_time::DaysFromCivil(2024, 1, 5))}), At(2024, 1, 5));
    EXPECT_EQ(*plain.Extract({"ts"}, {Value::DateTime(At(2024, 1, 5, 3))}), At(2024, 1, 5, 3));
    EXPECT_FALSE(plain.Extract({"dt"}, {Value::Varchar("default")}).ok());
    EXPECT_FALSE(plain.Extract({"dt"}, {Value::Null(LogicalType::Varchar())}).ok());

    PartitionTimeExtractor formatted(std::nullopt, "yyyyMMdd");
    EXPECT_EQ(*formatted.Extract({"dt"}, {Value::Varchar("20240105")}), At(2024, 1, 5));
    EXPECT_EQ(*formatted.Extract({"dt"}, {Value::Int(20240105)}), At(2024, 1, 5));

    PartitionTimeExtractor pattern("$dt $hour:00:00", std::nullopt);
    EXPECT_EQ(*pattern.Extract({"dt", "hour"}, {Value::Varchar("2024-01-05"), Value::Varchar("07")}),
              At(2024, 1, 5, 7));
    EXPECT_EQ(*pattern.Extract({"dt", "hour"}, {Value::Date(date_time::DaysFromCivil(2024, 1, 5)), Value::Int(7)}),
              At(2024, 1, 5, 7));
    // A key that is a prefix of another does not eat it.
    PartitionTimeExtractor prefix("$dt $dt_hour:00:00", std::nullopt);
    EXPECT_EQ(*prefix.Extract({"dt", "dt_hour"}, {Value::Varchar("2024-01-05"), Value::Varchar("9")}),
              At(2024, 1, 5, 9));
}

class MaintenancePartitionExpirationTest : public ::testing::Test {
protected:
    void Create(TableSchema schema) {
        auto path = CreateTable(&fs_, testing::kWarehouse, "db", "t" + std::to_string(tables_++), std::move(schema));
        ASSERT_TRUE(path.ok()) << path.status().ToString();
        table_ = *path;
        commit_ = std::make_unique<TableCommit>(&fs_, table_);
    }

    void Load(const std::vector<std::string>& days) {
        std::vector<CommitMessage> messages;
        for (const std::string& day : days)
            messages.push_back(Message(day, 0, -1, {DataFile(UniqueFileName(day), 10)}));
        testing::WriteDataFiles(&fs_, table_, messages);
        ASSERT_TRUE(commit_->Commit("loader", next_id_++, messages).ok());
    }

    PartitionExpireOptions Options(int64_t days) {
        PartitionExpireOptions options;
        options.expiration_time_ms = days * 86400000;
        options.now_millis = At(2024, 1, 6) / 1000;  // 2024-01-06 00:00 UTC
        return options;
    }

    io::MemoryFileSystem fs_;
    std::string table_;
    std::unique_ptr<TableCommit> commit_;
    int64_t next_id_ = 1;
    int tables_ = 0;
};

TEST_F(MaintenancePartitionExpirationTest, DropsPartitionsOlderThanTheExpirationTime) {
    Create(testing::AppendSchema());
    Load({"2024-01-01", "2024-01-02", "2024-01-03"});
    Load({"2024-01-04", "2024-01-05", "not-a-date"});
    auto result = ExpirePartitions(&fs_, table_, Options(2), commit_.get());
    ASSERT_TRUE(result.ok()) << result.status().ToString();
    EXPECT_EQ(result->expired, (std::vector<std::string>{"dt=2024-01-01", "dt=2024-01-02", "dt=2024-01-03"}));
    EXPECT_EQ(result->unparsable, (std::vector<std::string>{"dt=not-a-date"}));
    ASSERT_TRUE(result->snapshot_id);
    auto snapshot = SnapshotManager(&fs_, table_).Read(*result->snapshot_id);
    EXPECT_EQ(snapshot->commit_kind, CommitKind::kOverwrite);
    EXPECT_EQ(snapshot->total_record_count, 30);
    auto files = ReadTableFiles(&fs_, table_, *result->snapshot_id);
    ASSERT_TRUE(files.ok());
    std::vector<std::string> partitions;
    for (const BucketFiles& bucket : files->buckets) partitions.push_back(bucket.partition_path);
    EXPECT_EQ(partitions.size(), 3u);
    // Nothing more is old enough.
    auto again = ExpirePartitions(&fs_, table_, Options(2), commit_.get());
    ASSERT_TRUE(again.ok());
    EXPECT_TRUE(again->expired.empty());
    EXPECT_FALSE(again->snapshot_id);

    // The files leave the disk with the snapshots that held them.
    std::string gone = table_ + "/dt=2024-01-01/bucket-0";
    EXPECT_FALSE(fs_.ListDirectory(gone)->empty());
    SnapshotExpireOptions expire;
    expire.retain_min = 1;
    expire.time_retained_ms = 0;
    expire.now_millis = WallClockMillis() + 86400000;
    ASSERT_TRUE(ExpireSnapshots(&fs_, table_, expire).ok());
    EXPECT_TRUE(fs_.ListDirectory(gone)->empty());
    ExpectReadable(&fs_, table_, *result->snapshot_id);
}

TEST_F(MaintenancePartitionExpirationTest, MaxExpiresTakesTheOldestFirst) {
    Create(testing::AppendSchema());
    Load({"2024-01-03", "2024-01-01", "2024-01-02"});
    PartitionExpireOptions options = Options(1);
    options.max_expires = 2;
    auto result = ExpirePartitions(&fs_, table_, options);
    ASSERT_TRUE(result.ok());
    EXPECT_EQ(result->expired, (std::vector<std::string>{"dt=2024-01-01", "dt=2024-01-02"}));
}

TEST_F(MaintenancePartitionExpirationTest, OptionsFromTheSchema) {
    Create(testing::AppendSchema({{"partition.expiration-time", "2 d"},
                                  {"partition.timestamp-formatter", "yyyyMMdd"},
                                  {"partition.expiration-max-num", "5"}}));
    auto schema = SchemaManager(&fs_, table_).Read(0);
    auto options = PartitionExpireOptions::FromSchema(*schema);
    ASSERT_TRUE(options.ok() && options->has_value());
    EXPECT_EQ((*options)->expiration_time_ms, 2 * 86400000LL);
    EXPECT_EQ((*options)->timestamp_formatter, "yyyyMMdd");
    EXPECT_EQ((*options)->max_expires, 5);
    Load({"20240101", "20240105"});
    (*options)->now_millis = At(2024, 1, 6) / 1000;
    auto result = ExpirePartitions(&fs_, table_, **options);
    ASSERT_TRUE(result.ok());
    EXPECT_EQ(result->expired, (std::vector<std::string>{"dt=20240101"}));
    EXPECT_FALSE(PartitionExpireOptions::FromSchema(testing::AppendSchema())->has_value());
    auto bad = PartitionExpireOptions::FromSchema(testing::AppendSchema(
        {{"partition.expiration-time", "1 d"}, {"partition.expiration-strategy", "update-time"}}));
    EXPECT_EQ(bad.status().code(), ErrorCode::kNotSupported);
}

TEST_F(MaintenancePartitionExpirationTest, DatePartitions) {
    TableSchema schema;
    schema.fields = {{0, "id", DataType::BigInt(), std::nullopt}, {1, "day", DataType::Date(), std::nullopt}};
    schema.partition_keys = {"day"};
    Create(schema);
    std::vector<CommitMessage> messages;
    for (int d : {1, 5}) {
        CommitMessage message;
        message.partition = *EncodeBinaryRow({Value::Date(date_time::DaysFromCivil(2024, 1, d))},
                                             std::vector<DataType>{DataType::Date()});
        message.bucket = 0;
        message.total_buckets = -1;
        message.new_files = {DataFile(UniqueFileName("day"), 4)};
        messages.push_back(message);
    }
    testing::WriteDataFiles(&fs_, table_, messages);
    ASSERT_TRUE(commit_->Commit("loader", 1, messages).ok());
    auto result = ExpirePartitions(&fs_, table_, Options(2));
    ASSERT_TRUE(result.ok()) << result.status().ToString();
    ASSERT_EQ(result->expired.size(), 1u);
    EXPECT_EQ(result->expired[0], "day=" + std::to_string(date_time::DaysFromCivil(2024, 1, 1)));  // legacy names
}

TEST_F(MaintenancePartitionExpirationTest, UnpartitionedAndEmptyTables) {
    TableSchema schema = testing::AppendSchema();
    schema.partition_keys.clear();
    Create(schema);
    auto result = ExpirePartitions(&fs_, table_, Options(1));
    ASSERT_TRUE(result.ok());
    EXPECT_TRUE(result->expired.empty());
    Create(testing::AppendSchema());
    result = ExpirePartitions(&fs_, table_, Options(1));
    ASSERT_TRUE(result.ok());
    EXPECT_FALSE(result->snapshot_id);
}

}  // namespace
}  // namespace flashlake::lake
