// Schema and snapshot JSON files: every file of the Java-written test tables parses and writes
// back byte for byte, and the managers find schemas, snapshots and hints.
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "io/memory_file_system.h"
#include "io/posix_file_system.h"
#include "lake/schema_manager.h"
#include "lake/snapshot_manager.h"
#include "lake/table_paths.h"
#include "lake_test_util.h"

namespace flashlake::lake {
namespace {

std::string ReadText(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::stringstream buffer;
    buffer << in.rdbuf();
    return buffer.str();
}

TEST(TableSchemaTest, EveryTestSchemaRoundTrips) {
    int count = 0;
    for (const std::string& table : testing::PaimonTestTables()) {
        for (const std::string& path : testing::FilesUnder(table, "schema", "schema-")) {
            std::string text = ReadText(path);
            auto schema = TableSchema::Parse(text);
            ASSERT_TRUE(schema.ok()) << path << ": " << schema.status().ToString();
            EXPECT_EQ(schema->version, 3) << path;
            EXPECT_FALSE(schema->fields.empty()) << path;
            EXPECT_GE(schema->highest_field_id, MaxFieldId(schema->fields)) << path;
            EXPECT_TRUE(schema->NumBuckets().ok()) << path;
            EXPECT_EQ(schema->ToJsonText(), text) << path;
            ++count;
        }
    }
    EXPECT_GE(count, 59);
}

TEST(SnapshotTest, EveryTestSnapshotRoundTrips) {
    int count = 0;
    for (const std::string& table : testing::PaimonTestTables()) {
        for (const std::string& path : testing::FilesUnder(table, "snapshot", "snapshot-")) {
            std::string text = ReadText(path);
            auto snapshot = Snapshot::Parse(text);
            ASSERT_TRUE(snapshot.ok()) << path << ": " << snapshot.status().ToString();
            EXPECT_EQ("snapshot-" + std::to_string(snapshot->id), path.substr(path.rfind('/') + 1));
            EXPECT_TRUE(snapshot->total_record_count.has_value()) << path;
            EXPECT_TRUE(snapshot->unknown_members.empty()) << path;
            EXPECT_EQ(snapshot->ToJsonText(), text) << path;
            ++count;
        }
    }
    EXPECT_GE(count, 107);
}

TEST(TableSchemaTest, KeysAndOptions) {
    auto schema = TableSchema::Parse(R"json({"version": 3, "id": 2,
        "fields": [{"id": 0, "name": "k", "type": "INT NOT NULL"}, {"id": 1, "name": "dt", "type": "STRING NOT NULL"},
                   {"id": 2, "name": "v", "type": "DECIMAL(30, 2)"}],
        "highestFieldId": 2, "partitionKeys": ["dt"], "primaryKeys": ["k", "dt"],
        "options": {"bucket": "4", "sequence.field": "v"}, "timeMillis": 5})json");
    ASSERT_TRUE(schema.ok()) << schema.status().ToString();
    EXPECT_EQ(*schema->NumBuckets(), 4);
    EXPECT_EQ(schema->FileFormat(), "parquet");
    EXPECT_EQ(schema->TrimmedPrimaryKeys(), std::vector<std::string>{"k"});
    EXPECT_EQ(schema->BucketKeys(), std::vector<std::string>{"k"});
    EXPECT_EQ(*schema->PartitionTypes(), std::vector<DataType>{DataType::String().WithNullable(false)});
    EXPECT_EQ(schema->FieldById(2)->name, "v");
    EXPECT_EQ(schema->Option("sequence.field"), "v");
    EXPECT_FALSE(schema->Option("nope").has_value());
    EXPECT_FALSE(schema->FieldsNamed({"k", "zz"}).ok());

    schema->options = {{"bucket-key", "v, k"}};
    EXPECT_EQ(schema->BucketKeys(), (std::vector<std::string>{"v", "k"}));
    EXPECT_EQ(*schema->NumBuckets(), -1);
    schema->version = 1;
    EXPECT_EQ(*schema->NumBuckets(), 1);
    EXPECT_EQ(schema->FileFormat(), "orc");
    schema->options = {{"bucket", "zero"}};
    EXPECT_FALSE(schema->NumBuckets().ok());
}

TEST(TableSchemaTest, RejectsBadDocuments) {
    EXPECT_FALSE(TableSchema::Parse("[]").ok());
    EXPECT_FALSE(TableSchema::Parse(R"json({"id": 0})json").ok());
    EXPECT_FALSE(TableSchema::Parse(R"json({"id": 0, "fields": [{"id": 0, "name": "a", "type": "NOPE"}]})json").ok());
    EXPECT_FALSE(TableSchema::Parse(R"json({"id": 0, "fields": [], "partitionKeys": ["x"]})json").ok());
    EXPECT_FALSE(TableSchema::Parse(R"json({"id": 0, "fields": [], "options": {"a": 1}})json").ok());
}

TEST(SnapshotTest, OptionalMembersAndUnknownOnes) {
    auto snapshot = Snapshot::Parse(R"json({"version": 3, "id": 9, "schemaId": 1, "baseManifestList": "b",
        "deltaManifestList": "d", "commitUser": "u", "commitIdentifier": 3, "commitKind": "OVERWRITE",
        "timeMillis": 7, "totalRecordCount": 10, "deltaRecordCount": -2, "watermark": -9223372036854775808,
        "properties": {"a": "b"}, "writerVersion": "2.0"})json");
    ASSERT_TRUE(snapshot.ok()) << snapshot.status().ToString();
    EXPECT_EQ(snapshot->commit_kind, CommitKind::kOverwrite);
    EXPECT_FALSE(snapshot->changelog_manifest_list.has_value());
    EXPECT_FALSE(snapshot->index_manifest.has_value());
    EXPECT_EQ(snapshot->watermark, INT64_MIN);
    ASSERT_EQ(snapshot->unknown_members.size(), 1u);
    auto again = Snapshot::FromJson(snapshot->ToJson());
    ASSERT_TRUE(again.ok());
    EXPECT_EQ(again->ToJsonText(), snapshot->ToJsonText());
    EXPECT_NE(snapshot->ToJsonText().find("\"changelogManifestList\" : null"), std::string::npos);

    EXPECT_FALSE(Snapshot::Parse(R"json({"id": 1})json").ok());
    EXPECT_FALSE(Snapshot::Parse(R"json({"id": 1, "schemaId": 0, "baseManifestList": "b", "deltaManifestList": "d",
        "commitUser": "u", "commitIdentifier": 3, "commitKind": "MERGE", "timeMillis": 7})json")
                     .ok());
}

TEST(SnapshotManagerTest, ReadsTestTables) {
    io::PosixFileSystem fs;
    for (const std::string& table : testing::PaimonTestTables()) {
        SnapshotManager snapshots(&fs, table);
        auto ids = snapshots.ListIds();
        ASSERT_TRUE(ids.ok()) << table;
        ASSERT_FALSE(ids->empty()) << table;
        EXPECT_EQ(*snapshots.LatestId(), ids->back()) << table;
        EXPECT_EQ(*snapshots.EarliestId(), ids->front()) << table;
        auto latest = snapshots.Latest();
        ASSERT_TRUE(latest.ok() && latest->has_value()) << table;
        SchemaManager schemas(&fs, table);
        auto schema = schemas.Read((*latest)->schema_id);
        EXPECT_TRUE(schema.ok()) << table << ": " << schema.status().ToString();
        auto latest_schema = schemas.Latest();
        ASSERT_TRUE(latest_schema.ok() && latest_schema->has_value()) << table;
        EXPECT_GE((*latest_schema)->id, (*latest)->schema_id);
    }
}

TEST(SnapshotManagerTest, ReadsBranches) {
    io::PosixFileSystem fs;
    std::string table = testing::PaimonTestDataDir() + "/append_table_with_rt_branch.db/append_table_with_rt_branch";
    SnapshotManager branch(&fs, TablePaths::BranchPath(table, "rt"));
    auto latest = branch.Latest();
    ASSERT_TRUE(latest.ok()) << latest.status().ToString();
    ASSERT_TRUE(latest->has_value());
    SchemaManager schemas(&fs, TablePaths::BranchPath(table, "rt"));
    EXPECT_TRUE(schemas.Read((*latest)->schema_id).ok());
    EXPECT_EQ(TablePaths::BranchPath(table, "main"), table);
}

TEST(SnapshotManagerTest, HintsAreVerified) {
    io::MemoryFileSystem fs;
    SnapshotManager snapshots(&fs, "/t");
    EXPECT_FALSE(snapshots.LatestId()->has_value());
    EXPECT_FALSE(snapshots.EarliestId()->has_value());
    ASSERT_TRUE(fs.CreateDirectories("/t/snapshot").ok());
    Snapshot s;
    s.base_manifest_list = "b";
    s.delta_manifest_list = "d";
    s.commit_user = "u";
    for (int64_t id = 3; id <= 6; ++id) {
        s.id = id;
        ASSERT_TRUE(fs.WriteFile(snapshots.SnapshotPath(id), s.ToJsonText()).ok());
    }
    // No hints: list the directory.
    EXPECT_EQ(*snapshots.LatestId(), 6);
    EXPECT_EQ(*snapshots.EarliestId(), 3);
    // A stale LATEST (snapshot-5 has a successor) and an EARLIEST naming an expired snapshot.
    ASSERT_TRUE(snapshots.WriteLatestHint(4).ok());
    ASSERT_TRUE(snapshots.WriteEarliestHint(1).ok());
    EXPECT_EQ(*snapshots.LatestId(), 6);
    EXPECT_EQ(*snapshots.EarliestId(), 3);
    // Accurate hints are used.
    ASSERT_TRUE(snapshots.WriteLatestHint(6).ok());
    ASSERT_TRUE(snapshots.WriteEarliestHint(4).ok());
    EXPECT_EQ(*snapshots.LatestId(), 6);
    EXPECT_EQ(*snapshots.EarliestId(), 4);  // trusted: snapshot-4 exists
    EXPECT_EQ(*fs.ReadFile("/t/snapshot/LATEST"), "6");
    // Garbage in a hint is ignored.
    ASSERT_TRUE(fs.WriteFile("/t/snapshot/LATEST", "x").ok());
    EXPECT_EQ(*snapshots.LatestId(), 6);
    EXPECT_EQ(snapshots.Read(5)->id, 5);
    EXPECT_EQ(snapshots.Read(7).status().code(), ErrorCode::kNotFound);
    // A file whose id does not match its name.
    ASSERT_TRUE(fs.WriteFile(snapshots.SnapshotPath(8), s.ToJsonText()).ok());
    EXPECT_EQ(snapshots.Read(8).status().code(), ErrorCode::kCorruption);
}

TEST(SchemaManagerTest, CreateIsExclusive) {
    io::MemoryFileSystem fs;
    SchemaManager schemas(&fs, "/t");
    EXPECT_FALSE(schemas.Latest()->has_value());
    TableSchema schema;
    schema.fields = {{0, "a", DataType::Int(), std::nullopt}};
    schema.highest_field_id = 0;
    ASSERT_TRUE(schemas.Create(schema).ok());
    EXPECT_EQ(schemas.Create(schema).code(), ErrorCode::kAlreadyExists);
    schema.id = 1;
    schema.fields.push_back({1, "b", DataType::String(), std::string("added")});
    ASSERT_TRUE(schemas.Create(schema).ok());
    auto latest = schemas.Latest();
    ASSERT_TRUE(latest.ok() && latest->has_value());
    EXPECT_EQ((*latest)->fields, schema.fields);
    EXPECT_EQ(*schemas.ListIds(), (std::vector<int64_t>{0, 1}));
}

}  // namespace
}  // namespace flashlake::lake
