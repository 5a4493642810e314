// Keeping the base manifest list short: minor merges of small manifests, full compaction
// applying deletes, rolling of large manifests, and the merge on its own.
#include <gtest/gtest.h>

#include "commit_test_util.h"
#include "io/memory_file_system.h"
#include "lake/commit/live_files.h"
#include "lake/commit/manifest_file_writer.h"
#include "lake/commit/manifest_merger.h"
#include "lake/commit/table_commit.h"
#include "lake/manifest_io.h"

namespace flashlake::lake {
namespace {

using testing::DataFile;
using testing::ExpectReadable;
using testing::Message;
using testing::Partition;
using testing::UniqueFileName;

class CommitManifestMergeTest : public ::testing::Test {
protected:
    void Create(Options options) {
        auto path = CreateTable(&fs_, testing::kWarehouse, "db", "t" + std::to_string(tables_++),
                                testing::AppendSchema(std::move(options)));
        ASSERT_TRUE(path.ok()) << path.status().ToString();
        table_ = *path;
        commit_ = std::make_unique<TableCommit>(&fs_, table_);
    }

    DataFileMeta Append(const std::string& dt, int64_t rows = 1) {
        DataFileMeta file = DataFile(UniqueFileName(dt), rows);
        std::vector<CommitMessage> messages = {Message(dt, 0, -1, {file})};
        testing::WriteDataFiles(&fs_, table_, messages);
        auto result = commit_->Commit("w", next_id_++, messages);
        EXPECT_TRUE(result.ok()) << result.status().ToString();
        return file;
    }

    std::vector<ManifestFileMeta> Base(int64_t id) {
        auto snapshot = SnapshotManager(&fs_, table_).Read(id);
        EXPECT_TRUE(snapshot.ok());
        return ReadManifestMetas(&fs_, table_, snapshot->base_manifest_list).ValueOr({});
    }

    int64_t Latest() { return testing::LatestByListing(&fs_, table_); }

    io::MemoryFileSystem fs_;
    std::string table_;
    std::unique_ptr<TableCommit> commit_;
    int64_t next_id_ = 1;
    int tables_ = 0;
};

TEST_F(CommitManifestMergeTest, SmallManifestsAreMergedPastTheMinCount) {
    Create({{"manifest.merge-min-count", "5"}});
    for (int i = 0; i < 20; ++i) Append("2024-01-0" + std::to_string(1 + i % 3));
    for (int64_t id = 1; id <= Latest(); ++id) {
        EXPECT_LT(Base(id).size(), 6u) << "snapshot " << id;
        EXPECT_EQ(ExpectReadable(&fs_, table_, id), static_cast<size_t>(id));
    }
}

TEST_F(CommitManifestMergeTest, DefaultsKeepUpTo29SmallManifests) {
    Create({});
    for (int i = 0; i < 31; ++i) Append("2024-01-01");
    // Base of snapshot 30 = 29 manifests (kept); base of 31 = 30 manifests: merged into one.
    EXPECT_EQ(Base(30).size(), 29u);
    EXPECT_EQ(Base(31).size(), 1u);
    EXPECT_EQ(ExpectReadable(&fs_, table_, 31), 31u);
}

TEST_F(CommitManifestMergeTest, MergingCancelsAddAndDelete) {
    Create({{"manifest.merge-min-count", "3"}});
    DataFileMeta a = Append("2024-01-01");
    DataFileMeta b = Append("2024-01-01");
    DataFileMeta c = DataFile(UniqueFileName("c"), 2, 0);
    std::vector<CommitMessage> compact = {Message("2024-01-01", 0, -1, {c}, {a, b})};
    testing::WriteDataFiles(&fs_, table_, compact);
    ASSERT_TRUE(commit_->Commit("w", 100, compact, CommitKind::kCompact).ok());
    Append("2024-01-02");  // base = 3 manifests (a, b, compaction) -> merged
    std::vector<ManifestFileMeta> base = Base(Latest());
    ASSERT_EQ(base.size(), 1u);
    EXPECT_EQ(base[0].num_added_files, 1);  // only c survives
    EXPECT_EQ(base[0].num_deleted_files, 0);
    EXPECT_EQ(ExpectReadable(&fs_, table_, Latest()), 2u);
}

TEST_F(CommitManifestMergeTest, FullCompactionAppliesDeletes) {
    // Every manifest "must change" (it is below the 8 MB target) and a 1-byte trigger.
    Create({{"manifest.full-compaction-threshold-size", "1 b"}});
    DataFileMeta a = Append("2024-01-01");
    Append("2024-01-02");
    DataFileMeta c = DataFile(UniqueFileName("c"), 1, 0);
    std::vector<CommitMessage> compact = {Message("2024-01-01", 0, -1, {c}, {a})};
    testing::WriteDataFiles(&fs_, table_, compact);
    ASSERT_TRUE(commit_->Commit("w", 100, compact, CommitKind::kCompact).ok());
    Append("2024-01-03");
    std::vector<ManifestFileMeta> base = Base(Latest());
    int64_t added = 0, deleted = 0;
    for (const ManifestFileMeta& meta : base) {
        added += meta.num_added_files;
        deleted += meta.num_deleted_files;
    }
    EXPECT_EQ(added, 2);  // the file of 01-02 and c
    EXPECT_EQ(deleted, 0);
    EXPECT_EQ(ExpectReadable(&fs_, table_, Latest()), 3u);
}

TEST_F(CommitManifestMergeTest, LargeManifestsRoll) {
    Create({{"manifest.target-file-size", "1 kb"}});
    std::vector<DataFileMeta> files;
    std::vector<CommitMessage> messages;
    for (int i = 0; i < 200; ++i) files.push_back(DataFile(UniqueFileName("big-" + std::to_string(i)), 1));
    messages.push_back(Message("2024-01-01", 0, -1, files));
    testing::WriteDataFiles(&fs_, table_, messages);
    ASSERT_TRUE(commit_->Commit("w", 1, messages).ok());
    auto snapshot = SnapshotManager(&fs_, table_).Read(1);
    auto delta = ReadManifestMetas(&fs_, table_, snapshot->delta_manifest_list);
    ASSERT_TRUE(delta.ok());
    EXPECT_GT(delta->size(), 2u);
    int64_t added = 0;
    for (const ManifestFileMeta& meta : *delta) added += meta.num_added_files;
    EXPECT_EQ(added, 200);
    EXPECT_EQ(ExpectReadable(&fs_, table_, 1), 200u);
}

// MergeManifests on its own: in a full compaction, a large manifest whose partition range
// cannot hold a deleted file is kept as it is.
TEST_F(CommitManifestMergeTest, FullCompactionKeepsUntouchedLargeManifests) {
    Create({});
    std::vector<DataType> types = {DataType::String()};
    ManifestFileWriter writer(&fs_, table_, types, 0, {}, 1 << 20);
    auto add = [&](const std::string& dt, const std::string& name) {
        ManifestEntry entry;
        entry.partition = Partition(dt);
        entry.total_buckets = -1;
        entry.file = DataFile(name, 1);
        return entry;
    };
    auto january = writer.WriteManifests({add("2024-01-01", "j1"), add("2024-01-02", "j2")});
    auto march = writer.WriteManifests({add("2024-03-01", "m1")});
    ManifestEntry deleted = add("2024-03-01", "m1");
    deleted.kind = FileKind::kDelete;
    auto delta = writer.WriteManifests({deleted, add("2024-03-02", "m2")});
    ASSERT_TRUE(january.ok() && march.ok() && delta.ok());
    std::vector<ManifestFileMeta> input = {(*january)[0], (*march)[0], (*delta)[0]};
    ManifestMergeOptions options;
    options.target_file_size = 10;  // every input counts as large
    options.full_compaction_size = 1;
    auto merged = MergeManifests(&fs_, table_, input, types, options, &writer);
    ASSERT_TRUE(merged.ok()) << merged.status().ToString();
    ASSERT_EQ(merged->size(), 2u);
    EXPECT_EQ((*merged)[0], (*january)[0]);  // kept: no deletion can be in January
    auto entries = ReadManifestEntries(&fs_, table_, {(*merged)[1]});
    ASSERT_TRUE(entries.ok());
    ASSERT_EQ(entries->size(), 1u);
    EXPECT_EQ((*entries)[0].file.file_name, "m2");
    // The writer knows what it wrote, for the abort of a failed attempt.
    EXPECT_EQ(writer.written_files().size(), 4u);
    writer.DeleteWrittenFiles();
    EXPECT_TRUE(fs_.ListDirectory(table_ + "/manifest")->empty());
}

TEST(CommitManifestWriterTest, NamesAndUuids) {
    std::string a = RandomUuid(), b = RandomUuid();
    EXPECT_NE(a, b);
    ASSERT_EQ(a.size(), 36u);
    EXPECT_EQ(a[14], '4');
    EXPECT_TRUE(a[19] == '8' || a[19] == '9' || a[19] == 'a' || a[19] == 'b');
    io::MemoryFileSystem fs;
    ASSERT_TRUE(fs.CreateDirectories("/t/manifest").ok());
    ManifestFileWriter writer(&fs, "/t", {}, 0, {}, 1 << 20);
    auto list = writer.WriteManifestList({});
    ASSERT_TRUE(list.ok());
    EXPECT_EQ(list->first, "manifest-list-" + writer.uuid() + "-0");
    auto index = writer.WriteIndexManifest({});
    EXPECT_EQ(*index, "index-manifest-" + writer.uuid() + "-1");
    EXPECT_TRUE(ReadManifestList(&fs, "/t/manifest/" + list->first)->empty());
    // Only final names: no temporary file stays behind.
    EXPECT_EQ(fs.ListDirectory("/t/manifest")->size(), 2u);
}

}  // namespace
}  // namespace flashlake::lake
