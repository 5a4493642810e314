#pragma once

#include <string>
#include <vector>

#include "common/result.h"
#include "format/avro/codec.h"
#include "lake/data_type.h"
#include "lake/index_manifest_entry.h"
#include "lake/manifest_entry.h"
#include "lake/manifest_file_meta.h"

namespace flashlake::io {
class FileSystem;
}

namespace flashlake::lake {

// Reading and writing Paimon's three Avro metadata files: manifests (ManifestEntry lines),
// manifest lists (ManifestFileMeta lines) and index manifests (IndexManifestEntry lines). Files
// are small and read whole. Records are resolved by field name against the schemas in
// manifest_codec.h, so files from older and newer Paimon writers read alike.
//
// Manifests of tables created with `manifest.format = orc` (allowed before Paimon 2.1) are ORC
// files; they are detected and refused with kNotSupported, since there is no ORC reader yet.
// Errors name the file.

Result<std::vector<ManifestEntry>> ReadManifestFile(io::FileSystem* fs, const std::string& path);
Result<std::vector<ManifestFileMeta>> ReadManifestList(io::FileSystem* fs, const std::string& path);
Result<std::vector<IndexManifestEntry>> ReadIndexManifest(io::FileSystem* fs, const std::string& path);

struct ManifestWriteOptions {
    // Paimon's default `manifest.compression` is zstd.
    format::avro::Codec codec = format::avro::Codec::kZstandard;
    int compression_level = -1;
};

// Writes `entries` as a new manifest at `path` (kAlreadyExists if it exists), synced, and
// returns its manifest-list line: name, size, added/deleted counts, partition min/max and null
// counts over `partition_types` (the partition BinaryRows must have those fields), bucket and
// level ranges, and `schema_id`. Row-id ranges are left absent.
Result<ManifestFileMeta> WriteManifestFile(io::FileSystem* fs, const std::string& path,
                                           const std::vector<ManifestEntry>& entries,
                                           const std::vector<DataType>& partition_types, int64_t schema_id,
                                           const ManifestWriteOptions& options = {});
// Write a new manifest list / index manifest at `path` (kAlreadyExists if it exists), synced;
// return the file size.
Result<int64_t> WriteManifestList(io::FileSystem* fs, const std::string& path,
                                  const std::vector<ManifestFileMeta>& metas, const ManifestWriteOptions& options = {});
Result<int64_t> WriteIndexManifest(io::FileSystem* fs, const std::string& path,
                                   const std::vector<IndexManifestEntry>& entries,
                                   const ManifestWriteOptions& options = {});

// Min/max and null counts of partition values over `partitions` (each of `types`' arity), as
// Paimon's manifest-list _PARTITION_STATS: per field the smallest and largest non-null value,
// null where a field is all null.
Result<SimpleStats> PartitionStats(const std::vector<const BinaryRow*>& partitions, const std::vector<DataType>& types);

}  // namespace flashlake::lake
