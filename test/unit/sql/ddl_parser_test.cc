#include <gtest/gtest.h>

#include "parse_test_support.h"
#include "sql/parser/parser.h"

namespace flashlake::sql {
namespace {

using testing::ExpectRoundTrip;
using testing::ParseAs;
using testing::ParseError;

TEST(DdlParserTest, CreateTableWithEveryClause) {
    StatementPtr holder;
    const auto& create = ParseAs<CreateTableStatement>(R"(
        CREATE TABLE IF NOT EXISTS shop.orders (
            order_id BIGINT NOT NULL COMMENT 'order id',
            dt DATE NOT NULL,
            user_id BIGINT,
            amount DECIMAL(18, 2) SUM DEFAULT '0',
            status VARCHAR(32) REPLACE_IF_NOT_NULL NULL,
            uv BITMAP BITMAP_UNION,
            tags ARRAY<VARCHAR(20)>,
            created DATETIME DEFAULT CURRENT_TIMESTAMP,
            seq BIGINT AUTO_INCREMENT,
            INDEX idx_user (user_id) USING BITMAP COMMENT 'by user'
        ) ENGINE = olap
        AGGREGATE KEY (order_id, dt, user_id)
        COMMENT 'orders by day'
        PARTITION BY date_trunc('day', dt)
        DISTRIBUTED BY HASH (order_id) BUCKETS 8
        ORDER BY (dt, user_id)
        PROPERTIES ("replication_num" = "1", "storage_medium" = "SSD"))",
                                                       holder);
    EXPECT_TRUE(create.if_not_exists);
    EXPECT_EQ(create.name.parts, (std::vector<std::string>{"shop", "orders"}));
    ASSERT_EQ(create.columns.size(), 9u);
    const ColumnDef& order_id = create.columns[0];
    EXPECT_EQ(order_id.name, "order_id");
    EXPECT_EQ(order_id.type.name, "BIGINT");
    EXPECT_EQ(order_id.nullable, std::optional<bool>(false));
    EXPECT_EQ(order_id.comment, "order id");
    EXPECT_FALSE(create.columns[2].nullable.has_value());
    EXPECT_EQ(create.columns[3].aggregation, AggregationKind::kSum);
    EXPECT_EQ(create.columns[3].default_value->As<LiteralExpr>().text, "0");
    EXPECT_EQ(create.columns[4].aggregation, AggregationKind::kReplaceIfNotNull);
    EXPECT_EQ(create.columns[4].nullable, std::optional<bool>(true));
    EXPECT_EQ(create.columns[5].aggregation, AggregationKind::kBitmapUnion);
    EXPECT_EQ(create.columns[6].type.ToString(), "ARRAY<VARCHAR(20)>");
    EXPECT_EQ(create.columns[7].default_value->As<FunctionCallExpr>().function_name(), "CURRENT_TIMESTAMP");
    EXPECT_TRUE(create.columns[8].auto_increment);
    ASSERT_EQ(create.indexes.size(), 1u);
    EXPECT_EQ(create.indexes[0].index_type, "BITMAP");
    EXPECT_EQ(create.indexes[0].columns, (std::vector<std::string>{"user_id"}));
    EXPECT_EQ(create.engine, "olap");
    EXPECT_EQ(create.keys.kind, KeysKind::kAggregate);
    EXPECT_EQ(create.keys.columns.size(), 3u);
    EXPECT_EQ(create.comment, "orders by day");
    EXPECT_EQ(create.partition.kind, PartitionKind::kExpr);
    ASSERT_EQ(create.partition.exprs.size(), 1u);
    EXPECT_EQ(create.partition.exprs[0]->As<FunctionCallExpr>().function_name(), "date_trunc");
    EXPECT_EQ(create.distribution.kind, DistributionKind::kHash);
    EXPECT_EQ(create.distribution.columns, (std::vector<std::string>{"order_id"}));
    EXPECT_EQ(create.distribution.buckets, 8);
    EXPECT_EQ(create.order_by, (std::vector<std::string>{"dt", "user_id"}));
    ASSERT_EQ(create.properties.size(), 2u);
    EXPECT_EQ(create.properties[0].key, "replication_num");
    EXPECT_EQ(create.properties[0].value, "1");
    EXPECT_EQ(create.columns[1].position, (Position{4, 13}));
}

TEST(DdlParserTest, CreateTableVariants) {
    StatementPtr holder;
    const auto& keyed = ParseAs<CreateTableStatement>(
        "CREATE TABLE t (k INT, v STRING) PRIMARY KEY (k) PARTITION BY (k, v) DISTRIBUTED BY RANDOM", holder);
    EXPECT_EQ(keyed.keys.kind, KeysKind::kPrimary);
    EXPECT_EQ(keyed.partition.exprs.size(), 2u);
    EXPECT_TRUE(keyed.partition.exprs[1]->Is<ColumnRefExpr>());
    EXPECT_EQ(keyed.distribution.kind, DistributionKind::kRandom);
    EXPECT_EQ(keyed.distribution.buckets, 0);
    EXPECT_EQ(ParseAs<CreateTableStatement>("CREATE TABLE t (k INT) DUPLICATE KEY(k)", holder).keys.kind,
              KeysKind::kDuplicate);
    EXPECT_EQ(ParseAs<CreateTableStatement>("CREATE TABLE t (k INT) UNIQUE KEY(k)", holder).keys.kind,
              KeysKind::kUnique);

    const auto& range = ParseAs<CreateTableStatement>(
        "CREATE TABLE t (dt DATE, v INT) DUPLICATE KEY (dt) "
        "PARTITION BY RANGE (dt) (START ('2024-01-01') END ('2024-02-01') EVERY (INTERVAL 1 DAY)) "
        "DISTRIBUTED BY HASH (v)",
        holder);
    EXPECT_EQ(range.partition.kind, PartitionKind::kRange);
    EXPECT_EQ(range.partition.definitions, "(START ('2024-01-01') END ('2024-02-01') EVERY (INTERVAL 1 DAY))");
    EXPECT_EQ(range.distribution.kind, DistributionKind::kHash);
    const auto& list = ParseAs<CreateTableStatement>(
        "CREATE TABLE t (c VARCHAR(10)) PARTITION BY LIST (c) (PARTITION p1 VALUES IN ('a', 'b'))", holder);
    EXPECT_EQ(list.partition.kind, PartitionKind::kList);

    const auto& ctas = ParseAs<CreateTableStatement>(
        "CREATE TABLE summary DISTRIBUTED BY HASH (k) AS SELECT k, count(*) AS n FROM t GROUP BY k", holder);
    EXPECT_TRUE(ctas.columns.empty());
    ASSERT_TRUE(ctas.as_query);
    EXPECT_TRUE(ctas.as_query->Is<SelectNode>());
    const auto& like = ParseAs<CreateTableStatement>("CREATE TABLE t2 LIKE db.t1", holder);
    EXPECT_EQ(like.like_table.parts, (std::vector<std::string>{"db", "t1"}));
    EXPECT_TRUE(ParseAs<CreateTableStatement>("CREATE EXTERNAL TABLE e (a INT)", holder).external);
    EXPECT_TRUE(ParseAs<CreateTableStatement>("CREATE TEMPORARY TABLE e (a INT)", holder).temporary);
    const auto& defaults = ParseAs<CreateTableStatement>(
        "CREATE TABLE t (a INT DEFAULT -1, b DOUBLE DEFAULT (1 + 2), c INT KEY, `date` DATE, `select` INT)", holder);
    EXPECT_EQ(defaults.columns[0].default_value->As<LiteralExpr>().text, "-1");
    EXPECT_TRUE(defaults.columns[1].default_value->Is<BinaryExpr>());
    EXPECT_TRUE(defaults.columns[2].is_key);
    EXPECT_EQ(defaults.columns[4].name, "select");
}

TEST(DdlParserTest, ViewsAndMaterializedViews) {
    StatementPtr holder;
    const auto& view = ParseAs<CreateViewStatement>(
        "CREATE OR REPLACE VIEW v (a COMMENT 'first', b) COMMENT 'my view' AS SELECT x, y FROM t", holder);
    EXPECT_TRUE(view.or_replace);
    ASSERT_EQ(view.columns.size(), 2u);
    EXPECT_EQ(view.columns[0].comment, "first");
    EXPECT_EQ(view.comment, "my view");
    EXPECT_TRUE(view.query->Is<SelectNode>());
    EXPECT_TRUE(ParseAs<CreateViewStatement>("CREATE VIEW IF NOT EXISTS v AS VALUES (1)", holder).if_not_exists);

    const auto& mv = ParseAs<CreateMaterializedViewStatement>(R"(
        CREATE MATERIALIZED VIEW IF NOT EXISTS mv_daily
        COMMENT 'daily gmv'
        DISTRIBUTED BY HASH (dt) BUCKETS 4
        REFRESH DEFERRED ASYNC START ('2024-01-01 00:00:00') EVERY (INTERVAL 10 MINUTE)
        PARTITION BY date_trunc('day', dt)
        ORDER BY (dt)
        PROPERTIES ("partition_refresh_number" = "3")
        AS SELECT dt, sum(amount) AS gmv FROM orders GROUP BY dt)",
                                                              holder);
    EXPECT_TRUE(mv.if_not_exists);
    EXPECT_EQ(mv.name.name(), "mv_daily");
    EXPECT_EQ(mv.comment, "daily gmv");
    EXPECT_EQ(mv.distribution.buckets, 4);
    EXPECT_EQ(mv.refresh.moment, RefreshMoment::kDeferred);
    EXPECT_EQ(mv.refresh.type, RefreshType::kAsync);
    EXPECT_EQ(mv.refresh.start_time, std::optional<std::string>("2024-01-01 00:00:00"));
    ASSERT_TRUE(mv.refresh.every);
    EXPECT_EQ(mv.refresh.every->As<IntervalExpr>().unit, "MINUTE");
    EXPECT_EQ(mv.partition.kind, PartitionKind::kExpr);
    EXPECT_EQ(mv.order_by, (std::vector<std::string>{"dt"}));
    EXPECT_EQ(mv.properties.size(), 1u);
    EXPECT_TRUE(mv.query->Is<SelectNode>());

    EXPECT_EQ(ParseAs<CreateMaterializedViewStatement>("CREATE MATERIALIZED VIEW m REFRESH MANUAL AS SELECT 1", holder)
                  .refresh.type,
              RefreshType::kManual);
    EXPECT_EQ(
        ParseAs<CreateMaterializedViewStatement>("CREATE MATERIALIZED VIEW m REFRESH INCREMENTAL AS SELECT 1", holder)
            .refresh.type,
        RefreshType::kIncremental);
    const auto& immediate = ParseAs<CreateMaterializedViewStatement>(
        "CREATE MATERIALIZED VIEW m PARTITION BY dt REFRESH IMMEDIATE AS SELECT dt FROM t", holder);
    EXPECT_EQ(immediate.refresh.moment, RefreshMoment::kImmediate);
    EXPECT_EQ(immediate.refresh.type, RefreshType::kDefault);
    EXPECT_TRUE(immediate.partition.exprs[0]->Is<ColumnRefExpr>());
    EXPECT_NE(ParseError("CREATE MATERIALIZED VIEW m REFRESH ASYNC REFRESH MANUAL AS SELECT 1")
                  .find("duplicate REFRESH clause"),
              std::string::npos);

    const auto& refresh = ParseAs<RefreshMaterializedViewStatement>(
        "REFRESH MATERIALIZED VIEW db.mv PARTITION START ('2024-01-01') END ('2024-02-01') FORCE WITH SYNC MODE",
        holder);
    EXPECT_EQ(refresh.name.parts, (std::vector<std::string>{"db", "mv"}));
    EXPECT_EQ(refresh.partition_start, std::optional<std::string>("2024-01-01"));
    EXPECT_EQ(refresh.partition_end, std::optional<std::string>("2024-02-01"));
    EXPECT_TRUE(refresh.force);
    EXPECT_EQ(refresh.mode, RefreshMode::kSync);
    EXPECT_EQ(ParseAs<RefreshMaterializedViewStatement>("REFRESH MATERIALIZED VIEW mv", holder).mode,
              RefreshMode::kDefault);
}

TEST(DdlParserTest, DatabasesCatalogsDrops) {
    StatementPtr holder;
    const auto& db = ParseAs<CreateDatabaseStatement>("CREATE DATABASE IF NOT EXISTS hive.sales", holder);
    EXPECT_TRUE(db.if_not_exists);
    EXPECT_EQ(db.name.parts, (std::vector<std::string>{"hive", "sales"}));
    EXPECT_EQ(ParseAs<CreateDatabaseStatement>("CREATE SCHEMA s PROPERTIES ('k' = 'v')", holder).properties.size(), 1u);

    const auto& catalog = ParseAs<CreateCatalogStatement>(
        "CREATE EXTERNAL CATALOG paimon_c COMMENT 'lake' PROPERTIES ('type' = 'paimon', 'paimon.catalog.warehouse' = "
        "'/data/wh')",
        holder);
    EXPECT_EQ(catalog.name, "paimon_c");
    EXPECT_EQ(catalog.comment, "lake");
    EXPECT_EQ(catalog.properties[1].value, "/data/wh");

    struct Case {
        std::string_view sql;
        ObjectKind object;
        bool if_exists;
        bool force;
    };
    for (const Case& c : {Case{"DROP DATABASE IF EXISTS d FORCE", ObjectKind::kDatabase, true, true},
                          Case{"DROP SCHEMA d", ObjectKind::kDatabase, false, false},
                          Case{"DROP TABLE IF EXISTS db.t", ObjectKind::kTable, true, false},
                          Case{"DROP VIEW v", ObjectKind::kView, false, false},
                          Case{"DROP MATERIALIZED VIEW IF EXISTS mv", ObjectKind::kMaterializedView, true, false},
                          Case{"DROP CATALOG hive", ObjectKind::kCatalog, false, false},
                          Case{"DROP RESOURCE GROUP rg", ObjectKind::kResourceGroup, false, false}}) {
        const auto& drop = ParseAs<DropStatement>(c.sql, holder);
        EXPECT_EQ(drop.object, c.object) << c.sql;
        EXPECT_EQ(drop.if_exists, c.if_exists) << c.sql;
        EXPECT_EQ(drop.force, c.force) << c.sql;
    }
    const auto& truncate = ParseAs<TruncateTableStatement>("TRUNCATE TABLE db.t PARTITION (p1, p2)", holder);
    EXPECT_EQ(truncate.table.parts.size(), 2u);
    EXPECT_EQ(truncate.partitions.size(), 2u);
}

TEST(DdlParserTest, AlterTable) {
    StatementPtr holder;
    const auto& alter = ParseAs<AlterTableStatement>(
        "ALTER TABLE t ADD COLUMN c INT DEFAULT '0' AFTER b, DROP COLUMN d, RENAME COLUMN e TO f, "
        "SET ('replication_num' = '3'), MODIFY COLUMN g BIGINT FIRST, ADD COLUMN (h INT, i STRING), RENAME t2, "
        "DROP PARTITION IF EXISTS p20240101",
        holder);
    ASSERT_EQ(alter.actions.size(), 8u);
    EXPECT_EQ(alter.actions[0].kind, AlterActionKind::kAddColumn);
    EXPECT_EQ(alter.actions[0].columns.at(0).name, "c");
    EXPECT_EQ(alter.actions[0].placement, ColumnPlacement::kAfter);
    EXPECT_EQ(alter.actions[0].after_column, "b");
    EXPECT_EQ(alter.actions[1].kind, AlterActionKind::kDropColumn);
    EXPECT_EQ(alter.actions[1].name, "d");
    EXPECT_EQ(alter.actions[2].kind, AlterActionKind::kRenameColumn);
    EXPECT_EQ(alter.actions[2].new_name, "f");
    EXPECT_EQ(alter.actions[3].kind, AlterActionKind::kSetProperties);
    EXPECT_EQ(alter.actions[3].properties.at(0).value, "3");
    EXPECT_EQ(alter.actions[4].kind, AlterActionKind::kModifyColumn);
    EXPECT_EQ(alter.actions[4].placement, ColumnPlacement::kFirst);
    EXPECT_EQ(alter.actions[5].columns.size(), 2u);
    EXPECT_EQ(alter.actions[6].kind, AlterActionKind::kRenameTable);
    EXPECT_EQ(alter.actions[6].name, "t2");
    EXPECT_EQ(alter.actions[7].kind, AlterActionKind::kDropPartition);
    EXPECT_TRUE(alter.actions[7].if_exists);
}

TEST(DdlParserTest, DdlRoundTrips) {
    for (std::string_view sql : {
             "CREATE TABLE IF NOT EXISTS db.t (a INT NOT NULL COMMENT 'x', b VARCHAR(10) NULL DEFAULT 'y', c "
             "DECIMAL(10, 2) SUM, d BITMAP BITMAP_UNION, e HLL HLL_UNION, f INT MAX, g INT MIN, h INT REPLACE, i INT "
             "AUTO_INCREMENT, INDEX ix (a) USING BITMAP COMMENT 'c') ENGINE = olap AGGREGATE KEY (a, b) COMMENT 't' "
             "PARTITION BY (a) DISTRIBUTED BY HASH (a) BUCKETS 3 ORDER BY (a) PROPERTIES ('k' = 'v')",
             "CREATE TABLE t (dt DATETIME) PARTITION BY date_trunc('hour', dt), region DISTRIBUTED BY RANDOM BUCKETS 2",
             "CREATE TABLE t (dt DATE) PARTITION BY RANGE (dt) (PARTITION p1 VALUES LESS THAN ('2024-01-01'))",
             "CREATE TABLE t AS SELECT * FROM u",
             "CREATE TABLE t PROPERTIES ('a' = 'b') AS (SELECT 1 UNION SELECT 2)",
             "CREATE TABLE t LIKE u",
             "CREATE EXTERNAL TABLE t (a ARRAY<MAP<VARCHAR(10), STRUCT<x INT, y DOUBLE>>>)",
             "CREATE VIEW v (a COMMENT 'c') COMMENT 'v' AS SELECT 1",
             "CREATE OR REPLACE VIEW v AS WITH c AS (SELECT 1) SELECT * FROM c",
             "CREATE MATERIALIZED VIEW mv (a, b COMMENT 'bee') PARTITION BY dt DISTRIBUTED BY HASH (dt) REFRESH "
             "IMMEDIATE ASYNC START ('2024-01-01') EVERY (INTERVAL 1 HOUR) ORDER BY (dt) PROPERTIES ('x' = 'y') AS "
             "SELECT dt, count(*) FROM t GROUP BY dt",
             "CREATE MATERIALIZED VIEW mv REFRESH DEFERRED MANUAL AS SELECT 1",
             "CREATE EXTERNAL CATALOG c COMMENT 'x' PROPERTIES ('type' = 'hive')",
             "CREATE DATABASE IF NOT EXISTS d PROPERTIES ('k' = 'v')",
             "DROP MATERIALIZED VIEW IF EXISTS db.mv",
             "DROP DATABASE d FORCE",
             "ALTER TABLE t ADD COLUMN x INT AFTER y, ADD COLUMN (p INT, q INT), DROP COLUMN z, MODIFY COLUMN w "
             "BIGINT NOT NULL FIRST, RENAME COLUMN a TO b, RENAME t2, SET ('k' = 'v'), DROP PARTITION p FORCE",
             "TRUNCATE TABLE t PARTITION (p1)",
             "REFRESH MATERIALIZED VIEW mv PARTITION START ('a') END ('b') FORCE WITH ASYNC MODE",
         }) {
        ExpectRoundTrip(sql);
    }
}

TEST(DdlParserTest, DdlErrors) {
    EXPECT_EQ(ParseError("CREATE TABLE t"),
              "syntax error at line 1, column 15 near end of input: expected '(' with "
              "column definitions, AS query or LIKE");
    EXPECT_EQ(ParseError("CREATE TABLE t (a INT NOT NULL NULL)"),
              "syntax error at line 1, column 32 near 'NULL': duplicate NULL in the definition of column a");
    EXPECT_EQ(ParseError("CREATE TABLE t (a INT) DISTRIBUTED BY HASH (a) BUCKETS 0"),
              "syntax error at line 1, column 56 near '0': bucket count must be positive");
    EXPECT_EQ(ParseError("CREATE OR REPLACE TABLE t (a INT)"),
              "syntax error at line 1, column 8 near 'OR': OR REPLACE is only supported for CREATE VIEW");
    EXPECT_EQ(ParseError("CREATE TABLE select (a INT)"),
              "syntax error at line 1, column 14 near 'select': expected table name ('select' is a reserved word: "
              "write `select` to use it as a name)");
    EXPECT_EQ(ParseError("DROP TABLE"), "syntax error at line 1, column 11 near end of input: expected name");
    auto unsupported = ParseStatement("CREATE FUNCTION f() RETURNS INT");
    ASSERT_FALSE(unsupported.ok());
    EXPECT_EQ(unsupported.status().code(), ErrorCode::kNotSupported);
    EXPECT_EQ(unsupported.status().message(),
              "unsupported statement at line 1, column 8: CREATE FUNCTION is not supported");
}

}  // namespace
}  // namespace flashlake::sql
