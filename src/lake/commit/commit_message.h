#pragma once

#include <cstdint>
#include <vector>

#include "lake/binary_row.h"
#include "lake/data_file_meta.h"
#include "lake/index_manifest_entry.h"

namespace flashlake::lake {

// What one writer of one (partition, bucket) hands to a commit (paimon CommitMessageImpl,
// flattened): the data files it wrote and the files it replaced, plus index changes. The files
// themselves must already be written and synced (file->Sync()); the commit writes only metadata
// and makes the directory entries of the new files durable.
//
//   APPEND      new_files are fresh flushes (level 0 for primary-key tables); deleted_files is
//               usually empty (a row-level DELETE rewriting files lists the replaced ones).
//   COMPACT     new_files are the compaction outputs, deleted_files its inputs. Moving a file to
//               another level without rewriting it lists it in both, with the old and the new
//               level (a DELETE and an ADD of the same name).
//   OVERWRITE   new_files only: the commit deletes what it overwrites itself.
//
// Index files (deletion vectors, dynamic-bucket HASH indexes) live in the table's index/
// directory; a writer that replaces the deletion-vector file of a bucket lists the old one in
// deleted_index_files and the new one in new_index_files.
struct CommitMessage {
    BinaryRow partition;  // over the table's partition keys (arity 0 when unpartitioned)
    int32_t bucket = 0;
    int32_t total_buckets = 0;  // the table's bucket count when the files were written
    std::vector<DataFileMeta> new_files;
    std::vector<DataFileMeta> deleted_files;
    std::vector<IndexFileMeta> new_index_files;
    std::vector<IndexFileMeta> deleted_index_files;

    bool empty() const {
        return new_files.empty() && deleted_files.empty() && new_index_files.empty() && deleted_index_files.empty();
    }
};

}  // namespace flashlake::lake
