#include "catalog/catalog.h"

#include <algorithm>

#include "common/ascii.h"
#include "format/json/json_parser.h"
#include "format/json/json_writer.h"
#include "io/file_system.h"
#include "lake/commit/table_creation.h"
#include "lake/schema_manager.h"

namespace flashlake::catalog {

namespace {

constexpr std::string_view kDatabaseSuffix = ".db";
constexpr std::string_view kFlashlakeDir = "_flashlake";

Status UnknownDatabase(std::string_view name) {
    return Status(ErrorCode::kUnknownDatabase, "Unknown database '" + std::string(name) + "'");
}

Status UnknownTable(std::string_view database, std::string_view name) {
    return Status(ErrorCode::kUnknownTable, "Table '" + std::string(database) + "." + std::string(name) + "' doesn't exist");
}

}  // namespace

Result<std::unique_ptr<Catalog>> Catalog::Open(io::FileSystem* fs, std::string warehouse) {
    FL_RETURN_NOT_OK(lake::CreateDirectoriesDurably(fs, warehouse));
    return std::unique_ptr<Catalog>(new Catalog(fs, std::move(warehouse)));
}

std::string Catalog::DatabasePath(std::string_view database) const {
    return warehouse_ + "/" + AsciiLower(database) + std::string(kDatabaseSuffix);
}

std::string Catalog::ViewPath(std::string_view database, std::string_view view) const {
    return warehouse_ + "/" + std::string(kFlashlakeDir) + "/views/" + AsciiLower(database) + "/" + AsciiLower(view) + ".json";
}

Result<std::vector<std::string>> Catalog::ListDatabases() {
    FL_ASSIGN_OR_RETURN(auto entries, fs_->ListDirectory(warehouse_));
    std::vector<std::string> names;
    for (const auto& entry : entries) {
        const std::string& name = entry.name;
        if (entry.type != io::FileType::kDirectory || name.size() <= kDatabaseSuffix.size()) continue;
        if (name.compare(name.size() - kDatabaseSuffix.size(), kDatabaseSuffix.size(), kDatabaseSuffix) != 0) continue;
        names.push_back(name.substr(0, name.size() - kDatabaseSuffix.size()));
    }
    std::sort(names.begin(), names.end());
    return names;
}

Result<bool> Catalog::DatabaseExists(std::string_view name) { return fs_->Exists(DatabasePath(name)); }

Status Catalog::CreateDatabase(std::string_view name, bool if_not_exists) {
    FL_RETURN_NOT_OK(lake::ValidateIdentifier("database name", name));
    std::lock_guard lock(ddl_mutex_);
    FL_ASSIGN_OR_RETURN(bool exists, DatabaseExists(name));
    if (exists) {
        if (if_not_exists) return Status::OK();
        return Status(ErrorCode::kDatabaseExists, "Can't create database '" + std::string(name) + "'; database exists");
    }
    return lake::CreateDirectoriesDurably(fs_, DatabasePath(name));
}

Status Catalog::DropDatabase(std::string_view name, bool if_exists, bool force) {
    std::lock_guard lock(ddl_mutex_);
    FL_ASSIGN_OR_RETURN(bool exists, DatabaseExists(name));
    if (!exists) return if_exists ? Status::OK() : UnknownDatabase(name);
    FL_ASSIGN_OR_RETURN(auto entries, fs_->ListDirectory(DatabasePath(name)));
    std::string views_dir = warehouse_ + "/" + std::string(kFlashlakeDir) + "/views/" + AsciiLower(name);
    FL_ASSIGN_OR_RETURN(bool has_views_dir, fs_->Exists(views_dir));
    bool empty = entries.empty();
    if (has_views_dir) {
        FL_ASSIGN_OR_RETURN(auto views, fs_->ListDirectory(views_dir));
        empty = empty && views.empty();
    }
    if (!empty && !force) {
        return Status::InvalidArgument("Database '" + std::string(name) +
                                       "' is not empty; drop its tables and views first, or use DROP DATABASE ... FORCE");
    }
    if (has_views_dir) FL_RETURN_NOT_OK(fs_->DeleteDirectoryRecursive(views_dir));
    return fs_->DeleteDirectoryRecursive(DatabasePath(name));
}

Result<std::vector<std::string>> Catalog::ListTables(std::string_view database) {
    FL_ASSIGN_OR_RETURN(bool exists, DatabaseExists(database));
    if (!exists) return UnknownDatabase(database);
    FL_ASSIGN_OR_RETURN(auto entries, fs_->ListDirectory(DatabasePath(database)));
    std::vector<std::string> names;
    for (const auto& entry : entries) {
        if (entry.type != io::FileType::kDirectory || entry.name.empty() || entry.name[0] == '.') continue;
        // A table is a directory with a published schema; a crashed creation leaves none.
        lake::SchemaManager schemas(fs_, DatabasePath(database) + "/" + entry.name);
        auto latest = schemas.Latest();
        if (latest.ok() && latest->has_value()) names.push_back(entry.name);
    }
    std::sort(names.begin(), names.end());
    return names;
}

Result<TableEntry> Catalog::GetTable(std::string_view database, std::string_view name) {
    FL_ASSIGN_OR_RETURN(bool exists, DatabaseExists(database));
    if (!exists) return UnknownDatabase(database);
    std::string path = lake::TablePathIn(warehouse_, AsciiLower(database), AsciiLower(name));
    lake::SchemaManager schemas(fs_, path);
    FL_ASSIGN_OR_RETURN(auto latest, schemas.Latest());
    if (!latest) return UnknownTable(database, name);
    return TableEntry{AsciiLower(database), AsciiLower(name), path, std::move(*latest)};
}

Status Catalog::CreateTable(std::string_view database, std::string_view name, const TableDefinition& definition,
                            bool if_not_exists) {
    FL_RETURN_NOT_OK(lake::ValidateIdentifier("table name", name));
    std::lock_guard lock(ddl_mutex_);
    FL_ASSIGN_OR_RETURN(bool exists, DatabaseExists(database));
    if (!exists) return UnknownDatabase(database);
    FL_ASSIGN_OR_RETURN(auto view, GetView(database, name));
    if (view) return Status(ErrorCode::kTableExists, "Table '" + std::string(name) + "' already exists (as a view)");
    FL_ASSIGN_OR_RETURN(lake::TableSchema schema, ToLakeSchema(definition));
    auto created = lake::CreateTable(fs_, warehouse_, AsciiLower(database), AsciiLower(name), std::move(schema));
    if (!created.ok()) {
        if (created.status().code() == ErrorCode::kTableExists || created.status().code() == ErrorCode::kAlreadyExists) {
            if (if_not_exists) return Status::OK();
            return Status(ErrorCode::kTableExists, "Table '" + std::string(name) + "' already exists");
        }
        return created.status();
    }
    return Status::OK();
}

Status Catalog::DropTable(std::string_view database, std::string_view name, bool if_exists) {
    std::lock_guard lock(ddl_mutex_);
    auto table = GetTable(database, name);
    if (!table.ok()) {
        if (if_exists && (table.status().code() == ErrorCode::kUnknownTable)) return Status::OK();
        return table.status();
    }
    return fs_->DeleteDirectoryRecursive(table->path);
}

Result<std::vector<std::string>> Catalog::ListViews(std::string_view database) {
    std::string dir = warehouse_ + "/" + std::string(kFlashlakeDir) + "/views/" + AsciiLower(database);
    FL_ASSIGN_OR_RETURN(bool exists, fs_->Exists(dir));
    std::vector<std::string> names;
    if (!exists) return names;
    FL_ASSIGN_OR_RETURN(auto entries, fs_->ListDirectory(dir));
    for (const auto& entry : entries) {
        if (entry.name.size() > 5 && entry.name.compare(entry.name.size() - 5, 5, ".json") == 0) {
            names.push_back(entry.name.substr(0, entry.name.size() - 5));
        }
    }
    std::sort(names.begin(), names.end());
    return names;
}

Result<std::optional<ViewEntry>> Catalog::GetView(std::string_view database, std::string_view name) {
    std::string path = ViewPath(database, name);
    FL_ASSIGN_OR_RETURN(bool exists, fs_->Exists(path));
    if (!exists) return std::optional<ViewEntry>();
    FL_ASSIGN_OR_RETURN(std::string text, fs_->ReadFile(path));
    auto json = format::json::Parse(text);
    if (!json.ok()) return json.status().WithContext("view file '" + path + "'");
    ViewEntry view{AsciiLower(database), AsciiLower(name), "", {}};
    FL_ASSIGN_OR_RETURN(view.definition, json->GetString("definition"));
    if (const auto* columns = json->Find("columns"); columns != nullptr && columns->is_array()) {
        for (const auto& column : columns->AsArray()) view.column_names.push_back(column.AsString());
    }
    return std::optional<ViewEntry>(std::move(view));
}

Status Catalog::CreateView(const ViewEntry& view, bool or_replace, bool if_not_exists) {
    FL_RETURN_NOT_OK(lake::ValidateIdentifier("view name", view.name));
    std::lock_guard lock(ddl_mutex_);
    FL_ASSIGN_OR_RETURN(bool database_exists, DatabaseExists(view.database));
    if (!database_exists) return UnknownDatabase(view.database);
    auto table = GetTable(view.database, view.name);
    if (table.ok()) return Status(ErrorCode::kTableExists, "Table '" + view.name + "' already exists");
    std::string path = ViewPath(view.database, view.name);
    FL_ASSIGN_OR_RETURN(bool exists, fs_->Exists(path));
    if (exists && !or_replace) {
        if (if_not_exists) return Status::OK();
        return Status(ErrorCode::kTableExists, "View '" + view.name + "' already exists");
    }
    auto json = format::json::Value::MakeObject();
    json.Set("definition", view.definition);
    auto columns = format::json::Value::MakeArray();
    for (const auto& column : view.column_names) columns.Append(column);
    json.Set("columns", std::move(columns));
    std::string dir = path.substr(0, path.rfind('/'));
    FL_RETURN_NOT_OK(lake::CreateDirectoriesDurably(fs_, dir));
    return fs_->WriteFileAtomically(path, format::json::Write(json));
}

Status Catalog::DropView(std::string_view database, std::string_view name, bool if_exists) {
    std::lock_guard lock(ddl_mutex_);
    std::string path = ViewPath(database, name);
    FL_ASSIGN_OR_RETURN(bool exists, fs_->Exists(path));
    if (!exists) {
        if (if_exists) return Status::OK();
        return Status(ErrorCode::kUnknownTable, "Unknown view '" + std::string(database) + "." + std::string(name) + "'");
    }
    return fs_->DeleteFile(path);
}

}  // namespace flashlake::catalog
