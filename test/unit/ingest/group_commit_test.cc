// Group commit of concurrent stream loads: one snapshot holds the rows and labels of many loads,
// each label is loaded at most once even when the same label races, a failed group commit
// leaves nothing visible, loads are listed by the tracker, and background compaction keeps the
// small-file count bounded while backpressure refuses loads when it cannot keep up.
#include "ingest/group_committer.h"

#include <gtest/gtest.h>

#include <atomic>
#include <map>
#include <set>
#include <thread>

#include "catalog/catalog.h"
#include "functions/function_registry.h"
#include "ingest/ingest_services.h"
#include "ingest/stream_loader.h"
#include "io/fault_injecting_file_system.h"
#include "io/memory_file_system.h"
#include "lake/commit/commit_history.h"
#include "lake/read/split_reader.h"
#include "lake/read/table_scan.h"
#include "lake/snapshot_manager.h"

namespace flashlake::ingest {
namespace {

class GroupCommitTest : public ::testing::Test {
protected:
    void SetUp() override {
        functions::RegisterBuiltinFunctions(functions_);
        auto catalog = catalog::Catalog::Open(&fs_, "/wh");
        ASSERT_TRUE(catalog.ok()) << catalog.status().ToString();
        catalog_ = std::move(*catalog);
        ASSERT_TRUE(catalog_->CreateDatabase("db", false).ok());
        catalog::TableDefinition table;
        catalog::ColumnDefinition k;
        k.name = "k";
        k.type = LogicalType::Int();
        catalog::ColumnDefinition tag;
        tag.name = "tag";
        tag.type = LogicalType::Varchar(40);
        table.columns = {k, tag};
        ASSERT_TRUE(catalog_->CreateTable("db", "t", table, false).ok());
    }

    // A loader over `fs` with its own services (options as given).
    void Open(IngestOptions options, io::FileSystem* fs = nullptr) {
        fs = fs ? fs : &fs_;
        services_ = std::make_unique<IngestServices>(fs, "test-user", [this] { return next_id_++; }, options);
        LoadEnvironment environment{fs, catalog_.get(), &functions_, "test-user", [this] { return next_id_++; },
                                    services_.get()};
        loader_ = std::make_unique<StreamLoader>(std::move(environment));
    }

    LoadRequest Csv(const std::string& label, int first, int rows) {
        LoadRequest request;
        request.database = "db";
        request.table = "t";
        request.label = label;
        request.column_separator = ",";
        for (int i = 0; i < rows; ++i) request.body += std::to_string(first + i) + "," + label + "\n";
        return request;
    }

    std::string TablePath() { return catalog_->GetTable("db", "t")->path; }

    // Rows per tag (the tag column holds the label of the load that wrote the row).
    std::map<std::string, int> RowsPerTag() {
        lake::TableScan scan(&fs_, TablePath(), {});
        auto plan = scan.Plan();
        EXPECT_TRUE(plan.ok()) << plan.status().ToString();
        std::map<std::string, int> counts;
        if (!plan.ok()) return counts;
        for (const auto& split : plan->splits) {
            auto reader = lake::SplitReader::Make(&fs_, split);
            EXPECT_TRUE(reader.ok());
            Chunk chunk;
            while (reader.ok()) {
                auto more = (*reader)->Next(&chunk);
                EXPECT_TRUE(more.ok());
                if (!more.ok() || !*more) break;
                for (size_t row = 0; row < chunk.num_rows(); ++row) ++counts[chunk.column(1)->GetValue(row).GetString()];
            }
        }
        return counts;
    }

    int64_t Snapshots() {
        lake::SnapshotManager snapshots(&fs_, TablePath());
        auto latest = snapshots.Latest();
        return latest.ok() && *latest ? (*latest)->id : 0;
    }

    io::MemoryFileSystem fs_;
    functions::FunctionRegistry functions_;
    std::unique_ptr<catalog::Catalog> catalog_;
    std::unique_ptr<IngestServices> services_;
    std::unique_ptr<StreamLoader> loader_;
    std::atomic<int64_t> next_id_{1};
};

TEST_F(GroupCommitTest, ConcurrentLoadsShareSnapshotsAndKeepTheirLabels) {
    IngestOptions options;
    options.group_commit.eager = false;  // gather for the interval: the 16 loads form few groups
    options.group_commit.interval_ms = 300;
    Open(options);
    constexpr int kThreads = 16;
    std::vector<LoadResult> results(kThreads);
    std::vector<std::thread> threads;
    for (int t = 0; t < kThreads; ++t) {
        threads.emplace_back([&, t] { results[t] = loader_->Load(Csv("load-" + std::to_string(t), t * 100, 10)); });
    }
    for (auto& thread : threads) thread.join();
    std::set<int64_t> snapshots;
    for (const LoadResult& result : results) {
        ASSERT_EQ(result.status, LoadStatus::kSuccess) << result.message;
        EXPECT_EQ(result.loaded_rows, 10);
        snapshots.insert(result.txn_id);
    }
    // Fewer snapshots than loads: they were grouped (16 loads started together, 300 ms windows).
    EXPECT_LT(snapshots.size(), static_cast<size_t>(kThreads));
    EXPECT_EQ(Snapshots(), static_cast<int64_t>(snapshots.size()));
    EXPECT_EQ(services_->committer().commits(), static_cast<int64_t>(snapshots.size()));
    auto rows = RowsPerTag();
    ASSERT_EQ(rows.size(), static_cast<size_t>(kThreads));
    for (const auto& [tag, count] : rows) EXPECT_EQ(count, 10) << tag;
    // Each label is recorded in the snapshot its load reported.
    for (const LoadResult& result : results) {
        auto holder = lake::FindLabelSnapshot(&fs_, TablePath(), result.label, 0);
        ASSERT_TRUE(holder.ok());
        ASSERT_TRUE(holder->has_value()) << result.label;
        EXPECT_EQ(**holder, result.txn_id);
    }
    // Retrying any of them is refused, rows unchanged.
    LoadResult retry = loader_->Load(Csv("load-3", 300, 10));
    EXPECT_EQ(retry.status, LoadStatus::kLabelAlreadyExists);
    EXPECT_EQ(RowsPerTag()["load-3"], 10);
}

TEST_F(GroupCommitTest, EagerModeCommitsALoneLoadAtOnce) {
    IngestOptions options;
    options.group_commit.interval_ms = 60000;  // an upper bound only: never waited for
    Open(options);
    auto started = std::chrono::steady_clock::now();
    LoadResult result = loader_->Load(Csv("alone", 1, 5));
    ASSERT_EQ(result.status, LoadStatus::kSuccess) << result.message;
    EXPECT_LT(std::chrono::steady_clock::now() - started, std::chrono::seconds(30));
    EXPECT_EQ(RowsPerTag()["alone"], 5);
}

TEST_F(GroupCommitTest, SameLabelRacingLoadsOnce) {
    Open(IngestOptions{});
    constexpr int kThreads = 8;
    std::vector<LoadResult> results(kThreads);
    std::vector<std::thread> threads;
    for (int t = 0; t < kThreads; ++t) {
        threads.emplace_back([&, t] { results[t] = loader_->Load(Csv("same", t * 10, 3)); });
    }
    for (auto& thread : threads) thread.join();
    int successes = 0;
    for (const LoadResult& result : results) {
        if (result.status == LoadStatus::kSuccess) {
            ++successes;
        } else {
            EXPECT_EQ(result.status, LoadStatus::kLabelAlreadyExists) << result.message;
        }
    }
    EXPECT_EQ(successes, 1);
    EXPECT_EQ(RowsPerTag()["same"], 3);
}

TEST_F(GroupCommitTest, FailedGroupCommitShowsNothingOfItsLoads) {
    io::FaultInjectingFileSystem faulty(&fs_);
    // Only writes of commit metadata count; the first one fails, failing its whole group.
    faulty.SetFilter([](io::FileOp op, const std::string& path) {
        return io::IsMutatingFileOp(op) && path.find("/manifest/") != std::string::npos;
    });
    faulty.FailOperation(1);
    IngestOptions options;
    options.group_commit.eager = false;
    options.group_commit.interval_ms = 300;
    Open(options, &faulty);
    constexpr int kThreads = 6;
    std::vector<LoadResult> results(kThreads);
    std::vector<std::thread> threads;
    for (int t = 0; t < kThreads; ++t) {
        threads.emplace_back([&, t] { results[t] = loader_->Load(Csv("f-" + std::to_string(t), t * 10, 4)); });
    }
    for (auto& thread : threads) thread.join();
    auto rows = RowsPerTag();
    int failed = 0;
    for (const LoadResult& result : results) {
        if (result.status == LoadStatus::kSuccess) {
            EXPECT_EQ(rows[result.label], 4) << result.label;
            continue;
        }
        ++failed;
        EXPECT_EQ(result.status, LoadStatus::kFail);
        EXPECT_FALSE(result.message.empty());
        EXPECT_EQ(rows.count(result.label), 0u) << result.label;
        auto holder = lake::FindLabelSnapshot(&fs_, TablePath(), result.label, 0);
        ASSERT_TRUE(holder.ok());
        EXPECT_FALSE(holder->has_value());
        // The label is free again: a retry loads.
        faulty.ClearFaults();
        LoadResult retry = loader_->Load(Csv(result.label, 0, 4));
        EXPECT_EQ(retry.status, LoadStatus::kSuccess) << retry.message;
    }
    EXPECT_GE(failed, 1);
}

TEST_F(GroupCommitTest, TrackerListsLoads) {
    Open(IngestOptions{});
    ASSERT_EQ(loader_->Load(Csv("tracked", 1, 7)).status, LoadStatus::kSuccess);
    LoadRequest bad = Csv("broken", 1, 1);
    bad.body = "x,y\n";  // k is not a number: filtered, and max_filter_ratio 0 fails the load
    ASSERT_EQ(loader_->Load(bad).status, LoadStatus::kFail);
    ASSERT_EQ(loader_->Load(Csv("tracked", 1, 7)).status, LoadStatus::kLabelAlreadyExists);
    auto loads = services_->loads().List();
    ASSERT_EQ(loads.size(), 2u);  // the refused retry is no load
    EXPECT_EQ(loads[0].label, "tracked");
    EXPECT_EQ(loads[0].state, "FINISHED");
    EXPECT_EQ(loads[0].type, "STREAM_LOAD");
    EXPECT_EQ(loads[0].database, "db");
    EXPECT_EQ(loads[0].table, "t");
    EXPECT_EQ(loads[0].loaded_rows, 7);
    EXPECT_GT(loads[0].txn_id, 0);
    EXPECT_GT(loads[0].finish_time_ms, 0);
    EXPECT_EQ(loads[1].label, "broken");
    EXPECT_EQ(loads[1].state, "CANCELLED");
    EXPECT_EQ(loads[1].filtered_rows, 1);
    EXPECT_EQ(loads[1].loaded_rows, 0);
    EXPECT_NE(loads[1].error.find("too many filtered rows"), std::string::npos) << loads[1].error;

    LoadTracker small(3);
    for (int i = 0; i < 5; ++i) small.Begin("l" + std::to_string(i), "db", "t", "INSERT");
    auto kept = small.List();
    ASSERT_EQ(kept.size(), 3u);
    EXPECT_EQ(kept[0].label, "l2");
    EXPECT_EQ(kept[2].state, "LOADING");
}

TEST_F(GroupCommitTest, BackgroundCompactionBoundsSmallFiles) {
    IngestOptions options;
    options.compaction.enabled = true;
    options.compaction.min_interval_ms = 50;
    Open(options);
    for (int i = 0; i < 12; ++i) {
        ASSERT_EQ(loader_->Load(Csv("c" + std::to_string(i), i * 10, 2)).status, LoadStatus::kSuccess);
    }
    // Each load wrote one small file; compaction (5 or more small files) merges them.
    for (int wait = 0; wait < 400 && services_->compaction().MaxBucketFiles(TablePath()) >= 5; ++wait) {
        std::this_thread::sleep_for(std::chrono::milliseconds(25));
    }
    EXPECT_GE(services_->compaction().compactions(), 1);
    EXPECT_LT(services_->compaction().MaxBucketFiles(TablePath()), 5);
    auto rows = RowsPerTag();
    EXPECT_EQ(rows.size(), 12u);
    for (const auto& [tag, count] : rows) EXPECT_EQ(count, 2) << tag;
}

TEST_F(GroupCommitTest, BackpressureRefusesLoadsWhenCompactionIsBehind) {
    IngestOptions options;
    options.compaction.enabled = true;
    options.compaction.min_interval_ms = 3600 * 1000;  // after its first run, compaction never catches up
    options.compaction.max_files_per_bucket = 3;
    options.compaction.backpressure_wait_ms = 100;
    Open(options);
    int refused = 0;
    for (int i = 0; i < 8; ++i) {
        LoadResult result = loader_->Load(Csv("b" + std::to_string(i), i * 10, 1));
        if (result.status == LoadStatus::kSuccess) continue;
        ++refused;
        EXPECT_EQ(result.error_code, ErrorCode::kTimeout);
        EXPECT_NE(result.message.find("compaction is behind"), std::string::npos) << result.message;
    }
    EXPECT_GE(refused, 1);
    // Files of loads committed while the first measurement ran may count twice, never less.
    EXPECT_LE(services_->compaction().MaxBucketFiles(TablePath()), 8);
    // Nothing of a refused load was written.
    EXPECT_EQ(RowsPerTag().size(), static_cast<size_t>(8 - refused));
}

TEST_F(GroupCommitTest, LargeBodiesWriteOnASecondThread) {
    Open(IngestOptions{});
    // Over 4 MiB: parsing and writing run as a two-stage pipeline; the result must be the same.
    constexpr int kRows = 150000;
    const std::string tag = "large-body-with-a-long-tag-to-pass-4MiB";
    LoadRequest request = Csv("large", 0, 0);
    for (int i = 0; i < kRows; ++i) request.body += std::to_string(i) + "," + tag + "\n";
    ASSERT_GT(request.body.size(), size_t{4} << 20);
    LoadResult result = loader_->Load(request);
    ASSERT_EQ(result.status, LoadStatus::kSuccess) << result.message;
    EXPECT_EQ(result.loaded_rows, kRows);
    EXPECT_EQ(RowsPerTag()[tag], kRows);
    // A bad row at the very end fails the whole load (max_filter_ratio 0): nothing more visible.
    request.label = "large-bad";
    request.body += "not-a-number," + tag + "\n";
    LoadResult bad = loader_->Load(request);
    EXPECT_EQ(bad.status, LoadStatus::kFail);
    EXPECT_EQ(bad.filtered_rows, 1);
    EXPECT_EQ(RowsPerTag()[tag], kRows);
}

}  // namespace
}  // namespace flashlake::ingest
