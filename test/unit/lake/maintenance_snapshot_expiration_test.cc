// Snapshot expiration: retention options, what gets deleted (and what must not be), consumers,
// and crash safety (every retained snapshot stays readable; a rerun finishes the job).
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
using testing::LatestByListing;
using testing::Message;
using testing::UniqueFileName;

constexpr int64_t kStart = 1700000000000;  // snapshot i is committed at kStart + i minutes

class MaintenanceSnapshotExpirationTest : public ::testing::Test {
protected:
    void SetUp() override { Create(testing::PrimaryKeySchema()); }

    void Create(TableSchema schema) {
        auto path = CreateTable(&fs_, testing::kWarehouse, "db", "t" + std::to_string(tables_++), std::move(schema));
        ASSERT_TRUE(path.ok()) << path.status().ToString();
        table_ = *path;
        CommitOptions options;
        options.clock = [this] { return kStart + 60000 * (LatestByListing(&fs_, table_) + 1); };
        commit_ = std::make_unique<TableCommit>(&fs_, table_, options);
        live_.clear();
        next_id_ = 1;
    }

    // Flushes a file into bucket b of 2024-01-01; every third commit compacts bucket 0.
    void Workload(int commits) {
        for (int i = 0; i < commits; ++i) {
            int32_t bucket = i % 2;
            if (i % 3 == 2 && live_[0].size() >= 2) {
                int64_t rows = 0;
                for (const DataFileMeta& file : live_[0]) rows += file.row_count;
                DataFileMeta merged = DataFile(UniqueFileName("c"), rows, 5, 0, 100, true);
                Commit({Message("2024-01-01", 0, 2, {merged}, live_[0])}, CommitKind::kCompact);
                live_[0] = {merged};
            } else {
                DataFileMeta file = DataFile(UniqueFileName("f"), 1 + i, 0, 0, 100, true);
                Commit({Message("2024-01-01", bucket, 2, {file})});
                live_[bucket].push_back(file);
            }
        }
    }

    void Commit(std::vector<CommitMessage> messages, CommitKind kind = CommitKind::kAppend) {
        testing::WriteDataFiles(&fs_, table_, messages);
        auto result = commit_->Commit("w", next_id_++, messages, kind);
        ASSERT_TRUE(result.ok()) << result.status().ToString();
    }

    SnapshotExpireOptions Options(int32_t min, int32_t max = std::numeric_limits<int32_t>::max(),
                                  int64_t retained_ms = 0) {
        SnapshotExpireOptions options;
        options.retain_min = min;
        options.retain_max = max;
        options.time_retained_ms = retained_ms;
        options.now_millis = kStart + 60000 * 1000;
        return options;
    }

    SnapshotExpireResult Expire(const SnapshotExpireOptions& options) {
        auto result = ExpireSnapshots(&fs_, table_, options);
        EXPECT_TRUE(result.ok()) << result.status().ToString();
        return result.ok() ? *result : SnapshotExpireResult{};
    }

    // Every data file on disk under the table (bucket directories).
    std::set<std::string> DataFilesOnDisk() {
        std::set<std::string> files;
        auto paths = fs_.Glob(table_ + "/*/bucket-*/*");
        EXPECT_TRUE(paths.ok());
        files.insert(paths->begin(), paths->end());
        return files;
    }

    // The data files the snapshots from `from` to the latest reference.
    std::set<std::string> ReferencedDataFiles(int64_t from) {
        std::set<std::string> files;
        for (int64_t id = from; id <= LatestByListing(&fs_, table_); ++id) {
            auto table = ReadTableFiles(&fs_, table_, id);
            EXPECT_TRUE(table.ok()) << table.status().ToString();
            if (!table.ok()) continue;
            for (const BucketFiles& bucket : table->buckets)
                files.insert(bucket.file_paths.begin(), bucket.file_paths.end());
        }
        return files;
    }

    io::MemoryFileSystem fs_;
    std::string table_;
    std::unique_ptr<TableCommit> commit_;
    std::map<int32_t, std::vector<DataFileMeta>> live_;
    int64_t next_id_ = 1;
    int tables_ = 0;
};

TEST_F(MaintenanceSnapshotExpirationTest, KeepsTheMinimumAndDeletesWhatOnlyExpiredSnapshotsUsed) {
    Workload(15);
    std::set<std::string> before = DataFilesOnDisk();
    SnapshotExpireResult result = Expire(Options(10));
    EXPECT_EQ(result.expired_snapshots, 5);
    EXPECT_EQ(result.earliest, 6);
    EXPECT_EQ(*SnapshotManager(&fs_, table_).ListIds(), (std::vector<int64_t>{6, 7, 8, 9, 10, 11, 12, 13, 14, 15}));
    EXPECT_EQ(*fs_.ReadFile(table_ + "/snapshot/EARLIEST"), "6");
    for (int64_t id = 6; id <= 15; ++id) ExpectReadable(&fs_, table_, id);
    // Exactly the data files no retained snapshot references are gone.
    std::set<std::string> referenced = ReferencedDataFiles(6);
    EXPECT_EQ(DataFilesOnDisk(), referenced);
    EXPECT_EQ(static_cast<int64_t>(before.size() - referenced.size()), result.deleted_data_files);
    EXPECT_GT(result.deleted_data_files, 0);
    EXPECT_GT(result.deleted_metadata_files, 0);
    // Manifests: only what retained snapshots use is left.
    EXPECT_EQ(testing::UnreferencedMetadata(&fs_, table_), std::vector<std::string>{});
    // Nothing more to do.
    EXPECT_EQ(Expire(Options(10)).expired_snapshots, 0);
    // The table keeps working.
    Workload(2);
    ExpectReadable(&fs_, table_, 17);
}

TEST_F(MaintenanceSnapshotExpirationTest, TimeRetainedKeepsYoungSnapshots) {
    Workload(12);
    // Snapshot i is at kStart + i min; now = kStart + 1000 min; keep 992 min: 8..12 are young.
    SnapshotExpireResult result = Expire(Options(1, std::numeric_limits<int32_t>::max(), 992 * 60000));
    EXPECT_EQ(result.earliest, 8);
    EXPECT_EQ(result.expired_snapshots, 7);
    for (int64_t id = 8; id <= 12; ++id) ExpectReadable(&fs_, table_, id);
}

TEST_F(MaintenanceSnapshotExpirationTest, RetainMaxExpiresEvenYoungSnapshots) {
    Workload(12);
    SnapshotExpireResult result = Expire(Options(1, 4, 1000000 * 60000LL));
    EXPECT_EQ(result.earliest, 9);
    EXPECT_EQ(*SnapshotManager(&fs_, table_).ListIds(), (std::vector<int64_t>{9, 10, 11, 12}));
    EXPECT_EQ(DataFilesOnDisk(), ReferencedDataFiles(9));
}

TEST_F(MaintenanceSnapshotExpirationTest, ExpireLimitBoundsOneCall) {
    Workload(12);
    SnapshotExpireOptions options = Options(1);
    options.expire_limit = 3;
    EXPECT_EQ(Expire(options).earliest, 4);
    EXPECT_EQ(Expire(options).earliest, 7);
    EXPECT_EQ(Expire(options).earliest, 10);
    EXPECT_EQ(Expire(options).earliest, 12);
    EXPECT_EQ(Expire(options).expired_snapshots, 0);
    ExpectReadable(&fs_, table_, 12);
    EXPECT_EQ(DataFilesOnDisk(), ReferencedDataFiles(12));
}

TEST_F(MaintenanceSnapshotExpirationTest, ConsumersHoldSnapshots) {
    Workload(10);
    ASSERT_TRUE(fs_.CreateDirectories(table_ + "/consumer").ok());
    ASSERT_TRUE(fs_.WriteFile(table_ + "/consumer/consumer-dashboard", "{\"nextSnapshot\": 4}").ok());
    EXPECT_EQ(Expire(Options(1)).earliest, 4);
    ASSERT_TRUE(fs_.WriteFile(table_ + "/consumer/consumer-dashboard", "{\"nextSnapshot\": 9}").ok());
    EXPECT_EQ(Expire(Options(1)).earliest, 9);
}

TEST_F(MaintenanceSnapshotExpirationTest, OptionsFromTheSchema) {
    TableSchema schema = testing::AppendSchema({{"snapshot.num-retained.min", "3"},
                                                {"snapshot.num-retained.max", "20"},
                                                {"snapshot.time-retained", "30 min"},
                                                {"snapshot.expire.limit", "7"}});
    auto options = SnapshotExpireOptions::FromSchema(schema);
    ASSERT_TRUE(options.ok());
    EXPECT_EQ(options->retain_min, 3);
    EXPECT_EQ(options->retain_max, 20);
    EXPECT_EQ(options->time_retained_ms, 1800000);
    EXPECT_EQ(options->expire_limit, 7);
    auto defaults = SnapshotExpireOptions::FromSchema(testing::AppendSchema());
    EXPECT_EQ(defaults->retain_min, 10);
    EXPECT_EQ(defaults->time_retained_ms, 3600000);
    EXPECT_EQ(ExpireSnapshots(&fs_, table_, Options(0)).status().code(), ErrorCode::kInvalidArgument);
    EXPECT_EQ(ExpireSnapshots(&fs_, table_, Options(5, 4)).status().code(), ErrorCode::kInvalidArgument);
}

TEST_F(MaintenanceSnapshotExpirationTest, UpgradedFilesAreNotDeleted) {
    DataFileMeta file = DataFile(UniqueFileName("u"), 5, 0, 0, 10, true);
    Commit({Message("2024-01-01", 0, 2, {file})});
    DataFileMeta upgraded = file;
    upgraded.level = 5;
    Commit({Message("2024-01-01", 0, 2, {upgraded}, {file})}, CommitKind::kCompact);
    Commit({});
    EXPECT_EQ(Expire(Options(1)).earliest, 3);
    EXPECT_EQ(ExpectReadable(&fs_, table_, 3), 1u);  // and its file exists
}

TEST_F(MaintenanceSnapshotExpirationTest, OverwrittenAndReplacedIndexFilesGo) {
    Create(testing::AppendSchema());
    Commit({Message("2024-01-01", 0, -1, {DataFile(UniqueFileName("a"), 5)})});
    CommitMessage dv = Message("2024-01-01", 0, -1, {});
    dv.new_index_files = {{std::string(kDeletionVectorsIndex), "index-1", 8, 1, {}, {}, {}}};
    Commit({dv}, CommitKind::kCompact);
    ASSERT_TRUE(commit_->Truncate("admin").ok());
    Commit({Message("2024-01-02", 0, -1, {DataFile(UniqueFileName("b"), 5)})});
    EXPECT_TRUE(fs_.Exists(table_ + "/index/index-1").ValueOr(false));
    SnapshotExpireResult result = Expire(Options(1));
    EXPECT_EQ(result.earliest, 4);
    EXPECT_EQ(result.deleted_index_files, 1);
    EXPECT_FALSE(fs_.Exists(table_ + "/index/index-1").ValueOr(true));
    EXPECT_EQ(DataFilesOnDisk(), ReferencedDataFiles(4));
    EXPECT_EQ(DataFilesOnDisk().size(), 1u);
    EXPECT_EQ(testing::UnreferencedMetadata(&fs_, table_), std::vector<std::string>{});
}

TEST_F(MaintenanceSnapshotExpirationTest, TablesWithTagsAreRefused) {
    Workload(3);
    ASSERT_TRUE(fs_.CreateDirectories(table_ + "/tag").ok());
    ASSERT_TRUE(fs_.WriteFile(table_ + "/tag/tag-2024", "{}").ok());
    EXPECT_EQ(ExpireSnapshots(&fs_, table_, Options(1)).status().code(), ErrorCode::kNotSupported);
    EXPECT_EQ(LatestByListing(&fs_, table_), 3);
}

TEST_F(MaintenanceSnapshotExpirationTest, EmptyTableHasNothingToExpire) {
    SnapshotExpireResult result = Expire(Options(1));
    EXPECT_EQ(result.expired_snapshots, 0);
    EXPECT_FALSE(result.earliest);
}

// A crash (every operation from the n-th on fails) and a power loss at every point of an
// expiration: every snapshot after the oldest remaining one reads cleanly with all its data
// files, and a rerun ends where an undisturbed expiration ends.
TEST_F(MaintenanceSnapshotExpirationTest, CrashAtEveryOperationThenRerun) {
    auto build = [](io::MemoryFileSystem* fs) {
        auto table = CreateTable(fs, testing::kWarehouse, "db", "t", testing::PrimaryKeySchema());
        EXPECT_TRUE(table.ok());
        TableCommit commit(fs, *table);
        std::vector<DataFileMeta> bucket0;
        for (int i = 0; i < 9; ++i) {
            std::vector<CommitMessage> messages;
            CommitKind kind = CommitKind::kAppend;
            if (i % 3 == 2) {
                DataFileMeta merged = DataFile("data-c" + std::to_string(i) + ".parquet", 9, 5, 0, 100, true);
                messages = {Message("2024-01-01", 0, 2, {merged}, bucket0)};
                bucket0 = {merged};
                kind = CommitKind::kCompact;
            } else {
                DataFileMeta file = DataFile("data-f" + std::to_string(i) + ".parquet", 3, 0, 0, 100, true);
                messages = {Message("2024-01-01", 0, 2, {file})};
                bucket0.push_back(file);
            }
            testing::WriteDataFiles(fs, *table, messages);
            EXPECT_TRUE(commit.Commit("w", i + 1, messages, kind).ok());
        }
        fs->DropUnsyncedData();
        return *table;
    };
    // The files of a table with metadata file names (random uuids) reduced to their kind and
    // hints left out (present or not).
    auto Shapes = [](io::FileSystem* fs, const std::string& table) {
        std::multiset<std::string> shapes;
        for (const std::string& path : fs->Glob(table + "/**/*").ValueOr({})) {
            std::string shape = path;
            for (const char* kind : {"/manifest/manifest-list-", "/manifest/manifest-", "/manifest/index-manifest-"}) {
                if (size_t at = path.find(kind); at != std::string::npos) {
                    shape = path.substr(0, at) + kind;
                    break;
                }
            }
            if (shape.find("/snapshot/EARLIEST") == std::string::npos) shapes.insert(shape);
        }
        return shapes;
    };
    SnapshotExpireOptions options = Options(3);
    options.now_millis = WallClockMillis() + 86400000;  // the commits above used the wall clock
    std::multiset<std::string> clean_files;
    int64_t ops = 0;
    {
        io::MemoryFileSystem fs;
        std::string table = build(&fs);
        io::FaultInjectingFileSystem faulty(&fs);
        auto result = ExpireSnapshots(&faulty, table, options);
        ASSERT_TRUE(result.ok());
        ASSERT_EQ(result->earliest, 7);
        ops = faulty.op_count();
        clean_files = Shapes(&fs, table);
    }
    ASSERT_GT(ops, 10);
    for (int64_t n = 1; n <= ops; ++n) {
        SCOPED_TRACE("crash at op " + std::to_string(n));
        io::MemoryFileSystem fs;
        std::string table = build(&fs);
        io::FaultInjectingFileSystem faulty(&fs);
        faulty.FailOperation(n, io::FaultKind::kIOError, true);
        bool finished = ExpireSnapshots(&faulty, table, options).ok();  // only the EARLIEST hint may fail
        fs.DropUnsyncedData();
        if (finished) {
            EXPECT_EQ(*SnapshotManager(&fs, table).ListIds(), (std::vector<int64_t>{7, 8, 9}));
        }
        auto ids = SnapshotManager(&fs, table).ListIds();
        ASSERT_TRUE(ids.ok() && !ids->empty());
        EXPECT_EQ(ids->back(), 9);
        for (size_t i = 1; i < ids->size(); ++i) ExpectReadable(&fs, table, (*ids)[i]);
        auto rerun = ExpireSnapshots(&fs, table, options);
        ASSERT_TRUE(rerun.ok()) << rerun.status().ToString();
        EXPECT_EQ(*SnapshotManager(&fs, table).ListIds(), (std::vector<int64_t>{7, 8, 9}));
        for (int64_t id = 7; id <= 9; ++id) ExpectReadable(&fs, table, id);
        // Exactly the files of an undisturbed run: nothing needed lost, no garbage left.
        EXPECT_EQ(Shapes(&fs, table), clean_files);
        EXPECT_EQ(testing::UnreferencedMetadata(&fs, table), std::vector<std::string>{});
    }
}

}  // namespace
}  // namespace flashlake::lake
