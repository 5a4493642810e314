#pragma once

#include <optional>
#include <string>

#include "common/result.h"
#include "catalog/catalog.h"
#include "engine/access_control.h"
#include "planner/binder/binder.h"

namespace flashlake::engine {

class Engine;

inline constexpr const char* kInformationSchema = "information_schema";

// The virtual database information_schema, answered from the engine's memory and the catalog
// when a query names it (the binder's VirtualTableProvider). Its tables: `schemata`, `tables`,
// `columns`, `views` (of `catalog`, what `access` lets the session see;
// information_schema_catalog.h), `loads` (the recent loads, ingest/load_tracker.h) and `caches`
// (the process's caches: capacity, use, hits). nullopt for any other database; kUnknownTable for
// an unknown table.
std::optional<Result<planner::Binder::VirtualTable>> InformationSchemaTable(Engine& engine, catalog::Catalog* catalog,
                                                                            const AccessControl& access,
                                                                            const std::string& database,
                                                                            const std::string& table);

// SHOW LOAD [FROM db] [WHERE ...] as a query over information_schema.loads (StarRocks' column
// names), for Session::Execute.
std::string ShowLoadQuery(const std::string& database, const std::string& where);

}  // namespace flashlake::engine
