#include <gtest/gtest.h>

#include <atomic>

#include "common/arena.h"
#include "common/config.h"
#include "common/hash.h"
#include "common/thread_pool.h"

namespace flashlake {
namespace {

TEST(ConfigTest, ParsesFileTextAndFlags) {
    auto config = Config::Parse("# comment\nmysql_port = 9031\n[server]\nhost = \"0.0.0.0\"\n", "test.conf");
    ASSERT_TRUE(config.ok()) << config.status().ToString();
    EXPECT_EQ(config->GetInt("mysql_port", 0).value(), 9031);
    EXPECT_EQ(config->GetString("server.host", ""), "0.0.0.0");
    auto rest = config->ApplyFlags({"--mysql-port", "9040", "--warehouse=/tmp/w", "positional"});
    ASSERT_TRUE(rest.ok());
    EXPECT_EQ(rest->size(), 1u);
    EXPECT_EQ(config->GetInt("mysql_port", 0).value(), 9040);
    EXPECT_EQ(config->GetString("warehouse", ""), "/tmp/w");
}

TEST(ConfigTest, BadValuesNameTheKey) {
    auto config = Config::Parse("port = abc\nflag = maybe\n", "x.conf");
    ASSERT_TRUE(config.ok());
    auto port = config->GetInt("port", 1);
    ASSERT_FALSE(port.ok());
    EXPECT_NE(port.status().message().find("'port'"), std::string::npos);
    EXPECT_FALSE(config->GetBool("flag", false).ok());
    auto broken = Config::Parse("just words\n", "y.conf");
    ASSERT_FALSE(broken.ok());
    EXPECT_NE(broken.status().message().find("y.conf:1"), std::string::npos);
}

TEST(ConfigTest, ByteSizes) {
    EXPECT_EQ(ParseByteSize("512MB").value(), 512LL << 20);
    EXPECT_EQ(ParseByteSize("2g").value(), 2LL << 30);
    EXPECT_EQ(ParseByteSize("100").value(), 100);
    EXPECT_FALSE(ParseByteSize("12 parsecs").ok());
}

TEST(ArenaTest, AlignedAndLarge) {
    Arena arena(64);
    char* a = arena.Allocate(3);
    char* b = arena.Allocate(8, 8);
    EXPECT_EQ(reinterpret_cast<uintptr_t>(b) % 8, 0u);
    EXPECT_NE(a, b);
    char* big = arena.Allocate(10000);
    std::memset(big, 1, 10000);
    EXPECT_GE(arena.bytes_reserved(), 10000u);
}

TEST(HashTest, DistinguishesInputs) {
    EXPECT_NE(HashBytes("abc", 3), HashBytes("abd", 3));
    EXPECT_NE(HashBytes("abcdefgh1", 9), HashBytes("abcdefgh2", 9));
    EXPECT_EQ(HashBytes("same", 4), HashBytes("same", 4));
    EXPECT_NE(HashMix(1), HashMix(2));
}

TEST(ThreadPoolTest, ParallelForRunsEveryIndex) {
    ThreadPool pool(2);
    std::vector<std::atomic<int>> hits(100);
    ParallelFor(pool, hits.size(), [&](size_t i) { hits[i]++; });
    for (auto& hit : hits) EXPECT_EQ(hit.load(), 1);
}

}  // namespace
}  // namespace flashlake
