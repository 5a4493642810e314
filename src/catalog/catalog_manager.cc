#include "catalog/catalog_manager.h"

#include <algorithm>

#include "common/ascii.h"
#include "format/json/json_parser.h"
#include "format/json/json_writer.h"
#include "io/file_system.h"
#include "lake/commit/table_creation.h"

namespace flashlake::catalog {

namespace {

Status UnknownCatalog(std::string_view name) {
    return Status(ErrorCode::kNotFound, "Unknown catalog '" + std::string(name) + "'");
}

// "file:///data/w" and "file:/data/w" name the local directory; other schemes are not reachable.
Result<std::string> LocalPath(const std::string& location) {
    if (location.rfind("file://", 0) == 0) return location.substr(7);
    if (location.rfind("file:", 0) == 0) return location.substr(5);
    if (location.find("://") != std::string::npos) {
        return Status(ErrorCode::kNotSupported, "warehouse '" + location + "': only local paths are supported");
    }
    return location;
}

}  // namespace

std::string ExternalCatalogInfo::Property(std::string_view key) const {
    for (const auto& [name, value] : properties) {
        if (name == key) return value;
    }
    return "";
}

Result<std::unique_ptr<CatalogManager>> CatalogManager::Open(io::FileSystem* fs, std::string warehouse) {
    std::unique_ptr<CatalogManager> manager(new CatalogManager(fs, warehouse));
    FL_ASSIGN_OR_RETURN(manager->default_, Catalog::Open(fs, std::move(warehouse)));
    FL_RETURN_NOT_OK(manager->LoadDefinitions());
    return manager;
}

std::string CatalogManager::DefinitionPath(std::string_view name) const {
    return warehouse_ + "/_flashlake/catalogs/" + AsciiLower(name) + ".json";
}

Result<std::unique_ptr<Catalog>> CatalogManager::OpenExternal(const ExternalCatalogInfo& info) {
    std::string type = AsciiLower(info.Property("type"));
    if (type != "paimon") {
        return Status(ErrorCode::kNotSupported, "catalog '" + info.name + "': type '" + type +
                                                    "' is not supported; use \"type\" = \"paimon\"");
    }
    std::string kind = AsciiLower(info.Property("paimon.catalog.type"));
    if (!kind.empty() && kind != "filesystem") {
        return Status(ErrorCode::kNotSupported, "catalog '" + info.name + "': paimon.catalog.type '" + kind +
                                                    "' is not supported; only \"filesystem\" is");
    }
    std::string location = info.Property("paimon.catalog.warehouse");
    if (location.empty()) {
        return Status(ErrorCode::kInvalidArgument, "catalog '" + info.name + "' needs \"paimon.catalog.warehouse\"");
    }
    FL_ASSIGN_OR_RETURN(std::string path, LocalPath(location));
    while (path.size() > 1 && path.back() == '/') path.pop_back();
    FL_ASSIGN_OR_RETURN(bool exists, fs_->Exists(path));
    if (!exists) {
        return Status(ErrorCode::kNotFound, "catalog '" + info.name + "': warehouse directory '" + path +
                                                "' does not exist");
    }
    return Catalog::Open(fs_, path);
}

Status CatalogManager::LoadDefinitions() {
    std::string dir = warehouse_ + "/_flashlake/catalogs";
    FL_ASSIGN_OR_RETURN(bool exists, fs_->Exists(dir));
    if (!exists) return Status::OK();
    FL_ASSIGN_OR_RETURN(auto entries, fs_->ListDirectory(dir));
    for (const auto& entry : entries) {
        if (entry.name.size() <= 5 || entry.name.substr(entry.name.size() - 5) != ".json") continue;
        std::string path = dir + "/" + entry.name;
        FL_ASSIGN_OR_RETURN(std::string text, fs_->ReadFile(path));
        auto json = format::json::Parse(text);
        if (!json.ok()) return json.status().WithContext("catalog definition '" + path + "'");
        ExternalCatalogInfo info;
        info.name = entry.name.substr(0, entry.name.size() - 5);
        if (const auto* comment = json->Find("comment"); comment != nullptr && comment->is_string()) {
            info.comment = comment->AsString();
        }
        if (const auto* properties = json->Find("properties"); properties != nullptr && properties->is_object()) {
            for (const auto& [key, value] : properties->AsObject()) {
                if (value.is_string()) info.properties.emplace_back(key, value.AsString());
            }
        }
        // A catalog whose warehouse went away stays listed; using it reports why.
        auto catalog = OpenExternal(info);
        External external{info, catalog.ok() ? std::move(*catalog) : nullptr};
        external_.emplace(info.name, std::move(external));
    }
    return Status::OK();
}

Result<Catalog*> CatalogManager::Get(std::string_view name) {
    std::string key = AsciiLower(name);
    if (key == kDefaultCatalog) return default_.get();
    std::lock_guard lock(mutex_);
    auto it = external_.find(key);
    if (it == external_.end()) return UnknownCatalog(name);
    if (!it->second.catalog) {
        FL_ASSIGN_OR_RETURN(it->second.catalog, OpenExternal(it->second.info));
    }
    return it->second.catalog.get();
}

Status CatalogManager::CreateExternal(ExternalCatalogInfo info, bool if_not_exists) {
    info.name = AsciiLower(info.name);
    FL_RETURN_NOT_OK(lake::ValidateIdentifier("catalog name", info.name));
    for (auto& [key, value] : info.properties) key = AsciiLower(key);
    if (info.name == kDefaultCatalog) return Status(ErrorCode::kAlreadyExists, "catalog 'default_catalog' exists");
    std::lock_guard lock(mutex_);
    if (external_.count(info.name) != 0) {
        if (if_not_exists) return Status::OK();
        return Status(ErrorCode::kAlreadyExists, "Can't create catalog '" + info.name + "'; catalog exists");
    }
    FL_ASSIGN_OR_RETURN(std::unique_ptr<Catalog> catalog, OpenExternal(info));
    auto json = format::json::Value::MakeObject();
    json.Set("comment", info.comment);
    auto properties = format::json::Value::MakeObject();
    for (const auto& [key, value] : info.properties) properties.Set(key, value);
    json.Set("properties", std::move(properties));
    std::string path = DefinitionPath(info.name);
    FL_RETURN_NOT_OK(lake::CreateDirectoriesDurably(fs_, path.substr(0, path.rfind('/'))));
    FL_RETURN_NOT_OK(fs_->WriteFileAtomically(path, format::json::Write(json)));
    std::string name = info.name;
    external_.emplace(name, External{std::move(info), std::move(catalog)});
    return Status::OK();
}

Status CatalogManager::DropExternal(std::string_view name, bool if_exists) {
    std::string key = AsciiLower(name);
    if (key == kDefaultCatalog) return Status(ErrorCode::kInvalidArgument, "the default catalog can't be dropped");
    std::lock_guard lock(mutex_);
    auto it = external_.find(key);
    if (it == external_.end()) return if_exists ? Status::OK() : UnknownCatalog(name);
    FL_RETURN_NOT_OK(fs_->DeleteFile(DefinitionPath(key)));
    external_.erase(it);
    return Status::OK();
}

std::vector<ExternalCatalogInfo> CatalogManager::ListExternal() {
    std::lock_guard lock(mutex_);
    std::vector<ExternalCatalogInfo> infos;
    for (const auto& [name, external] : external_) infos.push_back(external.info);
    return infos;
}

}  // namespace flashlake::catalog
