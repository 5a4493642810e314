// Orphan file removal: unreferenced old files go, referenced or young files and unknown places
// stay, and a table with a broken reference is left alone.
#include <gtest/gtest.h>

#include "commit_test_util.h"
#include "io/fault_injecting_file_system.h"
#include "io/memory_file_system.h"
#include "lake/commit/table_commit.h"
#include "lake/maintenance/orphan_files_cleaner.h"
#include "lake/maintenance/snapshot_expiration.h"

namespace flashlake::lake {
namespace {

using testing::DataFile;
using testing::ExpectReadable;
using testing::Message;
using testing::UniqueFileName;

constexpr int64_t kDay = 86400 * 1000LL;

class MaintenanceOrphanFilesTest : public ::testing::Test {
protected:
    void SetUp() override {
        auto path = CreateTable(&fs_, testing::kWarehouse, "db", "t", testing::AppendSchema());
        ASSERT_TRUE(path.ok()) << path.status().ToString();
        table_ = *path;
        commit_ = std::make_unique<TableCommit>(&fs_, table_);
        for (int i = 0; i < 3; ++i) {
            std::vector<CommitMessage> messages = {
                Message("2024-01-0" + std::to_string(i + 1), 0, -1, {DataFile(UniqueFileName("d"), 5)})};
            testing::WriteDataFiles(&fs_, table_, messages);
            ASSERT_TRUE(commit_->Commit("w", i + 1, messages).ok());
        }
    }

    void Put(const std::string& relative) {
        std::string path = table_ + "/" + relative;
        ASSERT_TRUE(fs_.CreateDirectories(std::string(io::Dirname(path))).ok());
        ASSERT_TRUE(fs_.WriteFile(path, "stray").ok());
    }

    bool Has(const std::string& relative) { return fs_.Exists(table_ + "/" + relative).ValueOr(false); }

    OrphanFilesResult Remove(int64_t now_offset = 2 * kDay, bool dry_run = false) {
        OrphanFilesOptions options;
        options.now_millis = WallClockMillis() + now_offset;
        options.dry_run = dry_run;
        auto result = RemoveOrphanFiles(&fs_, table_, options);
        EXPECT_TRUE(result.ok()) << result.status().ToString();
        return result.ok() ? *result : OrphanFilesResult{};
    }

    io::MemoryFileSystem fs_;
    std::string table_;
    std::unique_ptr<TableCommit> commit_;
};

TEST_F(MaintenanceOrphanFilesTest, RemovesOldUnreferencedFilesOnly) {
    Put("manifest/manifest-dead-0");
    Put("manifest/.manifest-x.tmp-123");
    Put("dt=2024-01-01/bucket-0/data-dead.parquet");
    Put("dt=2024-01-09/bucket-3/data-dead.parquet");
    Put("index/index-dead-0");
    Put("statistics/stat-dead-0");
    Put("snapshot/.snapshot-9.tmp-abc");
    Put("schema/.schema-1.tmp-abc");
    // Not ours to judge: unknown directories and files, hints, schema and snapshot files.
    Put("README.txt");
    Put("notes/data-x.parquet");
    Put("dt=2024-01-01/other/data-y.parquet");
    OrphanFilesResult result = Remove();
    EXPECT_EQ(result.orphans.size(), 8u);
    EXPECT_EQ(result.snapshots_scanned, 3);
    EXPECT_GT(result.orphan_bytes, 0);
    for (const char* gone :
         {"manifest/manifest-dead-0", "manifest/.manifest-x.tmp-123", "dt=2024-01-01/bucket-0/data-dead.parquet",
          "dt=2024-01-09/bucket-3/data-dead.parquet", "index/index-dead-0", "statistics/stat-dead-0",
          "snapshot/.snapshot-9.tmp-abc", "schema/.schema-1.tmp-abc"}) {
        EXPECT_FALSE(Has(gone)) << gone;
    }
    for (const char* kept : {"README.txt", "notes/data-x.parquet", "dt=2024-01-01/other/data-y.parquet",
                             "snapshot/LATEST", "snapshot/EARLIEST", "snapshot/snapshot-1", "schema/schema-0"}) {
        EXPECT_TRUE(Has(kept)) << kept;
    }
    for (int64_t id = 1; id <= 3; ++id) ExpectReadable(&fs_, table_, id);
    EXPECT_TRUE(Remove().orphans.empty());
}

TEST_F(MaintenanceOrphanFilesTest, YoungFilesAreSpared) {
    Put("manifest/manifest-in-flight-0");
    Put("dt=2024-01-01/bucket-0/data-in-flight.parquet");
    OrphanFilesResult result = Remove(0);  // files just written: younger than a day
    EXPECT_TRUE(result.orphans.empty());
    EXPECT_EQ(result.young_unreferenced, 2);
    EXPECT_TRUE(Has("manifest/manifest-in-flight-0"));
    EXPECT_EQ(Remove(2 * kDay).orphans.size(), 2u);
}

TEST_F(MaintenanceOrphanFilesTest, DryRunDeletesNothing) {
    Put("manifest/manifest-dead-0");
    OrphanFilesResult result = Remove(2 * kDay, true);
    ASSERT_EQ(result.orphans.size(), 1u);
    EXPECT_EQ(result.orphans[0], table_ + "/manifest/manifest-dead-0");
    EXPECT_TRUE(Has("manifest/manifest-dead-0"));
}

TEST_F(MaintenanceOrphanFilesTest, LeftoversOfFailedCommitsAreCollected) {
    // A commit that fails at its last manifest list write leaves (sticky fault) its files.
    io::FaultInjectingFileSystem faulty(&fs_);
    std::vector<CommitMessage> messages = {Message("2024-01-05", 0, -1, {DataFile(UniqueFileName("z"), 5)})};
    testing::WriteDataFiles(&fs_, table_, messages);
    TableCommit commit(&faulty, table_);
    faulty.FailOperation(12, io::FaultKind::kIOError, true);
    EXPECT_FALSE(commit.Commit("w", 10, messages).ok());
    faulty.ClearFaults();
    EXPECT_FALSE(testing::UnreferencedMetadata(&fs_, table_).empty());
    OrphanFilesResult result = Remove();
    EXPECT_FALSE(result.orphans.empty());
    EXPECT_TRUE(testing::UnreferencedMetadata(&fs_, table_).empty());
    ExpectReadable(&fs_, table_, 3);
}

TEST_F(MaintenanceOrphanFilesTest, FilesOfExpiredSnapshotsAfterExpiration) {
    // Compaction replaces the three files; expiration removes them; nothing is orphaned after.
    auto live = ReadTableFiles(&fs_, table_, 3);
    ASSERT_TRUE(live.ok());
    std::vector<CommitMessage> compact;
    for (const BucketFiles& bucket : live->buckets) {
        CommitMessage message;
        message.partition = bucket.partition;
        message.bucket = bucket.bucket;
        message.total_buckets = -1;
        message.deleted_files = bucket.files;
        message.new_files = {DataFile(UniqueFileName("merged"), 5)};
        compact.push_back(message);
    }
    testing::WriteDataFiles(&fs_, table_, compact);
    ASSERT_TRUE(commit_->Commit("w", 4, compact, CommitKind::kCompact).ok());
    SnapshotExpireOptions expire;
    expire.retain_min = 1;
    expire.time_retained_ms = 0;
    expire.now_millis = WallClockMillis() + kDay;
    ASSERT_TRUE(ExpireSnapshots(&fs_, table_, expire).ok());
    EXPECT_TRUE(Remove().orphans.empty());
    EXPECT_EQ(ExpectReadable(&fs_, table_, 4), 3u);
}

TEST_F(MaintenanceOrphanFilesTest, ABrokenReferenceStopsEverything) {
    Put("manifest/manifest-dead-0");
    auto snapshot = SnapshotManager(&fs_, table_).Read(3);
    ASSERT_TRUE(fs_.DeleteFile(table_ + "/manifest/" + snapshot->delta_manifest_list).ok());
    OrphanFilesOptions options;
    options.now_millis = WallClockMillis() + 2 * kDay;
    auto result = RemoveOrphanFiles(&fs_, table_, options);
    EXPECT_EQ(result.status().code(), ErrorCode::kCorruption);
    EXPECT_TRUE(Has("manifest/manifest-dead-0"));
}

TEST_F(MaintenanceOrphanFilesTest, TablesWithBranchesAreRefused) {
    ASSERT_TRUE(fs_.CreateDirectories(table_ + "/branch/branch-dev/schema").ok());
    OrphanFilesOptions options;
    EXPECT_EQ(RemoveOrphanFiles(&fs_, table_, options).status().code(), ErrorCode::kNotSupported);
}

TEST_F(MaintenanceOrphanFilesTest, DataFilePathDirectoryOption) {
    auto path = CreateTable(&fs_, testing::kWarehouse, "db", "p",
                            testing::AppendSchema({{"data-file.path-directory", "data"}}));
    ASSERT_TRUE(path.ok());
    TableCommit commit(&fs_, *path);
    std::vector<CommitMessage> messages = {Message("2024-01-01", 0, -1, {DataFile(UniqueFileName("p"), 5)})};
    testing::WriteDataFiles(&fs_, *path, messages);
    ASSERT_TRUE(commit.Commit("w", 1, messages).ok());
    ASSERT_TRUE(fs_.WriteFile(*path + "/data/dt=2024-01-01/bucket-0/data-stray.parquet", "x").ok());
    OrphanFilesOptions options;
    options.now_millis = WallClockMillis() + 2 * kDay;
    auto result = RemoveOrphanFiles(&fs_, *path, options);
    ASSERT_TRUE(result.ok()) << result.status().ToString();
    ASSERT_EQ(result->orphans.size(), 1u);
    EXPECT_EQ(result->orphans[0], *path + "/data/dt=2024-01-01/bucket-0/data-stray.parquet");
    ExpectReadable(&fs_, *path, 1);
}

}  // namespace
}  // namespace flashlake::lake
