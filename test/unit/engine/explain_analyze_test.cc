// EXPLAIN ANALYZE with timing on (the SQL tests turn it off for stable output): a summary line
// with the rows, time, peak memory and threads, and every operator with its rows and CPU time.

#include <gtest/gtest.h>

#include <regex>

#include "engine_test_util.h"

namespace flashlake::engine {
namespace {

TEST(ExplainAnalyzeTest, ReportsRowsAndTimesPerOperator) {
    TemporaryEngine engine("explain");
    ASSERT_TRUE(engine.ok());
    auto session = engine.SessionAfter({"CREATE DATABASE d", "USE d", "CREATE TABLE t (k INT, v INT)",
                                        "INSERT INTO t VALUES (1, 10), (2, 20), (2, 21), (3, 30)"});
    auto result = session->Execute("EXPLAIN ANALYZE SELECT k, sum(v) FROM t WHERE v > 10 GROUP BY k");
    ASSERT_TRUE(result.ok()) << result.status().ToString();
    std::vector<std::string> lines;
    for (const auto& chunk : result->rows.chunks) {
        for (size_t r = 0; r < chunk.num_rows(); ++r) lines.push_back(chunk.column(0)->GetValue(r).GetString());
    }
    ASSERT_EQ(lines.size(), 5u);
    EXPECT_TRUE(std::regex_match(lines[0], std::regex(R"(Query: 2 rows, [0-9.]+ ms, peak memory [0-9]+ bytes, [0-9]+ threads)")))
        << lines[0];
    const std::regex timed(R"(.*  \[rows=([0-9]+) cpu=[0-9]+\.[0-9]ms\])");
    std::vector<std::string> rows;
    for (size_t i = 1; i < lines.size(); ++i) {
        std::smatch match;
        ASSERT_TRUE(std::regex_match(lines[i], match, timed)) << lines[i];
        rows.push_back(match[1]);
    }
    // PROJECT and AGGREGATE give the 2 groups, the FILTER 3 of the 4 rows the scan read.
    EXPECT_EQ(rows, (std::vector<std::string>{"2", "2", "3", "4"}));
    EXPECT_NE(lines[4].find("TABLE_SCAN d.t"), std::string::npos) << lines[4];
}

}  // namespace
}  // namespace flashlake::engine
