#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace flashlake::lake {

// Where Paimon keeps things inside a table directory (FileStorePathFactory, SchemaManager,
// SnapshotManager, BranchManager). Paths are text only; nothing here touches a file system.
//
//   <table>/schema/schema-<id>            <table>/snapshot/snapshot-<id>, LATEST, EARLIEST
//   <table>/manifest/<manifest or list>   <table>/index/<index file>
//   <table>/<partition path>/bucket-<b>/  data files (bucket-postpone for bucket -2)
//   <table>/branch/branch-<name>/         a branch's own schema/ and snapshot/ directories
struct TablePaths {
    static constexpr std::string_view kMainBranch = "main";

    static std::string SchemaDir(std::string_view table) { return Join(table, "schema"); }
    static std::string SchemaPath(std::string_view table, int64_t id) {
        return Join(SchemaDir(table), "schema-" + std::to_string(id));
    }
    static std::string SnapshotDir(std::string_view table) { return Join(table, "snapshot"); }
    static std::string SnapshotPath(std::string_view table, int64_t id) {
        return Join(SnapshotDir(table), "snapshot-" + std::to_string(id));
    }
    static std::string ManifestDir(std::string_view table) { return Join(table, "manifest"); }
    static std::string ManifestPath(std::string_view table, std::string_view name) {
        return Join(ManifestDir(table), name);
    }
    static std::string IndexDir(std::string_view table) { return Join(table, "index"); }
    static std::string IndexPath(std::string_view table, std::string_view name) { return Join(IndexDir(table), name); }
    // The directory holding a branch's metadata; the main branch is the table directory itself.
    static std::string BranchPath(std::string_view table, std::string_view branch) {
        if (branch.empty() || branch == kMainBranch) return std::string(table);
        return Join(Join(table, "branch"), "branch-" + std::string(branch));
    }
    // `partition_path` is "" for an unpartitioned table, else "k1=v1/k2=v2".
    static std::string BucketDir(std::string_view table, std::string_view partition_path, int32_t bucket) {
        std::string bucket_name = bucket == -2 ? "bucket-postpone" : "bucket-" + std::to_string(bucket);
        return Join(partition_path.empty() ? std::string(table) : Join(table, partition_path), bucket_name);
    }

private:
    static std::string Join(std::string_view dir, std::string_view name) {
        std::string out(dir);
        if (!out.empty() && out.back() != '/') out += '/';
        out += name;
        return out;
    }
};

}  // namespace flashlake::lake
