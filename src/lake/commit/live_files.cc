#include "lake/commit/live_files.h"

#include <map>
#include <optional>

#include "lake/manifest_io.h"
#include "lake/table_paths.h"

namespace flashlake::lake {

Result<std::vector<ManifestFileMeta>> ReadManifestMetas(io::FileSystem* fs, const std::string& table_path,
                                                        const std::string& list_name) {
    return ReadManifestList(fs, TablePaths::ManifestPath(table_path, list_name));
}

Result<std::vector<ManifestFileMeta>> ReadSnapshotManifests(io::FileSystem* fs, const std::string& table_path,
                                                            const Snapshot& snapshot) {
    FL_ASSIGN_OR_RETURN(std::vector<ManifestFileMeta> metas,
                        ReadManifestMetas(fs, table_path, snapshot.base_manifest_list));
    FL_ASSIGN_OR_RETURN(std::vector<ManifestFileMeta> delta,
                        ReadManifestMetas(fs, table_path, snapshot.delta_manifest_list));
    metas.insert(metas.end(), delta.begin(), delta.end());
    return metas;
}

Result<std::vector<ManifestEntry>> ReadManifestEntries(io::FileSystem* fs, const std::string& table_path,
                                                       const std::vector<ManifestFileMeta>& manifests) {
    std::vector<ManifestEntry> entries;
    for (const ManifestFileMeta& manifest : manifests) {
        FL_ASSIGN_OR_RETURN(std::vector<ManifestEntry> part,
                            ReadManifestFile(fs, TablePaths::ManifestPath(table_path, manifest.file_name)));
        std::move(part.begin(), part.end(), std::back_inserter(entries));
    }
    return entries;
}

Result<std::vector<ManifestEntry>> ReadLiveDataEntries(io::FileSystem* fs, const std::string& table_path,
                                                       const Snapshot& snapshot) {
    FL_ASSIGN_OR_RETURN(std::vector<ManifestFileMeta> manifests, ReadSnapshotManifests(fs, table_path, snapshot));
    FL_ASSIGN_OR_RETURN(std::vector<ManifestEntry> entries, ReadManifestEntries(fs, table_path, manifests));
    auto merged = MergeManifestEntries(std::move(entries));
    if (!merged.ok()) return merged.status().WithContext("snapshot " + std::to_string(snapshot.id));
    std::vector<ManifestEntry> live;
    live.reserve(merged->size());
    for (ManifestEntry& entry : *merged) {
        if (entry.kind == FileKind::kAdd) live.push_back(std::move(entry));
    }
    return live;
}

std::string FileIdentifierKey(const ManifestEntry& entry) {
    std::string key = entry.partition.bytes();
    key += '\0';
    key += std::to_string(entry.bucket) + '\0' + std::to_string(entry.file.level) + '\0' + entry.file.file_name;
    for (const std::string& extra : entry.file.extra_files) key += '\0' + extra;
    key += '\1';
    if (entry.file.embedded_index) key += *entry.file.embedded_index;
    key += '\1';
    if (entry.file.external_path) key += *entry.file.external_path;
    return key;
}

std::vector<IndexManifestEntry> FoldIndexEntries(std::vector<IndexManifestEntry> entries) {
    std::vector<std::optional<IndexManifestEntry>> slots;
    std::map<std::string, size_t> live;
    for (IndexManifestEntry& entry : entries) {
        std::string key = entry.partition.bytes() + '\0' + std::to_string(entry.bucket) + '\0' +
                          entry.index_file.index_type + '\0' + entry.index_file.file_name;
        auto it = live.find(key);
        if (entry.kind == FileKind::kAdd) {
            if (it != live.end()) continue;  // added twice: keep the first
            live.emplace(std::move(key), slots.size());
            slots.emplace_back(std::move(entry));
        } else if (it != live.end()) {
            slots[it->second].reset();
            live.erase(it);
        }
    }
    std::vector<IndexManifestEntry> out;
    for (auto& slot : slots) {
        if (slot) out.push_back(std::move(*slot));
    }
    return out;
}

Result<std::vector<IndexManifestEntry>> ReadLiveIndexEntries(io::FileSystem* fs, const std::string& table_path,
                                                             const Snapshot& snapshot) {
    if (!snapshot.index_manifest) return std::vector<IndexManifestEntry>();
    FL_ASSIGN_OR_RETURN(std::vector<IndexManifestEntry> entries,
                        ReadIndexManifest(fs, TablePaths::ManifestPath(table_path, *snapshot.index_manifest)));
    return FoldIndexEntries(std::move(entries));
}

}  // namespace flashlake::lake
