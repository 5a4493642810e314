#include "lake/schema_manager.h"

#include <algorithm>
#include <charconv>

#include "io/file_system.h"
#include "lake/table_paths.h"

namespace flashlake::lake {

Result<std::vector<int64_t>> ListNumberedFiles(io::FileSystem* fs, const std::string& dir, std::string_view prefix) {
    std::vector<int64_t> ids;
    auto entries = fs->ListDirectory(dir);
    if (!entries.ok()) {
        if (entries.status().code() == ErrorCode::kNotFound) return ids;
        return entries.status();
    }
    for (const io::DirectoryEntry& entry : *entries) {
        if (entry.type != io::FileType::kFile || entry.name.size() <= prefix.size() ||
            entry.name.compare(0, prefix.size(), prefix) != 0) {
            continue;
        }
        int64_t id = 0;
        const char* begin = entry.name.data() + prefix.size();
        const char* end = entry.name.data() + entry.name.size();
        auto [ptr, ec] = std::from_chars(begin, end, id);
        if (ec == std::errc() && ptr == end && id >= 0) ids.push_back(id);
    }
    std::sort(ids.begin(), ids.end());
    return ids;
}

Result<TableSchema> SchemaManager::Read(int64_t id) const {
    std::string path = TablePaths::SchemaPath(root_, id);
    auto text = fs_->ReadFile(path);
    if (!text.ok()) return text.status();
    auto schema = TableSchema::Parse(*text);
    if (!schema.ok()) return schema.status().WithContext(path);
    if (schema->id != id) {
        return Status::Corruption(path + ": holds schema id " + std::to_string(schema->id));
    }
    return schema;
}

Result<std::vector<int64_t>> SchemaManager::ListIds() const {
    return ListNumberedFiles(fs_, TablePaths::SchemaDir(root_), "schema-");
}

Result<std::optional<TableSchema>> SchemaManager::Latest() const {
    FL_ASSIGN_OR_RETURN(std::vector<int64_t> ids, ListIds());
    if (ids.empty()) return std::optional<TableSchema>();
    FL_ASSIGN_OR_RETURN(TableSchema schema, Read(ids.back()));
    return std::optional<TableSchema>(std::move(schema));
}

Status SchemaManager::Create(const TableSchema& schema) const {
    FL_RETURN_NOT_OK(fs_->CreateDirectories(TablePaths::SchemaDir(root_)));
    return fs_->CreateFileExclusive(TablePaths::SchemaPath(root_, schema.id), schema.ToJsonText());
}

}  // namespace flashlake::lake
