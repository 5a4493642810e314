// Issue 4 acceptance: random statements from the dialect's grammar (test/fuzz/sql_generator.h)
// through the parser. None may crash or take a second; every one that parses must print back to
// text that parses to an equal tree; and most must parse (the generator writes well-formed SQL
// except for its deliberate mutations and limit probes).
#include <gtest/gtest.h>
#include <time.h>

#include <chrono>
#include <map>

#include "../../fuzz/random_run.h"
#include "../../fuzz/sql_generator.h"
#include "sql/parser/parser.h"

namespace flashlake::sql {
namespace {

using testing::GeneratorOptions;
using testing::GeneratorSchema;
using testing::RandomRunBounds;
using testing::SqlGenerator;

// CPU time of this thread: what a parse costs, whatever else the machine runs meanwhile.
std::chrono::nanoseconds ThreadCpuTime() {
    timespec now{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &now);
    return std::chrono::seconds(now.tv_sec) + std::chrono::nanoseconds(now.tv_nsec);
}

TEST(RandomStatementTest, ParserNeverCrashesAndRoundTrips) {
    auto bounds = RandomRunBounds::FromEnvironment(20261127, 20, 20000);
    SqlGenerator generator(bounds.seed, GeneratorSchema::Default(), GeneratorOptions{});
    auto started = std::chrono::steady_clock::now();
    int64_t statements = 0;
    int64_t parsed = 0;
    int64_t round_trip_failures = 0;
    std::map<std::string, int64_t> error_kinds;
    while (statements < bounds.max_statements && std::chrono::steady_clock::now() - started < bounds.budget) {
        std::string sql = generator.Statement();
        ++statements;
        auto parse_started = ThreadCpuTime();
        auto result = ParseStatement(sql);
        auto elapsed = ThreadCpuTime() - parse_started;
        EXPECT_LT(elapsed, std::chrono::seconds(1)) << "slow parse (seed " << bounds.seed << "): " << sql.substr(0, 500);
        if (!result.ok()) {
            std::string message = result.status().message();
            error_kinds[message.substr(0, message.find(" at line"))]++;
            continue;
        }
        ++parsed;
        std::string printed = (*result)->ToString();
        auto again = ParseStatement(printed);
        bool same = again.ok() && (*result)->Equals(**again);
        if (!same && ++round_trip_failures <= 10) {
            ADD_FAILURE() << "round trip failed (seed " << bounds.seed << ")\n  original: " << sql.substr(0, 2000)
                          << "\n  printed:  " << printed.substr(0, 2000) << "\n  "
                          << (again.ok() ? "reprinted: " + (*again)->ToString().substr(0, 2000)
                                         : again.status().ToString());
        }
    }
    double share = static_cast<double>(parsed) / static_cast<double>(std::max<int64_t>(statements, 1));
    std::printf("random statements: %lld generated (seed %llu), %lld parsed (%.1f%%), %lld round-trip failures\n",
                static_cast<long long>(statements), static_cast<unsigned long long>(bounds.seed),
                static_cast<long long>(parsed), share * 100, static_cast<long long>(round_trip_failures));
    for (const auto& [kind, count] : error_kinds) std::printf("  %6lld x %s\n", static_cast<long long>(count), kind.c_str());
    EXPECT_GT(statements, 200);
    EXPECT_GT(share, 0.85) << "the generator should write mostly well-formed statements";
    EXPECT_EQ(round_trip_failures, 0);
}

}  // namespace
}  // namespace flashlake::sql
