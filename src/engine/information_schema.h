#pragma once

#include <optional>
#include <string>

#include "common/result.h"
#include "planner/binder/binder.h"

namespace flashlake::engine {

class Engine;

inline constexpr const char* kInformationSchema = "information_schema";

// The virtual database information_schema, answered from the engine's memory when a query
// names it (the binder's VirtualTableProvider). Its tables: `loads` (the recent loads,
// ingest/load_tracker.h). nullopt for any other database; kUnknownTable for an unknown table.
// New tables (tables, columns, schemata, ...) are one more branch in InformationSchemaTable.
std::optional<Result<planner::Binder::VirtualTable>> InformationSchemaTable(Engine& engine, const std::string& database,
                                                                            const std::string& table);

// SHOW LOAD [FROM db] [WHERE ...] as a query over information_schema.loads (StarRocks' column
// names), for Session::Execute.
std::string ShowLoadQuery(const std::string& database, const std::string& where);

}  // namespace flashlake::engine
