// Crash safety of commits (reliability.md §2.2-2.4, G3/G6): count the file operations of a
// commit, then fail each one in turn with each kind of fault, once or for good (a disk that went
// away, or a process that died there), with or without a power loss afterwards. Every time the
// table must be at the old or the new snapshot (the new one whenever the commit was
// acknowledged), read cleanly, and a retry of the same commit must yield exactly one new
// snapshot.
#include <gtest/gtest.h>

#include "commit_test_util.h"
#include "io/fault_injecting_file_system.h"
#include "io/memory_file_system.h"
#include "lake/commit/table_commit.h"
#include "lake/maintenance/orphan_files_cleaner.h"

namespace flashlake::lake {
namespace {

using testing::DataFile;
using testing::ExpectReadable;
using testing::LatestByListing;
using testing::LiveFiles;
using testing::Message;

// A table in some state, and a commit to apply to it.
struct Scenario {
    const char* name;
    TableSchema schema;
    // Commits the table's history through `commit` (no faults).
    std::function<void(io::FileSystem*, const std::string&, TableCommit*)> history;
    // The commit under test; deterministic, so every run builds the same one.
    std::function<CommitRequest()> request;
};

std::string Table(io::MemoryFileSystem* fs, const Scenario& scenario) {
    auto path = CreateTable(fs, testing::kWarehouse, "db", "t", scenario.schema, 1);
    EXPECT_TRUE(path.ok()) << path.status().ToString();
    TableCommit commit(fs, *path);
    if (scenario.history) scenario.history(fs, *path, &commit);
    fs->DropUnsyncedData();  // what was committed is durable
    return *path;
}

struct Reference {
    int64_t ops = 0;
    int64_t all_ops = 0;
    int64_t old_id = 0;
    std::vector<std::string> op_log;  // the counted (mutating) operations, in order
    std::vector<std::string> live_after;
};

Reference Measure(const Scenario& scenario) {
    Reference reference;
    for (bool all : {false, true}) {
        io::MemoryFileSystem base;
        std::string table = Table(&base, scenario);
        reference.old_id = LatestByListing(&base, table);
        CommitRequest request = scenario.request();
        testing::WriteDataFiles(&base, table, request.messages);
        io::FaultInjectingFileSystem faulty(&base);
        if (all) faulty.CountAllOperations();
        TableCommit commit(&faulty, table);
        auto result = commit.Commit(request);
        EXPECT_TRUE(result.ok()) << result.status().ToString();
        (all ? reference.all_ops : reference.ops) = faulty.op_count();
        if (!all) reference.op_log = faulty.op_log();
        reference.live_after = LiveFiles(&base, table, reference.old_id + 1);
    }
    return reference;
}

void RunOne(const Scenario& scenario, const Reference& reference, int64_t n, io::FaultKind kind, bool sticky,
            bool count_all, bool power_loss) {
    std::string where = std::string(scenario.name) + ": op " + std::to_string(n) + " kind " +
                        std::to_string(static_cast<int>(kind)) + (sticky ? " sticky" : "") +
                        (count_all ? " all-ops" : "") + (power_loss ? " power-loss" : "");
    SCOPED_TRACE(where);
    io::MemoryFileSystem base;
    std::string table = Table(&base, scenario);
    CommitRequest request = scenario.request();
    testing::WriteDataFiles(&base, table, request.messages);

    io::FaultInjectingFileSystem faulty(&base);
    if (count_all) faulty.CountAllOperations();
    CommitOptions options;
    options.sleep = [](int64_t) {};
    TableCommit commit(&faulty, table, options);
    faulty.FailOperation(n, kind, sticky);
    auto result = commit.Commit(request);
    faulty.ClearFaults();
    if (power_loss) base.DropUnsyncedData();

    int64_t latest = LatestByListing(&base, table);
    ASSERT_TRUE(latest == reference.old_id || latest == reference.old_id + 1) << "latest " << latest;
    if (result.ok()) {
        EXPECT_EQ(result->snapshot_id, reference.old_id + 1);
        EXPECT_EQ(latest, reference.old_id + 1) << "an acknowledged commit was lost";
    }
    if (latest > 0) ExpectReadable(&base, table, latest);
    if (!sticky && !power_loss) {
        // One fault: the failed attempt cleaned up after itself (or its files are in use).
        EXPECT_EQ(testing::UnreferencedMetadata(&base, table), std::vector<std::string>{});
    }

    // The writer retries the same commit (its files rewritten if the power loss took them).
    testing::WriteDataFiles(&base, table, request.messages);
    TableCommit retry(&base, table);
    auto retried = retry.Commit(request);
    ASSERT_TRUE(retried.ok()) << retried.status().ToString();
    EXPECT_EQ(retried->snapshot_id, reference.old_id + 1);
    EXPECT_EQ(retried->already_committed, latest == reference.old_id + 1);
    EXPECT_EQ(LatestByListing(&base, table), reference.old_id + 1);
    EXPECT_EQ(LiveFiles(&base, table, reference.old_id + 1), reference.live_after);
    ExpectReadable(&base, table, reference.old_id + 1);
    // Whatever a crash left behind is garbage that orphan removal takes.
    OrphanFilesOptions orphans;
    orphans.now_millis = WallClockMillis() + 2 * 86400 * 1000LL;
    ASSERT_TRUE(RemoveOrphanFiles(&base, table, orphans).ok());
    EXPECT_EQ(testing::UnreferencedMetadata(&base, table), std::vector<std::string>{});
    ExpectReadable(&base, table, reference.old_id + 1);
}

void RunScenario(const Scenario& scenario) {
    Reference reference = Measure(scenario);
    ASSERT_GT(reference.ops, 10) << scenario.name;
    for (int64_t n = 1; n <= reference.ops; ++n) {
        for (io::FaultKind kind : {io::FaultKind::kIOError, io::FaultKind::kNoSpace, io::FaultKind::kShortWrite,
                                   io::FaultKind::kErrorAfterSuccess}) {
            // A short write is an append's own fault; elsewhere it acts as an I/O error.
            if (kind == io::FaultKind::kShortWrite && reference.op_log[n - 1].rfind("append", 0) != 0) continue;
            for (bool sticky : {false, true}) {
                for (bool power_loss : {false, true}) {
                    RunOne(scenario, reference, n, kind, sticky, false, power_loss);
                    if (::testing::Test::HasFatalFailure()) return;
                }
            }
        }
    }
    // Read errors too: every operation, reads and listings included.
    for (int64_t n = 1; n <= reference.all_ops; ++n) {
        RunOne(scenario, reference, n, io::FaultKind::kIOError, false, true, false);
        if (::testing::Test::HasFatalFailure()) return;
    }
}

std::vector<CommitMessage> Flush(const std::string& stem, int count, bool primary_key = false) {
    std::vector<DataFileMeta> files;
    for (int i = 0; i < count; ++i) {
        files.push_back(DataFile("data-" + stem + "-" + std::to_string(i) + ".parquet", 10 + i, 0, 10 * i, 10 * i + 5,
                                 primary_key));
    }
    return {Message("2024-01-01", 0, primary_key ? 2 : -1, files)};
}

CommitRequest Request(std::vector<CommitMessage> messages, CommitKind kind = CommitKind::kAppend) {
    CommitRequest request;
    request.commit_user = "loader";
    request.commit_identifier = 1000;
    request.kind = kind;
    request.messages = std::move(messages);
    request.labels = {"load-1000"};
    return request;
}

void History(io::FileSystem* fs, const std::string& table, TableCommit* commit, int commits, bool primary_key) {
    for (int i = 0; i < commits; ++i) {
        auto messages = Flush("old" + std::to_string(i), 2, primary_key);
        testing::WriteDataFiles(fs, table, messages);
        ASSERT_TRUE(commit->Commit("history", i + 1, messages).ok());
    }
}

TEST(CommitFaultInjectionTest, FirstCommit) {
    RunScenario({"first commit", testing::AppendSchema(), nullptr, [] { return Request(Flush("new", 2)); }});
}

TEST(CommitFaultInjectionTest, AppendWithManifestMerge) {
    RunScenario({"append + merge", testing::AppendSchema({{"manifest.merge-min-count", "2"}}),
                 [](io::FileSystem* fs, const std::string& table, TableCommit* commit) {
                     History(fs, table, commit, 3, false);
                 },
                 [] { return Request(Flush("new", 2)); }});
}

TEST(CommitFaultInjectionTest, Compaction) {
    RunScenario(
        {"compaction", testing::PrimaryKeySchema(),
         [](io::FileSystem* fs, const std::string& table, TableCommit* commit) { History(fs, table, commit, 2, true); },
         [] {
             auto inputs = Flush("old0", 2, true)[0].new_files;
             DataFileMeta output = DataFile("data-compacted.parquet", 21, 5, 0, 15, true);
             return Request({Message("2024-01-01", 0, 2, {output}, inputs)}, CommitKind::kCompact);
         }});
}

TEST(CommitFaultInjectionTest, OverwriteWithIndexFiles) {
    RunScenario({"overwrite", testing::AppendSchema(),
                 [](io::FileSystem* fs, const std::string& table, TableCommit* commit) {
                     History(fs, table, commit, 2, false);
                     CommitMessage dv = Message("2024-01-01", 0, -1, {});
                     dv.new_index_files = {{std::string(kDeletionVectorsIndex), "index-dv-0", 8, 1, {}, {}, {}}};
                     testing::WriteDataFiles(fs, table, {dv});
                     ASSERT_TRUE(commit->Commit("history", 99, {dv}, CommitKind::kCompact).ok());
                 },
                 [] {
                     CommitRequest request = Request(Flush("new", 1), CommitKind::kOverwrite);
                     request.overwrite_scope = OverwriteScope::kPartitions;
                     request.overwrite_partitions = {testing::Partition("2024-01-01")};
                     return request;
                 }});
}

}  // namespace
}  // namespace flashlake::lake
