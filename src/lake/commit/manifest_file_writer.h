#pragma once

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "common/result.h"
#include "lake/data_type.h"
#include "lake/index_manifest_entry.h"
#include "lake/manifest_entry.h"
#include "lake/manifest_file_meta.h"
#include "lake/manifest_io.h"

namespace flashlake::io {
class FileSystem;
}

namespace flashlake::lake {

// Writes the Avro metadata files of one commit attempt into the table's manifest/ directory,
// named as Paimon names them: manifest-<uuid>-<n>, manifest-list-<uuid>-<n> and
// index-manifest-<uuid>-<n>, with one random uuid per writer and a counter.
//
// Every file is written to a hidden temporary name, synced, and renamed to its final name only
// if that name is free, so no partial file ever carries a final name. The directory is not
// synced per file: SyncDirectory() makes all names written so far durable at once, and a
// commit calls it before it publishes a snapshot that refers to them. DeleteWrittenFiles()
// removes what this writer wrote (the abort of a failed attempt). Not thread-safe.
class ManifestFileWriter {
public:
    ManifestFileWriter(io::FileSystem* fs, std::string table_path, std::vector<DataType> partition_types,
                       int64_t schema_id, ManifestWriteOptions options, int64_t target_file_size);

    // Writes `entries` as manifests of about the target size each (none for no entries) and
    // returns their manifest-list lines in order.
    Result<std::vector<ManifestFileMeta>> WriteManifests(const std::vector<ManifestEntry>& entries);
    // Writes a manifest list; returns its name and size.
    Result<std::pair<std::string, int64_t>> WriteManifestList(const std::vector<ManifestFileMeta>& metas);
    // Writes an index manifest; returns its name.
    Result<std::string> WriteIndexManifest(const std::vector<IndexManifestEntry>& entries);

    Status SyncDirectory();
    // Best effort: a file that cannot be deleted stays behind as an orphan.
    void DeleteWrittenFiles();

    // Names of the files written so far, in order.
    const std::vector<std::string>& written_files() const { return written_; }
    const std::string& uuid() const { return uuid_; }

private:
    std::string NextName(const char* prefix);
    Result<ManifestFileMeta> WriteOneManifest(const std::vector<ManifestEntry>& entries, size_t begin, size_t end);
    // Writes `bytes` under manifest/<name> through a temporary file (see the class comment).
    Status PublishFile(const std::string& name, const std::string& bytes);

    io::FileSystem* fs_;
    std::string table_path_;
    std::vector<DataType> partition_types_;
    int64_t schema_id_;
    ManifestWriteOptions options_;
    int64_t target_file_size_;
    std::string uuid_;
    int64_t counter_ = 0;
    std::vector<std::string> written_;
};

// A random UUID (version 4) in its usual text form, as Paimon puts in file names.
std::string RandomUuid();

}  // namespace flashlake::lake
