// TableWriter on append tables: files, metadata and statistics as Paimon writes them, partitions
// (NULL included), fixed buckets, rolling, sequence numbers, Abort and input validation.
#include <gtest/gtest.h>

#include <regex>

#include "io/memory_file_system.h"
#include "io/posix_file_system.h"
#include "lake/bucket_function.h"
#include "lake/write/table_writer.h"
#include "write_test_util.h"

namespace flashlake::lake {
namespace {

using testing::Row;

class WriteAppendTableTest : public ::testing::Test {
protected:
    std::string Create(TableSchema schema) {
        auto path = CreateTable(&fs_, "/wh", "db", "t" + std::to_string(tables_++), std::move(schema));
        EXPECT_TRUE(path.ok()) << path.status().ToString();
        return path.ok() ? *path : "";
    }

    TableFiles Files(const std::string& table, int64_t snapshot) {
        auto files = ReadTableFiles(&fs_, table, snapshot);
        EXPECT_TRUE(files.ok()) << files.status().ToString();
        return files.ok() ? *files : TableFiles{};
    }

    io::MemoryFileSystem fs_;
    int tables_ = 0;
};

TableSchema AllTypesSchema() {
    TableSchema schema;
    schema.fields = {{0, "id", DataType::BigInt().WithNullable(false), std::nullopt},
                     {1, "b", DataType::Boolean(), std::nullopt},
                     {2, "ti", DataType::TinyInt(), std::nullopt},
                     {3, "si", DataType::SmallInt(), std::nullopt},
                     {4, "i", DataType::Int(), std::nullopt},
                     {5, "f", DataType::Float(), std::nullopt},
                     {6, "d", DataType::Double(), std::nullopt},
                     {7, "dec", DataType::Decimal(10, 2), std::nullopt},
                     {8, "wdec", DataType::Decimal(30, 5), std::nullopt},
                     {9, "dt", DataType::Date(), std::nullopt},
                     {10, "ts", DataType::Timestamp(6), std::nullopt},
                     {11, "s", DataType::String(), std::nullopt},
                     {12, "bin", DataType::Bytes(), std::nullopt},
                     {13, "vc", DataType::Varchar(20), std::nullopt}};
    schema.options = {{"bucket", "-1"}};
    return schema;
}

Row AllTypesRow(int64_t i) {
    auto null = [&](const LogicalType& type) { return Value::Null(type); };
    bool n = i % 7 == 3;  // every 7th row has NULLs in the nullable columns
    std::string text = "value-" + std::to_string(1000 + i) + (i % 2 ? "-with-a-long-tail-beyond-sixteen" : "");
    return {
        Value::BigInt(i),
        n ? null(LogicalType::Boolean()) : Value::Boolean(i % 2),
        n ? null(LogicalType::TinyInt()) : Value::TinyInt(static_cast<int8_t>(i % 100 - 50)),
        n ? null(LogicalType::SmallInt()) : Value::SmallInt(static_cast<int16_t>(i * 3 - 100)),
        n ? null(LogicalType::Int()) : Value::Int(static_cast<int32_t>(i * 1000)),
        n ? null(LogicalType::Float()) : Value::Float(static_cast<float>(i) / 4),
        n ? null(LogicalType::Double()) : Value::Double(static_cast<double>(i) * -1.5),
        n ? null(LogicalType::Decimal(10, 2)) : Value::Decimal(i * 101, 10, 2),
        n ? null(LogicalType::Decimal(30, 5)) : Value::Decimal(static_cast<int128_t>(i) * 1000000000000000LL, 30, 5),
        n ? null(LogicalType::Date()) : Value::Date(static_cast<int32_t>(19000 + i)),
        n ? null(LogicalType::DateTime()) : Value::DateTime(1700000000000000 + i * 1000001),
        n ? null(LogicalType::Varchar()) : Value::Varchar(text),
        n ? null(LogicalType::Varbinary()) : Value::Binary(LogicalType::Varbinary(), "bin" + std::to_string(i)),
        n ? null(LogicalType::Varchar(20)) : Value::Varchar("vc" + std::to_string(i % 10))};
}

// The smallest and largest non-null value of column `c`, and its NULL count.
void ColumnBounds(const std::vector<Row>& rows, size_t c, Value* min, Value* max, int64_t* nulls) {
    *nulls = 0;
    bool first = true;
    for (const Row& row : rows) {
        if (row[c].is_null()) {
            ++*nulls;
            continue;
        }
        if (first || row[c].Compare(*min) < 0) *min = row[c];
        if (first || row[c].Compare(*max) > 0) *max = row[c];
        first = false;
    }
}

TEST_F(WriteAppendTableTest, AllTypesFileMetadataAndStatistics) {
    TableSchema schema = AllTypesSchema();
    std::string table = Create(schema);
    std::vector<Row> rows;
    for (int64_t i = 0; i < 100; ++i) rows.push_back(AllTypesRow(i));
    auto writer = testing::OpenWriter(&fs_, table);
    ASSERT_TRUE(writer->Write(testing::MakeChunk(testing::LogicalTypes(schema), rows)).ok());
    std::vector<CommitMessage> messages;
    int64_t snapshot = testing::CommitWriter(&fs_, table, writer.get(), &messages);
    ASSERT_EQ(snapshot, 1);
    ASSERT_EQ(messages.size(), 1u);
    EXPECT_EQ(messages[0].bucket, 0);
    EXPECT_EQ(messages[0].total_buckets, -1);
    EXPECT_EQ(messages[0].partition, BinaryRow());

    TableFiles files = Files(table, snapshot);
    ASSERT_EQ(files.buckets.size(), 1u);
    ASSERT_EQ(files.buckets[0].files.size(), 1u);
    EXPECT_EQ(files.RowCount(), 100);
    const DataFileMeta& file = files.buckets[0].files[0];
    EXPECT_TRUE(
        std::regex_match(file.file_name, std::regex("data-[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-"
                                                    "[0-9a-f]{12}-0\\.parquet")))
        << file.file_name;
    EXPECT_EQ(files.buckets[0].file_paths[0], table + "/bucket-0/" + file.file_name);
    auto info = fs_.GetFileInfo(files.buckets[0].file_paths[0]);
    ASSERT_TRUE(info.ok());
    EXPECT_EQ(file.file_size, static_cast<int64_t>(info->size));
    EXPECT_EQ(file.row_count, 100);
    EXPECT_EQ(file.min_key, BinaryRow());
    EXPECT_EQ(file.max_key, BinaryRow());
    EXPECT_EQ(file.key_stats.min_values.arity(), 0);
    EXPECT_EQ(file.key_stats.null_counts, std::vector<std::optional<int64_t>>{});
    EXPECT_EQ(file.min_sequence_number, 0);
    EXPECT_EQ(file.max_sequence_number, 99);
    EXPECT_EQ(file.schema_id, 0);
    EXPECT_EQ(file.level, 0);
    EXPECT_TRUE(file.extra_files.empty());
    ASSERT_TRUE(file.creation_time_millis.has_value());
    EXPECT_GT(*file.creation_time_millis, 1700000000000);
    EXPECT_EQ(file.delete_row_count, 0);
    EXPECT_EQ(file.file_source, FileSource::kAppend);
    EXPECT_FALSE(file.value_stats_cols.has_value());
    EXPECT_FALSE(file.embedded_index.has_value());
    EXPECT_FALSE(file.external_path.has_value());

    // Value stats: min/max per column (strings truncated to 16 characters, none for BYTES).
    std::vector<DataType> types = testing::FieldTypes(schema.fields);
    Row mins = testing::Decode(file.value_stats.min_values, types);
    Row maxs = testing::Decode(file.value_stats.max_values, types);
    ASSERT_TRUE(file.value_stats.null_counts.has_value());
    for (size_t c = 0; c < schema.fields.size(); ++c) {
        SCOPED_TRACE(schema.fields[c].name);
        Value min, max;
        int64_t nulls;
        ColumnBounds(rows, c, &min, &max, &nulls);
        EXPECT_EQ((*file.value_stats.null_counts)[c], nulls);
        if (schema.fields[c].name == "bin") {
            EXPECT_TRUE(mins[c].is_null());
            EXPECT_TRUE(maxs[c].is_null());
        } else if (schema.fields[c].name == "s") {
            EXPECT_EQ(mins[c].ToString(), "value-1000");
            EXPECT_EQ(maxs[c].ToString(), "value-1099-with.");  // "value-1099-with-a-..." cut, last char + 1
        } else if (schema.fields[c].name == "f" || schema.fields[c].name == "d") {
            // Parquet bounds of zero are -0.0 (min) and +0.0 (max); they compare equal.
            EXPECT_EQ(mins[c].GetDouble(), min.GetDouble());
            EXPECT_EQ(maxs[c].GetDouble(), max.GetDouble());
        } else {
            EXPECT_EQ(mins[c].ToString(), min.ToString());
            EXPECT_EQ(maxs[c].ToString(), max.ToString());
        }
    }

    // The file holds the rows as written.
    std::vector<std::string> names;
    std::vector<Row> read = testing::ReadParquetRows(&fs_, files.buckets[0].file_paths[0], &names);
    ASSERT_EQ(read.size(), rows.size());
    for (size_t c = 0; c < names.size(); ++c) EXPECT_EQ(names[c], schema.fields[c].name);
    for (size_t r = 0; r < rows.size(); ++r) {
        for (size_t c = 0; c < rows[r].size(); ++c)
            ASSERT_EQ(read[r][c].ToString(), rows[r][c].ToString()) << r << "," << c;
    }
}

TEST_F(WriteAppendTableTest, PartitionsIncludingNull) {
    TableSchema schema;
    schema.fields = {{0, "id", DataType::BigInt(), std::nullopt},
                     {1, "dt", DataType::String(), std::nullopt},
                     {2, "hr", DataType::Int(), std::nullopt}};
    schema.partition_keys = {"dt", "hr"};
    std::string table = Create(schema);
    std::vector<Row> rows;
    const char* days[] = {"2024-01-01", "2024-01-02", nullptr};
    for (int i = 0; i < 300; ++i) {
        const char* day = days[i % 3];
        rows.push_back(
            {Value::BigInt(i), day ? Value::Varchar(day) : Value::Null(LogicalType::Varchar()), Value::Int(i % 2)});
    }
    auto writer = testing::OpenWriter(&fs_, table);
    auto types = testing::LogicalTypes(schema);
    ASSERT_TRUE(writer->Write(testing::MakeChunk(types, std::vector<Row>(rows.begin(), rows.begin() + 150))).ok());
    ASSERT_TRUE(writer->Write(testing::MakeChunk(types, std::vector<Row>(rows.begin() + 150, rows.end()))).ok());
    int64_t snapshot = testing::CommitWriter(&fs_, table, writer.get());
    TableFiles files = Files(table, snapshot);
    ASSERT_EQ(files.buckets.size(), 6u);
    std::vector<std::string> paths;
    for (const BucketFiles& bucket : files.buckets) {
        ASSERT_EQ(bucket.files.size(), 1u);  // one file per partition: both chunks went into it
        EXPECT_EQ(bucket.RowCount(), 50);
        paths.push_back(bucket.partition_path);
        Row partition = testing::Decode(bucket.partition, {DataType::String(), DataType::Int()});
        for (const Row& row : testing::ReadParquetRows(&fs_, bucket.file_paths[0])) {
            EXPECT_EQ(row[1].ToString(), partition[0].ToString());
            EXPECT_EQ(row[2].ToString(), partition[1].ToString());
        }
    }
    std::sort(paths.begin(), paths.end());
    EXPECT_EQ(paths, (std::vector<std::string>{"dt=2024-01-01/hr=0", "dt=2024-01-01/hr=1", "dt=2024-01-02/hr=0",
                                               "dt=2024-01-02/hr=1", "dt=__DEFAULT_PARTITION__/hr=0",
                                               "dt=__DEFAULT_PARTITION__/hr=1"}));
    EXPECT_TRUE(fs_.Exists(table + "/dt=__DEFAULT_PARTITION__/hr=1/bucket-0").ValueOr(false));
}

TEST_F(WriteAppendTableTest, FixedBucketsFollowTheBucketFunction) {
    TableSchema schema;
    schema.fields = {{0, "id", DataType::BigInt(), std::nullopt}, {1, "name", DataType::String(), std::nullopt}};
    schema.options = {{"bucket", "4"}, {"bucket-key", "name"}};
    std::string table = Create(schema);
    std::vector<Row> rows;
    for (int i = 0; i < 2000; ++i) rows.push_back({Value::BigInt(i), Value::Varchar("user-name-" + std::to_string(i))});
    auto writer = testing::OpenWriter(&fs_, table);
    ASSERT_TRUE(writer->Write(testing::MakeChunk(testing::LogicalTypes(schema), rows)).ok());
    int64_t snapshot = testing::CommitWriter(&fs_, table, writer.get());
    TableFiles files = Files(table, snapshot);
    ASSERT_EQ(files.buckets.size(), 4u);
    int64_t total = 0;
    for (const BucketFiles& bucket : files.buckets) {
        EXPECT_EQ(bucket.total_buckets, 4);
        for (const Row& row : testing::ReadParquetRows(&fs_, bucket.file_paths[0])) {
            auto key = EncodeBinaryRow({row[1]}, std::vector<DataType>{DataType::String()});
            EXPECT_EQ(DefaultBucket(*key, 4), bucket.bucket) << row[1].ToString();
            ++total;
        }
    }
    EXPECT_EQ(total, 2000);
}

TEST_F(WriteAppendTableTest, ModBucketFunction) {
    TableSchema schema;
    schema.fields = {{0, "id", DataType::BigInt(), std::nullopt}, {1, "name", DataType::String(), std::nullopt}};
    schema.options = {{"bucket", "3"}, {"bucket-key", "id"}, {"bucket-function.type", "mod"}};
    std::string table = Create(schema);
    std::vector<Row> rows;
    for (int i = -10; i < 10; ++i) rows.push_back({Value::BigInt(i), Value::Varchar("n")});
    auto writer = testing::OpenWriter(&fs_, table);
    ASSERT_TRUE(writer->Write(testing::MakeChunk(testing::LogicalTypes(schema), rows)).ok());
    TableFiles files = Files(table, testing::CommitWriter(&fs_, table, writer.get()));
    ASSERT_EQ(files.buckets.size(), 3u);
    for (const BucketFiles& bucket : files.buckets) {
        for (const Row& row : testing::ReadParquetRows(&fs_, bucket.file_paths[0])) {
            auto key = EncodeBinaryRow({row[0]}, std::vector<DataType>{DataType::BigInt()});
            EXPECT_EQ(*ModBucket(*key, true, 3), bucket.bucket) << row[0].ToString();
        }
    }
}

TEST_F(WriteAppendTableTest, PosixEndToEndThroughTableScan) {
    std::string warehouse = ::testing::TempDir() + "/write_append_posix_" + std::to_string(getpid());
    io::PosixFileSystem fs;
    (void)fs.DeleteDirectoryRecursive(warehouse);
    TableSchema schema;
    schema.fields = {{0, "id", DataType::BigInt(), std::nullopt},
                     {1, "dt", DataType::Date(), std::nullopt},
                     {2, "amount", DataType::Decimal(12, 2), std::nullopt},
                     {3, "at", DataType::Timestamp(6), std::nullopt}};
    schema.partition_keys = {"dt"};
    schema.options = {{"bucket", "2"}, {"bucket-key", "id"}};
    auto table = CreateTable(&fs, warehouse, "db", "events", schema);
    ASSERT_TRUE(table.ok()) << table.status().ToString();
    std::vector<Row> rows;
    std::vector<std::string> expected;
    for (int i = 0; i < 1000; ++i) {
        Row row = {Value::BigInt(i), i % 10 == 9 ? Value::Null(LogicalType::Date()) : Value::Date(20000 + i % 3),
                   Value::Decimal(i * 25, 12, 2), Value::DateTime(1700000000000000 + i)};
        std::string text;
        for (size_t c = 0; c < row.size(); ++c) text += (c ? ", " : "") + row[c].ToString();
        expected.push_back(text);
        rows.push_back(std::move(row));
    }
    std::sort(expected.begin(), expected.end());
    auto writer = testing::OpenWriter(&fs, *table);
    ASSERT_TRUE(writer->Write(testing::MakeChunk(testing::LogicalTypes(schema), rows)).ok());
    ASSERT_EQ(testing::CommitWriter(&fs, *table, writer.get()), 1);
    EXPECT_TRUE(fs.Exists(*table + "/dt=20000/bucket-0").ValueOr(false));
    EXPECT_TRUE(fs.Exists(*table + "/dt=__DEFAULT_PARTITION__/bucket-1").ValueOr(false));
    EXPECT_EQ(testing::ScanTable(&fs, *table), expected);
    (void)fs.DeleteDirectoryRecursive(warehouse);
}

TEST_F(WriteAppendTableTest, RollsFilesAndNumbersRowsAcrossCommits) {
    TableSchema schema;
    schema.fields = {{0, "id", DataType::BigInt(), std::nullopt}, {1, "payload", DataType::String(), std::nullopt}};
    std::string table = Create(schema);
    TableWriterOptions options;
    options.target_file_size = 64 << 10;
    auto writer = testing::OpenWriter(&fs_, table, options);
    const int64_t total = 40000;
    for (int64_t start = 0; start < total; start += 4000) {
        std::vector<Row> rows;
        for (int64_t i = start; i < start + 4000; ++i) {
            rows.push_back({Value::BigInt(i), Value::Varchar("payload " + std::to_string(i * 7919 % 100003))});
        }
        ASSERT_TRUE(writer->Write(testing::MakeChunk(testing::LogicalTypes(schema), rows)).ok());
    }
    int64_t snapshot = testing::CommitWriter(&fs_, table, writer.get());
    TableFiles files = Files(table, snapshot);
    ASSERT_EQ(files.buckets.size(), 1u);
    std::vector<DataFileMeta> sorted = files.buckets[0].files;
    std::sort(sorted.begin(), sorted.end(),
              [](const auto& a, const auto& b) { return a.min_sequence_number < b.min_sequence_number; });
    ASSERT_GE(sorted.size(), 2u);
    int64_t next = 0;
    for (const DataFileMeta& file : sorted) {
        EXPECT_EQ(file.min_sequence_number, next);
        EXPECT_EQ(file.max_sequence_number, next + file.row_count - 1);
        EXPECT_LT(file.file_size, 3 * (64 << 10)) << file.file_name;
        next += file.row_count;
    }
    EXPECT_EQ(next, total);

    // A later writer continues the numbering after the committed rows.
    auto second = testing::OpenWriter(&fs_, table);
    ASSERT_TRUE(
        second->Write(testing::MakeChunk(testing::LogicalTypes(schema), {{Value::BigInt(1), Value::Varchar("x")}}))
            .ok());
    std::vector<CommitMessage> messages;
    ASSERT_GT(testing::CommitWriter(&fs_, table, second.get(), &messages), snapshot);
    ASSERT_EQ(messages.size(), 1u);
    EXPECT_EQ(messages[0].new_files[0].min_sequence_number, total);
    EXPECT_EQ(messages[0].new_files[0].max_sequence_number, total);
}

TEST_F(WriteAppendTableTest, AbortDeletesEveryFile) {
    TableSchema schema;
    schema.fields = {{0, "id", DataType::BigInt(), std::nullopt}, {1, "dt", DataType::String(), std::nullopt}};
    schema.partition_keys = {"dt"};
    std::string table = Create(schema);
    auto writer = testing::OpenWriter(&fs_, table);
    auto types = testing::LogicalTypes(schema);
    ASSERT_TRUE(writer->Write(testing::MakeChunk(types, {{Value::BigInt(1), Value::Varchar("a")}})).ok());
    ASSERT_TRUE(writer->PrepareCommit().ok());  // handed out but never committed
    ASSERT_TRUE(writer->Write(testing::MakeChunk(types, {{Value::BigInt(2), Value::Varchar("b")}})).ok());
    EXPECT_EQ(testing::DataFilesOnDisk(&fs_, table).size(), 2u);  // one closed, one being written
    ASSERT_TRUE(writer->Abort().ok());
    EXPECT_TRUE(testing::DataFilesOnDisk(&fs_, table).empty());
    EXPECT_FALSE(writer->Write(testing::MakeChunk(types, {{Value::BigInt(3), Value::Varchar("c")}})).ok());

    // Files marked committed survive an Abort.
    auto committed = testing::OpenWriter(&fs_, table);
    ASSERT_TRUE(committed->Write(testing::MakeChunk(types, {{Value::BigInt(1), Value::Varchar("a")}})).ok());
    ASSERT_GT(testing::CommitWriter(&fs_, table, committed.get()), 0);
    ASSERT_TRUE(committed->Write(testing::MakeChunk(types, {{Value::BigInt(2), Value::Varchar("a")}})).ok());
    ASSERT_TRUE(committed->Abort().ok());
    EXPECT_EQ(testing::DataFilesOnDisk(&fs_, table).size(), 1u);
}

TEST_F(WriteAppendTableTest, NotNullViolationNamesTheColumnAndWritesNothing) {
    TableSchema schema;
    schema.fields = {{0, "id", DataType::BigInt(), std::nullopt},
                     {1, "name", DataType::String().WithNullable(false), std::nullopt}};
    std::string table = Create(schema);
    auto writer = testing::OpenWriter(&fs_, table);
    auto types = testing::LogicalTypes(schema);
    Status status = writer->Write(testing::MakeChunk(
        types, {{Value::BigInt(1), Value::Varchar("a")}, {Value::BigInt(2), Value::Null(LogicalType::Varchar())}}));
    EXPECT_EQ(status.code(), ErrorCode::kInvalidArgument);
    EXPECT_NE(status.message().find("'name'"), std::string::npos) << status.ToString();
    EXPECT_TRUE(testing::DataFilesOnDisk(&fs_, table).empty());
    auto messages = writer->PrepareCommit();
    ASSERT_TRUE(messages.ok());
    EXPECT_TRUE(messages->empty());
    // An untyped NULL column counts too.
    Chunk untyped(std::vector<ColumnPtr>{Column::FromValues(LogicalType::BigInt(), {Value::BigInt(1)}),
                                         Column::MakeConstant(Value(), 1)},
                  1);
    EXPECT_EQ(writer->Write(untyped).code(), ErrorCode::kInvalidArgument);
}

TEST_F(WriteAppendTableTest, RejectsMismatchedChunksAndDeletes) {
    TableSchema schema;
    schema.fields = {{0, "id", DataType::BigInt(), std::nullopt}, {1, "name", DataType::String(), std::nullopt}};
    std::string table = Create(schema);
    auto writer = testing::OpenWriter(&fs_, table);
    EXPECT_EQ(writer->Write(testing::MakeChunk({LogicalType::BigInt()}, {{Value::BigInt(1)}})).code(),
              ErrorCode::kInvalidArgument);
    EXPECT_EQ(writer
                  ->Write(testing::MakeChunk({LogicalType::Int(), LogicalType::Varchar()},
                                             {{Value::Int(1), Value::Varchar("a")}}))
                  .code(),
              ErrorCode::kInvalidArgument);
    std::vector<uint8_t> deletes = {3};
    EXPECT_EQ(writer
                  ->Write(testing::MakeChunk(testing::LogicalTypes(schema), {{Value::BigInt(1), Value::Varchar("a")}}),
                          &deletes)
                  .code(),
              ErrorCode::kInvalidArgument);
}

TEST_F(WriteAppendTableTest, EncodedColumnsAndStatsModes) {
    TableSchema schema;
    schema.fields = {{0, "id", DataType::BigInt(), std::nullopt},
                     {1, "s", DataType::String(), std::nullopt},
                     {2, "v", DataType::Int(), std::nullopt}};
    schema.options = {{"metadata.stats-mode", "full"}, {"fields.v.stats-mode", "none"}};
    std::string table = Create(schema);
    auto writer = testing::OpenWriter(&fs_, table);
    std::string long_text = "a string longer than sixteen characters";
    Chunk chunk(
        std::vector<ColumnPtr>{
            Column::MakeDictionary(Column::FromValues(LogicalType::BigInt(), {Value::BigInt(5), Value::BigInt(9)}),
                                   {1, 0, 1}),
            Column::MakeConstant(Value::Varchar(long_text), 3), Column::MakeConstant(Value(), 3)},
        3);
    ASSERT_TRUE(writer->Write(chunk).ok());
    int64_t snapshot = testing::CommitWriter(&fs_, table, writer.get());
    TableFiles files = Files(table, snapshot);
    const DataFileMeta& file = files.buckets[0].files[0];
    Row mins = testing::Decode(file.value_stats.min_values, testing::FieldTypes(schema.fields));
    Row maxs = testing::Decode(file.value_stats.max_values, testing::FieldTypes(schema.fields));
    EXPECT_EQ(mins[0].ToString(), "5");
    EXPECT_EQ(maxs[0].ToString(), "9");
    EXPECT_EQ(mins[1].ToString(), long_text);  // full: not truncated
    EXPECT_EQ(maxs[1].ToString(), long_text);
    EXPECT_TRUE(mins[2].is_null());
    EXPECT_EQ(*file.value_stats.null_counts,
              (std::vector<std::optional<int64_t>>{0, 0, std::nullopt}));  // none: no null count
    std::vector<Row> read = testing::ReadParquetRows(&fs_, files.buckets[0].file_paths[0]);
    ASSERT_EQ(read.size(), 3u);
    EXPECT_EQ(read[0][0].ToString(), "9");
    EXPECT_TRUE(read[2][2].is_null());
}

}  // namespace
}  // namespace flashlake::lake
