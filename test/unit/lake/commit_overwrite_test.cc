// OVERWRITE commits: INSERT OVERWRITE of partitions, of the whole table, dynamic partition
// overwrite, TRUNCATE, and what they do to index files.
#include <gtest/gtest.h>

#include "commit_test_util.h"
#include "io/memory_file_system.h"
#include "lake/commit/live_files.h"
#include "lake/commit/table_commit.h"

namespace flashlake::lake {
namespace {

using testing::DataFile;
using testing::ExpectReadable;
using testing::LiveFiles;
using testing::Message;
using testing::Partition;
using testing::UniqueFileName;

class CommitOverwriteTest : public ::testing::Test {
protected:
    void SetUp() override {
        auto path = CreateTable(&fs_, testing::kWarehouse, "db", "t", testing::AppendSchema());
        ASSERT_TRUE(path.ok()) << path.status().ToString();
        table_ = *path;
        commit_ = std::make_unique<TableCommit>(&fs_, table_);
        // Two files in each of three days.
        for (const char* dt : {"2024-01-01", "2024-01-02", "2024-01-03"}) {
            for (int i = 0; i < 2; ++i) files_[dt].push_back(Append(dt, 10));
        }
    }

    std::string Append(const std::string& dt, int64_t rows) {
        std::string name = UniqueFileName(dt);
        std::vector<CommitMessage> messages = {Message(dt, 0, -1, {DataFile(name, rows)})};
        testing::WriteDataFiles(&fs_, table_, messages);
        EXPECT_TRUE(commit_->Commit("w", next_id_++, messages).ok());
        return name;
    }

    CommitMessage NewFile(const std::string& dt, int64_t rows, std::string* name) {
        *name = UniqueFileName(dt);
        CommitMessage message = Message(dt, 0, -1, {DataFile(*name, rows)});
        testing::WriteDataFiles(&fs_, table_, {message});
        return message;
    }

    std::vector<std::string> Sorted(std::vector<std::string> names) {
        std::sort(names.begin(), names.end());
        return names;
    }

    int64_t Latest() { return testing::LatestByListing(&fs_, table_); }

    io::MemoryFileSystem fs_;
    std::string table_;
    std::unique_ptr<TableCommit> commit_;
    std::map<std::string, std::vector<std::string>> files_;
    int64_t next_id_ = 1;
};

TEST_F(CommitOverwriteTest, OverwritesOnlyTheListedPartitions) {
    std::string fresh;
    CommitMessage message = NewFile("2024-01-02", 4, &fresh);
    auto result = commit_->Overwrite("w", 100, {message}, std::vector<BinaryRow>{Partition("2024-01-02")});
    ASSERT_TRUE(result.ok()) << result.status().ToString();
    auto snapshot = SnapshotManager(&fs_, table_).Read(result->snapshot_id);
    EXPECT_EQ(snapshot->commit_kind, CommitKind::kOverwrite);
    EXPECT_EQ(snapshot->total_record_count, 44);
    EXPECT_EQ(snapshot->delta_record_count, -16);
    std::vector<std::string> expected = files_["2024-01-01"];
    expected.insert(expected.end(), files_["2024-01-03"].begin(), files_["2024-01-03"].end());
    expected.push_back(fresh);
    EXPECT_EQ(LiveFiles(&fs_, table_, result->snapshot_id), Sorted(expected));
    ExpectReadable(&fs_, table_, result->snapshot_id);
}

TEST_F(CommitOverwriteTest, NewFilesMustFallInTheOverwrittenPartitions) {
    std::string fresh;
    CommitMessage message = NewFile("2024-01-05", 4, &fresh);
    auto result = commit_->Overwrite("w", 100, {message}, std::vector<BinaryRow>{Partition("2024-01-02")});
    EXPECT_EQ(result.status().code(), ErrorCode::kInvalidArgument);
    EXPECT_EQ(Latest(), 6);
}

TEST_F(CommitOverwriteTest, OverwriteOfAPartitionThatDoesNotExistAddsIt) {
    std::string fresh;
    CommitMessage message = NewFile("2024-02-01", 4, &fresh);
    auto result = commit_->Overwrite("w", 100, {message}, std::vector<BinaryRow>{Partition("2024-02-01")});
    ASSERT_TRUE(result.ok());
    EXPECT_EQ(LiveFiles(&fs_, table_, result->snapshot_id).size(), 7u);
}

TEST_F(CommitOverwriteTest, OverwritesTheWholeTable) {
    std::string a, b;
    CommitMessage first = NewFile("2024-01-01", 3, &a);
    CommitMessage second = NewFile("2024-03-01", 5, &b);
    auto result = commit_->Overwrite("w", 100, {first, second});
    ASSERT_TRUE(result.ok()) << result.status().ToString();
    EXPECT_EQ(LiveFiles(&fs_, table_, result->snapshot_id), Sorted({a, b}));
    EXPECT_EQ(SnapshotManager(&fs_, table_).Read(result->snapshot_id)->total_record_count, 8);
}

TEST_F(CommitOverwriteTest, DynamicOverwriteReplacesThePartitionsItWrites) {
    std::string fresh;
    CommitRequest request;
    request.commit_user = "w";
    request.commit_identifier = 100;
    request.kind = CommitKind::kOverwrite;
    request.overwrite_scope = OverwriteScope::kDynamic;
    request.messages = {NewFile("2024-01-03", 1, &fresh)};
    auto result = commit_->Commit(request);
    ASSERT_TRUE(result.ok()) << result.status().ToString();
    std::vector<std::string> expected = files_["2024-01-01"];
    expected.insert(expected.end(), files_["2024-01-02"].begin(), files_["2024-01-02"].end());
    expected.push_back(fresh);
    EXPECT_EQ(LiveFiles(&fs_, table_, result->snapshot_id), Sorted(expected));
}

TEST_F(CommitOverwriteTest, TruncateEmptiesTheTable) {
    auto result = commit_->Truncate("admin");
    ASSERT_TRUE(result.ok()) << result.status().ToString();
    auto snapshot = SnapshotManager(&fs_, table_).Read(result->snapshot_id);
    EXPECT_EQ(snapshot->total_record_count, 0);
    EXPECT_EQ(snapshot->delta_record_count, -60);
    EXPECT_EQ(ExpectReadable(&fs_, table_, result->snapshot_id), 0u);
    // The table keeps working after it.
    Append("2024-01-09", 2);
    EXPECT_EQ(LiveFiles(&fs_, table_, Latest()).size(), 1u);
    // An empty table can be truncated too.
    TableCommit other(&fs_, table_);
    ASSERT_TRUE(other.Truncate("admin").ok());
    ASSERT_TRUE(other.Truncate("admin").ok());
    EXPECT_EQ(ExpectReadable(&fs_, table_, Latest()), 0u);
}

TEST_F(CommitOverwriteTest, TruncateOfATableWithoutSnapshots) {
    auto path = CreateTable(&fs_, testing::kWarehouse, "db", "empty", testing::AppendSchema());
    ASSERT_TRUE(path.ok());
    TableCommit commit(&fs_, *path);
    auto result = commit.Truncate("admin");
    ASSERT_TRUE(result.ok()) << result.status().ToString();
    EXPECT_EQ(result->snapshot_id, 1);
}

TEST_F(CommitOverwriteTest, OverwriteDropsTheIndexFilesOfItsPartitions) {
    IndexFileMeta dv{std::string(kDeletionVectorsIndex), "index-1", 10, 1, std::nullopt, std::nullopt, std::nullopt};
    CommitMessage jan1 = Message("2024-01-01", 0, -1, {});
    jan1.new_index_files = {dv};
    CommitMessage jan2 = Message("2024-01-02", 0, -1, {});
    jan2.new_index_files = {dv};
    jan2.new_index_files[0].file_name = "index-2";
    testing::WriteDataFiles(&fs_, table_, {jan1, jan2});
    ASSERT_TRUE(commit_->Commit("w", 50, {jan1, jan2}, CommitKind::kCompact).ok());
    auto result = commit_->Overwrite("w", 51, {}, std::vector<BinaryRow>{Partition("2024-01-01")});
    ASSERT_TRUE(result.ok()) << result.status().ToString();
    auto live = ReadLiveIndexEntries(&fs_, table_, *SnapshotManager(&fs_, table_).Read(result->snapshot_id));
    ASSERT_TRUE(live.ok());
    ASSERT_EQ(live->size(), 1u);
    EXPECT_EQ((*live)[0].index_file.file_name, "index-2");
}

}  // namespace
}  // namespace flashlake::lake
