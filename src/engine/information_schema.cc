#include "engine/information_schema.h"

#include "engine/engine.h"
#include "engine/information_schema_catalog.h"
#include "format/parquet/column_cache.h"
#include "ingest/load_tracker.h"
#include "sql/parser/quoting.h"

namespace flashlake::engine {

namespace {

Value TimeOrNull(int64_t millis) {
    return millis > 0 ? Value::DateTime(millis * 1000) : Value::Null(LogicalType::DateTime());
}

Value TextOrNull(const std::string& text) {
    return text.empty() ? Value::Null(LogicalType::Varchar()) : Value::Varchar(text);
}

planner::Binder::VirtualTable Loads(Engine& engine) {
    planner::Binder::VirtualTable table;
    auto bigint = LogicalType::BigInt();
    auto varchar = LogicalType::Varchar();
    auto datetime = LogicalType::DateTime();
    table.names = {"JOB_ID",        "LABEL",     "DB_NAME",   "TABLE_NAME",  "STATE",
                   "TYPE",          "SCAN_ROWS", "SINK_ROWS", "FILTERED_ROWS", "UNSELECTED_ROWS",
                   "TXN_ID",        "ERROR_MSG", "CREATE_TIME", "LOAD_FINISH_TIME"};
    table.types = {bigint, varchar, varchar, varchar, varchar, varchar, bigint,
                   bigint, bigint,  bigint,  bigint,  varchar, datetime, datetime};
    for (const ingest::LoadRecord& load : engine.ingest().loads().List()) {
        table.rows.push_back({Value::BigInt(load.id), Value::Varchar(load.label), Value::Varchar(load.database),
                              Value::Varchar(load.table), Value::Varchar(load.state), Value::Varchar(load.type),
                              Value::BigInt(load.scan_rows), Value::BigInt(load.loaded_rows),
                              Value::BigInt(load.filtered_rows), Value::BigInt(load.unselected_rows),
                              load.txn_id > 0 ? Value::BigInt(load.txn_id) : Value::Null(bigint),
                              TextOrNull(load.error), TimeOrNull(load.create_time_ms),
                              TimeOrNull(load.finish_time_ms)});
    }
    return table;
}

// One row per cache of the process.
planner::Binder::VirtualTable Caches() {
    planner::Binder::VirtualTable table;
    auto bigint = LogicalType::BigInt();
    table.names = {"CACHE_NAME", "CAPACITY_BYTES", "USED_BYTES", "ENTRIES", "HITS", "MISSES", "EVICTIONS"};
    table.types = {LogicalType::Varchar(), bigint, bigint, bigint, bigint, bigint, bigint};
    auto& cache = format::parquet::ColumnCache::Global();
    auto stats = cache.stats();
    table.rows.push_back({Value::Varchar("column"), Value::BigInt(static_cast<int64_t>(cache.capacity())),
                          Value::BigInt(static_cast<int64_t>(stats.bytes)), Value::BigInt(static_cast<int64_t>(stats.entries)),
                          Value::BigInt(stats.hits), Value::BigInt(stats.misses), Value::BigInt(stats.evictions)});
    return table;
}

}  // namespace

std::optional<Result<planner::Binder::VirtualTable>> InformationSchemaTable(Engine& engine, catalog::Catalog* catalog,
                                                                            const AccessControl& access,
                                                                            const std::string& database,
                                                                            const std::string& table) {
    if (database != kInformationSchema) return std::nullopt;
    const CatalogListing listing{catalog, &engine.file_system(), &access};
    if (table == "schemata") return SchemataTable(listing);
    if (table == "tables") return TablesTable(listing);
    if (table == "columns") return ColumnsTable(listing);
    if (table == "views") return ViewsTable(listing);
    if (table == "loads") return Result<planner::Binder::VirtualTable>(Loads(engine));
    if (table == "caches") return Result<planner::Binder::VirtualTable>(Caches());
    return Result<planner::Binder::VirtualTable>(
        Status(ErrorCode::kUnknownTable, "Unknown table 'information_schema." + table +
                                             "' (it has: schemata, tables, columns, views, loads, caches)"));
}

std::string ShowLoadQuery(const std::string& database, const std::string& where) {
    // StarRocks' SHOW LOAD columns, with the WHERE applied to them (WHERE LABEL = '...', State = ...).
    std::string query =
        "SELECT * FROM (SELECT JOB_ID AS JobId, LABEL AS Label, DB_NAME AS DbName, TABLE_NAME AS TableName, "
        "STATE AS State, TYPE AS Type, SCAN_ROWS AS ScanRows, FILTERED_ROWS AS FilteredRows, "
        "UNSELECTED_ROWS AS UnselectedRows, SINK_ROWS AS SinkRows, TXN_ID AS TxnId, ERROR_MSG AS ErrorMsg, "
        "CREATE_TIME AS CreateTime, LOAD_FINISH_TIME AS LoadFinishTime FROM information_schema.loads WHERE DB_NAME = " +
        sql::QuoteString(database) + ") AS loads";
    if (!where.empty()) query += " WHERE " + where;
    return query + " ORDER BY JobId";
}

}  // namespace flashlake::engine
