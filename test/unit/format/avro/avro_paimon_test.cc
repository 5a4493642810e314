// Reads the manifest and manifest-list files that Apache Paimon's Java writer produced for the
// tables in ../shared/testdata/paimon and checks decoded values against the tables' READMEs,
// snapshot files and data files on disk.

#include <gtest/gtest.h>

#include <map>
#include <set>

#include "format/avro/container_reader.h"
#include "format/json/json_parser.h"
#include "io/path.h"
#include "io/posix_file_system.h"

namespace flashlake::format::avro {
namespace {

const std::string kPaimonDir = std::string(FL_SHARED_DIR) + "/testdata/paimon";

// The lake layer's view of a manifest-list entry: a subset of Paimon's fields in another order,
// plus _MIN_ROW_ID, which only newer Paimon versions write (older files read it as null).
Schema ManifestListReaderSchema() {
    auto nullable_long = MakeNullable(MakePrimitive(Type::kLong));
    return Schema::Make(MakeRecord("ManifestFileMeta", {MakeField("_FILE_NAME", MakePrimitive(Type::kString)),
                                                        MakeField("_NUM_ADDED_FILES", MakePrimitive(Type::kLong)),
                                                        MakeField("_NUM_DELETED_FILES", MakePrimitive(Type::kLong)),
                                                        MakeField("_FILE_SIZE", MakePrimitive(Type::kLong)),
                                                        MakeField("_SCHEMA_ID", MakePrimitive(Type::kLong)),
                                                        MakeField("_MIN_ROW_ID", nullable_long, json::Value())}))
        .value();
}
enum ListField { kListFileName, kListAdded, kListDeleted, kListFileSize, kListSchemaId, kListMinRowId };

// A manifest entry reduced to what scan planning needs.
Schema ManifestEntryReaderSchema() {
    auto file = MakeRecord(
        "DataFileMeta",
        {MakeField("_FILE_NAME", MakePrimitive(Type::kString)), MakeField("_FILE_SIZE", MakePrimitive(Type::kLong)),
         MakeField("_ROW_COUNT", MakePrimitive(Type::kLong)), MakeField("_SCHEMA_ID", MakePrimitive(Type::kLong)),
         MakeField("_LEVEL", MakePrimitive(Type::kInt)),
         MakeField("_EXTERNAL_PATH", MakeNullable(MakePrimitive(Type::kString)))});
    return Schema::Make(
               MakeRecord("ManifestEntry", {MakeField("_KIND", MakePrimitive(Type::kInt)),
                                            MakeField("_PARTITION", MakePrimitive(Type::kBytes)),
                                            MakeField("_BUCKET", MakePrimitive(Type::kInt)), MakeField("_FILE", file)}))
        .value();
}
enum EntryField { kEntryKind, kEntryPartition, kEntryBucket, kEntryFile };
enum FileField { kFileName, kFileSize, kFileRowCount, kFileSchemaId, kFileLevel, kFileExternalPath };

std::vector<Datum> ReadAvro(const std::string& path, std::optional<Schema> reader_schema = std::nullopt) {
    io::PosixFileSystem fs;
    auto file = fs.OpenForRead(path);
    EXPECT_TRUE(file.ok()) << file.status().ToString();
    if (!file.ok()) return {};
    ReaderOptions options;
    options.reader_schema = std::move(reader_schema);
    auto reader = ContainerReader::Open(**file, options);
    EXPECT_TRUE(reader.ok()) << reader.status().ToString();
    if (!reader.ok()) return {};
    EXPECT_EQ((*reader)->codec(), Codec::kZstandard) << path;
    auto records = (*reader)->ReadAll();
    EXPECT_TRUE(records.ok()) << records.status().ToString();
    return records.ok() ? *records : std::vector<Datum>{};
}

bool IsAvroFile(const std::string& path) {
    io::PosixFileSystem fs;
    auto bytes = fs.ReadFile(path);
    return bytes.ok() && bytes->substr(0, 4) == std::string("Obj\x01", 4);
}

// Paimon stores a partition as [arity: int32 big-endian][BinaryRow]; a BinaryRow of n fields has
// an 8-byte header (row kind + null bits) and 8 bytes per field, ints little-endian.
int32_t PartitionInt(const std::string& partition, int field) {
    size_t at = 4 + 8 + 8 * static_cast<size_t>(field);
    EXPECT_GE(partition.size(), at + 4);
    if (partition.size() < at + 4) return -1;
    uint32_t value = 0;
    for (int i = 3; i >= 0; --i) value = value << 8 | static_cast<uint8_t>(partition[at + i]);
    return static_cast<int32_t>(value);
}

class PaimonManifestTest : public ::testing::Test {
protected:
    void SetUp() override {
        if (!fs_.Exists(kPaimonDir).value()) GTEST_SKIP() << "no shared test data at " << kPaimonDir;
    }
    io::PosixFileSystem fs_;
};

// append_table_with_alter_table (README): partitioned by (key0, key1), unaware buckets;
// snapshot 1 adds 3 rows to (0, 1) and 2 rows to (1, 1) under schema 0, snapshot 2 the same
// under schema 1 after ALTER TABLE.
TEST_F(PaimonManifestTest, AppendTableWithAlterTableManifestLists) {
    std::string table = kPaimonDir + "/append_table_with_alter_table.db/append_table_with_alter_table";
    // Snapshot 1: an empty base list and a delta list naming the manifest of the first write.
    EXPECT_TRUE(ReadAvro(table + "/manifest/manifest-list-971647d9-603e-4dd5-8ad5-7c6d6945d86c-0").empty());
    auto delta1 =
        ReadAvro(table + "/manifest/manifest-list-971647d9-603e-4dd5-8ad5-7c6d6945d86c-1", ManifestListReaderSchema());
    ASSERT_EQ(delta1.size(), 1u);
    const Datum& meta = delta1[0];
    EXPECT_EQ(meta.field(kListFileName).bytes(), "manifest-243eee53-163e-4e99-a923-92b4009ddcb4-0");
    EXPECT_EQ(meta.field(kListAdded).long_value(), 2);
    EXPECT_EQ(meta.field(kListDeleted).long_value(), 0);
    EXPECT_EQ(meta.field(kListSchemaId).long_value(), 0);
    EXPECT_TRUE(meta.field(kListMinRowId).is_null());  // not in this Paimon version's schema
    EXPECT_EQ(meta.field(kListFileSize).long_value(),
              int64_t(fs_.GetFileInfo(table + "/manifest/" + meta.field(kListFileName).bytes()).value().size));

    // Snapshot 2: the base list carries snapshot 1's manifest, the delta list the new one.
    auto base2 =
        ReadAvro(table + "/manifest/manifest-list-6f9d7e3d-2555-4d25-bdc5-d08df4f51c32-0", ManifestListReaderSchema());
    auto delta2 =
        ReadAvro(table + "/manifest/manifest-list-6f9d7e3d-2555-4d25-bdc5-d08df4f51c32-1", ManifestListReaderSchema());
    ASSERT_EQ(base2.size(), 1u);
    ASSERT_EQ(delta2.size(), 1u);
    EXPECT_EQ(base2[0], delta1[0]);
    EXPECT_EQ(delta2[0].field(kListFileName).bytes(), "manifest-77e12169-7d3d-46b5-a7e0-7eba6d011930-0");
    EXPECT_EQ(delta2[0].field(kListSchemaId).long_value(), 1);
    EXPECT_EQ(delta2[0].field(kListFileSize).long_value(), 2047);
}

TEST_F(PaimonManifestTest, AppendTableWithAlterTableManifestEntries) {
    std::string table = kPaimonDir + "/append_table_with_alter_table.db/append_table_with_alter_table";
    struct Expected {
        const char* manifest;
        int64_t schema_id;
    };
    for (const Expected& expected : {Expected{"manifest-243eee53-163e-4e99-a923-92b4009ddcb4-0", 0},
                                     Expected{"manifest-77e12169-7d3d-46b5-a7e0-7eba6d011930-0", 1}}) {
        SCOPED_TRACE(expected.manifest);
        auto entries = ReadAvro(table + "/manifest/" + expected.manifest, ManifestEntryReaderSchema());
        ASSERT_EQ(entries.size(), 2u);
        std::map<int32_t, int64_t> rows_by_key0;
        for (const Datum& entry : entries) {
            EXPECT_EQ(entry.field(kEntryKind).int_value(), 0);  // ADD
            EXPECT_EQ(entry.field(kEntryBucket).int_value(), 0);
            int32_t key0 = PartitionInt(entry.field(kEntryPartition).bytes(), 0);
            int32_t key1 = PartitionInt(entry.field(kEntryPartition).bytes(), 1);
            EXPECT_EQ(key1, 1);
            const Datum& file = entry.field(kEntryFile);
            EXPECT_EQ(file.field(kFileSchemaId).long_value(), expected.schema_id);
            EXPECT_EQ(file.field(kFileLevel).int_value(), 0);
            EXPECT_TRUE(file.field(kFileExternalPath).is_null());
            EXPECT_EQ(file.field(kFileExternalPath).branch(), 0);
            // The data file exists in its partition's bucket directory with the recorded size.
            std::string path = table + "/key0=" + std::to_string(key0) + "/key1=" + std::to_string(key1) +
                               "/bucket-0/" + file.field(kFileName).bytes();
            auto info = fs_.GetFileInfo(path);
            ASSERT_TRUE(info.ok()) << info.status().ToString();
            EXPECT_EQ(int64_t(info->size), file.field(kFileSize).long_value());
            rows_by_key0[key0] = file.field(kFileRowCount).long_value();
        }
        EXPECT_EQ(rows_by_key0, (std::map<int32_t, int64_t>{{0, 3}, {1, 2}}));
    }
}

TEST_F(PaimonManifestTest, WriterSchemaPrintsBackAsWritten) {
    std::string path = kPaimonDir +
                       "/append_table_with_alter_table.db/append_table_with_alter_table/manifest/"
                       "manifest-243eee53-163e-4e99-a923-92b4009ddcb4-0";
    auto reader = ContainerReader::Open(fs_.ReadFile(path).value(), {}, path);
    ASSERT_TRUE(reader.ok()) << reader.status().ToString();
    const std::string* schema_json = (*reader)->FindMetadata("avro.schema");
    ASSERT_NE(schema_json, nullptr);
    EXPECT_EQ((*reader)->writer_schema().ToJson(), *schema_json);
    const Node& root = (*reader)->writer_schema().root();
    EXPECT_EQ(root.name, "org.apache.paimon.avro.generated.record");
    const Node& file = *root.fields[root.FieldIndex("_FILE")].type;
    EXPECT_EQ(file.name, "org.apache.paimon.avro.generated.record__FILE");
    const Node& creation = *file.fields[file.FieldIndex("_CREATION_TIME")].type;
    ASSERT_EQ(creation.type, Type::kUnion);
    EXPECT_EQ(creation.branches[1]->logical_type, "timestamp-millis");
}

// Across every table: every Avro manifest list and manifest decodes; every manifest a list names
// exists with the recorded size; every snapshot's totalRecordCount equals the rows added minus
// the rows deleted by the entries of its base and delta manifests.
TEST_F(PaimonManifestTest, EverySnapshotOfEveryTableAddsUp) {
    int snapshots_checked = 0;
    auto snapshot_files = fs_.Glob(kPaimonDir + "/*.db/*/snapshot/snapshot-*").value();
    ASSERT_GT(snapshot_files.size(), 50u);
    for (const std::string& snapshot_path : snapshot_files) {
        SCOPED_TRACE(snapshot_path);
        std::string table(io::Dirname(io::Dirname(snapshot_path)));
        auto snapshot = json::Parse(fs_.ReadFile(snapshot_path).value());
        ASSERT_TRUE(snapshot.ok()) << snapshot.status().ToString();
        std::string base_list = table + "/manifest/" + snapshot->GetString("baseManifestList").value();
        std::string delta_list = table + "/manifest/" + snapshot->GetString("deltaManifestList").value();
        if (!IsAvroFile(base_list)) continue;  // tables written with manifest.format=orc
        if (auto size = snapshot->GetInt("baseManifestListSize"); size.ok()) {
            EXPECT_EQ(*size, int64_t(fs_.GetFileInfo(base_list).value().size));
        }
        int64_t rows = 0;
        for (const std::string& list : {base_list, delta_list}) {
            for (const Datum& meta : ReadAvro(list, ManifestListReaderSchema())) {
                std::string manifest = table + "/manifest/" + meta.field(kListFileName).bytes();
                auto info = fs_.GetFileInfo(manifest);
                ASSERT_TRUE(info.ok()) << info.status().ToString();
                EXPECT_EQ(int64_t(info->size), meta.field(kListFileSize).long_value());
                int64_t added = 0, deleted = 0;
                for (const Datum& entry : ReadAvro(manifest, ManifestEntryReaderSchema())) {
                    int64_t count = entry.field(kEntryFile).field(kFileRowCount).long_value();
                    bool add = entry.field(kEntryKind).int_value() == 0;
                    rows += add ? count : -count;
                    (add ? added : deleted) += 1;
                }
                EXPECT_EQ(added, meta.field(kListAdded).long_value());
                EXPECT_EQ(deleted, meta.field(kListDeleted).long_value());
            }
        }
        EXPECT_EQ(rows, snapshot->GetInt("totalRecordCount").value());
        ++snapshots_checked;
    }
    EXPECT_GT(snapshots_checked, 50);
}

TEST_F(PaimonManifestTest, EveryAvroFileDecodesAsWritten) {
    auto files = fs_.Glob(kPaimonDir + "/*.db/*/manifest/*").value();
    int decoded = 0;
    for (const std::string& path : files) {
        if (!IsAvroFile(path)) continue;
        SCOPED_TRACE(path);
        auto reader = ContainerReader::Open(fs_.ReadFile(path).value(), {}, path);
        ASSERT_TRUE(reader.ok()) << reader.status().ToString();
        ASSERT_TRUE((*reader)->ReadAll().ok());
        EXPECT_EQ((*reader)->writer_schema().ToJson(), *(*reader)->FindMetadata("avro.schema"));
        ++decoded;
    }
    EXPECT_GT(decoded, 250);
}

// Truncating a real manifest anywhere, or flipping any byte of its header or block framing,
// gives an error (never a crash or a silent success with other data).
TEST_F(PaimonManifestTest, DamagedManifestsAreRefused) {
    std::string path = kPaimonDir +
                       "/append_table_with_alter_table.db/append_table_with_alter_table/manifest/"
                       "manifest-243eee53-163e-4e99-a923-92b4009ddcb4-0";
    std::string bytes = fs_.ReadFile(path).value();
    int empty_files = 0;
    for (size_t size = 0; size < bytes.size(); ++size) {
        auto reader = ContainerReader::Open(bytes.substr(0, size), {}, path);
        if (!reader.ok()) {
            EXPECT_EQ(reader.status().code(), ErrorCode::kCorruption) << size << ": " << reader.status().ToString();
            continue;
        }
        auto records = (*reader)->ReadAll();
        if (records.ok()) {
            // Cut right after the header: a valid file with no blocks.
            EXPECT_TRUE(records->empty()) << "truncated to " << size << " bytes still reads";
            ++empty_files;
            continue;
        }
        EXPECT_EQ(records.status().code(), ErrorCode::kCorruption) << records.status().ToString();
        EXPECT_NE(records.status().message().find(path), std::string::npos);
    }
    EXPECT_EQ(empty_files, 1);
    int refused = 0;
    for (size_t i = 0; i < bytes.size(); ++i) {
        std::string damaged = bytes;
        damaged[i] = static_cast<char>(damaged[i] ^ 0x5A);
        auto reader = ContainerReader::Open(damaged, {}, path);
        bool ok = reader.ok();
        if (ok) {
            auto records = (*reader)->ReadAll();
            ok = records.ok();
            // A flip inside schema text or compressed data may still decode (zstd frames carry no
            // checksum in Java's output); then it must decode to different data or to the same.
            if (ok) continue;
        }
        ++refused;
    }
    EXPECT_GT(refused, int(bytes.size() / 4));
}

}  // namespace
}  // namespace flashlake::format::avro
