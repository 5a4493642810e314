// Table creation (directories, schema-0, durability, races) and schema evolution (field ids,
// highestFieldId, refused changes, concurrent ALTERs), plus the option value parsers.
#include <gtest/gtest.h>

#include <thread>

#include "commit_test_util.h"
#include "io/fault_injecting_file_system.h"
#include "io/memory_file_system.h"
#include "lake/commit/option_values.h"
#include "lake/commit/schema_evolution.h"
#include "lake/commit/table_creation.h"

namespace flashlake::lake {
namespace {

using testing::AppendSchema;
using testing::kWarehouse;
using testing::PrimaryKeySchema;

TEST(CommitTableCreationTest, CreatesLayoutAndSchemaZero) {
    io::MemoryFileSystem fs;
    auto path = CreateTable(&fs, kWarehouse, "db", "orders", PrimaryKeySchema(), 1234);
    ASSERT_TRUE(path.ok()) << path.status().ToString();
    EXPECT_EQ(*path, "/wh/db.db/orders");
    for (const char* dir : {"schema", "snapshot", "manifest"}) {
        EXPECT_TRUE(fs.Exists(*path + "/" + dir).ValueOr(false)) << dir;
    }
    auto schema = SchemaManager(&fs, *path).Read(0);
    ASSERT_TRUE(schema.ok()) << schema.status().ToString();
    EXPECT_EQ(schema->id, 0);
    EXPECT_EQ(schema->version, 3);
    EXPECT_EQ(schema->time_millis, 1234);
    EXPECT_EQ(schema->highest_field_id, 2);
    EXPECT_FALSE(schema->fields[0].type.nullable());  // primary-key fields become NOT NULL
    EXPECT_FALSE(schema->fields[1].type.nullable());
    EXPECT_TRUE(schema->fields[2].type.nullable());
    EXPECT_EQ(schema->primary_keys, (std::vector<std::string>{"k", "dt"}));
    EXPECT_EQ(schema->Option("bucket"), "2");
    // No snapshot yet; no stray files.
    EXPECT_TRUE(SnapshotManager(&fs, *path).ListIds()->empty());
    EXPECT_EQ(fs.ListDirectory(*path + "/schema")->size(), 1u);
}

TEST(CommitTableCreationTest, SecondCreationIsTableExists) {
    io::MemoryFileSystem fs;
    ASSERT_TRUE(CreateTable(&fs, kWarehouse, "db", "t", AppendSchema()).ok());
    auto again = CreateTable(&fs, kWarehouse, "db", "t", AppendSchema());
    EXPECT_EQ(again.status().code(), ErrorCode::kTableExists);
    EXPECT_NE(again.status().message().find("db.t"), std::string::npos);
    EXPECT_TRUE(CreateTable(&fs, kWarehouse, "db", "t2", AppendSchema()).ok());
    EXPECT_TRUE(CreateTable(&fs, kWarehouse, "other", "t", AppendSchema()).ok());
}

TEST(CommitTableCreationTest, RefusesBadNamesAndSchemas) {
    io::MemoryFileSystem fs;
    for (const char* name : {"", "a/b", ".hidden", "a\\b", "tab\tle"}) {
        EXPECT_EQ(CreateTable(&fs, kWarehouse, "db", name, AppendSchema()).status().code(), ErrorCode::kInvalidArgument)
            << name;
        EXPECT_EQ(CreateTable(&fs, kWarehouse, name, "t", AppendSchema()).status().code(), ErrorCode::kInvalidArgument)
            << name;
    }
    auto expect_bad = [&](TableSchema schema, const char* what) {
        auto created = CreateTable(&fs, kWarehouse, "db", "bad", std::move(schema));
        EXPECT_EQ(created.status().code(), ErrorCode::kInvalidArgument) << what;
    };
    TableSchema schema = AppendSchema();
    schema.fields.clear();
    expect_bad(schema, "no columns");
    schema = AppendSchema();
    schema.fields[2].name = "id";
    expect_bad(schema, "duplicate names");
    schema = AppendSchema();
    schema.fields[2].id = 0;
    expect_bad(schema, "duplicate ids");
    schema = AppendSchema();
    schema.partition_keys = {"nope"};
    expect_bad(schema, "unknown partition key");
    schema = PrimaryKeySchema();
    schema.primary_keys = {"k"};  // misses the partition key dt
    expect_bad(schema, "pk without partition key");
    schema = PrimaryKeySchema({{"bucket-key", "dt"}});
    expect_bad(schema, "bucket key is a partition key");
    schema = AppendSchema();
    schema.options = {{"bucket", "zero"}};
    expect_bad(schema, "bad bucket");
    EXPECT_FALSE(fs.Exists("/wh/db.db/bad/schema/schema-0").ValueOr(true));
}

TEST(CommitTableCreationTest, SurvivesPowerLossOnceCreated) {
    io::MemoryFileSystem fs;
    auto path = CreateTable(&fs, "/data/lake/wh", "db", "t", AppendSchema());
    ASSERT_TRUE(path.ok()) << path.status().ToString();
    fs.DropUnsyncedData();
    auto schema = SchemaManager(&fs, *path).Read(0);
    ASSERT_TRUE(schema.ok()) << schema.status().ToString();
    EXPECT_EQ(schema->fields.size(), 3u);
    EXPECT_TRUE(fs.Exists(*path + "/snapshot").ValueOr(false));
    EXPECT_TRUE(fs.Exists(*path + "/manifest").ValueOr(false));
}

// Every operation of a creation fails in turn, once and for good, then the power goes: the
// table has a complete schema-0 or none, and creating it again either works or says it exists.
TEST(CommitTableCreationTest, CrashAtEveryOperationLeavesAllOrNothing) {
    int64_t total = 0;
    {
        io::MemoryFileSystem base;
        io::FaultInjectingFileSystem faulty(&base);
        ASSERT_TRUE(CreateTable(&faulty, kWarehouse, "db", "t", AppendSchema()).ok());
        total = faulty.op_count();
    }
    ASSERT_GT(total, 8);
    for (int64_t n = 1; n <= total; ++n) {
        for (bool sticky : {false, true}) {
            io::MemoryFileSystem base;
            io::FaultInjectingFileSystem faulty(&base);
            faulty.FailOperation(n, io::FaultKind::kIOError, sticky);
            auto created = CreateTable(&faulty, kWarehouse, "db", "t", AppendSchema());
            EXPECT_FALSE(created.ok()) << "op " << n;
            faulty.ClearFaults();
            base.DropUnsyncedData();
            auto schema = SchemaManager(&base, "/wh/db.db/t").Latest();
            ASSERT_TRUE(schema.ok()) << "op " << n << ": " << schema.status().ToString();
            auto again = CreateTable(&base, kWarehouse, "db", "t", AppendSchema());
            if (schema->has_value()) {
                EXPECT_EQ((*schema)->fields.size(), 3u);
                EXPECT_EQ(again.status().code(), ErrorCode::kTableExists) << "op " << n;
            } else {
                EXPECT_TRUE(again.ok()) << "op " << n << ": " << again.status().ToString();
            }
            EXPECT_TRUE(SchemaManager(&base, "/wh/db.db/t").Read(0).ok()) << "op " << n;
        }
    }
}

TEST(CommitTableCreationTest, ConcurrentCreatorsOneWins) {
    io::MemoryFileSystem fs;
    std::atomic<int> won{0}, exists{0};
    std::vector<std::thread> threads;
    for (int i = 0; i < 4; ++i) {
        threads.emplace_back([&, i] {
            TableSchema schema = AppendSchema();
            schema.comment = "creator " + std::to_string(i);
            auto created = CreateTable(&fs, kWarehouse, "db", "t", schema);
            if (created.ok()) ++won;
            if (created.status().code() == ErrorCode::kTableExists) ++exists;
        });
    }
    for (auto& thread : threads) thread.join();
    EXPECT_EQ(won.load(), 1);
    EXPECT_EQ(exists.load(), 3);
}

TEST(CommitTableCreationTest, CreateDirectoriesDurablySyncsNewParents) {
    io::MemoryFileSystem fs;
    ASSERT_TRUE(CreateDirectoriesDurably(&fs, "/a/b/c").ok());
    ASSERT_TRUE(fs.CreateDirectories("/a/x/y").ok());  // not durable
    fs.DropUnsyncedData();
    EXPECT_TRUE(fs.Exists("/a/b/c").ValueOr(false));
    EXPECT_FALSE(fs.Exists("/a/x").ValueOr(true));
    EXPECT_TRUE(CreateDirectoriesDurably(&fs, "/a/b/c").ok());  // existing: fine
}

class CommitSchemaEvolutionTest : public ::testing::Test {
protected:
    void SetUp() override {
        auto path = CreateTable(&fs_, kWarehouse, "db", "t", PrimaryKeySchema({{"bucket-key", "k"}}));
        ASSERT_TRUE(path.ok()) << path.status().ToString();
        table_ = *path;
    }

    TableSchema Alter(const std::vector<SchemaChange>& changes) {
        auto schema = AlterTable(&fs_, table_, changes);
        EXPECT_TRUE(schema.ok()) << schema.status().ToString();
        return schema.ok() ? *schema : TableSchema{};
    }

    Status AlterStatus(const std::vector<SchemaChange>& changes) { return AlterTable(&fs_, table_, changes).status(); }

    io::MemoryFileSystem fs_;
    std::string table_;
};

TEST_F(CommitSchemaEvolutionTest, AddColumnTakesTheNextFieldId) {
    TableSchema schema = Alter({SchemaChange::AddColumn("c", DataType::Double(), "a comment")});
    EXPECT_EQ(schema.id, 1);
    EXPECT_EQ(schema.highest_field_id, 3);
    ASSERT_EQ(schema.fields.size(), 4u);
    EXPECT_EQ(schema.fields[3].id, 3);
    EXPECT_EQ(schema.fields[3].name, "c");
    EXPECT_EQ(schema.fields[3].description, "a comment");
    // Nested ROW fields take ids too.
    DataType row = DataType::Row({{0, "x", DataType::Int(), std::nullopt}, {0, "y", DataType::String(), std::nullopt}});
    schema = Alter({SchemaChange::AddColumn("nested", DataType::Array(row))});
    EXPECT_EQ(schema.id, 2);
    EXPECT_EQ(schema.fields[4].id, 4);
    const auto& fields = schema.fields[4].type.element().fields();
    EXPECT_EQ(fields[0].id, 5);
    EXPECT_EQ(fields[1].id, 6);
    EXPECT_EQ(schema.highest_field_id, 6);
    // What is on disk is what was returned.
    auto read = SchemaManager(&fs_, table_).Read(2);
    ASSERT_TRUE(read.ok());
    EXPECT_EQ(read->fields, schema.fields);
    EXPECT_EQ(read->highest_field_id, 6);
}

TEST_F(CommitSchemaEvolutionTest, RenameKeepsIdsAndKeyLists) {
    TableSchema schema = Alter({SchemaChange::RenameColumn("k", "key"), SchemaChange::RenameColumn("v", "value")});
    EXPECT_EQ(schema.fields[0].name, "key");
    EXPECT_EQ(schema.fields[0].id, 0);
    EXPECT_EQ(schema.fields[2].name, "value");
    EXPECT_EQ(schema.fields[2].id, 2);
    EXPECT_EQ(schema.primary_keys, (std::vector<std::string>{"key", "dt"}));
    EXPECT_EQ(schema.Option("bucket-key"), "key");
    EXPECT_EQ(schema.highest_field_id, 2);
}

TEST_F(CommitSchemaEvolutionTest, DropNeverReusesAnId) {
    Alter({SchemaChange::AddColumn("c", DataType::Int())});
    TableSchema schema = Alter({SchemaChange::DropColumn("c")});
    EXPECT_EQ(schema.fields.size(), 3u);
    EXPECT_EQ(schema.highest_field_id, 3);
    schema = Alter({SchemaChange::AddColumn("c", DataType::Int())});
    EXPECT_EQ(schema.fields[3].id, 4);  // a new column, not the dropped one
    EXPECT_EQ(schema.highest_field_id, 4);
    EXPECT_EQ(schema.id, 3);
}

TEST_F(CommitSchemaEvolutionTest, OptionsAndComment) {
    TableSchema schema =
        Alter({SchemaChange::SetOption("snapshot.num-retained.min", "3"),
               SchemaChange::SetOption("manifest.merge-min-count", "5"), SchemaChange::UpdateComment("orders")});
    EXPECT_EQ(schema.Option("snapshot.num-retained.min"), "3");
    EXPECT_EQ(schema.comment, "orders");
    schema = Alter({SchemaChange::SetOption("snapshot.num-retained.min", "4"),
                    SchemaChange::RemoveOption("manifest.merge-min-count")});
    EXPECT_EQ(schema.Option("snapshot.num-retained.min"), "4");
    EXPECT_FALSE(schema.Option("manifest.merge-min-count"));
}

TEST_F(CommitSchemaEvolutionTest, RefusedChangesWriteNothing) {
    auto expect_refused = [&](SchemaChange change, const char* what) {
        EXPECT_EQ(AlterStatus({change}).code(), ErrorCode::kInvalidArgument) << what;
    };
    expect_refused(SchemaChange::AddColumn("v", DataType::Int()), "existing name");
    expect_refused(SchemaChange::AddColumn("w", DataType::Int().WithNullable(false)), "not null");
    expect_refused(SchemaChange::RenameColumn("nope", "x"), "missing column");
    expect_refused(SchemaChange::RenameColumn("v", "k"), "taken name");
    expect_refused(SchemaChange::RenameColumn("dt", "day"), "partition key");
    expect_refused(SchemaChange::DropColumn("k"), "primary key");
    expect_refused(SchemaChange::DropColumn("dt"), "partition key");
    expect_refused(SchemaChange::DropColumn("nope"), "missing column");
    expect_refused(SchemaChange::SetOption("bucket", "4"), "immutable option");
    expect_refused(SchemaChange::RemoveOption("bucket-key"), "immutable option");
    // A batch is all or nothing.
    EXPECT_FALSE(AlterStatus({SchemaChange::AddColumn("ok", DataType::Int()), SchemaChange::DropColumn("k")}).ok());
    EXPECT_EQ(*SchemaManager(&fs_, table_).ListIds(), (std::vector<int64_t>{0}));
}

TEST_F(CommitSchemaEvolutionTest, ConcurrentAltersBothLand) {
    std::vector<std::thread> threads;
    std::atomic<int> ok{0};
    for (int i = 0; i < 4; ++i) {
        threads.emplace_back([&, i] {
            if (AlterTable(&fs_, table_, {SchemaChange::AddColumn("c" + std::to_string(i), DataType::Int())}).ok())
                ++ok;
        });
    }
    for (auto& thread : threads) thread.join();
    EXPECT_EQ(ok.load(), 4);
    auto latest = SchemaManager(&fs_, table_).Latest();
    ASSERT_TRUE(latest.ok() && latest->has_value());
    EXPECT_EQ((*latest)->id, 4);
    EXPECT_EQ((*latest)->fields.size(), 7u);
    EXPECT_EQ((*latest)->highest_field_id, 6);
    std::set<int32_t> ids;
    for (const DataField& field : (*latest)->fields) ids.insert(field.id);
    EXPECT_EQ(ids.size(), 7u);
}

TEST(CommitOptionValuesTest, MemorySizes) {
    EXPECT_EQ(*ParseMemorySize("8 mb"), 8 << 20);
    EXPECT_EQ(*ParseMemorySize("8MB"), 8 << 20);
    EXPECT_EQ(*ParseMemorySize("16m"), 16 << 20);
    EXPECT_EQ(*ParseMemorySize("1024"), 1024);
    EXPECT_EQ(*ParseMemorySize("2 kb"), 2048);
    EXPECT_EQ(*ParseMemorySize("1 g"), int64_t{1} << 30);
    EXPECT_EQ(*ParseMemorySize("3 bytes"), 3);
    EXPECT_FALSE(ParseMemorySize("mb").ok());
    EXPECT_FALSE(ParseMemorySize("8 parsecs").ok());
    EXPECT_FALSE(ParseMemorySize("99999999999999999999").ok());
    EXPECT_FALSE(ParseMemorySize("9999999999999 tb").ok());
}

TEST(CommitOptionValuesTest, Durations) {
    EXPECT_EQ(*ParseDurationMillis("1 h"), 3600000);
    EXPECT_EQ(*ParseDurationMillis("1h"), 3600000);
    EXPECT_EQ(*ParseDurationMillis("30 min"), 1800000);
    EXPECT_EQ(*ParseDurationMillis("7 d"), 7 * 86400000LL);
    EXPECT_EQ(*ParseDurationMillis("2 days"), 2 * 86400000LL);
    EXPECT_EQ(*ParseDurationMillis("10 s"), 10000);
    EXPECT_EQ(*ParseDurationMillis("100 ms"), 100);
    EXPECT_EQ(*ParseDurationMillis("250"), 250);
    EXPECT_EQ(*ParseDurationMillis("5000 us"), 5);
    EXPECT_FALSE(ParseDurationMillis("1 fortnight").ok());
    EXPECT_FALSE(ParseDurationMillis("").ok());
    TableSchema schema = AppendSchema({{"snapshot.time-retained", "2 h"}, {"commit.max-retries", "x"}});
    EXPECT_EQ(*DurationOption(schema, "snapshot.time-retained", 1), 7200000);
    EXPECT_EQ(*DurationOption(schema, "absent", 42), 42);
    auto bad = IntOption(schema, "commit.max-retries", 10);
    EXPECT_EQ(bad.status().code(), ErrorCode::kInvalidArgument);
    EXPECT_NE(bad.status().message().find("commit.max-retries"), std::string::npos);
}

}  // namespace
}  // namespace flashlake::lake
