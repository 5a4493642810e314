// Universal compaction picking (Paimon's rules) and the Compactor end to end: primary-key
// buckets merged into higher levels (retractions dropped only at the bottom), files moved up a
// level without rewriting, append buckets' small files rewritten, and Abort.
#include <gtest/gtest.h>

#include "io/memory_file_system.h"
#include "lake/write/compactor.h"
#include "lake/write/universal_compaction.h"
#include "write_test_util.h"

namespace flashlake::lake {
namespace {

using testing::Row;

LevelSortedRun SizedRun(int32_t level, int64_t size) {
    LevelSortedRun run;
    run.level = level;
    DataFileMeta file;
    file.file_name = "f-" + std::to_string(level) + "-" + std::to_string(size);
    file.file_size = size;
    file.level = level;
    run.files.push_back(file);
    run.total_size = size;
    return run;
}

UniversalCompactionOptions Options(int32_t trigger, int32_t amplification = 200) {
    UniversalCompactionOptions options;
    options.compaction_trigger = trigger;
    options.max_size_amplification_percent = amplification;
    options.num_levels = 6;
    return options;
}

TEST(WriteUniversalCompactionTest, NothingBelowTheTrigger) {
    EXPECT_FALSE(PickUniversalCompaction(Options(5), {SizedRun(0, 1), SizedRun(0, 1), SizedRun(0, 1), SizedRun(5, 1)}));
}

TEST(WriteUniversalCompactionTest, SizeAmplificationCompactsEverything) {
    auto unit = PickUniversalCompaction(Options(3), {SizedRun(0, 2), SizedRun(0, 1), SizedRun(5, 1)});
    ASSERT_TRUE(unit);
    EXPECT_EQ(unit->output_level, 5);
    EXPECT_EQ(unit->files.size(), 3u);
}

TEST(WriteUniversalCompactionTest, SizeRatioAbsorbsLowLevelsAndStopsAboveThem) {
    auto unit =
        PickUniversalCompaction(Options(3, 100000), {SizedRun(0, 1), SizedRun(0, 1), SizedRun(0, 5), SizedRun(3, 100)});
    ASSERT_TRUE(unit);
    EXPECT_EQ(unit->files.size(), 3u);  // the 5 is absorbed: two runs were already picked
    EXPECT_EQ(unit->output_level, 2);   // just above the first run left out
}

TEST(WriteUniversalCompactionTest, RunCountForcesThePick) {
    auto unit = PickUniversalCompaction(Options(3, 100000),
                                        {SizedRun(0, 1), SizedRun(0, 10), SizedRun(2, 100), SizedRun(4, 1000)});
    ASSERT_TRUE(unit);
    EXPECT_EQ(unit->files.size(), 2u);  // 4 runs - 3 + 1
    EXPECT_EQ(unit->output_level, 1);
}

TEST(WriteUniversalCompactionTest, LevelSortedRunsNewestFirst) {
    std::vector<DataFileMeta> files(4);
    files[0].file_name = "old0";
    files[0].max_sequence_number = 5;
    files[1].file_name = "new0";
    files[1].max_sequence_number = 9;
    files[2].file_name = "l2";
    files[2].level = 2;
    files[2].file_size = 7;
    files[3].file_name = "l2b";
    files[3].level = 2;
    files[3].file_size = 3;
    std::vector<LevelSortedRun> runs = LevelSortedRuns(files);
    ASSERT_EQ(runs.size(), 3u);
    EXPECT_EQ(runs[0].files[0].file_name, "new0");
    EXPECT_EQ(runs[1].files[0].file_name, "old0");
    EXPECT_EQ(runs[2].level, 2);
    EXPECT_EQ(runs[2].total_size, 10);
}

class WriteCompactionTest : public ::testing::Test {
protected:
    std::string Create(TableSchema schema) {
        auto path = CreateTable(&fs_, "/wh", "db", "t" + std::to_string(tables_++), std::move(schema));
        EXPECT_TRUE(path.ok()) << path.status().ToString();
        types_ = testing::LogicalTypes(SchemaManager(&fs_, *path).Latest().value().value());
        return *path;
    }

    // One commit of `rows` (with `kinds`).
    void Commit(const std::string& table, const std::vector<Row>& rows, const std::vector<uint8_t>* kinds = nullptr) {
        auto writer = testing::OpenWriter(&fs_, table);
        ASSERT_TRUE(writer->Write(testing::MakeChunk(types_, rows), kinds).ok());
        ASSERT_GT(testing::CommitWriter(&fs_, table, writer.get()), 0);
    }

    // Runs a compaction and commits it; returns its messages.
    std::vector<CommitMessage> CompactAndCommit(const std::string& table, bool full = false) {
        CompactorOptions options;
        options.full = full;
        auto compactor = Compactor::Open(&fs_, table, options);
        EXPECT_TRUE(compactor.ok()) << compactor.status().ToString();
        auto messages = (*compactor)->Compact();
        EXPECT_TRUE(messages.ok()) << messages.status().ToString();
        if (!messages.ok() || messages->empty()) return {};
        TableCommit commit(&fs_, table);
        auto result = commit.Commit("compactor", kBatchCommitIdentifier, *messages, CommitKind::kCompact);
        EXPECT_TRUE(result.ok()) << result.status().ToString();
        (*compactor)->MarkCommitted();
        return *messages;
    }

    TableFiles Latest(const std::string& table) {
        auto snapshot = SnapshotManager(&fs_, table).Latest();
        auto files = ReadTableFiles(&fs_, table, **snapshot);
        EXPECT_TRUE(files.ok()) << files.status().ToString();
        return *files;
    }

    io::MemoryFileSystem fs_;
    std::vector<LogicalType> types_;
    int tables_ = 0;
};

TableSchema KeyTable() {
    TableSchema schema;
    schema.fields = {{0, "k", DataType::Int(), std::nullopt}, {1, "v", DataType::String(), std::nullopt}};
    schema.primary_keys = {"k"};
    schema.options = {{"bucket", "1"}};
    return schema;
}

Row KV(int32_t k, const std::string& v) {
    return {Value::Int(k), Value::Varchar(v)};
}

TEST_F(WriteCompactionTest, PrimaryKeyRunsMergeIntoTheHighestLevel) {
    std::string table = Create(KeyTable());
    for (int round = 0; round < 6; ++round) {
        std::vector<Row> rows;
        for (int k = round * 10; k < round * 10 + 50; ++k) rows.push_back(KV(k, "r" + std::to_string(round)));
        Commit(table, rows);
    }
    std::vector<uint8_t> deletes = {3};
    Commit(table, {KV(7, "")}, &deletes);
    std::vector<std::string> before = testing::ScanTable(&fs_, table);
    ASSERT_EQ(Latest(table).FileCount(), 7u);

    std::vector<CommitMessage> messages = CompactAndCommit(table);
    ASSERT_EQ(messages.size(), 1u);
    EXPECT_EQ(messages[0].deleted_files.size(), 7u);  // size amplification: everything
    TableFiles after = Latest(table);
    ASSERT_EQ(after.snapshot.commit_kind, CommitKind::kCompact);
    ASSERT_EQ(after.FileCount(), 1u);
    const DataFileMeta& file = after.buckets[0].files[0];
    EXPECT_EQ(file.level, 5);
    EXPECT_EQ(file.file_source, FileSource::kCompact);
    EXPECT_EQ(file.delete_row_count, 0);       // the bottom level keeps no retractions
    EXPECT_EQ(file.row_count, 99);             // keys 0..99 but 7
    EXPECT_EQ(file.max_sequence_number, 299);  // the dropped delete had 300
    EXPECT_EQ(testing::ScanTable(&fs_, table), before);
    std::vector<Row> read = testing::ReadParquetRows(&fs_, after.buckets[0].file_paths[0]);
    for (size_t r = 1; r < read.size(); ++r) EXPECT_LT(read[r - 1][0].GetInt64(), read[r][0].GetInt64());

    // A later writer continues after the compacted sequence numbers.
    Commit(table, {KV(1, "late")});
    EXPECT_EQ(Latest(table).buckets[0].files.size(), 2u);
    std::vector<std::string> rows = testing::ScanTable(&fs_, table);
    EXPECT_NE(std::find(rows.begin(), rows.end(), "1, late"), rows.end());
}

TEST_F(WriteCompactionTest, IntermediateLevelKeepsRetractions) {
    std::string table = Create(KeyTable());
    std::vector<Row> base;
    for (int k = 0; k < 3000; ++k) base.push_back(KV(k, "base value number " + std::to_string(k * 7919)));
    Commit(table, base);
    CompactAndCommit(table, /*full=*/true);
    ASSERT_EQ(Latest(table).buckets[0].files[0].level, 5);
    for (int round = 0; round < 4; ++round) Commit(table, {KV(round, "new")});
    std::vector<uint8_t> deletes = {3};
    Commit(table, {KV(100, "")}, &deletes);
    std::vector<std::string> before = testing::ScanTable(&fs_, table);

    std::vector<CommitMessage> messages = CompactAndCommit(table);
    ASSERT_EQ(messages.size(), 1u);
    ASSERT_EQ(messages[0].new_files.size(), 1u);
    EXPECT_EQ(messages[0].deleted_files.size(), 5u);  // the five small runs, not the big one
    EXPECT_EQ(messages[0].new_files[0].level, 4);
    EXPECT_EQ(messages[0].new_files[0].delete_row_count, 1);  // still needed above level 5
    EXPECT_EQ(testing::ScanTable(&fs_, table), before);
    EXPECT_EQ(before.size(), 2999u);
}

TEST_F(WriteCompactionTest, SingleFileMovesUpWithoutRewrite) {
    std::string table = Create(KeyTable());
    Commit(table, {KV(1, "a"), KV(2, "b")});
    std::string name = Latest(table).buckets[0].files[0].file_name;
    std::vector<CommitMessage> messages = CompactAndCommit(table, /*full=*/true);
    ASSERT_EQ(messages.size(), 1u);
    TableFiles after = Latest(table);
    ASSERT_EQ(after.FileCount(), 1u);
    EXPECT_EQ(after.buckets[0].files[0].file_name, name);
    EXPECT_EQ(after.buckets[0].files[0].level, 5);
    EXPECT_EQ(testing::ScanTable(&fs_, table), (std::vector<std::string>{"1, a", "2, b"}));
    EXPECT_TRUE(CompactAndCommit(table, /*full=*/true).empty());  // nothing left to do
}

TEST_F(WriteCompactionTest, AppendSmallFilesAreRewritten) {
    TableSchema schema;
    schema.fields = {{0, "id", DataType::BigInt(), std::nullopt}, {1, "s", DataType::String(), std::nullopt}};
    std::string table = Create(schema);
    std::vector<std::string> expected;
    for (int round = 0; round < 6; ++round) {
        std::vector<Row> rows;
        for (int i = 0; i < 10; ++i) {
            int64_t id = round * 10 + i;
            rows.push_back({Value::BigInt(id), Value::Varchar("row " + std::to_string(id))});
            expected.push_back(std::to_string(id) + ", row " + std::to_string(id));
        }
        Commit(table, rows);
    }
    std::sort(expected.begin(), expected.end());
    std::vector<CommitMessage> messages = CompactAndCommit(table);
    ASSERT_EQ(messages.size(), 1u);
    EXPECT_EQ(messages[0].deleted_files.size(), 6u);
    ASSERT_EQ(messages[0].new_files.size(), 1u);
    const DataFileMeta& file = messages[0].new_files[0];
    EXPECT_EQ(file.file_source, FileSource::kCompact);
    EXPECT_EQ(file.row_count, 60);
    EXPECT_EQ(file.min_sequence_number, 0);
    EXPECT_EQ(file.max_sequence_number, 59);
    TableFiles after = Latest(table);
    ASSERT_EQ(after.FileCount(), 1u);
    std::vector<Row> read = testing::ReadParquetRows(&fs_, after.buckets[0].file_paths[0]);
    for (size_t r = 0; r < read.size(); ++r) EXPECT_EQ(read[r][0].GetInt64(), static_cast<int64_t>(r));
    EXPECT_EQ(testing::ScanTable(&fs_, table), expected);
    // Five files are needed before small files are compacted.
    Commit(table, {{Value::BigInt(60), Value::Varchar("row 60")}});
    EXPECT_TRUE(CompactAndCommit(table).empty());
}

TEST_F(WriteCompactionTest, FullCompactionOfPartitionsAndBuckets) {
    TableSchema schema;
    schema.fields = {{0, "k", DataType::Int(), std::nullopt},
                     {1, "dt", DataType::String(), std::nullopt},
                     {2, "v", DataType::BigInt(), std::nullopt}};
    schema.partition_keys = {"dt"};
    schema.primary_keys = {"k", "dt"};
    schema.options = {{"bucket", "2"}, {"merge-engine", "aggregation"}, {"fields.v.aggregate-function", "sum"}};
    std::string table = Create(schema);
    for (int round = 0; round < 3; ++round) {
        std::vector<Row> rows;
        for (int k = 0; k < 40; ++k) {
            rows.push_back({Value::Int(k), Value::Varchar(k % 2 ? "a" : "b"), Value::BigInt(round + 1)});
        }
        Commit(table, rows);
    }
    std::vector<std::string> before = testing::ScanTable(&fs_, table);
    ASSERT_EQ(before.size(), 40u);
    EXPECT_EQ(before[0], "0, b, 6");  // 1 + 2 + 3
    std::vector<CommitMessage> messages = CompactAndCommit(table, /*full=*/true);
    EXPECT_EQ(messages.size(), 4u);  // 2 partitions x 2 buckets
    TableFiles after = Latest(table);
    EXPECT_EQ(after.FileCount(), 4u);
    for (const BucketFiles& bucket : after.buckets) {
        EXPECT_EQ(bucket.files[0].level, 5);
        EXPECT_EQ(bucket.files[0].file_source, FileSource::kCompact);
    }
    EXPECT_EQ(testing::ScanTable(&fs_, table), before);
}

TEST_F(WriteCompactionTest, AbortDeletesTheOutputs) {
    std::string table = Create(KeyTable());
    for (int round = 0; round < 5; ++round) Commit(table, {KV(round, "x"), KV(round + 1, "y")});
    size_t before = testing::DataFilesOnDisk(&fs_, table).size();
    auto compactor = Compactor::Open(&fs_, table);
    ASSERT_TRUE(compactor.ok());
    auto messages = (*compactor)->Compact();
    ASSERT_TRUE(messages.ok() && !messages->empty());
    EXPECT_GT(testing::DataFilesOnDisk(&fs_, table).size(), before);
    ASSERT_TRUE((*compactor)->Abort().ok());
    EXPECT_EQ(testing::DataFilesOnDisk(&fs_, table).size(), before);
}

}  // namespace
}  // namespace flashlake::lake
