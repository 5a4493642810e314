// The decoded column cache: a second read of a row group's columns comes from the cache with the
// same values; entries are per (file, size, row group, leaf, batch size, dictionary mode); the
// least recently used go first past the capacity; large fixed-width entries move to one block.

#include <gtest/gtest.h>

#include "format/parquet/column_cache.h"
#include "format/parquet/parquet_reader.h"
#include "format/parquet/parquet_writer.h"
#include "io/memory_file_system.h"

namespace flashlake::format::parquet {
namespace {

constexpr size_t kRows = 10000;

class ColumnCacheTest : public ::testing::Test {
protected:
    void SetUp() override { Write(3); }

    // t.parquet with i = row * multiplier (NULL every 7th row) and s = "s<row % 50>".
    void Write(int64_t multiplier) {
        auto ints = Column::MakeFlat(LogicalType::BigInt(), kRows);
        auto strings = Column::MakeFlat(LogicalType::Varchar(), kRows);
        for (size_t i = 0; i < kRows; ++i) {
            if (i % 7 == 0) {
                ints->SetNull(i);
            } else {
                ints->SetValue(i, Value::BigInt(static_cast<int64_t>(i) * multiplier));
            }
            strings->SetValue(i, Value::Varchar("s" + std::to_string(i % 50)));
        }
        WriterOptions options;
        options.row_group_rows = 4000;  // three row groups
        auto file = fs_.OpenForWrite("t.parquet");
        ASSERT_TRUE(file.ok());
        auto writer = ParquetWriter::Open(std::move(file).value(),
                                          {{"i", LogicalType::BigInt()}, {"s", LogicalType::Varchar()}}, options);
        ASSERT_TRUE(writer.ok());
        ASSERT_TRUE((*writer)->Write(Chunk({ints, strings}, kRows)).ok());
        ASSERT_TRUE((*writer)->Close().ok());
    }

    // Every row of both columns, printed, read with `cache`.
    std::vector<std::string> ReadAll(ColumnCache* cache, size_t batch_size = kChunkSize) {
        ReaderOptions options;
        options.cache = cache;
        options.batch_size = batch_size;
        auto reader = ParquetReader::Open(fs_, "t.parquet", options);
        EXPECT_TRUE(reader.ok());
        auto chunks = (*reader)->ReadAll({0, 1});
        EXPECT_TRUE(chunks.ok());
        std::vector<std::string> rows;
        for (const Chunk& chunk : *chunks) {
            for (size_t r = 0; r < chunk.num_rows(); ++r) {
                rows.push_back(chunk.column(0)->GetValue(r).ToString() + "|" + chunk.column(1)->GetValue(r).ToString());
            }
        }
        return rows;
    }

    io::MemoryFileSystem fs_;
};

TEST_F(ColumnCacheTest, SecondReadHitsWithTheSameValues) {
    ColumnCache cache(size_t{64} << 20);
    const auto uncached = ReadAll(nullptr);
    ASSERT_EQ(uncached.size(), kRows);
    EXPECT_EQ(uncached[7], "NULL|s7");
    EXPECT_EQ(uncached[8], "24|s8");

    EXPECT_EQ(ReadAll(&cache), uncached);
    ColumnCache::Stats first = cache.stats();
    EXPECT_EQ(first.hits, 0);
    EXPECT_EQ(first.misses, 6);  // 3 row groups x 2 columns
    EXPECT_EQ(first.entries, 6u);
    EXPECT_GT(first.bytes, kRows * sizeof(int64_t));

    EXPECT_EQ(ReadAll(&cache), uncached);
    EXPECT_EQ(cache.stats().hits, 6);
    EXPECT_EQ(cache.stats().entries, 6u);

    // Another batch size is another layout: its own entries, same values.
    EXPECT_EQ(ReadAll(&cache, 1000), uncached);
    EXPECT_EQ(cache.stats().entries, 12u);
}

// A file rewritten under the same path (and size) is a different file: never served stale.
TEST_F(ColumnCacheTest, RewrittenFileIsReadAgain) {
    ColumnCache cache(size_t{64} << 20);
    EXPECT_EQ(ReadAll(&cache)[8], "24|s8");
    Write(5);
    EXPECT_EQ(ReadAll(&cache)[8], "40|s8");
    EXPECT_EQ(cache.stats().hits, 0);
    EXPECT_EQ(ReadAll(&cache)[8], "40|s8");
    EXPECT_EQ(cache.stats().hits, 6);
}

TEST_F(ColumnCacheTest, EvictsLeastRecentlyUsedPastCapacity) {
    ColumnCache cache(size_t{64} << 20);
    ReadAll(&cache);
    const size_t full = cache.stats().bytes;
    cache.SetCapacity(full / 2);
    EXPECT_LE(cache.stats().bytes, full / 2);
    EXPECT_GT(cache.stats().evictions, 0);
    EXPECT_EQ(ReadAll(&cache).size(), kRows);

    cache.SetCapacity(0);
    EXPECT_FALSE(cache.enabled());
    EXPECT_EQ(cache.stats().entries, 0u);
    const int64_t misses = cache.stats().misses;
    EXPECT_EQ(ReadAll(&cache).size(), kRows);
    EXPECT_EQ(cache.stats().misses, misses);  // a disabled cache is not consulted
}

TEST(ColumnCacheHugePages, MovesLargeFixedWidthBatchesAndKeepsValues) {
    std::vector<ColumnPtr> batches;
    for (int b = 0; b < 64; ++b) {
        auto column = Column::MakeFlat(LogicalType::BigInt(), kChunkSize);
        for (size_t r = 0; r < kChunkSize; ++r) column->MutableData<int64_t>()[r] = b * 100000 + static_cast<int64_t>(r);
        column->SetNull(5);
        batches.push_back(column);
    }
    auto small = Column::MakeFlat(LogicalType::Varchar(), 2);
    small->SetValue(0, Value::Varchar("kept"));
    batches.push_back(small);
    const Column* before = batches[0].get();
    auto moved = ColumnCache::MoveToHugePages(batches);
    ASSERT_EQ(moved.size(), batches.size());
    EXPECT_NE(moved[0].get(), before);   // 2 MiB of BIGINT: moved
    EXPECT_EQ(moved[64].get(), small.get());  // strings stay where they are
    for (int b = 0; b < 64; ++b) {
        EXPECT_TRUE(moved[b]->IsNull(5));
        EXPECT_EQ(moved[b]->GetValue(7).GetInt64(), b * 100000 + 7);
        EXPECT_EQ(moved[b]->GetValue(kChunkSize - 1).GetInt64(), b * 100000 + static_cast<int64_t>(kChunkSize) - 1);
    }
}

}  // namespace
}  // namespace flashlake::format::parquet
