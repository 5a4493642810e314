// Write throughput of TableWriter on an events-like table (the bench/schema events columns),
// to the local disk. Disabled by default; run with
//   unit_lake --gtest_also_run_disabled_tests --gtest_filter='WriteThroughput*'
// FL_WRITE_BENCH_ROWS (default 10,000,000) and FL_WRITE_BENCH_DIR (default /tmp) adjust it.
// Chunks are generated before the clock starts and reused, so the time is the writer's.
#include <gtest/gtest.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <random>

#include "io/posix_file_system.h"
#include "lake/commit/table_commit.h"
#include "lake/commit/table_creation.h"
#include "lake/write/table_writer.h"
#include "write_test_util.h"

namespace flashlake::lake {
namespace {

TableSchema EventsSchema(Options options, std::vector<std::string> primary_keys) {
    TableSchema schema;
    schema.fields = {{0, "event_time", DataType::Timestamp(6).WithNullable(false), std::nullopt},
                     {1, "dt", DataType::Date().WithNullable(false), std::nullopt},
                     {2, "user_id", DataType::BigInt().WithNullable(false), std::nullopt},
                     {3, "item_id", DataType::BigInt().WithNullable(false), std::nullopt},
                     {4, "shop_id", DataType::Int().WithNullable(false), std::nullopt},
                     {5, "channel", DataType::Varchar(32).WithNullable(false), std::nullopt},
                     {6, "event_type", DataType::Varchar(16).WithNullable(false), std::nullopt},
                     {7, "city", DataType::Varchar(32).WithNullable(false), std::nullopt},
                     {8, "device", DataType::Varchar(16).WithNullable(false), std::nullopt},
                     {9, "amount", DataType::Decimal(12, 2).WithNullable(false), std::nullopt}};
    schema.options = std::move(options);
    schema.primary_keys = std::move(primary_keys);
    return schema;
}

// Chunks of 4096 events: a day of time-ordered clicks, ids from wide ranges, strings from
// small vocabularies, like flashlake-gen's events.
std::vector<Chunk> EventChunks(size_t count, const std::vector<LogicalType>& types) {
    static const char* kChannels[] = {"short_video", "search", "live", "recommend", "push"};
    static const char* kTypes[] = {"impression", "click", "cart", "order"};
    static const char* kDevices[] = {"ios", "android", "web"};
    std::mt19937_64 rng(42);
    std::vector<Chunk> chunks;
    int64_t time = 1793491200000000;  // 2026-11-01
    for (size_t c = 0; c < count; ++c) {
        std::vector<ColumnPtr> columns;
        for (const LogicalType& type : types) columns.push_back(Column::MakeFlat(type, kChunkSize));
        for (size_t r = 0; r < kChunkSize; ++r) {
            time += static_cast<int64_t>(rng() % 20000);
            columns[0]->MutableData<int64_t>()[r] = time;
            columns[1]->MutableData<int32_t>()[r] = static_cast<int32_t>(time / 86400000000);
            columns[2]->MutableData<int64_t>()[r] = 10000000000 + static_cast<int64_t>(rng() % 5000000);
            columns[3]->MutableData<int64_t>()[r] = 100000000 + static_cast<int64_t>(rng() % 1000000);
            columns[4]->MutableData<int32_t>()[r] = static_cast<int32_t>(rng() % 50000);
            columns[5]->SetValue(r, Value::Varchar(kChannels[rng() % 5]));
            columns[6]->SetValue(r, Value::Varchar(kTypes[rng() % 4]));
            columns[7]->SetValue(r, Value::Varchar("city_" + std::to_string(rng() % 300)));
            columns[8]->SetValue(r, Value::Varchar(kDevices[rng() % 3]));
            columns[9]->MutableData<int64_t>()[r] = rng() % 4 == 3 ? static_cast<int64_t>(rng() % 100000) : 0;
        }
        chunks.emplace_back(std::move(columns), kChunkSize);
    }
    return chunks;
}

void RunThroughput(const std::string& name, Options options, std::vector<std::string> primary_keys = {}) {
    const char* rows_env = std::getenv("FL_WRITE_BENCH_ROWS");
    const char* dir_env = std::getenv("FL_WRITE_BENCH_DIR");
    const int64_t rows = rows_env ? std::atoll(rows_env) : 10000000;
    std::string warehouse = std::string(dir_env ? dir_env : "/tmp") + "/fl_write_bench_" + std::to_string(getpid());
    std::filesystem::remove_all(warehouse);
    io::PosixFileSystem fs;
    TableSchema schema = EventsSchema(std::move(options), std::move(primary_keys));
    auto table = CreateTable(&fs, warehouse, "db", name, schema);
    ASSERT_TRUE(table.ok()) << table.status().ToString();
    std::vector<LogicalType> types = testing::LogicalTypes(schema);
    // Distinct chunks for primary-key tables (keys must not repeat), a reused pool otherwise.
    std::vector<Chunk> chunks =
        EventChunks(schema.primary_keys.empty() ? 64 : (rows + kChunkSize - 1) / kChunkSize, types);

    auto start = std::chrono::steady_clock::now();
    auto writer = testing::OpenWriter(&fs, *table);
    int64_t written = 0;
    for (size_t i = 0; written < rows; ++i) {
        ASSERT_TRUE(writer->Write(chunks[i % chunks.size()]).ok());
        written += kChunkSize;
    }
    auto messages = writer->PrepareCommit();
    ASSERT_TRUE(messages.ok()) << messages.status().ToString();
    auto written_at = std::chrono::steady_clock::now();
    TableCommit commit(&fs, *table);
    ASSERT_TRUE(commit.Commit("bench", kBatchCommitIdentifier, *messages).ok());
    auto end = std::chrono::steady_clock::now();

    int64_t bytes = 0, files = 0;
    for (const CommitMessage& message : *messages) {
        for (const DataFileMeta& file : message.new_files) {
            bytes += file.file_size;
            ++files;
        }
    }
    double write_seconds = std::chrono::duration<double>(written_at - start).count();
    double total_seconds = std::chrono::duration<double>(end - start).count();
    std::printf("%s: %lld rows, %lld files, %.1f MB: write %.3f s (%.2f M rows/s), with commit %.3f s\n", name.c_str(),
                static_cast<long long>(written), static_cast<long long>(files), bytes / 1e6, write_seconds,
                written / write_seconds / 1e6, total_seconds);
    std::filesystem::remove_all(warehouse);
}

TEST(WriteThroughputTest, DISABLED_EventsAppendTable) {
    RunThroughput("events_append", {{"bucket", "-1"}});
}

TEST(WriteThroughputTest, DISABLED_EventsPrimaryKey) {
    RunThroughput("events_primary_key", {{"bucket", "8"}}, {"user_id", "event_time"});
}

TEST(WriteThroughputTest, DISABLED_EventsPartitionedBucketed) {
    RunThroughput("events_bucketed", {{"bucket", "8"}, {"bucket-key", "user_id"}});
}

}  // namespace
}  // namespace flashlake::lake
