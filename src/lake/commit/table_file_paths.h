#pragma once

#include <map>
#include <string>
#include <vector>

#include "common/result.h"
#include "lake/binary_row.h"
#include "lake/data_file_meta.h"
#include "lake/data_type.h"
#include "lake/index_manifest_entry.h"
#include "lake/partition_path.h"

namespace flashlake::lake {

struct TableSchema;

// Where the data and index files of a table are, as Paimon's FileStorePathFactory derives them
// from manifest entries: <table>[/<data-file.path-directory>]/<partition path>/bucket-<b>/<name>
// for data files (and their extra files), <table>/index/<name> for index files (or the bucket
// directory with `index-file-in-data-file-dir`). Files with an external path live outside the
// table and are reported as such, never mapped to a table path. Bucket directories are cached;
// not thread-safe.
class TableFilePaths {
public:
    static Result<TableFilePaths> Make(const std::string& table_path, const TableSchema& schema);

    const std::string& table_path() const { return table_path_; }
    // The directory that holds the partition directories (the table directory, or the
    // `data-file.path-directory` below it).
    const std::string& data_root() const { return data_root_; }

    Result<std::string> BucketDir(const BinaryRow& partition, int32_t bucket);
    // The data file and its extra files (e.g. "<name>.index"), all in the bucket directory;
    // empty for a file with an external path.
    Result<std::vector<std::string>> DataFilePaths(const BinaryRow& partition, int32_t bucket,
                                                   const DataFileMeta& file);
    // The index file's path; empty for one with an external path.
    Result<std::string> IndexFilePath(const BinaryRow& partition, int32_t bucket, const IndexFileMeta& file);

private:
    std::string table_path_;
    std::string data_root_;
    std::vector<DataField> partition_fields_;
    PartitionPathOptions path_options_;
    bool index_in_data_dir_ = false;
    std::map<std::string, std::string> bucket_dirs_;  // partition bytes + bucket -> directory
};

}  // namespace flashlake::lake
