#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "sql/parser/statement.h"

// DDL statements: CREATE / ALTER / DROP of databases, tables, views, materialized views and
// external catalogs, TRUNCATE TABLE and REFRESH MATERIALIZED VIEW.

namespace flashlake::sql {

enum class AggregationKind : uint8_t {
    kNone,
    kSum,
    kMin,
    kMax,
    kReplace,
    kReplaceIfNotNull,
    kBitmapUnion,
    kHllUnion,
    kPercentileUnion,
};

// `name type [KEY] [agg] [NULL | NOT NULL] [AUTO_INCREMENT] [DEFAULT expr] [COMMENT '...']`; the
// attributes after the type may come in any order, each at most once.
struct ColumnDef : AstNode {
    std::string name;
    TypeName type;
    std::optional<bool> nullable;  // unset when neither NULL nor NOT NULL was written
    ExprPtr default_value;         // a literal, CURRENT_TIMESTAMP, or a parenthesized expression
    bool auto_increment = false;
    bool is_key = false;
    AggregationKind aggregation = AggregationKind::kNone;
    std::string comment;
    bool operator==(const ColumnDef&) const = default;
};

// INDEX name (cols) [USING BITMAP] [COMMENT '...'] inside CREATE TABLE.
struct IndexDef : AstNode {
    std::string name;
    std::vector<std::string> columns;
    std::string index_type;  // upper-cased, e.g. "BITMAP"; empty when not given
    std::string comment;
    bool operator==(const IndexDef&) const = default;
};

enum class KeysKind : uint8_t { kNone, kDuplicate, kAggregate, kUnique, kPrimary };

// DUPLICATE KEY (a, b) | AGGREGATE KEY (...) | UNIQUE KEY (...) | PRIMARY KEY (...).
struct KeysDesc {
    KeysKind kind = KeysKind::kNone;
    std::vector<std::string> columns;
    bool operator==(const KeysDesc&) const = default;
};

enum class PartitionKind : uint8_t { kNone, kExpr, kRange, kList };

// PARTITION BY (a, b) | PARTITION BY date_trunc('day', dt) [, ...]   -> kExpr with the expressions
// PARTITION BY RANGE (cols) (definitions) | LIST (cols) (definitions) -> partition columns in exprs;
// the parenthesized partition definitions are kept as written (the binder parses them if needed).
struct PartitionDesc {
    PartitionKind kind = PartitionKind::kNone;
    std::vector<ExprPtr> exprs;
    std::string definitions;
    bool operator==(const PartitionDesc&) const = default;
};

enum class DistributionKind : uint8_t { kNone, kHash, kRandom };

// DISTRIBUTED BY HASH (cols) [BUCKETS n] | DISTRIBUTED BY RANDOM [BUCKETS n]; buckets 0 = not given.
struct DistributionDesc {
    DistributionKind kind = DistributionKind::kNone;
    std::vector<std::string> columns;
    int64_t buckets = 0;
    bool operator==(const DistributionDesc&) const = default;
};

// CREATE DATABASE|SCHEMA [IF NOT EXISTS] [catalog.]db [PROPERTIES (...)].
struct CreateDatabaseStatement : StatementNode<CreateDatabaseStatement, StatementKind::kCreateDatabase> {
    bool if_not_exists = false;
    QualifiedName name;
    PropertyList properties;
    bool operator==(const CreateDatabaseStatement&) const = default;
};

// CREATE [EXTERNAL | TEMPORARY] TABLE [IF NOT EXISTS] name
//   { (column_def | index_def, ...) [table clauses] [AS query] | [table clauses] AS query | LIKE other }
// with table clauses, in this order: ENGINE = e, keys, COMMENT, PARTITION BY, DISTRIBUTED BY,
// ORDER BY (cols), PROPERTIES (...).
struct CreateTableStatement : StatementNode<CreateTableStatement, StatementKind::kCreateTable> {
    bool if_not_exists = false;
    bool external = false;
    bool temporary = false;
    QualifiedName name;
    std::vector<ColumnDef> columns;
    std::vector<IndexDef> indexes;
    std::string engine;  // as written, e.g. "olap"
    KeysDesc keys;
    std::string comment;
    PartitionDesc partition;
    DistributionDesc distribution;
    std::vector<std::string> order_by;
    PropertyList properties;
    QueryPtr as_query;         // CREATE TABLE ... AS query
    QualifiedName like_table;  // CREATE TABLE t LIKE other
    bool operator==(const CreateTableStatement&) const = default;
};

// A column of a view or materialized view column list: `name [COMMENT '...']`.
struct ViewColumn {
    std::string name;
    std::string comment;
    bool operator==(const ViewColumn&) const = default;
};

// CREATE [OR REPLACE] VIEW [IF NOT EXISTS] v [(c1 [COMMENT '..'], ...)] [COMMENT '..'] AS query.
struct CreateViewStatement : StatementNode<CreateViewStatement, StatementKind::kCreateView> {
    bool or_replace = false;
    bool if_not_exists = false;
    QualifiedName name;
    std::vector<ViewColumn> columns;
    std::string comment;
    QueryPtr query;
    bool operator==(const CreateViewStatement&) const = default;
};

enum class RefreshMoment : uint8_t { kDefault, kImmediate, kDeferred };
enum class RefreshType : uint8_t { kDefault, kAsync, kManual, kIncremental };

// REFRESH [IMMEDIATE | DEFERRED] [ASYNC [START ('ts')] [EVERY (INTERVAL n unit)] | MANUAL | INCREMENTAL].
struct RefreshDesc {
    RefreshMoment moment = RefreshMoment::kDefault;
    RefreshType type = RefreshType::kDefault;
    std::optional<std::string> start_time;
    ExprPtr every;  // an IntervalExpr
    bool operator==(const RefreshDesc&) const = default;
};

// CREATE MATERIALIZED VIEW [IF NOT EXISTS] mv [(cols)] [COMMENT '..'] followed, in any order, by
// PARTITION BY, DISTRIBUTED BY, REFRESH, ORDER BY (cols), PROPERTIES (...); then AS query.
struct CreateMaterializedViewStatement
    : StatementNode<CreateMaterializedViewStatement, StatementKind::kCreateMaterializedView> {
    bool if_not_exists = false;
    QualifiedName name;
    std::vector<ViewColumn> columns;
    std::string comment;
    PartitionDesc partition;
    DistributionDesc distribution;
    RefreshDesc refresh;
    std::vector<std::string> order_by;
    PropertyList properties;
    QueryPtr query;
    bool operator==(const CreateMaterializedViewStatement&) const = default;
};

// CREATE EXTERNAL CATALOG [IF NOT EXISTS] c [COMMENT '..'] PROPERTIES (...).
struct CreateCatalogStatement : StatementNode<CreateCatalogStatement, StatementKind::kCreateCatalog> {
    bool if_not_exists = false;
    std::string name;
    std::string comment;
    PropertyList properties;
    bool operator==(const CreateCatalogStatement&) const = default;
};

enum class ObjectKind : uint8_t { kDatabase, kTable, kView, kMaterializedView, kCatalog, kResourceGroup };

// DROP {DATABASE | SCHEMA | TABLE | VIEW | MATERIALIZED VIEW | CATALOG | RESOURCE GROUP}
//   [IF EXISTS] name [FORCE].
struct DropStatement : StatementNode<DropStatement, StatementKind::kDrop> {
    ObjectKind object = ObjectKind::kTable;
    bool if_exists = false;
    QualifiedName name;
    bool force = false;
    bool operator==(const DropStatement&) const = default;
};

enum class AlterActionKind : uint8_t {
    kAddColumn,      // ADD COLUMN def [FIRST | AFTER c], or ADD COLUMN (def, def)
    kDropColumn,     // DROP COLUMN c
    kModifyColumn,   // MODIFY COLUMN def [FIRST | AFTER c]
    kRenameColumn,   // RENAME COLUMN a TO b
    kRenameTable,    // RENAME new_name
    kSetProperties,  // SET ("k" = "v", ...)
    kDropPartition,  // DROP PARTITION [IF EXISTS] p [FORCE]
};

enum class ColumnPlacement : uint8_t { kDefault, kFirst, kAfter };

struct AlterAction : AstNode {
    AlterActionKind kind = AlterActionKind::kAddColumn;
    std::vector<ColumnDef> columns;  // kAddColumn, kModifyColumn
    ColumnPlacement placement = ColumnPlacement::kDefault;
    std::string after_column;
    std::string name;      // dropped column, renamed column, new table name, dropped partition
    std::string new_name;  // kRenameColumn
    PropertyList properties;
    bool if_exists = false;
    bool force = false;
    bool operator==(const AlterAction&) const = default;
};

// ALTER TABLE t action [, action ...].
struct AlterTableStatement : StatementNode<AlterTableStatement, StatementKind::kAlterTable> {
    QualifiedName table;
    std::vector<AlterAction> actions;
    bool operator==(const AlterTableStatement&) const = default;
};

// TRUNCATE TABLE t [PARTITION (p, ...)].
struct TruncateTableStatement : StatementNode<TruncateTableStatement, StatementKind::kTruncateTable> {
    QualifiedName table;
    std::vector<std::string> partitions;
    bool operator==(const TruncateTableStatement&) const = default;
};

enum class RefreshMode : uint8_t { kDefault, kSync, kAsync };

// REFRESH MATERIALIZED VIEW mv [PARTITION START ('a') END ('b')] [FORCE] [WITH {SYNC | ASYNC} MODE].
struct RefreshMaterializedViewStatement
    : StatementNode<RefreshMaterializedViewStatement, StatementKind::kRefreshMaterializedView> {
    QualifiedName name;
    std::optional<std::string> partition_start;
    std::optional<std::string> partition_end;
    bool force = false;
    RefreshMode mode = RefreshMode::kDefault;
    bool operator==(const RefreshMaterializedViewStatement&) const = default;
};

std::string_view AggregationKindText(AggregationKind kind);  // "SUM", "REPLACE_IF_NOT_NULL", ...
std::string_view ObjectKindText(ObjectKind kind);            // "TABLE", "MATERIALIZED VIEW", ...

}  // namespace flashlake::sql
