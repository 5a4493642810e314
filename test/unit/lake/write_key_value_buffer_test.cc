// KeyValueBuffer sorting against a reference order computed from Values: short fixed-width keys
// (sorted as machine words), composite keys across word boundaries, and variable-length keys.
#include <gtest/gtest.h>

#include <algorithm>
#include <random>

#include "lake/write/key_value_buffer.h"
#include "write_test_util.h"

namespace flashlake::lake {
namespace {

using testing::Row;

void ExpectSortedLikeValues(const std::vector<LogicalType>& types, const std::vector<int>& keys,
                            const std::vector<Row>& rows) {
    KeyValueBuffer buffer(types, keys);
    int64_t sequence = 100;
    Chunk chunk = testing::MakeChunk(types, rows);
    buffer.Append(chunk, nullptr, nullptr, &sequence);
    EXPECT_EQ(sequence, 100 + static_cast<int64_t>(rows.size()));
    KeyValueBuffer::Sorted sorted = buffer.Sort();

    std::vector<uint32_t> expected(rows.size());
    for (uint32_t i = 0; i < expected.size(); ++i) expected[i] = i;
    auto compare = [&](uint32_t a, uint32_t b) {
        for (int k : keys) {
            int c = rows[a][k].Compare(rows[b][k]);
            if (c != 0) return c;
        }
        return 0;
    };
    std::stable_sort(expected.begin(), expected.end(), [&](uint32_t a, uint32_t b) { return compare(a, b) < 0; });
    ASSERT_EQ(sorted.order, expected);
    size_t groups = 0;
    for (size_t i = 0; i < expected.size(); ++i) groups += i == 0 || compare(expected[i - 1], expected[i]) != 0;
    EXPECT_EQ(sorted.num_groups(), groups);
    for (size_t g = 0; g < sorted.num_groups(); ++g) {
        for (uint32_t i = sorted.group_begin[g] + 1; i < sorted.group_begin[g + 1]; ++i) {
            EXPECT_EQ(compare(sorted.order[i - 1], sorted.order[i]), 0);
        }
    }
}

TEST(WriteKeyValueBufferTest, SortsShortAndCompositeKeys) {
    std::mt19937_64 rng(5);
    std::vector<Row> rows;
    for (int i = 0; i < 3000; ++i) {
        int64_t a = static_cast<int64_t>(rng() % 50) - 25;
        int64_t b = static_cast<int64_t>(rng() % 7) * (rng() % 2 ? 1 : -1) * 1000000007LL;
        rows.push_back({Value::BigInt(a), Value::DateTime(b), Value::Int(static_cast<int32_t>(rng() % 5) - 2)});
    }
    std::vector<LogicalType> types = {LogicalType::BigInt(), LogicalType::DateTime(), LogicalType::Int()};
    ExpectSortedLikeValues(types, {0}, rows);        // 9 bytes
    ExpectSortedLikeValues(types, {2, 0}, rows);     // 14 bytes
    ExpectSortedLikeValues(types, {0, 1}, rows);     // 18 bytes: three words
    ExpectSortedLikeValues(types, {0, 1, 2}, rows);  // 23 bytes
}

TEST(WriteKeyValueBufferTest, SortsVariableLengthKeys) {
    std::mt19937_64 rng(9);
    std::vector<Row> rows;
    for (int i = 0; i < 2000; ++i) {
        std::string text(rng() % 12, 'x');
        for (char& c : text) c = static_cast<char>('a' + rng() % 3);
        if (rng() % 5 == 0) text.push_back('\0');
        rows.push_back({Value::Varchar(text), Value::BigInt(static_cast<int64_t>(rng() % 3))});
    }
    std::vector<LogicalType> types = {LogicalType::Varchar(), LogicalType::BigInt()};
    ExpectSortedLikeValues(types, {0}, rows);
    ExpectSortedLikeValues(types, {1, 0}, rows);
}

}  // namespace
}  // namespace flashlake::lake
