#pragma once

#include <chrono>
#include <cstdint>
#include <cstdlib>
#include <string>

// Bounds of the random-statement tests: FL_RANDOM_SQL_SEED, FL_RANDOM_SQL_SECONDS and
// FL_RANDOM_SQL_STATEMENTS override the defaults, so that a failure can be replayed (same seed)
// or a longer run made by hand.
namespace flashlake::sql::testing {

struct RandomRunBounds {
    uint64_t seed;
    std::chrono::seconds budget;
    int64_t max_statements;

    static RandomRunBounds FromEnvironment(uint64_t seed, int seconds, int64_t max_statements) {
        if (const char* text = std::getenv("FL_RANDOM_SQL_SEED")) seed = std::strtoull(text, nullptr, 10);
        if (const char* text = std::getenv("FL_RANDOM_SQL_SECONDS")) seconds = std::atoi(text);
        if (const char* text = std::getenv("FL_RANDOM_SQL_STATEMENTS")) max_statements = std::atoll(text);
        return {seed, std::chrono::seconds(seconds), max_statements};
    }
};

}  // namespace flashlake::sql::testing
