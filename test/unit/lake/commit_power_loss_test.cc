// Power loss (reliability.md §2.3, G4): MemoryFileSystem::DropUnsyncedData() keeps only what
// was made durable. An acknowledged commit survives it; a commit cut short by a crash leaves
// the old or the new snapshot, and the table keeps working.
#include <gtest/gtest.h>

#include <random>

#include "commit_test_util.h"
#include "io/fault_injecting_file_system.h"
#include "io/memory_file_system.h"
#include "lake/commit/table_commit.h"

namespace flashlake::lake {
namespace {

using testing::DataFile;
using testing::ExpectReadable;
using testing::LatestByListing;
using testing::Message;
using testing::UniqueFileName;

// One random change to a primary-key table: a flush, a compaction of a bucket's files, or an
// overwrite of a partition; `live` tracks the files per (day, bucket).
class Workload {
public:
    explicit Workload(uint64_t seed) : rng_(seed) {}

    CommitRequest Next(int64_t identifier) {
        CommitRequest request;
        request.commit_user = "loader";
        request.commit_identifier = identifier;
        request.labels = {"load-" + std::to_string(identifier)};
        std::string day = "2024-01-0" + std::to_string(1 + rng_() % 3);
        int32_t bucket = static_cast<int32_t>(rng_() % 2);
        auto& files = live_[day + "/" + std::to_string(bucket)];
        int choice = static_cast<int>(rng_() % 10);
        if (choice < 6 || files.size() < 2) {
            DataFileMeta file = DataFile(UniqueFileName(day), 1 + rng_() % 50, 0, 0, 100, true);
            files.push_back(file);
            request.messages = {Message(day, bucket, 2, {file})};
        } else if (choice < 9) {
            int64_t rows = 0;
            for (const DataFileMeta& file : files) rows += file.row_count;
            DataFileMeta merged = DataFile(UniqueFileName(day), rows, 5, 0, 100, true);
            request.kind = CommitKind::kCompact;
            request.messages = {Message(day, bucket, 2, {merged}, files)};
            files = {merged};
        } else {
            request.kind = CommitKind::kOverwrite;
            request.overwrite_scope = OverwriteScope::kPartitions;
            request.overwrite_partitions = {testing::Partition(day)};
            DataFileMeta file = DataFile(UniqueFileName(day), 7, 0, 0, 100, true);
            request.messages = {Message(day, bucket, 2, {file})};
            live_[day + "/0"].clear();
            live_[day + "/1"].clear();
            live_[day + "/" + std::to_string(bucket)] = {file};
        }
        return request;
    }

    int64_t Rows() const {
        int64_t rows = 0;
        for (const auto& [key, files] : live_) {
            for (const DataFileMeta& file : files) rows += file.row_count;
        }
        return rows;
    }

private:
    std::mt19937_64 rng_;
    std::map<std::string, std::vector<DataFileMeta>> live_;
};

TEST(CommitPowerLossTest, AcknowledgedCommitsSurvive) {
    io::MemoryFileSystem fs;
    auto table = CreateTable(&fs, testing::kWarehouse, "db", "t", testing::PrimaryKeySchema());
    ASSERT_TRUE(table.ok());
    Workload workload(7);
    for (int64_t i = 1; i <= 40; ++i) {
        CommitRequest request = workload.Next(i);
        testing::WriteDataFiles(&fs, *table, request.messages);
        TableCommit commit(&fs, *table);
        auto result = commit.Commit(request);
        ASSERT_TRUE(result.ok()) << result.status().ToString();
        fs.DropUnsyncedData();
        ASSERT_EQ(LatestByListing(&fs, *table), i);
        ExpectReadable(&fs, *table, i);
        EXPECT_EQ(SnapshotManager(&fs, *table).Read(i)->total_record_count, workload.Rows());
        EXPECT_EQ(*FindLabelSnapshot(&fs, *table, "load-" + std::to_string(i)), i);
    }
    for (int64_t id = 1; id <= 40; ++id) ExpectReadable(&fs, *table, id);
}

// A crash (every operation after the n-th fails) and then a power loss, at every n of a
// commit: the table is at the old or the new snapshot, readable, and later commits work.
TEST(CommitPowerLossTest, CrashThenPowerLossAtEveryOperation) {
    auto setup = [](io::MemoryFileSystem* fs, Workload* workload) {
        auto table = CreateTable(fs, testing::kWarehouse, "db", "t", testing::PrimaryKeySchema());
        EXPECT_TRUE(table.ok());
        for (int64_t i = 1; i <= 5; ++i) {
            CommitRequest request = workload->Next(i);
            testing::WriteDataFiles(fs, *table, request.messages);
            EXPECT_TRUE(TableCommit(fs, *table).Commit(request).ok());
        }
        return *table;
    };
    int64_t ops = 0;
    {
        io::MemoryFileSystem fs;
        Workload workload(11);
        std::string table = setup(&fs, &workload);
        CommitRequest request = workload.Next(6);
        testing::WriteDataFiles(&fs, table, request.messages);
        io::FaultInjectingFileSystem faulty(&fs);
        ASSERT_TRUE(TableCommit(&faulty, table).Commit(request).ok());
        ops = faulty.op_count();
    }
    for (int64_t n = 1; n <= ops + 1; ++n) {
        SCOPED_TRACE("crash at op " + std::to_string(n));
        io::MemoryFileSystem fs;
        Workload workload(11);
        std::string table = setup(&fs, &workload);
        CommitRequest request = workload.Next(6);
        testing::WriteDataFiles(&fs, table, request.messages);
        io::FaultInjectingFileSystem faulty(&fs);
        faulty.FailOperation(n, io::FaultKind::kIOError, true);
        auto result = TableCommit(&faulty, table).Commit(request);
        fs.DropUnsyncedData();
        int64_t latest = LatestByListing(&fs, table);
        ASSERT_TRUE(latest == 5 || latest == 6) << latest;
        if (result.ok()) {
            EXPECT_EQ(latest, 6);
        }
        ExpectReadable(&fs, table, latest);
        // Life goes on: the retry lands once, and the next commit after it.
        testing::WriteDataFiles(&fs, table, request.messages);
        TableCommit commit(&fs, table);
        auto retried = commit.Commit(request);
        ASSERT_TRUE(retried.ok()) << retried.status().ToString();
        EXPECT_EQ(retried->snapshot_id, 6);
        CommitRequest next = workload.Next(7);
        testing::WriteDataFiles(&fs, table, next.messages);
        ASSERT_TRUE(commit.Commit(next).ok());
        fs.DropUnsyncedData();
        EXPECT_EQ(LatestByListing(&fs, table), 7);
        ExpectReadable(&fs, table, 7);
        EXPECT_EQ(SnapshotManager(&fs, table).Read(7)->total_record_count, workload.Rows());
    }
}

TEST(CommitPowerLossTest, StaleOrMissingHintsAreHarmless) {
    io::MemoryFileSystem fs;
    auto table = CreateTable(&fs, testing::kWarehouse, "db", "t", testing::AppendSchema());
    ASSERT_TRUE(table.ok());
    TableCommit commit(&fs, *table);
    for (int i = 1; i <= 3; ++i) ASSERT_TRUE(commit.Commit("w", i, {}).ok());
    // A LATEST that lags (a writer died before its hint) and one that is garbage.
    ASSERT_TRUE(fs.WriteFileAtomically(*table + "/snapshot/LATEST", "1").ok());
    TableCommit other(&fs, *table);
    auto result = other.Commit("w", 4, {});
    ASSERT_TRUE(result.ok());
    EXPECT_EQ(result->snapshot_id, 4);
    ASSERT_TRUE(fs.WriteFileAtomically(*table + "/snapshot/LATEST", "not a number").ok());
    ASSERT_TRUE(fs.DeleteFile(*table + "/snapshot/EARLIEST").ok());
    result = other.Commit("w", 5, {});
    ASSERT_TRUE(result.ok());
    EXPECT_EQ(result->snapshot_id, 5);
    EXPECT_EQ(*SnapshotManager(&fs, *table).LatestId(), 5);
    EXPECT_EQ(*SnapshotManager(&fs, *table).EarliestId(), 1);
}

}  // namespace
}  // namespace flashlake::lake
