// Issue 4/5 robustness: random statements from the dialect's grammar (test/fuzz/sql_generator.h)
// run through the whole engine on a small temporary warehouse. Errors are expected (the generator
// does not type-check); crashes, sanitizer reports, statements that run past a time bound, and
// base tables that stop being readable are failures.
#include <gtest/gtest.h>
#include <unistd.h>

#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <mutex>
#include <thread>

#include "../../fuzz/random_run.h"
#include "../../fuzz/sql_generator.h"
#include "engine_test_util.h"

namespace flashlake::engine {
namespace {

using sql::testing::GeneratorOptions;
using sql::testing::GeneratorSchema;
using sql::testing::RandomRunBounds;
using sql::testing::SqlGenerator;

// Aborts the process, naming the statement, when one statement runs past the bound: a hang must
// end the test with the statement that caused it rather than at ctest's timeout.
class Watchdog {
public:
    explicit Watchdog(std::chrono::seconds bound) : bound_(bound), thread_([this] { Watch(); }) {}
    ~Watchdog() {
        {
            std::lock_guard lock(mutex_);
            stop_ = true;
        }
        changed_.notify_all();
        thread_.join();
    }
    void Start(const std::string& sql) {
        std::lock_guard lock(mutex_);
        sql_ = sql;
        deadline_ = std::chrono::steady_clock::now() + bound_;
        running_ = true;
        changed_.notify_all();
    }
    void Stop() {
        std::lock_guard lock(mutex_);
        running_ = false;
        changed_.notify_all();
    }

private:
    void Watch() {
        std::unique_lock lock(mutex_);
        while (!stop_) {
            if (!running_) {
                changed_.wait(lock);
                continue;
            }
            if (changed_.wait_until(lock, deadline_) == std::cv_status::timeout && running_ &&
                std::chrono::steady_clock::now() >= deadline_) {
                std::fprintf(stderr, "statement ran past %llds: %s\n", static_cast<long long>(bound_.count()),
                             sql_.substr(0, 4000).c_str());
                std::abort();
            }
        }
    }

    std::chrono::seconds bound_;
    std::mutex mutex_;
    std::condition_variable changed_;
    std::string sql_;
    std::chrono::steady_clock::time_point deadline_;
    bool running_ = false;
    bool stop_ = false;
    std::thread thread_;
};

TEST(RandomStatementEngineTest, EngineSurvivesRandomStatements) {
    auto bounds = RandomRunBounds::FromEnvironment(20261128, 30, 5000);
    TemporaryEngine engine("random-sql");
    ASSERT_TRUE(engine.ok());
    GeneratorSchema schema = GeneratorSchema::Default();
    std::vector<std::string> setup = {"CREATE DATABASE db1", "USE db1"};
    for (const std::string& create : schema.CreateStatements()) setup.push_back(create);
    auto session = engine.SessionAfter(setup);
    ASSERT_FALSE(::testing::Test::HasFailure()) << "setup failed";

    GeneratorOptions generator_options;
    generator_options.parser_only = false;
    generator_options.stress_rate = 0.01;
    SqlGenerator generator(bounds.seed, schema, generator_options);
    Watchdog watchdog(std::chrono::seconds(20));
    auto started = std::chrono::steady_clock::now();
    int64_t statements = 0;
    int64_t succeeded = 0;
    int64_t internal_errors = 0;
    std::map<std::string, int64_t> codes;
    while (statements < bounds.max_statements && std::chrono::steady_clock::now() - started < bounds.budget) {
        std::string sql = generator.Statement();
        ++statements;
        watchdog.Start(sql);
        auto result = session->Execute(sql);
        watchdog.Stop();
        if (result.ok()) {
            ++succeeded;
        } else {
            const auto& info = GetErrorCodeInfo(result.status().code());
            codes[std::string(info.name)]++;
            if (info.category == ErrorCategory::kInternal && ++internal_errors <= 20) {
                std::printf("internal error: %s\n  for: %s\n", result.status().ToString().c_str(),
                            sql.substr(0, 1000).c_str());
            }
            EXPECT_FALSE(result.status().message().empty()) << "an error without a message for: " << sql;
        }
        if (statements % 25 == 0) {
            // DML and DDL that failed must not have left the base tables unreadable.
            for (const auto& table : schema.tables) {
                auto check = session->Execute("SELECT count(*) FROM db1." + table.name);
                ASSERT_TRUE(check.ok()) << "table " << table.name << " unreadable after: " << sql << "\n  "
                                        << check.status().ToString();
            }
        }
    }
    std::printf("random statements through the engine: %lld run (seed %llu), %lld succeeded\n",
                static_cast<long long>(statements), static_cast<unsigned long long>(bounds.seed),
                static_cast<long long>(succeeded));
    for (const auto& [code, count] : codes) std::printf("  %6lld x %s\n", static_cast<long long>(count), code.c_str());
    EXPECT_GT(statements, 100);
    // Most generated statements refer to real tables and columns: a good share should run.
    EXPECT_GT(succeeded * 5, statements) << "too few statements ran; the generator drifted from the schema";
}

// Found by the generator: a 3500-value IN list (bound as a left-deep OR chain) overflowed a worker
// thread's stack in the evaluator, and a chain of ~1000 explicit ORs the binder's stack under
// ASan. Both now bind as balanced trees; the answers must stay right.
TEST(RandomStatementEngineTest, LongInListsAndOrChainsRun) {
    TemporaryEngine engine("long-or");
    ASSERT_TRUE(engine.ok());
    auto session = engine.SessionAfter({"CREATE DATABASE db1", "USE db1", "CREATE TABLE t (k INT, s STRING)",
                                        "INSERT INTO t VALUES (1, 'a'), (2999, 'b'), (5000, 'c'), (NULL, 'd'), (-1, NULL)"});
    auto count = [&](const std::string& sql) -> int64_t {
        auto result = session->Execute(sql);
        EXPECT_TRUE(result.ok()) << sql.substr(0, 200) << ": " << result.status().ToString();
        if (!result.ok() || result->rows.num_rows() != 1) return -1;
        for (const auto& chunk : result->rows.chunks) {
            if (chunk.num_rows() == 1) return chunk.column(0)->GetValue(0).GetInt64();
        }
        return -1;
    };
    std::string in_list = "SELECT count(*) FROM t WHERE k IN (0";
    std::string not_in_list = "SELECT count(*) FROM t WHERE k NOT IN (0";
    for (int i = 1; i < 4000; ++i) {
        in_list += ", " + std::to_string(i);
        not_in_list += ", " + std::to_string(i);
    }
    EXPECT_EQ(count(in_list + ")"), 2);      // 1 and 2999
    EXPECT_EQ(count(not_in_list + ")"), 2);  // 5000 and -1; NULL is neither
    std::string or_chain = "SELECT count(*) FROM t WHERE k = 0";
    std::string and_chain = "SELECT count(*) FROM t WHERE k <> 0";
    for (int i = 1; i < 2900; ++i) {
        or_chain += " OR k = " + std::to_string(i);
        and_chain += " AND k <> " + std::to_string(i);
    }
    EXPECT_EQ(count(or_chain), 1);   // 1 (2999 is past the chain)
    EXPECT_EQ(count(and_chain), 3);  // 2999, 5000, -1
}

}  // namespace
}  // namespace flashlake::engine
