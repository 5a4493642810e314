// A table written here with the manifest writers, then read back with ReadTableFiles: folding of
// ADD/DELETE across base and delta lists, level upgrades, deletion vectors, postpone buckets,
// external paths and errors.
#include <gtest/gtest.h>

#include "io/memory_file_system.h"
#include "lake/binary_row_converter.h"
#include "lake/manifest_io.h"
#include "lake/schema_manager.h"
#include "lake/snapshot_manager.h"
#include "lake/table_files.h"
#include "lake/table_paths.h"

namespace flashlake::lake {
namespace {

constexpr const char* kTable = "/wh/db.db/t";

class WrittenTableTest : public ::testing::Test {
protected:
    void SetUp() override {
        ASSERT_TRUE(fs_.CreateDirectories(TablePaths::ManifestDir(kTable)).ok());
        ASSERT_TRUE(fs_.CreateDirectories(TablePaths::SnapshotDir(kTable)).ok());
        schema_.fields = {{0, "k", DataType::Int().WithNullable(false), std::nullopt},
                          {1, "dt", DataType::String().WithNullable(false), std::nullopt},
                          {2, "v", DataType::BigInt(), std::nullopt}};
        schema_.highest_field_id = 2;
        schema_.partition_keys = {"dt"};
        schema_.primary_keys = {"k", "dt"};
        schema_.options = {{"bucket", "2"}};
        ASSERT_TRUE(SchemaManager(&fs_, kTable).Create(schema_).ok());
    }

    BinaryRow Partition(const std::string& dt) { return *EncodeBinaryRow({Value::Varchar(dt)}, {DataType::String()}); }

    ManifestEntry Entry(FileKind kind, const std::string& dt, int32_t bucket, const std::string& name, int32_t level,
                        int64_t rows) {
        ManifestEntry entry;
        entry.kind = kind;
        entry.partition = Partition(dt);
        entry.bucket = bucket;
        entry.total_buckets = 2;
        entry.file.file_name = name;
        entry.file.file_size = 100;
        entry.file.row_count = rows;
        entry.file.level = level;
        entry.file.min_key = *EncodeBinaryRow({Value::Int(1)}, {DataType::Int()});
        entry.file.max_key = *EncodeBinaryRow({Value::Int(9)}, {DataType::Int()});
        entry.file.key_stats = {entry.file.min_key, entry.file.max_key, std::vector<std::optional<int64_t>>{0}};
        entry.file.file_source = FileSource::kAppend;
        return entry;
    }

    // Writes a manifest holding `entries` and a manifest list naming `manifests` plus it.
    std::string WriteDelta(const std::string& name, const std::vector<ManifestEntry>& entries) {
        auto meta = WriteManifestFile(&fs_, TablePaths::ManifestPath(kTable, "manifest-" + name), entries,
                                      {DataType::String()}, 0);
        EXPECT_TRUE(meta.ok()) << meta.status().ToString();
        metas_.push_back(*meta);
        return WriteList("manifest-list-" + name + "-delta", {*meta});
    }

    std::string WriteList(const std::string& name, const std::vector<ManifestFileMeta>& metas) {
        EXPECT_TRUE(WriteManifestList(&fs_, TablePaths::ManifestPath(kTable, name), metas).ok());
        return name;
    }

    // Commits snapshot `id` whose base is every manifest written before this delta.
    void Commit(int64_t id, const std::vector<ManifestEntry>& delta, const std::optional<std::string>& index = {}) {
        std::vector<ManifestFileMeta> base = metas_;
        Snapshot snapshot;
        snapshot.id = id;
        snapshot.base_manifest_list = WriteList("manifest-list-" + std::to_string(id) + "-base", base);
        snapshot.delta_manifest_list = WriteDelta(std::to_string(id), delta);
        snapshot.index_manifest = index;
        snapshot.commit_user = "test";
        int64_t total = 0;
        for (const ManifestFileMeta& meta : metas_) {
            std::vector<ManifestEntry> entries =
                *ReadManifestFile(&fs_, TablePaths::ManifestPath(kTable, meta.file_name));
            for (const ManifestEntry& e : entries) {
                total += (e.kind == FileKind::kAdd ? 1 : -1) * e.file.row_count;
            }
        }
        snapshot.total_record_count = total;
        ASSERT_TRUE(fs_.CreateFileExclusive(TablePaths::SnapshotPath(kTable, id), snapshot.ToJsonText()).ok());
        ASSERT_TRUE(SnapshotManager(&fs_, kTable).WriteLatestHint(id).ok());
    }

    io::MemoryFileSystem fs_;
    TableSchema schema_;
    std::vector<ManifestFileMeta> metas_;
};

TEST_F(WrittenTableTest, FoldsBaseAndDelta) {
    Commit(1, {Entry(FileKind::kAdd, "2024-01-01", 0, "f1", 0, 10), Entry(FileKind::kAdd, "2024-01-01", 0, "f2", 0, 5),
               Entry(FileKind::kAdd, "a/b", 1, "f3", 0, 7)});
    // Compaction: f1 moves to level 5 without a rewrite, f2 is rewritten into f4; a postpone file.
    Commit(2,
           {Entry(FileKind::kDelete, "2024-01-01", 0, "f1", 0, 10), Entry(FileKind::kAdd, "2024-01-01", 0, "f1", 5, 10),
            Entry(FileKind::kDelete, "2024-01-01", 0, "f2", 0, 5), Entry(FileKind::kAdd, "2024-01-01", 0, "f4", 1, 5),
            Entry(FileKind::kAdd, "2024-01-01", -2, "f5", 0, 3)});

    auto first = ReadTableFiles(&fs_, kTable, 1);
    ASSERT_TRUE(first.ok()) << first.status().ToString();
    EXPECT_EQ(first->RowCount(), 22);
    EXPECT_EQ(first->FileCount(), 3u);

    auto second = ReadTableFiles(&fs_, kTable, 2);
    ASSERT_TRUE(second.ok()) << second.status().ToString();
    EXPECT_EQ(second->RowCount(), 22);
    EXPECT_EQ(second->RowCount(), *second->snapshot.total_record_count - 3);  // the postpone file is hidden
    ASSERT_EQ(second->buckets.size(), 2u);
    const BucketFiles* jan = second->Find(Partition("2024-01-01"), 0);
    ASSERT_NE(jan, nullptr);
    EXPECT_EQ(jan->partition_path, "dt=2024-01-01");
    EXPECT_EQ(jan->bucket_path, std::string(kTable) + "/dt=2024-01-01/bucket-0");
    ASSERT_EQ(jan->files.size(), 2u);
    EXPECT_EQ(jan->files[0].file_name, "f4");  // level 1 before level 5
    EXPECT_EQ(jan->files[1].file_name, "f1");
    EXPECT_EQ(jan->files[1].level, 5);
    EXPECT_EQ(jan->file_paths[1], std::string(kTable) + "/dt=2024-01-01/bucket-0/f1");
    const BucketFiles* escaped = second->Find(Partition("a/b"), 1);
    ASSERT_NE(escaped, nullptr);
    EXPECT_EQ(escaped->bucket_path, std::string(kTable) + "/dt=a%2Fb/bucket-1");

    ReadTableFilesOptions with_postpone;
    with_postpone.include_postpone_bucket = true;
    auto all = ReadTableFiles(&fs_, kTable, 2, with_postpone);
    ASSERT_TRUE(all.ok());
    EXPECT_EQ(all->RowCount(), 25);
    const BucketFiles* postpone = all->Find(Partition("2024-01-01"), -2);
    ASSERT_NE(postpone, nullptr);
    EXPECT_EQ(postpone->bucket_path, std::string(kTable) + "/dt=2024-01-01/bucket-postpone");
}

TEST_F(WrittenTableTest, DeletionVectorsAndExternalPaths) {
    ManifestEntry external = Entry(FileKind::kAdd, "2024-01-01", 1, "f9", 0, 4);
    external.file.external_path = "file:///elsewhere/dt=2024-01-01/bucket-1/f9";
    Commit(1, {Entry(FileKind::kAdd, "2024-01-01", 0, "f1", 5, 10), external});

    IndexManifestEntry dv;
    dv.partition = Partition("2024-01-01");
    dv.bucket = 0;
    dv.index_file = {std::string(kDeletionVectorsIndex),
                     "index-1",
                     40,
                     2,
                     std::vector<DeletionVectorRange>{{"f1", 1, 24, 2}},
                     std::nullopt,
                     std::nullopt};
    IndexManifestEntry old_dv = dv;
    old_dv.index_file.file_name = "index-0";
    IndexManifestEntry removed = old_dv;
    removed.kind = FileKind::kDelete;
    ASSERT_TRUE(
        WriteIndexManifest(&fs_, TablePaths::ManifestPath(kTable, "index-manifest-2"), {old_dv, dv, removed}).ok());
    Commit(2, {}, "index-manifest-2");

    ReadTableFilesOptions options;
    options.external_path_prefixes = {{"file:///elsewhere", "/moved"}};
    auto files = ReadTableFiles(&fs_, kTable, 2, options);
    ASSERT_TRUE(files.ok()) << files.status().ToString();
    const BucketFiles* bucket0 = files->Find(Partition("2024-01-01"), 0);
    ASSERT_NE(bucket0, nullptr);
    ASSERT_EQ(bucket0->index_files.size(), 1u);
    EXPECT_EQ(bucket0->index_file_paths[0], std::string(kTable) + "/index/index-1");
    EXPECT_EQ(bucket0->deletion_files.at("f1"), (DeletionFile{std::string(kTable) + "/index/index-1", 1, 24, 2}));
    const BucketFiles* bucket1 = files->Find(Partition("2024-01-01"), 1);
    ASSERT_NE(bucket1, nullptr);
    EXPECT_EQ(bucket1->file_paths[0], "/moved/dt=2024-01-01/bucket-1/f9");
    // Without a mapping the file: scheme is dropped.
    auto unmapped = ReadTableFiles(&fs_, kTable, 2);
    ASSERT_TRUE(unmapped.ok());
    EXPECT_EQ(unmapped->Find(Partition("2024-01-01"), 1)->file_paths[0], "/elsewhere/dt=2024-01-01/bucket-1/f9");
}

TEST_F(WrittenTableTest, ContradictoryManifestsAreErrors) {
    Commit(1, {Entry(FileKind::kAdd, "x", 0, "f1", 0, 1)});
    // The same file added again at the same level.
    Commit(2, {Entry(FileKind::kAdd, "x", 0, "f1", 0, 1)});
    auto files = ReadTableFiles(&fs_, kTable, 2);
    EXPECT_EQ(files.status().code(), ErrorCode::kCorruption);
    EXPECT_NE(files.status().message().find("f1"), std::string::npos);
}

TEST_F(WrittenTableTest, OrphanDeletesAreCountedAndDropped) {
    Commit(1, {Entry(FileKind::kAdd, "x", 0, "f1", 0, 1), Entry(FileKind::kDelete, "x", 0, "ghost", 0, 1)});
    auto files = ReadTableFiles(&fs_, kTable, 1);
    ASSERT_TRUE(files.ok());
    EXPECT_EQ(files->orphan_deletes, 1);
    EXPECT_EQ(files->FileCount(), 1u);
}

TEST_F(WrittenTableTest, MissingManifestIsNamed) {
    Commit(1, {Entry(FileKind::kAdd, "x", 0, "f1", 0, 1)});
    ASSERT_TRUE(fs_.DeleteFile(TablePaths::ManifestPath(kTable, "manifest-1")).ok());
    auto files = ReadTableFiles(&fs_, kTable, 1);
    EXPECT_EQ(files.status().code(), ErrorCode::kNotFound);
    EXPECT_NE(files.status().message().find("manifest-1"), std::string::npos);
}

}  // namespace
}  // namespace flashlake::lake
