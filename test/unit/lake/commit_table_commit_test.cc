// TableCommit on a healthy file system: snapshot contents, manifests, hints, compaction,
// index files, labels and idempotency, validation.
#include <gtest/gtest.h>

#include "commit_test_util.h"
#include "format/json/json_parser.h"
#include "io/memory_file_system.h"
#include "lake/commit/commit_history.h"
#include "lake/commit/live_files.h"
#include "lake/commit/table_commit.h"
#include "lake/manifest_io.h"

namespace flashlake::lake {
namespace {

using testing::DataFile;
using testing::ExpectReadable;
using testing::LiveFiles;
using testing::Message;
using testing::Partition;
using testing::UniqueFileName;

class CommitTableCommitTest : public ::testing::Test {
protected:
    void SetUp() override { Create(testing::AppendSchema()); }

    void Create(TableSchema schema) {
        auto path = CreateTable(&fs_, testing::kWarehouse, "db", "t" + std::to_string(tables_++), std::move(schema));
        ASSERT_TRUE(path.ok()) << path.status().ToString();
        table_ = *path;
        CommitOptions options;
        options.clock = [this] { return ++clock_; };
        commit_ = std::make_unique<TableCommit>(&fs_, table_, options);
    }

    // Appends one file of `rows` rows to partition `dt` (written to disk first).
    CommitResult Append(const std::string& dt, int64_t rows, int64_t identifier, std::vector<std::string> labels = {},
                        std::string* file_name = nullptr) {
        std::string name = UniqueFileName(dt);
        if (file_name) *file_name = name;
        CommitRequest request;
        request.commit_user = "writer";
        request.commit_identifier = identifier;
        request.messages = {Message(dt, 0, -1, {DataFile(name, rows)})};
        request.labels = std::move(labels);
        testing::WriteDataFiles(&fs_, table_, request.messages);
        auto result = commit_->Commit(request);
        EXPECT_TRUE(result.ok()) << result.status().ToString();
        return result.ok() ? *result : CommitResult{};
    }

    Snapshot Read(int64_t id) {
        auto snapshot = SnapshotManager(&fs_, table_).Read(id);
        EXPECT_TRUE(snapshot.ok()) << snapshot.status().ToString();
        return snapshot.ok() ? *snapshot : Snapshot{};
    }

    io::MemoryFileSystem fs_;
    std::string table_;
    std::unique_ptr<TableCommit> commit_;
    int64_t clock_ = 1700000000000;
    int tables_ = 0;
};

TEST_F(CommitTableCommitTest, FirstCommitWritesSnapshotOne) {
    CommitResult result = Append("2024-01-01", 10, 1);
    EXPECT_EQ(result.snapshot_id, 1);
    EXPECT_FALSE(result.already_committed);
    EXPECT_EQ(result.attempts, 1);

    Snapshot snapshot = Read(1);
    EXPECT_EQ(snapshot.version, 3);
    EXPECT_EQ(snapshot.schema_id, 0);
    EXPECT_EQ(snapshot.commit_user, "writer");
    EXPECT_EQ(snapshot.commit_identifier, 1);
    EXPECT_EQ(snapshot.commit_kind, CommitKind::kAppend);
    EXPECT_EQ(snapshot.time_millis, clock_);
    EXPECT_EQ(snapshot.total_record_count, 10);
    EXPECT_EQ(snapshot.delta_record_count, 10);
    EXPECT_EQ(snapshot.changelog_record_count, 0);
    EXPECT_FALSE(snapshot.changelog_manifest_list);
    EXPECT_FALSE(snapshot.index_manifest);
    EXPECT_FALSE(snapshot.properties);
    EXPECT_TRUE(snapshot.base_manifest_list.rfind("manifest-list-", 0) == 0);
    EXPECT_TRUE(snapshot.delta_manifest_list.rfind("manifest-list-", 0) == 0);
    EXPECT_GT(snapshot.base_manifest_list_size.value_or(0), 0);
    EXPECT_GT(snapshot.delta_manifest_list_size.value_or(0), 0);

    // The JSON as Paimon 3 writes it: changelogManifestList null, logOffsets {}.
    std::string text = *fs_.ReadFile(table_ + "/snapshot/snapshot-1");
    EXPECT_NE(text.find("\"changelogManifestList\" : null"), std::string::npos) << text;
    EXPECT_NE(text.find("\"logOffsets\" : { }"), std::string::npos) << text;
    EXPECT_EQ(text.find("\"properties\""), std::string::npos);

    EXPECT_EQ(*fs_.ReadFile(table_ + "/snapshot/LATEST"), "1");
    EXPECT_EQ(*fs_.ReadFile(table_ + "/snapshot/EARLIEST"), "1");
    EXPECT_EQ(ExpectReadable(&fs_, table_, 1), 1u);
    EXPECT_TRUE(ReadManifestMetas(&fs_, table_, snapshot.base_manifest_list)->empty());
    auto delta = ReadManifestMetas(&fs_, table_, snapshot.delta_manifest_list);
    ASSERT_EQ(delta->size(), 1u);
    EXPECT_EQ((*delta)[0].num_added_files, 1);
    EXPECT_EQ((*delta)[0].schema_id, 0);
    EXPECT_TRUE(testing::UnreferencedMetadata(&fs_, table_).empty());
}

TEST_F(CommitTableCommitTest, BaseListIsPreviousBasePlusDelta) {
    for (int i = 1; i <= 4; ++i) Append("2024-01-0" + std::to_string(i), i, i);
    Snapshot third = Read(3);
    Snapshot fourth = Read(4);
    auto previous = ReadSnapshotManifests(&fs_, table_, third);
    auto base = ReadManifestMetas(&fs_, table_, fourth.base_manifest_list);
    ASSERT_TRUE(previous.ok() && base.ok());
    EXPECT_EQ(*base, *previous);  // few small manifests: kept as they are
    EXPECT_EQ(fourth.total_record_count, 10);
    EXPECT_EQ(fourth.delta_record_count, 4);
    EXPECT_EQ(ExpectReadable(&fs_, table_, 4), 4u);
    EXPECT_EQ(*fs_.ReadFile(table_ + "/snapshot/LATEST"), "4");
    EXPECT_EQ(*fs_.ReadFile(table_ + "/snapshot/EARLIEST"), "1");
}

TEST_F(CommitTableCommitTest, CompactionReplacesFiles) {
    Create(testing::PrimaryKeySchema());
    std::string a = UniqueFileName("a"), b = UniqueFileName("b"), c = UniqueFileName("c");
    DataFileMeta fa = DataFile(a, 5, 0, 1, 50, true), fb = DataFile(b, 7, 0, 20, 80, true);
    std::vector<CommitMessage> flush = {Message("2024-01-01", 1, 2, {fa, fb})};
    testing::WriteDataFiles(&fs_, table_, flush);
    ASSERT_TRUE(commit_->Commit("w", 1, flush).ok());
    // Compact a + b into c at level 5.
    DataFileMeta fc = DataFile(c, 11, 5, 1, 80, true);
    std::vector<CommitMessage> compact = {Message("2024-01-01", 1, 2, {fc}, {fa, fb})};
    testing::WriteDataFiles(&fs_, table_, compact);
    auto result = commit_->Commit("w", 1, compact, CommitKind::kCompact);
    ASSERT_TRUE(result.ok()) << result.status().ToString();
    Snapshot snapshot = Read(2);
    EXPECT_EQ(snapshot.commit_kind, CommitKind::kCompact);
    EXPECT_EQ(snapshot.total_record_count, 11);
    EXPECT_EQ(snapshot.delta_record_count, -1);
    EXPECT_EQ(LiveFiles(&fs_, table_, 2), (std::vector<std::string>{c}));
    ExpectReadable(&fs_, table_, 2);
    // Upgrade: c moves from level 5 to level 4 without a rewrite (DELETE + ADD of one name).
    DataFileMeta upgraded = fc;
    upgraded.level = 4;
    result = commit_->Commit("w", 2, {Message("2024-01-01", 1, 2, {upgraded}, {fc})}, CommitKind::kCompact);
    ASSERT_TRUE(result.ok()) << result.status().ToString();
    auto files = ReadTableFiles(&fs_, table_, 3);
    ASSERT_TRUE(files.ok());
    ASSERT_EQ(files->FileCount(), 1u);
    EXPECT_EQ(files->buckets[0].files[0].level, 4);
    EXPECT_EQ(Read(3).total_record_count, 11);
}

TEST_F(CommitTableCommitTest, EmptyCommitStillRecordsItsLabel) {
    CommitRequest request;
    request.commit_user = "loader";
    request.commit_identifier = 7;
    request.labels = {"empty-load"};
    auto result = commit_->Commit(request);
    ASSERT_TRUE(result.ok()) << result.status().ToString();
    EXPECT_EQ(result->snapshot_id, 1);
    EXPECT_EQ(Read(1).total_record_count, 0);
    EXPECT_EQ(*commit_->FindLabel("empty-load"), 1);
    EXPECT_EQ(ExpectReadable(&fs_, table_, 1), 0u);
}

TEST_F(CommitTableCommitTest, LabelsAndPropertiesAreInTheSnapshot) {
    CommitRequest request;
    request.commit_user = "loader";
    request.commit_identifier = 1;
    request.labels = {"load-a", "load \"b\""};
    request.properties = {{"source", "http"}};
    request.messages = {Message("2024-01-01", 0, -1, {DataFile(UniqueFileName("x"), 3)})};
    testing::WriteDataFiles(&fs_, table_, request.messages);
    ASSERT_TRUE(commit_->Commit(request).ok());
    Snapshot snapshot = Read(1);
    ASSERT_TRUE(snapshot.properties);
    EXPECT_EQ(SnapshotLabels(snapshot), (std::vector<std::string>{"load-a", "load \"b\""}));
    EXPECT_EQ((*snapshot.properties)[0], (std::pair<std::string, std::string>{"source", "http"}));
    EXPECT_EQ((*snapshot.properties)[1].first, "flashlake.labels");
    EXPECT_EQ(*commit_->FindLabel("load \"b\""), 1);
    EXPECT_FALSE(commit_->FindLabel("load-c")->has_value());
    // Lookups without a TableCommit, from the files alone.
    EXPECT_EQ(*FindLabelSnapshot(&fs_, table_, "load-a"), 1);
    EXPECT_FALSE(FindLabelSnapshot(&fs_, table_, "nope")->has_value());
    EXPECT_EQ(*FindCommittedSnapshot(&fs_, table_, "loader", 1, CommitKind::kAppend), 1);
    EXPECT_FALSE(FindCommittedSnapshot(&fs_, table_, "loader", 1, CommitKind::kCompact)->has_value());
}

TEST_F(CommitTableCommitTest, ALabelCommitsOnce) {
    Append("2024-01-01", 5, 1, {"L1"});
    // The same label from another load (other identifier or user) is refused, nothing written.
    CommitRequest again;
    again.commit_user = "writer";
    again.commit_identifier = 2;
    again.labels = {"L2", "L1"};
    auto refused = commit_->Commit(again);
    EXPECT_EQ(refused.status().code(), ErrorCode::kLabelAlreadyExists);
    EXPECT_NE(refused.status().message().find("'L1'"), std::string::npos);
    again.commit_user = "other";
    EXPECT_EQ(commit_->Commit(again).status().code(), ErrorCode::kLabelAlreadyExists);
    EXPECT_EQ(testing::LatestByListing(&fs_, table_), 1);
    // A fresh TableCommit (a restarted process) sees it too.
    TableCommit fresh(&fs_, table_);
    EXPECT_EQ(fresh.Commit(again).status().code(), ErrorCode::kLabelAlreadyExists);
    EXPECT_TRUE(testing::UnreferencedMetadata(&fs_, table_).empty());
}

TEST_F(CommitTableCommitTest, RetryOfACommittedIdentifierIsANoOp) {
    std::string name;
    Append("2024-01-01", 5, 41, {"load-41"}, &name);
    Append("2024-01-02", 5, 42);
    // Retry commit 41 (same user and identifier), e.g. after an unknown outcome.
    CommitRequest retry;
    retry.commit_user = "writer";
    retry.commit_identifier = 41;
    retry.labels = {"load-41"};
    retry.messages = {Message("2024-01-01", 0, -1, {DataFile(name, 5)})};
    for (TableCommit* committer : {commit_.get(), new TableCommit(&fs_, table_)}) {
        auto result = committer->Commit(retry);
        ASSERT_TRUE(result.ok()) << result.status().ToString();
        EXPECT_TRUE(result->already_committed);
        EXPECT_EQ(result->snapshot_id, 1);
        if (committer != commit_.get()) delete committer;
    }
    EXPECT_EQ(testing::LatestByListing(&fs_, table_), 2);
    EXPECT_EQ(*commit_->LatestIdentifier("writer"), 42);
    EXPECT_FALSE(commit_->LatestIdentifier("nobody")->has_value());
    // Another kind with the same identifier is a different commit.
    auto compact = commit_->Commit("writer", 41, {}, CommitKind::kCompact);
    ASSERT_TRUE(compact.ok());
    EXPECT_FALSE(compact->already_committed);
    EXPECT_EQ(compact->snapshot_id, 3);
}

TEST_F(CommitTableCommitTest, BatchCommitsAreNeverMistakenForRetries) {
    for (int i = 0; i < 3; ++i) {
        auto result = commit_->Commit("batch", kBatchCommitIdentifier, {});
        ASSERT_TRUE(result.ok());
        EXPECT_FALSE(result->already_committed);
        EXPECT_EQ(result->snapshot_id, i + 1);
    }
}

TEST_F(CommitTableCommitTest, WatermarkIsCarriedAndOnlyGrows) {
    CommitRequest request;
    request.commit_user = "w";
    request.commit_identifier = 1;
    request.watermark = 1000;
    ASSERT_TRUE(commit_->Commit(request).ok());
    request.commit_identifier = 2;
    request.watermark = 500;
    ASSERT_TRUE(commit_->Commit(request).ok());
    request.commit_identifier = 3;
    request.watermark.reset();
    ASSERT_TRUE(commit_->Commit(request).ok());
    EXPECT_EQ(Read(1).watermark, 1000);
    EXPECT_EQ(Read(2).watermark, 1000);
    EXPECT_EQ(Read(3).watermark, 1000);
}

TEST_F(CommitTableCommitTest, SchemaIdFollowsTheLatestSchema) {
    Append("2024-01-01", 1, 1);
    TableSchema next = *SchemaManager(&fs_, table_).Read(0);
    next.id = 1;
    next.fields.push_back({3, "extra", DataType::Int(), std::nullopt});
    next.highest_field_id = 3;
    ASSERT_TRUE(SchemaManager(&fs_, table_).Create(next).ok());
    Append("2024-01-01", 1, 2);
    EXPECT_EQ(Read(2).schema_id, 1);
    ExpectReadable(&fs_, table_, 2);
}

TEST_F(CommitTableCommitTest, InvalidRequestsAreRefused) {
    auto expect = [&](CommitRequest request, ErrorCode code, const char* what) {
        auto result = commit_->Commit(request);
        EXPECT_EQ(result.status().code(), code) << what << ": " << result.status().ToString();
    };
    CommitRequest base;
    base.commit_user = "w";
    base.commit_identifier = 1;
    CommitRequest request = base;
    request.commit_user = "";
    expect(request, ErrorCode::kInvalidArgument, "empty user");
    request = base;
    request.kind = CommitKind::kAnalyze;
    expect(request, ErrorCode::kNotSupported, "analyze");
    request = base;
    request.messages = {Message("2024-01-01", 0, -1, {DataFile("f", 1)})};
    request.messages[0].partition = BinaryRow();
    expect(request, ErrorCode::kInvalidArgument, "partition arity");
    request = base;
    request.messages = {Message("2024-01-01", 0, -1, {DataFile("f", 1)})};
    request.messages[0].new_files[0].schema_id = 5;
    expect(request, ErrorCode::kInvalidArgument, "future schema");
    request = base;
    request.messages = {Message("2024-01-01", 0, -1, {DataFile("a/b", 1)})};
    expect(request, ErrorCode::kInvalidArgument, "file name with a slash");
    request = base;
    request.labels = {"x", "x"};
    expect(request, ErrorCode::kInvalidArgument, "repeated label");
    request = base;
    request.properties = {{"flashlake.labels", "[]"}};
    expect(request, ErrorCode::kInvalidArgument, "reserved property");
    request = base;
    request.kind = CommitKind::kOverwrite;
    request.messages = {Message("2024-01-01", 0, -1, {}, {DataFile("f", 1)})};
    expect(request, ErrorCode::kInvalidArgument, "overwrite with deletes");
    EXPECT_EQ(testing::LatestByListing(&fs_, table_), 0);
}

TEST_F(CommitTableCommitTest, MissingDataDirectoryFailsTheCommit) {
    // The writer never wrote the file: its bucket directory does not exist.
    auto result = commit_->Commit("w", 1, {Message("2024-01-01", 0, -1, {DataFile("ghost", 1)})});
    EXPECT_EQ(result.status().code(), ErrorCode::kNotFound);
    EXPECT_EQ(testing::LatestByListing(&fs_, table_), 0);
    EXPECT_TRUE(testing::UnreferencedMetadata(&fs_, table_).empty());
    // A writer that syncs its directories itself can switch the sync off.
    CommitOptions options;
    options.sync_data_directories = false;
    TableCommit unsynced(&fs_, table_, options);
    EXPECT_TRUE(unsynced.Commit("w", 1, {Message("2024-01-01", 0, -1, {DataFile("ghost", 1)})}).ok());
}

TEST_F(CommitTableCommitTest, DeletionVectorIndexFiles) {
    Create(testing::PrimaryKeySchema({{"deletion-vectors.enabled", "true"}}));
    std::string data = UniqueFileName("d");
    std::vector<CommitMessage> flush = {Message("2024-01-01", 0, 2, {DataFile(data, 10, 1, 1, 9, true)})};
    testing::WriteDataFiles(&fs_, table_, flush);
    ASSERT_TRUE(commit_->Commit("w", 1, flush).ok());
    EXPECT_FALSE(Read(1).index_manifest);

    auto dv = [&](const std::string& name, int32_t cardinality) {
        IndexFileMeta index;
        index.index_type = std::string(kDeletionVectorsIndex);
        index.file_name = name;
        index.file_size = 30;
        index.row_count = 1;
        index.deletion_vector_ranges = std::vector<DeletionVectorRange>{{data, 1, 22, cardinality}};
        return index;
    };
    CommitMessage add_dv = Message("2024-01-01", 0, 2, {});
    add_dv.new_index_files = {dv("index-a-0", 2)};
    testing::WriteDataFiles(&fs_, table_, {add_dv});
    ASSERT_TRUE(commit_->Commit("w", 2, {add_dv}, CommitKind::kCompact).ok());
    Snapshot second = Read(2);
    ASSERT_TRUE(second.index_manifest);
    auto files = ReadTableFiles(&fs_, table_, 2);
    ASSERT_TRUE(files.ok()) << files.status().ToString();
    ASSERT_EQ(files->buckets.size(), 1u);
    EXPECT_EQ(files->buckets[0].deletion_files.at(data).cardinality, 2);

    // An append that touches no index keeps the index manifest.
    std::string more = UniqueFileName("e");
    std::vector<CommitMessage> flush2 = {Message("2024-01-01", 1, 2, {DataFile(more, 3, 0, 1, 2, true)})};
    testing::WriteDataFiles(&fs_, table_, flush2);
    ASSERT_TRUE(commit_->Commit("w", 3, flush2).ok());
    EXPECT_EQ(Read(3).index_manifest, second.index_manifest);

    // Replacing the deletion vector file: one live index file, the new one.
    CommitMessage replace = Message("2024-01-01", 0, 2, {});
    replace.deleted_index_files = {dv("index-a-0", 2)};
    replace.new_index_files = {dv("index-b-0", 3)};
    testing::WriteDataFiles(&fs_, table_, {replace});
    ASSERT_TRUE(commit_->Commit("w", 4, {replace}, CommitKind::kCompact).ok());
    auto live = ReadLiveIndexEntries(&fs_, table_, Read(4));
    ASSERT_TRUE(live.ok());
    ASSERT_EQ(live->size(), 1u);
    EXPECT_EQ((*live)[0].index_file.file_name, "index-b-0");
    EXPECT_EQ(ReadTableFiles(&fs_, table_, 4)->Find(Partition("2024-01-01"), 0)->deletion_files.at(data).cardinality,
              3);

    // Deleting the last one leaves no index manifest.
    CommitMessage drop = Message("2024-01-01", 0, 2, {});
    drop.deleted_index_files = {dv("index-b-0", 3)};
    ASSERT_TRUE(commit_->Commit("w", 5, {drop}, CommitKind::kCompact).ok());
    EXPECT_FALSE(Read(5).index_manifest);
}

TEST_F(CommitTableCommitTest, CommitsToATableWithoutMetadataDirectories) {
    // A table whose snapshot/ and manifest/ directories do not exist yet (as Paimon leaves them).
    ASSERT_TRUE(fs_.DeleteDirectoryRecursive(table_ + "/snapshot").ok());
    ASSERT_TRUE(fs_.DeleteDirectoryRecursive(table_ + "/manifest").ok());
    TableCommit commit(&fs_, table_);
    ASSERT_TRUE(commit.Commit("w", 1, {}).ok());
    fs_.DropUnsyncedData();
    EXPECT_EQ(testing::LatestByListing(&fs_, table_), 1);
    ExpectReadable(&fs_, table_, 1);
}

TEST_F(CommitTableCommitTest, HistoryScanLimitBoundsTheFirstScan) {
    for (int i = 1; i <= 5; ++i) Append("2024-01-01", 1, i, {"l" + std::to_string(i)});
    CommitHistory limited(&fs_, table_, 2);
    ASSERT_TRUE(limited.Refresh().ok());
    EXPECT_EQ(limited.scanned_up_to(), 5);
    EXPECT_FALSE(limited.FindLabel("l1").has_value());
    EXPECT_EQ(limited.FindLabel("l4"), 4);
    EXPECT_EQ(*FindLabelSnapshot(&fs_, table_, "l1", 2), std::nullopt);
    EXPECT_EQ(*FindLabelSnapshot(&fs_, table_, "l1"), 1);
}

TEST_F(CommitTableCommitTest, HistoryForgetsExpiredSnapshots) {
    // Snapshot files alone are enough for the history (it reads nothing else).
    auto publish = [&](int64_t id) {
        Snapshot snapshot;
        snapshot.id = id;
        snapshot.commit_user = "u";
        snapshot.commit_identifier = id;
        snapshot.properties = {{std::string(kLabelsProperty), EncodeLabels({"l" + std::to_string(id)})}};
        ASSERT_TRUE(
            fs_.CreateFileExclusive(SnapshotManager(&fs_, table_).SnapshotPath(id), snapshot.ToJsonText()).ok());
    };
    for (int64_t id = 1; id <= 1100; ++id) publish(id);
    CommitHistory history(&fs_, table_);
    ASSERT_TRUE(history.Refresh().ok());
    EXPECT_EQ(history.FindLabel("l5"), 5);
    EXPECT_EQ(history.FindCommit("u", 5, CommitKind::kAppend), 5);
    for (int64_t id = 1; id <= 1000; ++id)
        ASSERT_TRUE(fs_.DeleteFile(SnapshotManager(&fs_, table_).SnapshotPath(id)).ok());
    for (int64_t id = 1101; id <= 1110; ++id) publish(id);
    ASSERT_TRUE(history.Refresh().ok());
    EXPECT_FALSE(history.FindLabel("l5").has_value());
    EXPECT_FALSE(history.FindCommit("u", 5, CommitKind::kAppend).has_value());
    EXPECT_EQ(history.FindLabel("l1001"), 1001);
    EXPECT_EQ(history.FindLabel("l1110"), 1110);
    EXPECT_EQ(history.LatestIdentifier("u"), 1110);
}

TEST_F(CommitTableCommitTest, UnknownTableIsRefusedWithoutTouchingTheDisk) {
    TableCommit commit(&fs_, "/wh/db.db/nope");
    EXPECT_EQ(commit.Commit("w", 1, {}).status().code(), ErrorCode::kUnknownTable);
    EXPECT_FALSE(fs_.Exists("/wh/db.db/nope").ValueOr(true));
}

}  // namespace
}  // namespace flashlake::lake
