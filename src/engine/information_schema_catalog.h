#pragma once

#include "catalog/catalog.h"
#include "engine/access_control.h"
#include "planner/binder/binder.h"

namespace flashlake::io {
class FileSystem;
}

namespace flashlake::engine {

// information_schema's views of a catalog, with MySQL's column names (what BI tools and
// connectors query): schemata, tables, columns, views. Only what the session's account may see
// is listed (AccessControl::CanSeeDatabase / CanSeeTable), as in MySQL.
struct CatalogListing {
    catalog::Catalog* catalog;
    io::FileSystem* fs;  // for the tables' latest snapshots (row counts, update times)
    const AccessControl* access;
};

Result<planner::Binder::VirtualTable> SchemataTable(const CatalogListing& listing);
Result<planner::Binder::VirtualTable> TablesTable(const CatalogListing& listing);
Result<planner::Binder::VirtualTable> ColumnsTable(const CatalogListing& listing);
Result<planner::Binder::VirtualTable> ViewsTable(const CatalogListing& listing);

}  // namespace flashlake::engine
