// The whole life of a table on the local disk: creation, schema change, loads with labels,
// compaction, INSERT OVERWRITE, partition expiration, snapshot expiration and orphan removal,
// checked through fresh readers after every step.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <random>

#include "commit_test_util.h"
#include "io/posix_file_system.h"
#include "lake/commit/schema_evolution.h"
#include "lake/commit/table_commit.h"
#include "lake/maintenance/orphan_files_cleaner.h"
#include "lake/maintenance/partition_expiration.h"
#include "lake/maintenance/snapshot_expiration.h"

namespace flashlake::lake {
namespace {

using testing::DataFile;
using testing::ExpectReadable;
using testing::LiveFiles;
using testing::Message;
using testing::UniqueFileName;

TEST(CommitPosixEndToEndTest, TableLifecycle) {
    std::filesystem::path root =
        std::filesystem::temp_directory_path() /
        ("flashlake-e2e-" + std::to_string(::getpid()) + "-" + std::to_string(std::random_device{}()));
    struct Cleanup {
        std::filesystem::path path;
        ~Cleanup() {
            std::error_code ignored;
            std::filesystem::remove_all(path, ignored);
        }
    } cleanup{root};
    io::PosixFileSystem fs;
    std::string warehouse = root.string() + "/warehouse";

    auto table = CreateTable(&fs, warehouse, "shop", "orders", testing::PrimaryKeySchema());
    ASSERT_TRUE(table.ok()) << table.status().ToString();
    EXPECT_TRUE(std::filesystem::is_regular_file(*table + "/schema/schema-0"));
    ASSERT_TRUE(AlterTable(&fs, *table, {SchemaChange::AddColumn("note", DataType::String())}).ok());

    // Loads into three days, two buckets each, with labels.
    TableCommit commit(&fs, *table);
    std::map<std::string, std::vector<DataFileMeta>> bucket0;
    int64_t rows = 0;
    for (int i = 0; i < 6; ++i) {
        std::string day = "2024-01-0" + std::to_string(1 + i % 3);
        DataFileMeta a = DataFile(UniqueFileName(day), 10 + i, 0, 0, 100, true);
        DataFileMeta b = DataFile(UniqueFileName(day), 20 + i, 0, 0, 100, true);
        a.schema_id = 1;
        bucket0[day].push_back(a);
        rows += a.row_count + b.row_count;
        CommitRequest request;
        request.commit_user = "stream-load";
        request.commit_identifier = i + 1;
        request.labels = {"label-" + std::to_string(i + 1)};
        request.messages = {Message(day, 0, 2, {a}), Message(day, 1, 2, {b})};
        testing::WriteDataFiles(&fs, *table, request.messages);
        auto result = commit.Commit(request);
        ASSERT_TRUE(result.ok()) << result.status().ToString();
        EXPECT_EQ(result->snapshot_id, i + 1);
    }
    EXPECT_EQ(std::filesystem::file_size(*table + "/snapshot/LATEST"), 1u);
    EXPECT_EQ(*FindLabelSnapshot(&fs, *table, "label-4"), 4);
    EXPECT_EQ(ExpectReadable(&fs, *table, 6), 12u);

    // A retried load is not applied twice; a reused label is refused.
    CommitRequest retry;
    retry.commit_user = "stream-load";
    retry.commit_identifier = 6;
    retry.labels = {"label-6"};
    auto again = TableCommit(&fs, *table).Commit(retry);
    ASSERT_TRUE(again.ok());
    EXPECT_TRUE(again->already_committed);
    retry.commit_identifier = 7;
    EXPECT_EQ(TableCommit(&fs, *table).Commit(retry).status().code(), ErrorCode::kLabelAlreadyExists);

    // Compact bucket 0 of 2024-01-01.
    int64_t compacted_rows = 0;
    for (const DataFileMeta& file : bucket0["2024-01-01"]) compacted_rows += file.row_count;
    DataFileMeta merged = DataFile(UniqueFileName("merged"), compacted_rows, 5, 0, 100, true);
    std::vector<CommitMessage> compact = {Message("2024-01-01", 0, 2, {merged}, bucket0["2024-01-01"])};
    testing::WriteDataFiles(&fs, *table, compact);
    ASSERT_TRUE(commit.Commit("compactor", 1, compact, CommitKind::kCompact).ok());
    EXPECT_EQ(ExpectReadable(&fs, *table, 7), 11u);

    // INSERT OVERWRITE of 2024-01-02.
    DataFileMeta replacement = DataFile(UniqueFileName("ow"), 3, 0, 0, 100, true);
    std::vector<CommitMessage> overwrite = {Message("2024-01-02", 0, 2, {replacement})};
    testing::WriteDataFiles(&fs, *table, overwrite);
    ASSERT_TRUE(commit.Overwrite("sql", 1, overwrite, std::vector<BinaryRow>{testing::Partition("2024-01-02")}).ok());
    EXPECT_EQ(ExpectReadable(&fs, *table, 8), 8u);

    // Expire 2024-01-01 (older than 4 days on 2024-01-06).
    PartitionExpireOptions partitions;
    partitions.expiration_time_ms = 4 * 86400000LL;
    partitions.now_millis = 1704499200000;  // 2024-01-06 00:00 UTC
    auto expired = ExpirePartitions(&fs, *table, partitions, &commit);
    ASSERT_TRUE(expired.ok()) << expired.status().ToString();
    EXPECT_EQ(expired->expired, (std::vector<std::string>{"dt=2024-01-01"}));
    EXPECT_EQ(ExpectReadable(&fs, *table, 9), 5u);

    // Keep only the last snapshot; then nothing is orphaned, and the disk holds exactly the
    // live data files.
    SnapshotExpireOptions expire;
    expire.retain_min = 1;
    expire.time_retained_ms = 0;
    expire.now_millis = WallClockMillis() + 86400000;
    auto result = ExpireSnapshots(&fs, *table, expire);
    ASSERT_TRUE(result.ok()) << result.status().ToString();
    EXPECT_EQ(result->expired_snapshots, 8);
    OrphanFilesOptions orphans;
    orphans.now_millis = WallClockMillis() + 2 * 86400000LL;
    auto removed = RemoveOrphanFiles(&fs, *table, orphans);
    ASSERT_TRUE(removed.ok()) << removed.status().ToString();
    EXPECT_TRUE(removed->orphans.empty());
    std::vector<std::string> on_disk;
    for (const auto& entry : std::filesystem::recursive_directory_iterator(*table)) {
        std::string name = entry.path().filename().string();
        if (entry.is_regular_file() && entry.path().parent_path().filename().string().rfind("bucket-", 0) == 0) {
            on_disk.push_back(name);
        }
    }
    std::sort(on_disk.begin(), on_disk.end());
    EXPECT_EQ(on_disk, LiveFiles(&fs, *table, 9));
    EXPECT_EQ(testing::UnreferencedMetadata(&fs, *table), std::vector<std::string>{});
    auto latest = SnapshotManager(&fs, *table).Read(9);
    ASSERT_TRUE(latest.ok());
    EXPECT_EQ(latest->schema_id, 1);
    EXPECT_EQ(*SnapshotManager(&fs, *table).EarliestId(), 9);
    // Rows: everything loaded, minus 2024-01-01 and the overwritten 2024-01-02, plus its replacement.
    int64_t expected_rows = rows + 3;
    for (int i = 0; i < 6; ++i) {
        if (i % 3 != 2) expected_rows -= (10 + i) + (20 + i);
    }
    EXPECT_EQ(latest->total_record_count, expected_rows);
}

}  // namespace
}  // namespace flashlake::lake
