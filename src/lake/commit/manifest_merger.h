#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "common/result.h"
#include "lake/data_type.h"
#include "lake/manifest_file_meta.h"

namespace flashlake::io {
class FileSystem;
}

namespace flashlake::lake {

class ManifestFileWriter;

// Paimon's manifest options (CoreOptions): how a commit keeps the base manifest list short.
struct ManifestMergeOptions {
    int64_t target_file_size = 8 << 20;       // manifest.target-file-size
    int32_t min_count = 30;                   // manifest.merge-min-count
    int64_t full_compaction_size = 16 << 20;  // manifest.full-compaction-threshold-size
};

// The base manifest list of a new snapshot from the previous snapshot's base + delta manifests
// (paimon ManifestFileMerger.merge). New manifests are written through `writer` (so a failed
// commit attempt deletes them with its other files); inputs are never modified.
//
//   full compaction  when the manifests that "must change" (they hold DELETE entries, or are
//                    smaller than the target size) add up to full_compaction_size: every DELETE
//                    is applied, so the result holds ADD entries only. Manifests of the target
//                    size without deletes are kept as they are when their partition range
//                    cannot contain a deleted file, or when none of their files was deleted.
//   minor            otherwise, runs of consecutive manifests are merged once they reach the
//                    target size, and the last run when it has min_count manifests or more;
//                    ADD/DELETE pairs cancel out within a run.
Result<std::vector<ManifestFileMeta>> MergeManifests(io::FileSystem* fs, const std::string& table_path,
                                                     const std::vector<ManifestFileMeta>& input,
                                                     const std::vector<DataType>& partition_types,
                                                     const ManifestMergeOptions& options, ManifestFileWriter* writer);

}  // namespace flashlake::lake
