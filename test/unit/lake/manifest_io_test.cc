// Manifest lists, manifests and index manifests: every Avro one of the Java-written test tables
// reads, decodes its BinaryRows, and writes back to the same models; our manifest-list line for a
// rewritten manifest matches the one Java wrote.
#include "lake/manifest_io.h"

#include <gtest/gtest.h>

#include <filesystem>

#include "io/memory_file_system.h"
#include "io/posix_file_system.h"
#include "lake/binary_row_converter.h"
#include "lake/manifest_codec.h"
#include "lake/schema_manager.h"
#include "lake/table_paths.h"
#include "lake_test_util.h"

namespace flashlake::lake {
namespace {

bool IsOrc(const std::string& path) {
    io::PosixFileSystem fs;
    auto bytes = fs.ReadFile(path);
    return bytes.ok() && bytes->compare(0, 3, "ORC") == 0;
}

std::string Name(const std::string& path) {
    return path.substr(path.rfind('/') + 1);
}

// Decodes a stats row; nested columns carry no stats (they are null), so the Value path must
// succeed for every Java-written row.
void ExpectDecodes(const BinaryRow& row, const std::vector<DataType>& types, const std::string& what) {
    auto values = DecodeBinaryRow(row, types);
    EXPECT_TRUE(values.ok()) << what << ": " << values.status().ToString();
}

TEST(ManifestIoTest, ReadsEveryAvroManifestOfTheTestTables) {
    io::PosixFileSystem fs;
    int lists = 0, manifests = 0, index_manifests = 0, entries = 0, orc = 0;
    for (const std::string& table : testing::PaimonTestTables()) {
        SchemaManager schemas(&fs, table);
        for (const std::string& path : testing::FilesUnder(table, "manifest", "")) {
            if (IsOrc(path)) {
                ++orc;
                EXPECT_EQ(ReadManifestFile(&fs, path).status().code(), ErrorCode::kNotSupported);
                continue;
            }
            std::string name = Name(path);
            if (name.rfind("manifest-list-", 0) == 0) {
                auto metas = ReadManifestList(&fs, path);
                ASSERT_TRUE(metas.ok()) << metas.status().ToString();
                for (const ManifestFileMeta& meta : *metas) {
                    auto schema = schemas.Read(meta.schema_id);
                    ASSERT_TRUE(schema.ok()) << path;
                    auto partition_types = *schema->PartitionTypes();
                    ExpectDecodes(meta.partition_stats.min_values, partition_types, path);
                    ExpectDecodes(meta.partition_stats.max_values, partition_types, path);
                }
                ++lists;
            } else if (name.rfind("index-manifest-", 0) == 0) {
                auto index = ReadIndexManifest(&fs, path);
                ASSERT_TRUE(index.ok()) << index.status().ToString();
                for (const IndexManifestEntry& entry : *index) {
                    EXPECT_FALSE(entry.index_file.file_name.empty());
                    if (entry.index_file.index_type == kDeletionVectorsIndex) {
                        EXPECT_TRUE(entry.index_file.deletion_vector_ranges.has_value()) << path;
                    }
                }
                ++index_manifests;
            } else {
                auto read = ReadManifestFile(&fs, path);
                ASSERT_TRUE(read.ok()) << read.status().ToString();
                // Stats are decoded in table_files_test, which knows each file's (branch) schema.
                for (const ManifestEntry& entry : *read) {
                    EXPECT_FALSE(entry.file.file_name.empty()) << path;
                    EXPECT_GE(entry.file.row_count, entry.file.delete_row_count.value_or(0)) << path;
                    EXPECT_GE(entry.file.max_sequence_number, entry.file.min_sequence_number) << path;
                    ++entries;
                }
                ++manifests;
            }
        }
    }
    // The Avro part of the test set, counted once by hand.
    EXPECT_EQ(lists, 188);
    EXPECT_EQ(manifests, 89);
    EXPECT_EQ(index_manifests, 14);
    EXPECT_EQ(entries, 198);
    EXPECT_EQ(orc, 42);
}

// Every model read from a Java file is written by our writer and read back unchanged.
TEST(ManifestIoTest, RewritesEveryAvroManifest) {
    io::PosixFileSystem disk;
    io::MemoryFileSystem memory;
    ASSERT_TRUE(memory.CreateDirectories("/m").ok());
    int rewritten = 0;
    for (const std::string& table : testing::PaimonTestTables()) {
        std::vector<DataType> partition_types = *(*SchemaManager(&disk, table).Latest())->PartitionTypes();
        for (const std::string& path : testing::FilesUnder(table, "manifest", "")) {
            if (IsOrc(path)) continue;
            std::string name = Name(path);
            std::string copy = "/m/" + std::to_string(rewritten++);
            if (name.rfind("manifest-list-", 0) == 0) {
                auto metas = *ReadManifestList(&disk, path);
                ASSERT_TRUE(WriteManifestList(&memory, copy, metas).ok());
                EXPECT_EQ(*ReadManifestList(&memory, copy), metas) << path;
            } else if (name.rfind("index-manifest-", 0) == 0) {
                auto entries = *ReadIndexManifest(&disk, path);
                ASSERT_TRUE(WriteIndexManifest(&memory, copy, entries).ok());
                EXPECT_EQ(*ReadIndexManifest(&memory, copy), entries) << path;
            } else {
                auto entries = *ReadManifestFile(&disk, path);
                auto meta = WriteManifestFile(&memory, copy, entries, partition_types, 0);
                ASSERT_TRUE(meta.ok()) << meta.status().ToString();
                EXPECT_EQ(*ReadManifestFile(&memory, copy), entries) << path;
            }
        }
    }
    EXPECT_GT(rewritten, 280);
}

// Our manifest-list line for a Java manifest equals the line Java wrote for it (apart from the
// file size, which depends on the compressor): counts, partition min/max/null counts, bucket and
// level ranges.
TEST(ManifestIoTest, ManifestListLineMatchesJava) {
    io::PosixFileSystem disk;
    io::MemoryFileSystem memory;
    ASSERT_TRUE(memory.CreateDirectories("/m").ok());
    int compared = 0;
    for (const std::string& table : testing::PaimonTestTables()) {
        SchemaManager schemas(&disk, table);
        for (const std::string& path : testing::FilesUnder(table, "manifest", "manifest-list-")) {
            if (IsOrc(path)) continue;
            std::vector<ManifestFileMeta> java_lines = *ReadManifestList(&disk, path);
            for (const ManifestFileMeta& java : java_lines) {
                if (!java.min_bucket) continue;  // older writers kept no ranges
                auto entries = *ReadManifestFile(&disk, TablePaths::ManifestPath(table, java.file_name));
                auto partition_types = *schemas.Read(java.schema_id)->PartitionTypes();
                std::string copy = "/m/" + std::to_string(compared++);
                auto ours = WriteManifestFile(&memory, copy, entries, partition_types, java.schema_id);
                ASSERT_TRUE(ours.ok()) << ours.status().ToString();
                ManifestFileMeta expected = java;
                expected.file_name = Name(copy);
                expected.file_size = ours->file_size;
                expected.min_row_id = ours->min_row_id;
                expected.max_row_id = ours->max_row_id;
                EXPECT_EQ(*ours, expected) << path << " line for " << java.file_name;
            }
        }
    }
    EXPECT_GT(compared, 50);
}

TEST(ManifestIoTest, WriteRefusesAnExistingFile) {
    io::MemoryFileSystem memory;
    ASSERT_TRUE(memory.CreateDirectories("/m").ok());
    ASSERT_TRUE(WriteManifestList(&memory, "/m/list", {}).ok());
    EXPECT_EQ(WriteManifestList(&memory, "/m/list", {}).status().code(), ErrorCode::kAlreadyExists);
    EXPECT_TRUE(ReadManifestList(&memory, "/m/list")->empty());
}

TEST(ManifestIoTest, CorruptFilesAreRefused) {
    io::MemoryFileSystem memory;
    ASSERT_TRUE(memory.CreateDirectories("/m").ok());
    ASSERT_TRUE(memory.WriteFile("/m/garbage", "not avro at all").ok());
    EXPECT_EQ(ReadManifestFile(&memory, "/m/garbage").status().code(), ErrorCode::kCorruption);
    EXPECT_EQ(ReadManifestFile(&memory, "/m/missing").status().code(), ErrorCode::kNotFound);
    // A manifest list read as a manifest: required fields are missing.
    ASSERT_TRUE(WriteManifestList(&memory, "/m/list", {ManifestFileMeta{}}).ok());
    EXPECT_FALSE(ReadManifestFile(&memory, "/m/list").ok());
    // A record of an unknown _VERSION.
    auto record = ToDatum(ManifestEntry{});
    record.mutable_items()[0] = format::avro::Datum::Int(1);
    EXPECT_EQ(ManifestEntryFromDatum(record).status().code(), ErrorCode::kNotSupported);
    // A partition that is not a BinaryRow.
    record = ToDatum(ManifestEntry{});
    record.mutable_items()[2] = format::avro::Datum::Bytes("\x01");
    EXPECT_EQ(ManifestEntryFromDatum(record).status().code(), ErrorCode::kCorruption);
}

TEST(ManifestIoTest, PartitionStats) {
    std::vector<DataType> types = {DataType::Int(), DataType::String()};
    BinaryRow a = *EncodeBinaryRow({Value::Int(5), Value::Varchar("b")}, types);
    BinaryRow b = *EncodeBinaryRow({Value::Int(-3), Value::Null(LogicalType::Varchar())}, types);
    BinaryRow c = *EncodeBinaryRow({Value::Int(9), Value::Varchar("a")}, types);
    auto stats = PartitionStats({&a, &b, &c}, types);
    ASSERT_TRUE(stats.ok());
    EXPECT_EQ(*DecodeBinaryRow(stats->min_values, types), (std::vector<Value>{Value::Int(-3), Value::Varchar("a")}));
    EXPECT_EQ(*DecodeBinaryRow(stats->max_values, types), (std::vector<Value>{Value::Int(9), Value::Varchar("b")}));
    EXPECT_EQ(stats->null_counts, (std::vector<std::optional<int64_t>>{0, 1}));
    auto empty = PartitionStats({}, types);
    ASSERT_TRUE(empty.ok());
    EXPECT_TRUE(empty->min_values.IsNullAt(0));
}

TEST(ManifestEntryTest, MergeFoldsAddsAndDeletes) {
    auto entry = [](FileKind kind, const std::string& name, int32_t level) {
        ManifestEntry e;
        e.kind = kind;
        e.file.file_name = name;
        e.file.level = level;
        return e;
    };
    auto merged = MergeManifestEntries({entry(FileKind::kAdd, "a", 0), entry(FileKind::kAdd, "b", 0),
                                        entry(FileKind::kDelete, "a", 0), entry(FileKind::kAdd, "a", 5),
                                        entry(FileKind::kDelete, "c", 0)});
    ASSERT_TRUE(merged.ok());
    ASSERT_EQ(merged->size(), 3u);
    EXPECT_EQ((*merged)[0].file.file_name, "b");
    EXPECT_EQ((*merged)[1].file.file_name, "a");
    EXPECT_EQ((*merged)[1].file.level, 5);
    EXPECT_EQ((*merged)[2].kind, FileKind::kDelete);  // its ADD may be in a later manifest
    auto twice = MergeManifestEntries({entry(FileKind::kAdd, "a", 0), entry(FileKind::kAdd, "a", 0)});
    EXPECT_EQ(twice.status().code(), ErrorCode::kCorruption);
}

}  // namespace
}  // namespace flashlake::lake
