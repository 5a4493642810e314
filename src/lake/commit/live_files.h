#pragma once

#include <string>
#include <vector>

#include "common/result.h"
#include "lake/index_manifest_entry.h"
#include "lake/manifest_entry.h"
#include "lake/manifest_file_meta.h"
#include "lake/snapshot.h"

namespace flashlake::io {
class FileSystem;
}

namespace flashlake::lake {

// The lines of the manifest list `list_name` in the table's manifest/ directory.
Result<std::vector<ManifestFileMeta>> ReadManifestMetas(io::FileSystem* fs, const std::string& table_path,
                                                        const std::string& list_name);

// The manifests of a snapshot: its base list, then its delta list.
Result<std::vector<ManifestFileMeta>> ReadSnapshotManifests(io::FileSystem* fs, const std::string& table_path,
                                                            const Snapshot& snapshot);

// Every entry of `manifests`, in order.
Result<std::vector<ManifestEntry>> ReadManifestEntries(io::FileSystem* fs, const std::string& table_path,
                                                       const std::vector<ManifestFileMeta>& manifests);

// The live data files of `snapshot` as ADD entries (base and delta folded, Paimon §1.14),
// postpone-bucket files included; DELETE entries without their ADD are dropped.
Result<std::vector<ManifestEntry>> ReadLiveDataEntries(io::FileSystem* fs, const std::string& table_path,
                                                       const Snapshot& snapshot);

// The live index files of `snapshot` (its index manifest folded) as ADD entries; none when the
// snapshot has no index manifest.
Result<std::vector<IndexManifestEntry>> ReadLiveIndexEntries(io::FileSystem* fs, const std::string& table_path,
                                                             const Snapshot& snapshot);

// A manifest entry's identifier (ManifestEntry::Identifier) as one string, for hash sets.
std::string FileIdentifierKey(const ManifestEntry& entry);

// Folds ADD/DELETE index entries by (partition, bucket, index type, file name), keeping ADDs.
std::vector<IndexManifestEntry> FoldIndexEntries(std::vector<IndexManifestEntry> entries);

}  // namespace flashlake::lake
