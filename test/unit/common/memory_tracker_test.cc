#include "common/memory_tracker.h"

#include <gtest/gtest.h>

namespace flashlake {
namespace {

TEST(MemoryTrackerTest, ChildChargesParentAndRespectsBothLimits) {
    MemoryTracker process("process", 1000);
    {
        MemoryTracker query("query", 600, &process);
        EXPECT_TRUE(query.TryConsume(500).ok());
        EXPECT_EQ(process.consumed(), 500);
        Status over = query.TryConsume(200);
        ASSERT_FALSE(over.ok());
        EXPECT_EQ(over.code(), ErrorCode::kMemoryLimitExceeded);
        EXPECT_NE(over.message().find("limit 600 B"), std::string::npos) << over.message();
        EXPECT_NE(over.message().find("used 500 B"), std::string::npos) << over.message();
        EXPECT_EQ(query.consumed(), 500);  // a refused charge leaves nothing behind

        MemoryTracker other("other", -1, &process);
        EXPECT_TRUE(other.TryConsume(400).ok());
        EXPECT_FALSE(other.TryConsume(200).ok());  // the process limit binds
        EXPECT_EQ(other.consumed(), 400);
        EXPECT_EQ(process.consumed(), 900);
        EXPECT_EQ(query.peak(), 500);
    }
    EXPECT_EQ(process.consumed(), 0);  // trackers release what they held when they die
}

TEST(MemoryTrackerTest, FormatsSizes) {
    EXPECT_EQ(FormatBytes(512), "512 B");
    EXPECT_EQ(FormatBytes(1536), "1.50 KB");
    EXPECT_EQ(FormatBytes(3LL << 30), "3.00 GB");
}

}  // namespace
}  // namespace flashlake
