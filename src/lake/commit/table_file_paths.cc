#include "lake/commit/table_file_paths.h"

#include "lake/table_paths.h"
#include "lake/table_schema.h"

namespace flashlake::lake {

Result<TableFilePaths> TableFilePaths::Make(const std::string& table_path, const TableSchema& schema) {
    TableFilePaths paths;
    paths.table_path_ = table_path;
    paths.data_root_ = table_path;
    if (auto dir = schema.Option("data-file.path-directory"); dir && !dir->empty()) {
        paths.data_root_ += (paths.data_root_.empty() || paths.data_root_.back() == '/' ? "" : "/") + *dir;
    }
    FL_ASSIGN_OR_RETURN(paths.partition_fields_, schema.FieldsNamed(schema.partition_keys));
    paths.path_options_ = PartitionPathOptions::FromSchema(schema);
    paths.index_in_data_dir_ = schema.Option("index-file-in-data-file-dir") == "true";
    return paths;
}

Result<std::string> TableFilePaths::BucketDir(const BinaryRow& partition, int32_t bucket) {
    std::string key = partition.bytes() + std::string(reinterpret_cast<const char*>(&bucket), sizeof(bucket));
    auto it = bucket_dirs_.find(key);
    if (it != bucket_dirs_.end()) return it->second;
    if (partition.arity() != static_cast<int32_t>(partition_fields_.size())) {
        return Status::InvalidArgument("a partition of " + std::to_string(partition.arity()) +
                                       " fields for a table partitioned by " +
                                       std::to_string(partition_fields_.size()));
    }
    FL_ASSIGN_OR_RETURN(std::string partition_path, PartitionPath(partition, partition_fields_, path_options_));
    std::string dir = TablePaths::BucketDir(data_root_, partition_path, bucket);
    bucket_dirs_.emplace(std::move(key), dir);
    return dir;
}

Result<std::vector<std::string>> TableFilePaths::DataFilePaths(const BinaryRow& partition, int32_t bucket,
                                                               const DataFileMeta& file) {
    std::vector<std::string> paths;
    if (file.external_path) return paths;
    FL_ASSIGN_OR_RETURN(std::string dir, BucketDir(partition, bucket));
    paths.push_back(dir + "/" + file.file_name);
    for (const std::string& extra : file.extra_files) paths.push_back(dir + "/" + extra);
    return paths;
}

Result<std::string> TableFilePaths::IndexFilePath(const BinaryRow& partition, int32_t bucket,
                                                  const IndexFileMeta& file) {
    if (file.external_path) return std::string();
    if (!index_in_data_dir_) return TablePaths::IndexPath(table_path_, file.file_name);
    FL_ASSIGN_OR_RETURN(std::string dir, BucketDir(partition, bucket));
    return dir + "/" + file.file_name;
}

}  // namespace flashlake::lake
