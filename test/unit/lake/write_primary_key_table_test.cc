// TableWriter on primary-key tables: level-0 files sorted by key with _KEY_ columns,
// _SEQUENCE_NUMBER and _VALUE_KIND, key ranges and stats, buffer deduplication, flushes of a
// full buffer, sequence numbers continuing across commits, and merge-on-read of what was
// written through TableScan.
#include <gtest/gtest.h>

#include <map>
#include <random>

#include "io/memory_file_system.h"
#include "lake/bucket_function.h"
#include "lake/write/table_writer.h"
#include "write_test_util.h"

namespace flashlake::lake {
namespace {

using testing::Row;

constexpr uint8_t kInsert = 0, kUpdateAfter = 2, kDelete = 3;

// (k INT, dt STRING, v BIGINT, name STRING), primary key (k, dt), partitioned by dt.
TableSchema KeySchema(Options options) {
    TableSchema schema;
    schema.fields = {{0, "k", DataType::Int(), std::nullopt},
                     {1, "dt", DataType::String(), std::nullopt},
                     {2, "v", DataType::BigInt(), std::nullopt},
                     {3, "name", DataType::String(), std::nullopt}};
    schema.partition_keys = {"dt"};
    schema.primary_keys = {"k", "dt"};
    schema.options = std::move(options);
    return schema;
}

Row KeyRow(int32_t k, const std::string& dt, int64_t v, const std::string& name) {
    return {Value::Int(k), Value::Varchar(dt), Value::BigInt(v), Value::Varchar(name)};
}

class WritePrimaryKeyTableTest : public ::testing::Test {
protected:
    std::string Create(TableSchema schema) {
        auto path = CreateTable(&fs_, "/wh", "db", "t" + std::to_string(tables_++), std::move(schema));
        EXPECT_TRUE(path.ok()) << path.status().ToString();
        types_ = testing::LogicalTypes(SchemaManager(&fs_, *path).Latest().value().value());
        return path.ok() ? *path : "";
    }
    Chunk Rows(const std::vector<Row>& rows) { return testing::MakeChunk(types_, rows); }

    io::MemoryFileSystem fs_;
    std::vector<LogicalType> types_;
    int tables_ = 0;
};

TEST_F(WritePrimaryKeyTableTest, LevelZeroFilesSortedByKeyWithSystemColumns) {
    std::string table = Create(KeySchema({{"bucket", "2"}}));
    // Keys 0..199 shuffled, then updates of every 10th key and deletes of every 25th.
    std::vector<Row> rows;
    std::vector<uint8_t> kinds;
    std::vector<int32_t> keys(200);
    for (int32_t k = 0; k < 200; ++k) keys[k] = k;
    std::shuffle(keys.begin(), keys.end(), std::mt19937(7));
    for (int32_t k : keys) {
        rows.push_back(KeyRow(k, "d1", k, "name of key " + std::to_string(k)));
        kinds.push_back(kInsert);
    }
    for (int32_t k = 0; k < 200; k += 10) {
        rows.push_back(KeyRow(k, "d1", -k, "updated"));
        kinds.push_back(kUpdateAfter);
    }
    for (int32_t k = 0; k < 200; k += 25) {
        rows.push_back(KeyRow(k, "d1", 0, "deleted"));
        kinds.push_back(kDelete);
    }
    auto writer = testing::OpenWriter(&fs_, table);
    ASSERT_TRUE(writer->Write(Rows(rows), &kinds).ok());
    std::vector<CommitMessage> messages;
    int64_t snapshot = testing::CommitWriter(&fs_, table, writer.get(), &messages);
    ASSERT_GT(snapshot, 0);

    auto files = ReadTableFiles(&fs_, table, snapshot);
    ASSERT_TRUE(files.ok()) << files.status().ToString();
    ASSERT_EQ(files->buckets.size(), 2u);
    int64_t total_rows = 0;
    for (const BucketFiles& bucket : files->buckets) {
        ASSERT_EQ(bucket.files.size(), 1u);
        EXPECT_EQ(bucket.total_buckets, 2);
        EXPECT_EQ(bucket.partition_path, "dt=d1");
        const DataFileMeta& file = bucket.files[0];
        std::vector<std::string> names;
        std::vector<Row> read = testing::ReadParquetRows(&fs_, bucket.file_paths[0], &names);
        EXPECT_EQ(names,
                  (std::vector<std::string>{"_KEY_k", "_SEQUENCE_NUMBER", "_VALUE_KIND", "k", "dt", "v", "name"}));
        ASSERT_EQ(static_cast<int64_t>(read.size()), file.row_count);
        total_rows += file.row_count;
        int64_t deletes = 0, min_sequence = INT64_MAX, max_sequence = INT64_MIN;
        for (size_t r = 0; r < read.size(); ++r) {
            const Row& row = read[r];
            int32_t k = static_cast<int32_t>(row[0].GetInt64());
            EXPECT_EQ(row[0].GetInt64(), row[3].GetInt64());  // _KEY_k copies k
            if (r > 0) {
                EXPECT_LT(read[r - 1][0].GetInt64(), k) << "keys sorted, one version each";
            }
            auto key = EncodeBinaryRow({Value::Int(k)}, std::vector<DataType>{DataType::Int()});
            EXPECT_EQ(DefaultBucket(*key, 2), bucket.bucket);
            // Deduplicated within the buffer: the newest version of each key.
            int64_t kind = row[2].GetInt64();
            if (k % 25 == 0) {
                EXPECT_EQ(kind, kDelete);
                ++deletes;
            } else if (k % 10 == 0) {
                EXPECT_EQ(kind, kUpdateAfter);
                EXPECT_EQ(row[5].GetInt64(), -k);
            } else {
                EXPECT_EQ(kind, kInsert);
                EXPECT_EQ(row[6].ToString(), "name of key " + std::to_string(k));
            }
            min_sequence = std::min(min_sequence, row[1].GetInt64());
            max_sequence = std::max(max_sequence, row[1].GetInt64());
        }
        EXPECT_EQ(file.delete_row_count, deletes);
        EXPECT_EQ(file.min_sequence_number, min_sequence);
        EXPECT_EQ(file.max_sequence_number, max_sequence);
        EXPECT_EQ(file.level, 0);
        EXPECT_EQ(file.file_source, FileSource::kAppend);
        std::vector<DataType> key_type = {DataType::Int()};
        EXPECT_EQ(testing::Decode(file.min_key, key_type)[0].GetInt64(), read.front()[0].GetInt64());
        EXPECT_EQ(testing::Decode(file.max_key, key_type)[0].GetInt64(), read.back()[0].GetInt64());
        EXPECT_EQ(file.key_stats.min_values, file.min_key);
        EXPECT_EQ(file.key_stats.max_values, file.max_key);
        EXPECT_EQ(file.key_stats.null_counts, (std::vector<std::optional<int64_t>>{0}));
        Row value_min = testing::Decode(file.value_stats.min_values, testing::FieldTypes(files->schema.fields));
        EXPECT_EQ(value_min[0].GetInt64(), read.front()[0].GetInt64());
        EXPECT_EQ(value_min[1].ToString(), "d1");
    }
    EXPECT_EQ(total_rows, 200);

    // Merge on read: updated values, deleted keys gone.
    std::vector<std::string> scanned = testing::ScanTable(&fs_, table);
    EXPECT_EQ(scanned.size(), 192u);
    std::map<int32_t, std::string> expected;
    for (int32_t k = 0; k < 200; ++k) {
        if (k % 25 == 0) continue;
        expected[k] = k % 10 == 0
                          ? std::to_string(k) + ", d1, " + std::to_string(-k) + ", updated"
                          : std::to_string(k) + ", d1, " + std::to_string(k) + ", name of key " + std::to_string(k);
    }
    std::vector<std::string> expected_rows;
    for (const auto& [k, text] : expected) expected_rows.push_back(text);
    std::sort(expected_rows.begin(), expected_rows.end());
    EXPECT_EQ(scanned, expected_rows);
}

TEST_F(WritePrimaryKeyTableTest, PartialUpdateMergesTheBuffer) {
    std::string table = Create(KeySchema({{"bucket", "1"}, {"merge-engine", "partial-update"}}));
    auto writer = testing::OpenWriter(&fs_, table);
    Value null_name = Value::Null(LogicalType::Varchar());
    std::vector<Row> rows = {KeyRow(2, "d", 20, "b"),
                             KeyRow(1, "d", 10, "a"),
                             {Value::Int(1), Value::Varchar("d"), Value::BigInt(11), null_name}};
    ASSERT_TRUE(writer->Write(Rows(rows)).ok());
    ASSERT_GT(testing::CommitWriter(&fs_, table, writer.get()), 0);
    auto files = ReadTableFiles(&fs_, table, 1);
    ASSERT_EQ(files->buckets[0].files.size(), 1u);
    std::vector<Row> read = testing::ReadParquetRows(&fs_, files->buckets[0].file_paths[0]);
    ASSERT_EQ(read.size(), 2u);
    // Key 1: newest non-null per field, with the newest sequence number of the key.
    EXPECT_EQ(read[0][0].GetInt64(), 1);
    EXPECT_EQ(read[0][1].GetInt64(), 2);
    EXPECT_EQ(read[0][2].GetInt64(), kInsert);
    EXPECT_EQ(read[0][5].GetInt64(), 11);
    EXPECT_EQ(read[0][6].ToString(), "a");
    EXPECT_EQ(read[1][0].GetInt64(), 2);
    EXPECT_EQ(read[1][1].GetInt64(), 0);
    EXPECT_EQ(testing::ScanTable(&fs_, table), (std::vector<std::string>{"1, d, 11, a", "2, d, 20, b"}));
}

TEST_F(WritePrimaryKeyTableTest, AggregationMergesTheBufferAndKeepsRetractions) {
    std::string table =
        Create(KeySchema({{"bucket", "1"}, {"merge-engine", "aggregation"}, {"fields.v.aggregate-function", "sum"}}));
    auto writer = testing::OpenWriter(&fs_, table);
    std::vector<uint8_t> kinds = {kInsert, kInsert, kInsert, kDelete};
    ASSERT_TRUE(writer
                    ->Write(Rows({KeyRow(1, "d", 5, "x"), KeyRow(1, "d", 7, "y"), KeyRow(2, "d", 1, "z"),
                                  KeyRow(1, "d", 2, "y")}),
                            &kinds)
                    .ok());
    ASSERT_GT(testing::CommitWriter(&fs_, table, writer.get()), 0);
    auto files = ReadTableFiles(&fs_, table, 1);
    ASSERT_EQ(files->buckets[0].files.size(), 1u);
    std::vector<Row> read = testing::ReadParquetRows(&fs_, files->buckets[0].file_paths[0]);
    ASSERT_EQ(read.size(), 2u);
    EXPECT_EQ(read[0][5].GetInt64(), 10);  // 5 + 7 - 2
    EXPECT_EQ(read[0][1].GetInt64(), 3);
    // name is last_non_null_value, which a retraction of a non-null value resets to NULL.
    EXPECT_EQ(testing::ScanTable(&fs_, table), (std::vector<std::string>{"1, d, 10, NULL", "2, d, 1, z"}));

    // A second commit adds to the sums on read.
    auto second = testing::OpenWriter(&fs_, table);
    ASSERT_TRUE(second->Write(Rows({KeyRow(2, "d", 41, "w")})).ok());
    ASSERT_GT(testing::CommitWriter(&fs_, table, second.get()), 1);
    EXPECT_EQ(testing::ScanTable(&fs_, table), (std::vector<std::string>{"1, d, 10, NULL", "2, d, 42, w"}));
}

TEST_F(WritePrimaryKeyTableTest, UnknownAggregateFunctionWritesOneRunPerVersion) {
    std::string table = Create(KeySchema(
        {{"bucket", "1"}, {"merge-engine", "aggregation"}, {"fields.v.aggregate-function", "no_such_function"}}));
    auto writer = testing::OpenWriter(&fs_, table);
    ASSERT_TRUE(writer->Write(Rows({KeyRow(1, "d", 5, "x"), KeyRow(2, "d", 1, "z"), KeyRow(1, "d", 7, "y")})).ok());
    std::vector<CommitMessage> messages;
    ASSERT_GT(testing::CommitWriter(&fs_, table, writer.get(), &messages), 0);
    ASSERT_EQ(messages[0].new_files.size(), 2u);  // keys {1, 2} at their first versions, then {1}
    EXPECT_EQ(messages[0].new_files[0].row_count, 2);
    EXPECT_EQ(messages[0].new_files[1].row_count, 1);
    EXPECT_EQ(messages[0].new_files[1].min_sequence_number, 2);
}

TEST_F(WritePrimaryKeyTableTest, FullBufferFlushesSortedRunsAndSequencesContinue) {
    std::string table = Create(KeySchema({{"bucket", "1"}}));
    TableWriterOptions options;
    options.write_buffer_rows = 1000;
    auto writer = testing::OpenWriter(&fs_, table, options);
    std::mt19937 rng(3);
    for (int chunk = 0; chunk < 10; ++chunk) {
        std::vector<Row> rows;
        for (int i = 0; i < 500; ++i) {
            int32_t k = static_cast<int32_t>(rng() % 3000);
            rows.push_back(KeyRow(k, "d", chunk * 1000 + i, "n" + std::to_string(i)));
        }
        ASSERT_TRUE(writer->Write(Rows(rows)).ok());
    }
    std::vector<CommitMessage> messages;
    int64_t first = testing::CommitWriter(&fs_, table, writer.get(), &messages);
    ASSERT_EQ(messages.size(), 1u);
    const std::vector<DataFileMeta>& runs = messages[0].new_files;
    ASSERT_GE(runs.size(), 3u);  // 5000 rows through a 1000-row buffer
    int64_t previous_max = -1;
    for (const DataFileMeta& file : runs) {
        EXPECT_EQ(file.level, 0);
        EXPECT_GT(file.min_sequence_number, previous_max);  // runs in flush order
        previous_max = file.max_sequence_number;
    }
    EXPECT_EQ(previous_max, 4999);

    // The next writer continues after the committed sequence numbers.
    auto second = testing::OpenWriter(&fs_, table);
    ASSERT_TRUE(second->Write(Rows({KeyRow(1, "d", -1, "late")})).ok());
    ASSERT_GT(testing::CommitWriter(&fs_, table, second.get(), &messages), first);
    EXPECT_EQ(messages[0].new_files[0].min_sequence_number, 5000);
    std::vector<std::string> scanned = testing::ScanTable(&fs_, table);
    EXPECT_NE(std::find(scanned.begin(), scanned.end(), "1, d, -1, late"), scanned.end());
}

TEST_F(WritePrimaryKeyTableTest, LongStringKeysKeepExactKeyStats) {
    TableSchema schema;
    schema.fields = {{0, "id", DataType::String(), std::nullopt}, {1, "v", DataType::Int(), std::nullopt}};
    schema.primary_keys = {"id"};
    schema.options = {{"bucket", "1"}};
    std::string table = Create(schema);
    std::string a(100, 'a'), b(100, 'b');
    auto writer = testing::OpenWriter(&fs_, table);
    ASSERT_TRUE(writer
                    ->Write(testing::MakeChunk(
                        types_, {{Value::Varchar(b), Value::Int(1)}, {Value::Varchar(a), Value::Int(2)}}))
                    .ok());
    std::vector<CommitMessage> messages;
    ASSERT_GT(testing::CommitWriter(&fs_, table, writer.get(), &messages), 0);
    const DataFileMeta& file = messages[0].new_files[0];
    std::vector<DataType> key_type = {DataType::String()};
    EXPECT_EQ(testing::Decode(file.key_stats.min_values, key_type)[0].ToString(), a);
    EXPECT_EQ(testing::Decode(file.key_stats.max_values, key_type)[0].ToString(), b);
    EXPECT_EQ(testing::Decode(file.max_key, key_type)[0].ToString(), b);
    // Value stats are truncated to 16 characters.
    Row max = testing::Decode(file.value_stats.max_values, {DataType::String(), DataType::Int()});
    EXPECT_EQ(max[0].ToString(), std::string(15, 'b') + "c");
}

TEST_F(WritePrimaryKeyTableTest, RefusesTablesItCannotWrite) {
    std::string dynamic = Create(KeySchema({{"bucket", "-1"}}));
    auto schema = SchemaManager(&fs_, dynamic).Latest();
    EXPECT_EQ(TableWriter::Open(&fs_, dynamic, **schema, {}).status().code(), ErrorCode::kNotSupported);
    std::string changelog = Create(KeySchema({{"bucket", "1"}, {"changelog-producer", "input"}}));
    schema = SchemaManager(&fs_, changelog).Latest();
    EXPECT_EQ(TableWriter::Open(&fs_, changelog, **schema, {}).status().code(), ErrorCode::kNotSupported);
}

}  // namespace
}  // namespace flashlake::lake
