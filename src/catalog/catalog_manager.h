#pragma once

#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "catalog/catalog.h"
#include "common/result.h"

namespace flashlake::catalog {

// An external catalog as CREATE EXTERNAL CATALOG defined it.
struct ExternalCatalogInfo {
    std::string name;
    std::string comment;
    std::vector<std::pair<std::string, std::string>> properties;  // as given, keys lower case

    std::string Property(std::string_view key) const;
};

// The catalogs of an instance: `default_catalog` (Flashlake's own warehouse) and external Paimon
// filesystem catalogs, whose warehouse directories are read in the same layout. External
// catalog definitions persist in `<warehouse>/_flashlake/catalogs/<name>.json`. Thread-safe.
class CatalogManager {
public:
    static constexpr std::string_view kDefaultCatalog = "default_catalog";

    static Result<std::unique_ptr<CatalogManager>> Open(io::FileSystem* fs, std::string warehouse);

    Catalog& default_catalog() { return *default_; }
    // kNotFound ("Unknown catalog 'x'") for a name that is neither.
    Result<Catalog*> Get(std::string_view name);
    // Checks the properties (type = paimon, paimon.catalog.type = filesystem, an existing
    // paimon.catalog.warehouse) before recording the catalog.
    Status CreateExternal(ExternalCatalogInfo info, bool if_not_exists);
    Status DropExternal(std::string_view name, bool if_exists);
    // Every external catalog, by name.
    std::vector<ExternalCatalogInfo> ListExternal();

private:
    CatalogManager(io::FileSystem* fs, std::string warehouse) : fs_(fs), warehouse_(std::move(warehouse)) {}
    std::string DefinitionPath(std::string_view name) const;
    Result<std::unique_ptr<Catalog>> OpenExternal(const ExternalCatalogInfo& info);
    Status LoadDefinitions();

    struct External {
        ExternalCatalogInfo info;
        std::unique_ptr<Catalog> catalog;
    };

    io::FileSystem* fs_;
    std::string warehouse_;
    std::unique_ptr<Catalog> default_;
    std::mutex mutex_;
    std::map<std::string, External, std::less<>> external_;  // guarded by mutex_
};

}  // namespace flashlake::catalog
