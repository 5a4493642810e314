// Merge engines, deletion vectors and incremental reads end to end: Parquet data files written
// here in Paimon's primary-key layout, committed through TableCommit, planned by TableScan and
// read by SplitReader. (The Java-written test tables have no aggregation or partial-update table.)
#include <gtest/gtest.h>

#include "format/parquet/parquet_writer.h"
#include "io/memory_file_system.h"
#include "lake/binary_row_converter.h"
#include "lake/commit/table_commit.h"
#include "lake/commit/table_creation.h"
#include "read_test_util.h"

namespace flashlake::lake {
namespace {

using Rows = std::vector<std::string>;

constexpr int8_t kI = 0;
constexpr int8_t kUB = 1;
constexpr int8_t kUA = 2;
constexpr int8_t kD = 3;

// One row of a primary-key data file: key k, sequence number, kind, value columns v and s.
struct KeyValue {
    int32_t k;
    int64_t sequence;
    int8_t kind;
    Value v;
    Value s;
};

Value I(int64_t v) {
    return Value::BigInt(v);
}
Value S(std::string s) {
    return Value::Varchar(std::move(s));
}

// A table (k INT NOT NULL primary key, v BIGINT, s STRING), one bucket, with `options`.
class WrittenTable {
public:
    explicit WrittenTable(Options options, bool primary_key = true) : primary_key_(primary_key) {
        TableSchema schema;
        schema.fields = {{0, "k", DataType::Int().WithNullable(!primary_key), std::nullopt},
                         {1, "v", DataType::BigInt(), std::nullopt},
                         {2, "s", DataType::String(), std::nullopt}};
        if (primary_key) schema.primary_keys = {"k"};
        schema.options = {{"bucket", primary_key ? "1" : "-1"}};
        for (auto& option : options) schema.options.push_back(option);
        auto path = CreateTable(&fs_, "/wh", "db", "t", schema, 1700000000000);
        EXPECT_TRUE(path.ok()) << path.status().ToString();
        path_ = path.ValueOr("");
    }

    // Writes `rows` (sorted by key for primary-key tables) as one data file at `level`.
    DataFileMeta WriteFile(const std::vector<KeyValue>& rows, int32_t level = 0) {
        std::string name = "data-test-" + std::to_string(files_++) + ".parquet";
        std::string dir = path_ + "/bucket-0";
        EXPECT_TRUE(fs_.CreateDirectories(dir).ok());
        std::vector<format::parquet::WriterColumn> columns;
        if (primary_key_) {
            columns = {{"_KEY_k", LogicalType::Int(), false},
                       {"_SEQUENCE_NUMBER", LogicalType::BigInt(), false},
                       {"_VALUE_KIND", LogicalType::TinyInt(), false}};
        }
        columns.insert(columns.end(), {{"k", LogicalType::Int(), false},
                                       {"v", LogicalType::BigInt(), true},
                                       {"s", LogicalType::Varchar(), true}});
        auto writer = format::parquet::ParquetWriter::Open(fs_.OpenForWrite(dir + "/" + name).value(), columns).value();
        std::vector<Value> key, sequence, kind, v, s;
        DataFileMeta meta;
        meta.file_name = name;
        meta.row_count = static_cast<int64_t>(rows.size());
        meta.level = level;
        meta.min_sequence_number = rows.front().sequence;
        meta.max_sequence_number = rows.front().sequence;
        int64_t retractions = 0;
        for (const KeyValue& row : rows) {
            key.push_back(Value::Int(row.k));
            sequence.push_back(Value::BigInt(row.sequence));
            kind.push_back(Value::TinyInt(row.kind));
            v.push_back(row.v);
            s.push_back(row.s);
            retractions += row.kind == kUB || row.kind == kD;
            meta.min_sequence_number = std::min(meta.min_sequence_number, row.sequence);
            meta.max_sequence_number = std::max(meta.max_sequence_number, row.sequence);
        }
        std::vector<ColumnPtr> chunk_columns;
        if (primary_key_) {
            chunk_columns = {Column::FromValues(LogicalType::Int(), key),
                             Column::FromValues(LogicalType::BigInt(), sequence),
                             Column::FromValues(LogicalType::TinyInt(), kind)};
        }
        chunk_columns.insert(chunk_columns.end(),
                             {Column::FromValues(LogicalType::Int(), key), Column::FromValues(LogicalType::BigInt(), v),
                              Column::FromValues(LogicalType::Varchar(), s)});
        EXPECT_TRUE(writer->Write(Chunk(std::move(chunk_columns), rows.size())).ok());
        EXPECT_TRUE(writer->Close().ok());
        meta.file_size = static_cast<int64_t>(writer->bytes_written());
        meta.delete_row_count = retractions;
        if (primary_key_) {
            std::vector<DataType> key_type = {DataType::Int()};
            meta.min_key = EncodeBinaryRow({Value::Int(rows.front().k)}, key_type).value();
            meta.max_key = EncodeBinaryRow({Value::Int(rows.back().k)}, key_type).value();
        }
        meta.file_source = level == 0 ? FileSource::kAppend : FileSource::kCompact;
        return meta;
    }

    // Commits files as one snapshot.
    int64_t Commit(std::vector<DataFileMeta> added, std::vector<DataFileMeta> deleted = {},
                   CommitKind kind = CommitKind::kAppend, std::vector<IndexFileMeta> new_index = {},
                   std::vector<IndexFileMeta> deleted_index = {}) {
        CommitMessage message;
        message.bucket = 0;
        message.total_buckets = primary_key_ ? 1 : -1;
        message.new_files = std::move(added);
        message.deleted_files = std::move(deleted);
        message.new_index_files = std::move(new_index);
        message.deleted_index_files = std::move(deleted_index);
        TableCommit commit(&fs_, path_);
        auto result = kind == CommitKind::kOverwrite ? commit.Overwrite("test", ++identifier_, {message})
                                                     : commit.Commit("test", ++identifier_, {message}, kind);
        EXPECT_TRUE(result.ok()) << result.status().ToString();
        return result.ok() ? result->snapshot_id : -1;
    }

    Result<Rows> Read(ScanOptions options = {}) {
        TableScan scan(&fs_, path_, options);
        FL_ASSIGN_OR_RETURN(ScanPlan plan, scan.Plan());
        FL_ASSIGN_OR_RETURN(Rows rows, testing::ReadPlanRows(&fs_, plan));
        std::sort(rows.begin(), rows.end());
        return rows;
    }

    io::MemoryFileSystem& fs() { return fs_; }
    const std::string& path() const { return path_; }

private:
    io::MemoryFileSystem fs_;
    std::string path_;
    bool primary_key_;
    int files_ = 0;
    int64_t identifier_ = 0;
};

void ExpectRows(WrittenTable& table, const Rows& expected, ScanOptions options = {}) {
    auto rows = table.Read(options);
    ASSERT_TRUE(rows.ok()) << rows.status().ToString();
    EXPECT_EQ(*rows, testing::Sorted(expected));
}

TEST(ReadWrittenTables, AggregationAcrossLevelsAndSnapshots) {
    WrittenTable table(Options{{"merge-engine", "aggregation"},
                               {"fields.v.aggregate-function", "sum"},
                               {"fields.s.aggregate-function", "max"},
                               {"fields.s.ignore-retract", "true"}});
    DataFileMeta base =
        table.WriteFile({{1, 1, kI, I(10), S("b")}, {2, 2, kI, I(20), S("x")}, {5, 3, kI, I(50), S("e")}}, 5);
    table.Commit({base});
    DataFileMeta f2 = table.WriteFile({{1, 4, kI, I(1), S("c")}, {3, 5, kI, I(3), S("a")}});
    table.Commit({f2});
    DataFileMeta f3 =
        table.WriteFile({{1, 6, kUB, I(4), S("c")}, {2, 7, kI, I(2), Value()}, {5, 8, kI, Value(), S("z")}});
    table.Commit({f3});
    ExpectRows(table, {"1, 7, c", "2, 22, x", "3, 3, a", "5, 50, z"});
    ExpectRows(table, {"1, 11, c", "2, 20, x", "3, 3, a", "5, 50, e"}, testing::AtSnapshot(2));
    ExpectRows(table, {"1, 10, b", "2, 20, x", "5, 50, e"}, testing::AtSnapshot(1));
    // Predicates on the key prune; on values they cannot (the aggregate is not in any file).
    ScanOptions where;
    where.predicates = {{"v", PredicateOp::kEqual, Value::BigInt(22)}};
    ExpectRows(table, {"1, 7, c", "2, 22, x", "3, 3, a", "5, 50, z"}, where);
}

TEST(ReadWrittenTables, PartialUpdateAndFirstRow) {
    WrittenTable partial(Options{{"merge-engine", "partial-update"}});
    partial.Commit({partial.WriteFile({{1, 1, kI, I(1), Value()}, {2, 2, kI, Value(), S("two")}})});
    partial.Commit({partial.WriteFile({{1, 3, kI, Value(), S("one")}, {2, 4, kI, I(2), Value()}})});
    ExpectRows(partial, {"1, 1, one", "2, 2, two"});

    WrittenTable first(Options{{"merge-engine", "first-row"}});
    first.Commit({first.WriteFile({{1, 1, kI, I(1), S("first")}})});
    first.Commit({first.WriteFile({{1, 2, kI, I(2), S("second")}, {2, 3, kI, I(3), S("new")}})});
    ExpectRows(first, {"1, 1, first", "2, 3, new"});
}

TEST(ReadWrittenTables, DeduplicateWithSequenceFieldAndKinds) {
    WrittenTable table(Options{{"sequence.field", "v"}});
    table.Commit(
        {table.WriteFile({{1, 1, kI, I(100), S("high")}, {2, 2, kI, I(1), S("a")}, {3, 3, kI, I(1), S("c")}})});
    table.Commit(
        {table.WriteFile({{1, 4, kUA, I(50), S("low")}, {2, 5, kUA, I(2), S("b")}, {3, 6, kD, I(9), S("c")}})});
    // Key 1: the older version has the larger sequence field and stays.
    ExpectRows(table, {"1, 100, high", "2, 2, b"});
    ScanOptions kinds;
    kinds.include_row_kind = true;
    ExpectRows(table, {"+I 1, 100, high", "+U 2, 2, b"}, kinds);
    // Incremental: every committed row with its kind, unmerged.
    ScanOptions incremental;
    incremental.incremental_between = {{1, 2}};
    ExpectRows(table, {"+U 1, 50, low", "+U 2, 2, b", "-D 3, 9, c"}, incremental);
}

TEST(ReadWrittenTables, ManyKeysAcrossChunksAndRuns) {
    // 3 runs of 10,000 keys each (overlapping), more than one chunk per file and batch.
    WrittenTable table(Options{});
    for (int run = 0; run < 3; ++run) {
        std::vector<KeyValue> rows;
        for (int32_t k = run * 5000; k < run * 5000 + 10000; ++k) {
            rows.push_back(
                {k, run * 100000 + k, k % 7 == 0 && run == 2 ? kD : kI, I(run), S("r" + std::to_string(run))});
        }
        table.Commit({table.WriteFile(rows)});
    }
    auto rows = table.Read();
    ASSERT_TRUE(rows.ok()) << rows.status().ToString();
    // Keys 0..19999; run 2 (10000..19999) wins where present and deletes every 7th key.
    size_t deleted = 0;
    for (int32_t k = 10000; k < 20000; ++k) deleted += k % 7 == 0;
    EXPECT_EQ(rows->size(), 20000 - deleted);
    EXPECT_NE(std::find(rows->begin(), rows->end(), "4999, 0, r0"), rows->end());
    EXPECT_NE(std::find(rows->begin(), rows->end(), "9999, 1, r1"), rows->end());
    EXPECT_NE(std::find(rows->begin(), rows->end(), "10001, 2, r2"), rows->end());
    EXPECT_EQ(std::find(rows->begin(), rows->end(), "10003, 2, r2") != rows->end(), 10003 % 7 != 0);
}

TEST(ReadWrittenTables, AppendOverwriteReadsIncrementallyAsDeletes) {
    WrittenTable table(Options{}, /*primary_key=*/false);
    DataFileMeta first = table.WriteFile({{1, 0, kI, I(1), S("a")}, {2, 0, kI, I(2), S("b")}});
    table.Commit({first});
    DataFileMeta second = table.WriteFile({{3, 0, kI, I(3), S("c")}});
    int64_t overwrite = table.Commit({second}, {}, CommitKind::kOverwrite);
    ASSERT_EQ(overwrite, 2);
    ExpectRows(table, {"3, 3, c"});
    ScanOptions incremental;
    incremental.incremental_between = {{0, 2}};
    ExpectRows(table, {"+I 1, 1, a", "+I 2, 2, b", "-D 1, 1, a", "-D 2, 2, b", "+I 3, 3, c"}, incremental);
}

TEST(ReadWrittenTables, PrimaryKeyIncrementalAcrossOverwriteIsRefused) {
    WrittenTable table(Options{});
    table.Commit({table.WriteFile({{1, 1, kI, I(1), S("a")}})});
    table.Commit({table.WriteFile({{2, 2, kI, I(2), S("b")}})}, {}, CommitKind::kOverwrite);
    ScanOptions incremental;
    incremental.incremental_between = {{0, 2}};
    auto rows = table.Read(incremental);
    EXPECT_EQ(rows.status().code(), ErrorCode::kNotSupported);
}

}  // namespace
}  // namespace flashlake::lake
