// Several threads committing to one table at once, through MemoryFileSystem and through the
// local disk (reliability.md §2.6-2.7): every commit lands exactly once, snapshot ids are
// contiguous, record counts add up, and labels and identifiers stay exactly-once under races.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <random>
#include <thread>

#include "commit_test_util.h"
#include "io/memory_file_system.h"
#include "io/posix_file_system.h"
#include "lake/commit/table_commit.h"

namespace flashlake::lake {
namespace {

using testing::DataFile;
using testing::ExpectReadable;
using testing::LatestByListing;
using testing::Message;
using testing::UniqueFileName;

// A scratch directory on the local disk, removed afterwards.
class TempDir {
public:
    TempDir() {
        path_ = std::filesystem::temp_directory_path() / ("flashlake-commit-" + RandomName());
        std::filesystem::create_directories(path_);
    }
    ~TempDir() {
        std::error_code ignored;
        std::filesystem::remove_all(path_, ignored);
    }
    std::string path() const { return path_.string(); }

private:
    static std::string RandomName() {
        return std::to_string(::getpid()) + "-" + std::to_string(std::random_device{}());
    }
    std::filesystem::path path_;
};

struct Outcome {
    std::string user;
    int64_t identifier;
    int64_t snapshot_id;
    int64_t rows;
};

// `threads` writers with their own TableCommit each commit `per_thread` appends.
void RunWriters(io::FileSystem* fs, const std::string& warehouse, int threads, int per_thread, bool shared_commit) {
    auto table = CreateTable(fs, warehouse, "db", "t", testing::AppendSchema({{"manifest.merge-min-count", "4"}}));
    ASSERT_TRUE(table.ok()) << table.status().ToString();
    CommitOptions options;
    options.max_retries = 1000;
    options.min_retry_wait_ms = 1;
    options.max_retry_wait_ms = 20;
    TableCommit shared(fs, *table, options);
    std::mutex mutex;
    std::vector<Outcome> outcomes;
    std::atomic<int> failures{0};
    std::vector<std::thread> workers;
    for (int t = 0; t < threads; ++t) {
        workers.emplace_back([&, t] {
            TableCommit own(fs, *table, options);
            TableCommit& commit = shared_commit ? shared : own;
            std::string user = "writer-" + std::to_string(t);
            for (int i = 1; i <= per_thread; ++i) {
                int64_t rows = t * 1000 + i;
                CommitRequest request;
                request.commit_user = user;
                request.commit_identifier = i;
                request.labels = {user + "/" + std::to_string(i)};
                std::string day = "2024-01-0" + std::to_string(1 + (t + i) % 3);
                request.messages = {Message(day, 0, -1, {DataFile(UniqueFileName(user), rows)})};
                testing::WriteDataFiles(fs, *table, request.messages);
                auto result = commit.Commit(request);
                if (!result.ok() || result->already_committed) {
                    ADD_FAILURE() << user << " commit " << i << ": " << result.status().ToString();
                    ++failures;
                    continue;
                }
                std::lock_guard lock(mutex);
                outcomes.push_back({user, i, result->snapshot_id, rows});
            }
        });
    }
    for (auto& worker : workers) worker.join();
    ASSERT_EQ(failures.load(), 0);

    int64_t total = threads * per_thread;
    ASSERT_EQ(static_cast<int64_t>(outcomes.size()), total);
    EXPECT_EQ(LatestByListing(fs, *table), total);
    auto ids = SnapshotManager(fs, *table).ListIds();
    ASSERT_TRUE(ids.ok());
    ASSERT_EQ(static_cast<int64_t>(ids->size()), total);
    for (int64_t i = 0; i < total; ++i) EXPECT_EQ((*ids)[i], i + 1);  // contiguous
    std::set<int64_t> seen;
    int64_t rows = 0;
    for (const Outcome& outcome : outcomes) {
        EXPECT_TRUE(seen.insert(outcome.snapshot_id).second) << "two commits got snapshot " << outcome.snapshot_id;
        auto snapshot = SnapshotManager(fs, *table).Read(outcome.snapshot_id);
        ASSERT_TRUE(snapshot.ok());
        EXPECT_EQ(snapshot->commit_user, outcome.user);
        EXPECT_EQ(snapshot->commit_identifier, outcome.identifier);
        EXPECT_EQ(snapshot->delta_record_count, outcome.rows);
        rows += outcome.rows;
    }
    auto latest = SnapshotManager(fs, *table).Read(total);
    EXPECT_EQ(latest->total_record_count, rows);
    EXPECT_EQ(ExpectReadable(fs, *table, total), static_cast<size_t>(total));
    EXPECT_EQ(testing::UnreferencedMetadata(fs, *table), std::vector<std::string>{});
    // Each user's identifiers all landed, in order.
    for (int t = 0; t < threads; ++t) {
        EXPECT_EQ(*shared.LatestIdentifier("writer-" + std::to_string(t)), per_thread);
    }
}

TEST(CommitConcurrencyTest, MemoryFileSystemFourWriters) {
    io::MemoryFileSystem fs;
    RunWriters(&fs, testing::kWarehouse, 4, 25, false);
}

TEST(CommitConcurrencyTest, MemoryFileSystemOneSharedTableCommit) {
    io::MemoryFileSystem fs;
    RunWriters(&fs, testing::kWarehouse, 3, 15, true);
}

TEST(CommitConcurrencyTest, PosixFileSystemFourWriters) {
    TempDir dir;
    io::PosixFileSystem fs;
    RunWriters(&fs, dir.path() + "/wh", 4, 15, false);
}

TEST(CommitConcurrencyTest, PosixFileSystemTwoWriters) {
    TempDir dir;
    io::PosixFileSystem fs;
    RunWriters(&fs, dir.path() + "/wh", 2, 20, false);
}

// Racing requests with one label (different users): exactly one loads.
TEST(CommitConcurrencyTest, OneLabelManyLoaders) {
    io::MemoryFileSystem fs;
    auto table = CreateTable(&fs, testing::kWarehouse, "db", "t", testing::AppendSchema());
    ASSERT_TRUE(table.ok());
    for (int round = 0; round < 10; ++round) {
        std::atomic<int> loaded{0}, refused{0};
        std::vector<std::thread> threads;
        std::string label = "label-" + std::to_string(round);
        for (int t = 0; t < 4; ++t) {
            threads.emplace_back([&, t] {
                CommitRequest request;
                request.commit_user = "http-" + std::to_string(t);
                request.commit_identifier = round;
                request.labels = {label};
                request.messages = {Message("2024-01-01", 0, -1, {DataFile(UniqueFileName("l"), 1)})};
                testing::WriteDataFiles(&fs, *table, request.messages);
                CommitOptions options;
                options.max_retries = 100;
                options.min_retry_wait_ms = 1;
                auto result = TableCommit(&fs, *table, options).Commit(request);
                if (result.ok()) ++loaded;
                if (result.status().code() == ErrorCode::kLabelAlreadyExists) ++refused;
            });
        }
        for (auto& thread : threads) thread.join();
        EXPECT_EQ(loaded.load(), 1) << label;
        EXPECT_EQ(refused.load(), 3) << label;
    }
    EXPECT_EQ(LatestByListing(&fs, *table), 10);
    EXPECT_EQ(ExpectReadable(&fs, *table, 10), 10u);
}

// The same (user, identifier) submitted by several threads at once (a retry racing the
// original): one snapshot, and every caller is told its id.
TEST(CommitConcurrencyTest, OneCommitSubmittedManyTimes) {
    io::MemoryFileSystem fs;
    auto table = CreateTable(&fs, testing::kWarehouse, "db", "t", testing::AppendSchema());
    ASSERT_TRUE(table.ok());
    CommitRequest request;
    request.commit_user = "loader";
    request.commit_identifier = 5;
    request.labels = {"load-5"};
    request.messages = {Message("2024-01-01", 0, -1, {DataFile(UniqueFileName("x"), 3)})};
    testing::WriteDataFiles(&fs, *table, request.messages);
    std::atomic<int> fresh{0}, again{0};
    std::vector<std::thread> threads;
    for (int t = 0; t < 4; ++t) {
        threads.emplace_back([&] {
            CommitOptions options;
            options.max_retries = 100;
            options.min_retry_wait_ms = 1;
            auto result = TableCommit(&fs, *table, options).Commit(request);
            ASSERT_TRUE(result.ok()) << result.status().ToString();
            EXPECT_EQ(result->snapshot_id, 1);
            (result->already_committed ? again : fresh)++;
        });
    }
    for (auto& thread : threads) thread.join();
    EXPECT_EQ(fresh.load(), 1);
    EXPECT_EQ(again.load(), 3);
    EXPECT_EQ(LatestByListing(&fs, *table), 1);
}

// Compactions of one bucket racing each other: one wins, the others conflict; appends racing
// them all land.
TEST(CommitConcurrencyTest, RacingCompactionsOfOneBucket) {
    io::MemoryFileSystem fs;
    auto table = CreateTable(&fs, testing::kWarehouse, "db", "t", testing::PrimaryKeySchema());
    ASSERT_TRUE(table.ok());
    std::vector<DataFileMeta> inputs = {DataFile(UniqueFileName("a"), 5, 0, 1, 10, true),
                                        DataFile(UniqueFileName("b"), 5, 0, 5, 20, true)};
    std::vector<CommitMessage> flush = {Message("2024-01-01", 0, 2, inputs)};
    testing::WriteDataFiles(&fs, *table, flush);
    ASSERT_TRUE(TableCommit(&fs, *table).Commit("w", 1, flush).ok());
    std::atomic<int> won{0}, conflicts{0}, appended{0};
    std::vector<std::thread> threads;
    for (int t = 0; t < 4; ++t) {
        threads.emplace_back([&, t] {
            CommitOptions options;
            options.max_retries = 100;
            options.min_retry_wait_ms = 1;
            TableCommit commit(&fs, *table, options);
            if (t % 2 == 0) {
                std::vector<CommitMessage> compact = {
                    Message("2024-01-01", 0, 2, {DataFile(UniqueFileName("c"), 10, 5, 1, 20, true)}, inputs)};
                testing::WriteDataFiles(&fs, *table, compact);
                auto result = commit.Commit("compactor-" + std::to_string(t), 1, compact, CommitKind::kCompact);
                if (result.ok()) ++won;
                if (result.status().code() == ErrorCode::kCommitConflict) ++conflicts;
            } else {
                std::vector<CommitMessage> more = {
                    Message("2024-01-01", 1, 2, {DataFile(UniqueFileName("d"), 1, 0, 1, 1, true)})};
                testing::WriteDataFiles(&fs, *table, more);
                if (commit.Commit("writer-" + std::to_string(t), 1, more).ok()) ++appended;
            }
        });
    }
    for (auto& thread : threads) thread.join();
    EXPECT_EQ(won.load(), 1);
    EXPECT_EQ(conflicts.load(), 1);
    EXPECT_EQ(appended.load(), 2);
    int64_t latest = LatestByListing(&fs, *table);
    EXPECT_EQ(latest, 4);
    EXPECT_EQ(ExpectReadable(&fs, *table, latest), 3u);
    EXPECT_EQ(SnapshotManager(&fs, *table).Read(latest)->total_record_count, 12);
}

}  // namespace
}  // namespace flashlake::lake
