// Optimistic concurrency: lost races are retried on top of the winner, stale deletions and
// overlapping compactions are conflicts, labels and identifiers stay exactly-once across races.
// A race is staged deterministically: the committer's clock, read just before it publishes its
// snapshot, lets a second committer commit first.
#include <gtest/gtest.h>

#include "commit_test_util.h"
#include "io/memory_file_system.h"
#include "lake/commit/table_commit.h"

namespace flashlake::lake {
namespace {

using testing::DataFile;
using testing::ExpectReadable;
using testing::LiveFiles;
using testing::Message;
using testing::UniqueFileName;

class CommitConflictTest : public ::testing::Test {
protected:
    void SetUp() override {
        auto path = CreateTable(&fs_, testing::kWarehouse, "db", "t", testing::PrimaryKeySchema());
        ASSERT_TRUE(path.ok()) << path.status().ToString();
        table_ = *path;
        CommitOptions options;
        options.clock = [this] {
            if (interloper_ && interloper_calls_ > 0) {
                --interloper_calls_;
                interloper_();
            }
            return int64_t{1700000000000};
        };
        options.sleep = [this](int64_t millis) { slept_ms_ += millis; };
        options.max_retries = 3;
        commit_ = std::make_unique<TableCommit>(&fs_, table_, options);
        other_ = std::make_unique<TableCommit>(&fs_, table_);
    }

    // A level-0 flush of one file of keys [lo, hi] into bucket 0.
    CommitMessage Flush(int32_t lo, int32_t hi, int64_t rows, DataFileMeta* file = nullptr) {
        DataFileMeta meta = DataFile(UniqueFileName("f"), rows, 0, lo, hi, true);
        if (file) *file = meta;
        CommitMessage message = Message("2024-01-01", 0, 2, {meta});
        testing::WriteDataFiles(&fs_, table_, {message});
        return message;
    }

    // Runs `action` (a commit by another writer) once, right before the next publish.
    void InterleaveOnce(std::function<void()> action, int times = 1) {
        interloper_ = std::move(action);
        interloper_calls_ = times;
    }

    io::MemoryFileSystem fs_;
    std::string table_;
    std::unique_ptr<TableCommit> commit_;
    std::unique_ptr<TableCommit> other_;
    std::function<void()> interloper_;
    int interloper_calls_ = 0;
    int64_t slept_ms_ = 0;
};

TEST_F(CommitConflictTest, LostRaceIsRetriedOnTopOfTheWinner) {
    ASSERT_TRUE(commit_->Commit("a", 1, {Flush(1, 10, 10)}).ok());
    CommitMessage mine = Flush(11, 20, 5);
    CommitMessage theirs = Flush(21, 30, 7);
    InterleaveOnce([&] { ASSERT_TRUE(other_->Commit("b", 1, {theirs}).ok()); });
    auto result = commit_->Commit("a", 2, {mine});
    ASSERT_TRUE(result.ok()) << result.status().ToString();
    EXPECT_EQ(result->attempts, 2);
    EXPECT_EQ(result->snapshot_id, 3);
    EXPECT_GT(slept_ms_, 0);
    EXPECT_EQ(ExpectReadable(&fs_, table_, 3), 3u);
    auto snapshot = SnapshotManager(&fs_, table_).Read(3);
    EXPECT_EQ(snapshot->total_record_count, 22);
    EXPECT_EQ(snapshot->commit_user, "a");
    // The manifests of the lost attempt were removed.
    EXPECT_TRUE(testing::UnreferencedMetadata(&fs_, table_).empty());
}

TEST_F(CommitConflictTest, GivesUpAfterTheRetries) {
    InterleaveOnce([&] { ASSERT_TRUE(other_->Commit("b", kBatchCommitIdentifier, {}).ok()); }, 100);
    auto result = commit_->Commit("a", 1, {Flush(1, 2, 1)});
    EXPECT_EQ(result.status().code(), ErrorCode::kCommitConflict);
    EXPECT_NE(result.status().message().find("gave up after 4 attempts"), std::string::npos)
        << result.status().ToString();
    EXPECT_EQ(testing::LatestByListing(&fs_, table_), 4);  // the interloper's
    EXPECT_TRUE(testing::UnreferencedMetadata(&fs_, table_).empty());
}

TEST_F(CommitConflictTest, DeletingAFileThatIsNotLiveIsAConflict) {
    DataFileMeta file;
    ASSERT_TRUE(commit_->Commit("a", 1, {Flush(1, 10, 10, &file)}).ok());
    DataFileMeta ghost = DataFile("never-added", 3, 0, 1, 2, true);
    auto result = commit_->Commit("a", 2, {Message("2024-01-01", 0, 2, {}, {ghost})}, CommitKind::kCompact);
    EXPECT_EQ(result.status().code(), ErrorCode::kCommitConflict);
    EXPECT_NE(result.status().message().find("never-added"), std::string::npos);
    // Deleting at the wrong level is not the same file either.
    DataFileMeta wrong_level = file;
    wrong_level.level = 3;
    result = commit_->Commit("a", 2, {Message("2024-01-01", 0, 2, {}, {wrong_level})}, CommitKind::kCompact);
    EXPECT_EQ(result.status().code(), ErrorCode::kCommitConflict);
    // Adding a file that is live already (checked when the commit is checked at all: plain
    // appends of fresh level-0 files skip the check, as in Paimon, since names are unique).
    result = commit_->Commit("a", 2, {Message("2024-01-01", 0, 2, {file})}, CommitKind::kCompact);
    EXPECT_EQ(result.status().code(), ErrorCode::kCommitConflict);
    EXPECT_EQ(testing::LatestByListing(&fs_, table_), 1);
    EXPECT_TRUE(testing::UnreferencedMetadata(&fs_, table_).empty());
}

// Two compactions of one bucket from the same view: the second finds its inputs gone.
TEST_F(CommitConflictTest, ConcurrentCompactionsOfOneBucket) {
    DataFileMeta a, b;
    ASSERT_TRUE(commit_->Commit("w", 1, {Flush(1, 10, 10, &a), Flush(5, 20, 10, &b)}).ok());
    DataFileMeta theirs = DataFile(UniqueFileName("c"), 20, 5, 1, 20, true);
    DataFileMeta mine = DataFile(UniqueFileName("c"), 20, 5, 1, 20, true);
    std::vector<CommitMessage> their_compaction = {Message("2024-01-01", 0, 2, {theirs}, {a, b})};
    std::vector<CommitMessage> my_compaction = {Message("2024-01-01", 0, 2, {mine}, {a, b})};
    testing::WriteDataFiles(&fs_, table_, their_compaction);
    testing::WriteDataFiles(&fs_, table_, my_compaction);
    InterleaveOnce([&] { ASSERT_TRUE(other_->Commit("compactor-b", 1, their_compaction, CommitKind::kCompact).ok()); });
    auto result = commit_->Commit("compactor-a", 1, my_compaction, CommitKind::kCompact);
    EXPECT_EQ(result.status().code(), ErrorCode::kCommitConflict) << result.status().ToString();
    EXPECT_EQ(testing::LatestByListing(&fs_, table_), 2);
    EXPECT_EQ(LiveFiles(&fs_, table_, 2), (std::vector<std::string>{theirs.file_name}));
    EXPECT_TRUE(testing::UnreferencedMetadata(&fs_, table_).empty());
}

// Compactions of one bucket with different inputs that would interleave sorted runs.
TEST_F(CommitConflictTest, OverlappingRunsAtOneLevelAreAConflict) {
    DataFileMeta a, b;
    ASSERT_TRUE(commit_->Commit("w", 1, {Flush(1, 10, 10, &a), Flush(50, 60, 10, &b)}).ok());
    DataFileMeta out_a = DataFile(UniqueFileName("c"), 10, 4, 1, 55, true);
    std::vector<CommitMessage> compact_a = {Message("2024-01-01", 0, 2, {out_a}, {a})};
    testing::WriteDataFiles(&fs_, table_, compact_a);
    ASSERT_TRUE(commit_->Commit("w", 2, compact_a, CommitKind::kCompact).ok());
    DataFileMeta out_b = DataFile(UniqueFileName("c"), 10, 4, 50, 60, true);  // overlaps [1, 55] at level 4
    std::vector<CommitMessage> compact_b = {Message("2024-01-01", 0, 2, {out_b}, {b})};
    testing::WriteDataFiles(&fs_, table_, compact_b);
    auto result = commit_->Commit("w", 3, compact_b, CommitKind::kCompact);
    EXPECT_EQ(result.status().code(), ErrorCode::kCommitConflict);
    EXPECT_NE(result.status().message().find("LSM conflict"), std::string::npos) << result.status().ToString();
    // Disjoint ranges at one level are fine; level 0 may overlap freely.
    DataFileMeta out_c = DataFile(UniqueFileName("c"), 10, 4, 56, 60, true);
    std::vector<CommitMessage> compact_c = {Message("2024-01-01", 0, 2, {out_c}, {b})};
    testing::WriteDataFiles(&fs_, table_, compact_c);
    EXPECT_TRUE(commit_->Commit("w", 3, compact_c, CommitKind::kCompact).ok());
    EXPECT_TRUE(commit_->Commit("w", 4, {Flush(1, 100, 5)}).ok());
}

TEST_F(CommitConflictTest, BucketCountMismatchIsAConflict) {
    ASSERT_TRUE(commit_->Commit("w", 1, {Flush(1, 10, 10)}).ok());
    DataFileMeta c;
    CommitMessage rescaled = Flush(1, 5, 1, &c);
    rescaled.total_buckets = 4;
    DataFileMeta d = DataFile(UniqueFileName("d"), 1, 0, 1, 1, true);
    std::vector<CommitMessage> compact = {rescaled, Message("2024-01-01", 1, 4, {}, {})};
    auto result = commit_->Commit("w", 2, compact, CommitKind::kCompact);
    EXPECT_EQ(result.status().code(), ErrorCode::kCommitConflict);
    EXPECT_NE(result.status().message().find("bucket count"), std::string::npos) << result.status().ToString();
    (void)d;
}

TEST_F(CommitConflictTest, ReplacingAnIndexFileTwiceIsAConflict) {
    ASSERT_TRUE(commit_->Commit("w", 1, {Flush(1, 10, 10)}).ok());
    IndexFileMeta old_dv{
        std::string(kDeletionVectorsIndex), "index-old", 10, 1, std::nullopt, std::nullopt, std::nullopt};
    CommitMessage add = Message("2024-01-01", 0, 2, {});
    add.new_index_files = {old_dv};
    testing::WriteDataFiles(&fs_, table_, {add});
    ASSERT_TRUE(commit_->Commit("w", 2, {add}, CommitKind::kCompact).ok());
    CommitMessage replace_a = Message("2024-01-01", 0, 2, {});
    replace_a.deleted_index_files = {old_dv};
    replace_a.new_index_files = {{std::string(kDeletionVectorsIndex), "index-a", 10, 1, {}, {}, {}}};
    CommitMessage replace_b = replace_a;
    replace_b.new_index_files[0].file_name = "index-b";
    testing::WriteDataFiles(&fs_, table_, {replace_a, replace_b});
    InterleaveOnce([&] { ASSERT_TRUE(other_->Commit("b", 1, {replace_b}, CommitKind::kCompact).ok()); });
    auto result = commit_->Commit("a", 3, {replace_a}, CommitKind::kCompact);
    EXPECT_EQ(result.status().code(), ErrorCode::kCommitConflict);
    EXPECT_NE(result.status().message().find("index-old"), std::string::npos) << result.status().ToString();
}

TEST_F(CommitConflictTest, ALabelTakenDuringTheRaceIsRefused) {
    CommitRequest mine;
    mine.commit_user = "a";
    mine.commit_identifier = 1;
    mine.labels = {"load-7"};
    mine.messages = {Flush(1, 2, 2)};
    CommitRequest theirs = mine;
    theirs.commit_user = "b";
    theirs.messages = {Flush(3, 4, 2)};
    InterleaveOnce([&] { ASSERT_TRUE(other_->Commit(theirs).ok()); });
    EXPECT_EQ(commit_->Commit(mine).status().code(), ErrorCode::kLabelAlreadyExists);
    EXPECT_EQ(testing::LatestByListing(&fs_, table_), 1);
    EXPECT_TRUE(testing::UnreferencedMetadata(&fs_, table_).empty());
}

// The same commit applied concurrently by a twin (e.g. a retry racing the original).
TEST_F(CommitConflictTest, TheSameCommitRacingItselfLandsOnce) {
    CommitRequest request;
    request.commit_user = "loader";
    request.commit_identifier = 99;
    request.labels = {"load-99"};
    request.messages = {Flush(1, 2, 2)};
    InterleaveOnce([&] { ASSERT_TRUE(other_->Commit(request).ok()); });
    auto result = commit_->Commit(request);
    ASSERT_TRUE(result.ok()) << result.status().ToString();
    EXPECT_TRUE(result->already_committed);
    EXPECT_EQ(result->snapshot_id, 1);
    EXPECT_EQ(testing::LatestByListing(&fs_, table_), 1);
}

}  // namespace
}  // namespace flashlake::lake
