#pragma once

#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

#include "catalog/table_definition.h"
#include "common/result.h"
#include "lake/table_schema.h"

namespace flashlake::io {
class FileSystem;
}

namespace flashlake::catalog {

// A table as the engine sees it: where it lives and its current schema.
struct TableEntry {
    std::string database;
    std::string name;
    std::string path;
    lake::TableSchema schema;
};

// A view: its definition as SQL text and the names of its columns.
struct ViewEntry {
    std::string database;
    std::string name;
    std::string definition;
    std::vector<std::string> column_names;  // empty: the query's own names
};

// Flashlake's own catalog over a warehouse directory in the Paimon filesystem-catalog layout:
// database `db` is the directory `<warehouse>/db.db`, table `t` of it `<warehouse>/db.db/t` with
// schema/, snapshot/, manifest/ and data directories, so that Paimon readers see the same tables.
// What Paimon has no place for (views, later users and materialized views) is kept under
// `<warehouse>/_flashlake/`, which Paimon ignores. Names are case-insensitive (lower case on
// disk), as in StarRocks.
//
// Thread-safe: the metadata lives in files; a mutex orders this process's DDL.
class Catalog {
public:
    static Result<std::unique_ptr<Catalog>> Open(io::FileSystem* fs, std::string warehouse);

    const std::string& warehouse() const { return warehouse_; }

    Result<std::vector<std::string>> ListDatabases();
    Result<bool> DatabaseExists(std::string_view name);
    Status CreateDatabase(std::string_view name, bool if_not_exists);
    // Fails with kInvalidArgument when the database still has tables or views (unless `force`).
    Status DropDatabase(std::string_view name, bool if_exists, bool force);

    Result<std::vector<std::string>> ListTables(std::string_view database);
    Result<TableEntry> GetTable(std::string_view database, std::string_view name);
    Status CreateTable(std::string_view database, std::string_view name, const TableDefinition& definition,
                       bool if_not_exists);
    Status DropTable(std::string_view database, std::string_view name, bool if_exists);

    Result<std::vector<std::string>> ListViews(std::string_view database);
    Result<std::optional<ViewEntry>> GetView(std::string_view database, std::string_view name);
    Status CreateView(const ViewEntry& view, bool or_replace, bool if_not_exists);
    Status DropView(std::string_view database, std::string_view name, bool if_exists);

private:
    Catalog(io::FileSystem* fs, std::string warehouse) : fs_(fs), warehouse_(std::move(warehouse)) {}
    std::string DatabasePath(std::string_view database) const;
    std::string ViewPath(std::string_view database, std::string_view view) const;

    io::FileSystem* fs_;
    std::string warehouse_;
    std::mutex ddl_mutex_;  // orders this process's DDL; other processes race through exclusive creates
};

// The Paimon schema a StarRocks table definition maps to: DUPLICATE KEY is an append table
// (bucket -1, or hash buckets when DISTRIBUTED BY HASH), PRIMARY/UNIQUE KEY a primary-key table
// with the deduplicate merge engine, AGGREGATE KEY one with the aggregation merge engine and a
// per-column aggregate function. PROPERTIES pass through as table options.
Result<lake::TableSchema> ToLakeSchema(const TableDefinition& definition);

}  // namespace flashlake::catalog
