#include "ingest/load_tracker.h"

#include <gtest/gtest.h>

#include "io/memory_file_system.h"

namespace flashlake::ingest {
namespace {

constexpr const char* kJournal = "/wh/_flashlake/loads.jsonl";

LoadRecord Figures(int64_t loaded, std::string error = {}) {
    LoadRecord figures;
    figures.scan_rows = loaded + 1;
    figures.loaded_rows = loaded;
    figures.filtered_rows = 1;
    figures.txn_id = 40 + loaded;
    figures.error = std::move(error);
    return figures;
}

class LoadTrackerTest : public ::testing::Test {
protected:
    void SetUp() override { ASSERT_TRUE(fs_.CreateDirectories("/wh/_flashlake").ok()); }
    io::MemoryFileSystem fs_;
};

TEST_F(LoadTrackerTest, FinishedLoadsOutliveTheProcess) {
    {
        LoadTracker tracker;
        ASSERT_TRUE(tracker.OpenJournal(&fs_, kJournal).ok());
        int64_t first = tracker.Begin("l1", "db", "t", "STREAM_LOAD");
        int64_t second = tracker.Begin("l2", "db", "t", "INSERT");
        int64_t running = tracker.Begin("l3", "db", "u", "STREAM_LOAD");
        tracker.Finish(first, Figures(5));
        tracker.Finish(second, Figures(0, "bad row"));
        EXPECT_EQ(running, 3);
        EXPECT_EQ(tracker.List().size(), 3u);
    }
    LoadTracker reopened;
    ASSERT_TRUE(reopened.OpenJournal(&fs_, kJournal).ok());
    auto records = reopened.List();
    ASSERT_EQ(records.size(), 2u);  // the load still running at the stop left no record
    EXPECT_EQ(records[0].id, 1);
    EXPECT_EQ(records[0].label, "l1");
    EXPECT_EQ(records[0].state, "FINISHED");
    EXPECT_EQ(records[0].loaded_rows, 5);
    EXPECT_EQ(records[0].scan_rows, 6);
    EXPECT_EQ(records[0].filtered_rows, 1);
    EXPECT_EQ(records[0].txn_id, 45);
    EXPECT_GT(records[0].finish_time_ms, 0);
    EXPECT_EQ(records[1].label, "l2");
    EXPECT_EQ(records[1].type, "INSERT");
    EXPECT_EQ(records[1].state, "CANCELLED");
    EXPECT_EQ(records[1].error, "bad row");
    // Ids go on after the history's.
    EXPECT_EQ(reopened.Begin("l4", "db", "t", "STREAM_LOAD"), 3);
}

TEST_F(LoadTrackerTest, TornLastLineIsSkipped) {
    {
        LoadTracker tracker;
        ASSERT_TRUE(tracker.OpenJournal(&fs_, kJournal).ok());
        tracker.Finish(tracker.Begin("l1", "db", "t", "STREAM_LOAD"), Figures(1));
        tracker.Finish(tracker.Begin("l2", "db", "t", "STREAM_LOAD"), Figures(2));
    }
    auto text = fs_.ReadFile(kJournal);
    ASSERT_TRUE(text.ok());
    ASSERT_TRUE(fs_.WriteFile(kJournal, text->substr(0, text->size() - 10)).ok());  // a write cut short
    LoadTracker reopened;
    ASSERT_TRUE(reopened.OpenJournal(&fs_, kJournal).ok());
    EXPECT_EQ(reopened.journal_skipped_lines(), 1u);
    auto records = reopened.List();
    ASSERT_EQ(records.size(), 1u);
    EXPECT_EQ(records[0].label, "l1");
    EXPECT_EQ(reopened.Begin("l3", "db", "t", "STREAM_LOAD"), 2);
}

TEST_F(LoadTrackerTest, JournalStaysBounded) {
    {
        LoadTracker tracker(3);
        ASSERT_TRUE(tracker.OpenJournal(&fs_, kJournal).ok());
        for (int i = 1; i <= 20; ++i) tracker.Finish(tracker.Begin("l" + std::to_string(i), "db", "t", "INSERT"), Figures(i));
        auto text = fs_.ReadFile(kJournal);
        ASSERT_TRUE(text.ok());
        EXPECT_LT(std::count(text->begin(), text->end(), '\n'), 6);  // rewritten at twice the capacity
    }
    LoadTracker reopened(3);
    ASSERT_TRUE(reopened.OpenJournal(&fs_, kJournal).ok());
    auto records = reopened.List();
    ASSERT_EQ(records.size(), 3u);
    EXPECT_EQ(records[0].label, "l18");
    EXPECT_EQ(records[2].label, "l20");
    EXPECT_EQ(records[2].loaded_rows, 20);
}

}  // namespace
}  // namespace flashlake::ingest
