#pragma once

// Shared fixtures of the commit and maintenance tests: small tables, fake data files written
// for real (so that directory syncs and deletions have something to act on), and checks that a
// table reads cleanly.

#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <set>
#include <string>
#include <vector>

#include "io/file_system.h"
#include "io/path.h"
#include "lake/binary_row_converter.h"
#include "lake/commit/commit_message.h"
#include "lake/commit/live_files.h"
#include "lake/commit/table_creation.h"
#include "lake/commit/table_file_paths.h"
#include "lake/schema_manager.h"
#include "lake/snapshot_manager.h"
#include "lake/table_files.h"
#include "lake/table_paths.h"

namespace flashlake::lake::testing {

inline constexpr const char* kWarehouse = "/wh";

// An append table partitioned by dt STRING, columns (id BIGINT, dt STRING, v STRING).
inline TableSchema AppendSchema(Options options = {}) {
    TableSchema schema;
    schema.fields = {{0, "id", DataType::BigInt(), std::nullopt},
                     {1, "dt", DataType::String(), std::nullopt},
                     {2, "v", DataType::String(), std::nullopt}};
    schema.partition_keys = {"dt"};
    schema.options = {{"bucket", "-1"}};
    for (auto& option : options) schema.options.push_back(option);
    return schema;
}

// A primary-key table (k INT, dt STRING) partitioned by dt with 2 fixed buckets.
inline TableSchema PrimaryKeySchema(Options options = {}) {
    TableSchema schema;
    schema.fields = {{0, "k", DataType::Int(), std::nullopt},
                     {1, "dt", DataType::String(), std::nullopt},
                     {2, "v", DataType::BigInt(), std::nullopt}};
    schema.partition_keys = {"dt"};
    schema.primary_keys = {"k", "dt"};
    schema.options = {{"bucket", "2"}};
    for (auto& option : options) schema.options.push_back(option);
    return schema;
}

inline BinaryRow Partition(const std::string& dt) {
    return EncodeBinaryRow({Value::Varchar(dt)}, std::vector<DataType>{DataType::String()}).value();
}

inline BinaryRow Key(int32_t k) {
    return EncodeBinaryRow({Value::Int(k)}, std::vector<DataType>{DataType::Int()}).value();
}

inline std::string UniqueFileName(const std::string& stem) {
    static std::atomic<int64_t> counter{0};
    return "data-" + stem + "-" + std::to_string(counter.fetch_add(1)) + ".parquet";
}

// A data file's metadata; primary-key files get the key range [min_key, max_key].
inline DataFileMeta DataFile(const std::string& name, int64_t rows, int32_t level = 0, int32_t min_key = 0,
                             int32_t max_key = 0, bool primary_key = false) {
    DataFileMeta file;
    file.file_name = name;
    file.file_size = 64 + rows;
    file.row_count = rows;
    file.level = level;
    if (primary_key) {
        file.min_key = Key(min_key);
        file.max_key = Key(max_key);
        file.key_stats = {file.min_key, file.max_key, std::vector<std::optional<int64_t>>{0}};
    }
    file.min_sequence_number = 0;
    file.max_sequence_number = rows;
    file.creation_time_millis = 1700000000000;
    file.delete_row_count = 0;
    file.file_source = level == 0 ? FileSource::kAppend : FileSource::kCompact;
    return file;
}

inline CommitMessage Message(const std::string& dt, int32_t bucket, int32_t total_buckets,
                             std::vector<DataFileMeta> new_files, std::vector<DataFileMeta> deleted = {}) {
    CommitMessage message;
    message.partition = Partition(dt);
    message.bucket = bucket;
    message.total_buckets = total_buckets;
    message.new_files = std::move(new_files);
    message.deleted_files = std::move(deleted);
    return message;
}

// Writes the new data (and index) files of `messages` the way a writer does: bucket directory created, file
// content synced, directories NOT synced (the commit makes the names durable).
inline void WriteDataFiles(io::FileSystem* fs, const std::string& table, const std::vector<CommitMessage>& messages) {
    auto schema = SchemaManager(fs, table).Latest();
    ASSERT_TRUE(schema.ok() && schema->has_value()) << schema.status().ToString();
    auto paths = TableFilePaths::Make(table, **schema);
    ASSERT_TRUE(paths.ok()) << paths.status().ToString();
    for (const CommitMessage& message : messages) {
        auto dir = paths->BucketDir(message.partition, message.bucket);
        ASSERT_TRUE(dir.ok()) << dir.status().ToString();
        ASSERT_TRUE(fs->CreateDirectories(*dir).ok());
        for (const DataFileMeta& file : message.new_files) {
            auto out = fs->OpenForWrite(*dir + "/" + file.file_name, io::WriteMode::kTruncate);
            ASSERT_TRUE(out.ok()) << out.status().ToString();
            ASSERT_TRUE((*out)->Append("PAR1 fake data of " + file.file_name).ok());
            ASSERT_TRUE((*out)->Sync().ok());
            ASSERT_TRUE((*out)->Close().ok());
        }
        for (const IndexFileMeta& index : message.new_index_files) {
            auto path = paths->IndexFilePath(message.partition, message.bucket, index);
            ASSERT_TRUE(path.ok()) << path.status().ToString();
            ASSERT_TRUE(fs->CreateDirectories(std::string(io::Dirname(*path))).ok());
            auto out = fs->OpenForWrite(*path, io::WriteMode::kTruncate);
            ASSERT_TRUE(out.ok()) << out.status().ToString();
            ASSERT_TRUE((*out)->Append("DV").ok());
            ASSERT_TRUE((*out)->Sync().ok());
            ASSERT_TRUE((*out)->Close().ok());
        }
    }
}

// The latest snapshot id found by listing the snapshot directory (hints ignored).
inline int64_t LatestByListing(io::FileSystem* fs, const std::string& table) {
    auto ids = SnapshotManager(fs, table).ListIds();
    EXPECT_TRUE(ids.ok()) << ids.status().ToString();
    return !ids.ok() || ids->empty() ? 0 : ids->back();
}

// Names of the live data files of a snapshot, sorted.
inline std::vector<std::string> LiveFiles(io::FileSystem* fs, const std::string& table, int64_t snapshot_id) {
    std::vector<std::string> names;
    auto files = ReadTableFiles(fs, table, snapshot_id);
    EXPECT_TRUE(files.ok()) << files.status().ToString();
    if (!files.ok()) return names;
    for (const BucketFiles& bucket : files->buckets) {
        for (const DataFileMeta& file : bucket.files) names.push_back(file.file_name);
    }
    std::sort(names.begin(), names.end());
    return names;
}

// Checks that snapshot `id` reads cleanly, that its record count matches its files, and that
// every data file it references exists on disk. Returns the live file count.
inline size_t ExpectReadable(io::FileSystem* fs, const std::string& table, int64_t id, bool check_data = true) {
    auto files = ReadTableFiles(fs, table, id);
    EXPECT_TRUE(files.ok()) << "snapshot " << id << ": " << files.status().ToString();
    if (!files.ok()) return 0;
    EXPECT_EQ(files->orphan_deletes, 0) << "snapshot " << id;
    EXPECT_EQ(files->RowCount(), files->snapshot.total_record_count.value_or(-1)) << "snapshot " << id;
    if (check_data) {
        for (const BucketFiles& bucket : files->buckets) {
            for (const std::string& path : bucket.file_paths) {
                EXPECT_TRUE(fs->Exists(path).ValueOr(false)) << "snapshot " << id << " lost " << path;
            }
        }
    }
    return files->FileCount();
}

// Files in the manifest directory that no snapshot refers to (leaks of failed attempts), and
// temporary files anywhere in the metadata directories.
inline std::vector<std::string> UnreferencedMetadata(io::FileSystem* fs, const std::string& table) {
    std::set<std::string> used;
    SnapshotManager snapshots(fs, table);
    for (int64_t id : snapshots.ListIds().ValueOr({})) {
        auto snapshot = snapshots.Read(id);
        if (!snapshot.ok()) continue;
        used.insert(snapshot->base_manifest_list);
        used.insert(snapshot->delta_manifest_list);
        if (snapshot->index_manifest) used.insert(*snapshot->index_manifest);
        auto metas = ReadSnapshotManifests(fs, table, *snapshot);
        EXPECT_TRUE(metas.ok()) << metas.status().ToString();
        if (metas.ok()) {
            for (const ManifestFileMeta& meta : *metas) used.insert(meta.file_name);
        }
    }
    std::vector<std::string> leaked;
    for (const auto& entry : fs->ListDirectory(TablePaths::ManifestDir(table)).ValueOr({})) {
        if (used.count(entry.name) == 0) leaked.push_back("manifest/" + entry.name);
    }
    for (const auto& entry : fs->ListDirectory(TablePaths::SnapshotDir(table)).ValueOr({})) {
        if (entry.name.front() == '.') leaked.push_back("snapshot/" + entry.name);
    }
    return leaked;
}

}  // namespace flashlake::lake::testing
