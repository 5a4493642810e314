#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "common/result.h"

namespace flashlake::io {
class FileSystem;
}

namespace flashlake::lake {

struct OrphanFilesOptions {
    // Only files last modified before now - older_than are removed: a younger unreferenced
    // file may belong to a commit in progress (written, not yet published). Paimon's default
    // is one day; it must exceed the longest write-to-commit time of any writer.
    int64_t older_than_ms = 24 * 3600 * 1000;
    int64_t now_millis = 0;  // the wall clock when 0
    bool dry_run = false;    // report, delete nothing
};

struct OrphanFilesResult {
    std::vector<std::string> orphans;  // paths removed (or, in a dry run, that would be)
    int64_t orphan_bytes = 0;
    int64_t young_unreferenced = 0;  // unreferenced files spared for their age
    int64_t snapshots_scanned = 0;
};

// Removes files under the table directory that no snapshot references (paimon
// remove_orphan_files): leftovers of failed or crashed commits, writers and expirations.
//
// Referenced are the manifest lists, manifests, index manifests and statistics files of every
// snapshot, and the data files (with their extra files), changelog files and index files their
// manifests name, ADD or DELETE. Candidates are the files in manifest/, index/ and statistics/,
// files in bucket directories (bucket-* below the partition directories, k=v), and temporary
// files (hidden, ".tmp") left in snapshot/ and schema/. Nothing else is touched: not schema or
// snapshot files, hints, other directories, or files of unknown places.
//
// If a manifest that a still-existing snapshot refers to cannot be read, nothing is deleted
// (kCorruption or the read error). Tables with tags or branches are refused (kNotSupported).
Result<OrphanFilesResult> RemoveOrphanFiles(io::FileSystem* fs, const std::string& table_path,
                                            const OrphanFilesOptions& options = {});

}  // namespace flashlake::lake
