#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "lake/binary_row.h"
#include "lake/data_file_meta.h"

namespace flashlake::lake {

enum class FileKind : uint8_t { kAdd = 0, kDelete = 1 };

std::string_view FileKindName(FileKind kind);

// One line of a manifest file (paimon `manifest/ManifestEntry`): a data file added to or
// deleted from a (partition, bucket).
struct ManifestEntry {
    FileKind kind = FileKind::kAdd;
    BinaryRow partition;
    int32_t bucket = 0;         // -2 = postpone bucket (not visible to readers)
    int32_t total_buckets = 0;  // the bucket count when the file was written
    DataFileMeta file;

    // What identifies the file when ADD and DELETE entries are folded (FileEntry.Identifier):
    // moving a file to another level without rewriting it is a DELETE at the old level and an
    // ADD at the new one.
    struct Identifier {
        BinaryRow partition;
        int32_t bucket;
        int32_t level;
        std::string file_name;
        std::vector<std::string> extra_files;
        std::optional<std::string> embedded_index;
        std::optional<std::string> external_path;

        bool operator==(const Identifier&) const = default;
    };
    Identifier identifier() const {
        return {partition,         bucket, file.level, file.file_name, file.extra_files, file.embedded_index,
                file.external_path};
    }

    bool operator==(const ManifestEntry&) const = default;
};

// Folds entries in order as Paimon's FileEntry.mergeEntries does: an ADD records the file (a
// second ADD of a live file is kCorruption), a DELETE removes the matching ADD, or is kept when
// that ADD has not been seen (it may be in a manifest read later). The result keeps the order
// in which the surviving entries first appeared.
Result<std::vector<ManifestEntry>> MergeManifestEntries(std::vector<ManifestEntry> entries);

}  // namespace flashlake::lake
