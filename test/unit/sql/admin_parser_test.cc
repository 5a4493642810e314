#include <gtest/gtest.h>

#include "parse_test_support.h"
#include "sql/parser/parser.h"

namespace flashlake::sql {
namespace {

using testing::ExpectRoundTrip;
using testing::ParseAs;
using testing::ParseError;

TEST(AdminParserTest, UseAndSetCatalog) {
    StatementPtr holder;
    EXPECT_EQ(ParseAs<UseStatement>("USE sales", holder).database.parts, (std::vector<std::string>{"sales"}));
    EXPECT_EQ(ParseAs<UseStatement>("use hive.sales", holder).database.parts,
              (std::vector<std::string>{"hive", "sales"}));
    EXPECT_EQ(ParseAs<SetCatalogStatement>("SET CATALOG paimon_c", holder).catalog, "paimon_c");
}

TEST(AdminParserTest, SetVariables) {
    StatementPtr holder;
    const auto& set = ParseAs<SetStatement>(
        "SET GLOBAL query_timeout = 300, exec_mem_limit = 1024, SESSION pipeline_dop = 0, @@global.x = 'a', "
        "@@session.y = 1, @u := 5, NAMES utf8mb4 COLLATE utf8mb4_general_ci, CHARACTER SET utf8, autocommit = ON",
        holder);
    const auto& a = set.assignments;
    ASSERT_EQ(a.size(), 9u);
    EXPECT_EQ(a[0].kind, SetKind::kSystemVariable);
    EXPECT_EQ(a[0].scope, VariableScope::kGlobal);
    EXPECT_EQ(a[0].name, "query_timeout");
    EXPECT_EQ(a[0].value->As<LiteralExpr>().text, "300");
    EXPECT_EQ(a[1].scope, VariableScope::kGlobal);  // GLOBAL carries over, as in MySQL
    EXPECT_EQ(a[2].scope, VariableScope::kSession);
    EXPECT_EQ(a[3].scope, VariableScope::kGlobal);
    EXPECT_EQ(a[3].name, "x");
    EXPECT_EQ(a[4].scope, VariableScope::kSession);
    EXPECT_EQ(a[5].kind, SetKind::kUserVariable);
    EXPECT_EQ(a[5].name, "u");
    EXPECT_EQ(a[6].kind, SetKind::kNames);
    EXPECT_EQ(a[6].charset, "utf8mb4");
    EXPECT_EQ(a[6].collation, "utf8mb4_general_ci");
    EXPECT_EQ(a[7].kind, SetKind::kCharset);
    EXPECT_EQ(a[7].charset, "utf8");
    EXPECT_EQ(a[8].value->As<LiteralExpr>().text, "ON");

    const auto& plain = ParseAs<SetStatement>("SET sql_mode = DEFAULT", holder);
    EXPECT_EQ(plain.assignments[0].scope, VariableScope::kDefault);
    EXPECT_TRUE(plain.assignments[0].value->Is<DefaultExpr>());
    EXPECT_EQ(ParseAs<SetStatement>("SET NAMES 'utf8'", holder).assignments[0].charset, "utf8");
    EXPECT_EQ(ParseAs<SetStatement>("set names default", holder).assignments[0].charset, "DEFAULT");
    EXPECT_TRUE(
        ParseAs<SetStatement>("SET character_set_results = NULL", holder).assignments[0].value->Is<LiteralExpr>());
    // SET TRANSACTION, as JDBC drivers send it, assigns MySQL's transaction variables.
    const auto& isolation = ParseAs<SetStatement>("SET SESSION TRANSACTION ISOLATION LEVEL READ COMMITTED", holder);
    EXPECT_EQ(isolation.assignments[0].name, "transaction_isolation");
    EXPECT_EQ(isolation.assignments[0].scope, VariableScope::kSession);
    EXPECT_EQ(isolation.assignments[0].value->As<LiteralExpr>().text, "READ-COMMITTED");
    const auto& read_only = ParseAs<SetStatement>("SET TRANSACTION READ ONLY", holder);
    EXPECT_EQ(read_only.assignments[0].name, "transaction_read_only");
    EXPECT_EQ(read_only.assignments[0].value->As<LiteralExpr>().text, "1");
    EXPECT_EQ(ParseAs<SetStatement>("SET transaction_isolation = 'SERIALIZABLE'", holder).assignments[0].name,
              "transaction_isolation");
    auto role = ParseStatement("SET ROLE ALL");
    ASSERT_FALSE(role.ok());
    EXPECT_EQ(role.status().code(), ErrorCode::kNotSupported);
}

TEST(AdminParserTest, Show) {
    StatementPtr holder;
    struct Case {
        std::string_view sql;
        ShowKind what;
    };
    for (const Case& c : {Case{"SHOW DATABASES", ShowKind::kDatabases},
                          Case{"SHOW SCHEMAS FROM hive LIKE 's%'", ShowKind::kDatabases},
                          Case{"SHOW TABLES", ShowKind::kTables},
                          Case{"SHOW FULL TABLES FROM db LIKE 't%'", ShowKind::kTables},
                          Case{"SHOW COLUMNS FROM t", ShowKind::kColumns},
                          Case{"SHOW FULL FIELDS IN t FROM db", ShowKind::kColumns},
                          Case{"SHOW CREATE TABLE db.t", ShowKind::kCreateTable},
                          Case{"SHOW CREATE VIEW v", ShowKind::kCreateView},
                          Case{"SHOW CREATE MATERIALIZED VIEW mv", ShowKind::kCreateMaterializedView},
                          Case{"SHOW CREATE DATABASE d", ShowKind::kCreateDatabase},
                          Case{"SHOW VARIABLES", ShowKind::kVariables},
                          Case{"SHOW GLOBAL VARIABLES LIKE 'query%'", ShowKind::kVariables},
                          Case{"SHOW SESSION VARIABLES WHERE variable_name = 'x'", ShowKind::kVariables},
                          Case{"SHOW STATUS", ShowKind::kStatus},
                          Case{"SHOW PARTITIONS FROM t", ShowKind::kPartitions},
                          Case{"SHOW TEMPORARY PARTITIONS FROM t WHERE PartitionName = 'p1'", ShowKind::kPartitions},
                          Case{"SHOW CATALOGS", ShowKind::kCatalogs},
                          Case{"SHOW LOAD FROM db WHERE label = 'x'", ShowKind::kLoad},
                          Case{"SHOW PROCESSLIST", ShowKind::kProcesslist},
                          Case{"SHOW FULL PROCESSLIST", ShowKind::kProcesslist},
                          Case{"SHOW GRANTS", ShowKind::kGrants},
                          Case{"SHOW GRANTS FOR 'jack'@'%'", ShowKind::kGrants},
                          Case{"SHOW MATERIALIZED VIEWS FROM db LIKE 'mv%'", ShowKind::kMaterializedViews},
                          Case{"SHOW WARNINGS LIMIT 5", ShowKind::kWarnings},
                          Case{"SHOW ERRORS", ShowKind::kErrors},
                          Case{"SHOW ENGINES", ShowKind::kEngines},
                          Case{"SHOW CHARACTER SET", ShowKind::kCharset},
                          Case{"SHOW COLLATION LIKE 'utf8%'", ShowKind::kCollation},
                          Case{"SHOW TABLE STATUS FROM db", ShowKind::kTableStatus},
                          Case{"SHOW INDEXES FROM t", ShowKind::kIndex},
                          Case{"SHOW USERS", ShowKind::kUsers},
                          Case{"SHOW ROLES", ShowKind::kRoles},
                          Case{"SHOW RESOURCE GROUPS ALL", ShowKind::kResourceGroups},
                          Case{"SHOW RESOURCE GROUP rg1", ShowKind::kResourceGroups},
                          Case{"SHOW FULL FUNCTIONS FROM db", ShowKind::kFunctions},
                          Case{"SHOW BUILTIN FUNCTIONS LIKE 'bitmap%'", ShowKind::kFunctions}}) {
        EXPECT_EQ(ParseAs<ShowStatement>(c.sql, holder).what, c.what) << c.sql;
        ExpectRoundTrip(c.sql);
    }
    const auto& tables = ParseAs<ShowStatement>("SHOW FULL TABLES FROM hive.db LIKE 't%'", holder);
    EXPECT_TRUE(tables.full);
    EXPECT_EQ(tables.from.parts, (std::vector<std::string>{"hive", "db"}));
    EXPECT_EQ(tables.like, std::optional<std::string>("t%"));
    const auto& columns = ParseAs<ShowStatement>("SHOW COLUMNS FROM t FROM db", holder);
    EXPECT_EQ(columns.target.parts, (std::vector<std::string>{"db", "t"}));
    const auto& variables = ParseAs<ShowStatement>("SHOW GLOBAL VARIABLES WHERE variable_name LIKE 'a%'", holder);
    EXPECT_EQ(variables.scope, VariableScope::kGlobal);
    EXPECT_TRUE(variables.where);
    const auto& grants = ParseAs<ShowStatement>("SHOW GRANTS FOR jack@'10.0.0.%'", holder);
    ASSERT_TRUE(grants.user.has_value());
    EXPECT_EQ(grants.user->name, "jack");
    EXPECT_EQ(grants.user->host, "10.0.0.%");
    auto backends = ParseStatement("SHOW BACKENDS");
    EXPECT_EQ(backends.status().code(), ErrorCode::kNotSupported);
    EXPECT_EQ(ParseError("SHOW FULL DATABASES"),
              "syntax error at line 1, column 6 near 'FULL': FULL is not allowed here");
    EXPECT_EQ(
        ParseError("SHOW TABLEZ"),
        "syntax error at line 1, column 6 near 'TABLEZ': expected what to show (DATABASES, TABLES, COLUMNS, CREATE "
        "TABLE, VARIABLES, ...)");
}

TEST(AdminParserTest, KillAndTransactions) {
    StatementPtr holder;
    const auto& kill = ParseAs<KillStatement>("KILL 42", holder);
    EXPECT_FALSE(kill.query_only);
    EXPECT_EQ(kill.id->As<LiteralExpr>().text, "42");
    EXPECT_TRUE(ParseAs<KillStatement>("KILL QUERY '0f1e-22'", holder).query_only);
    EXPECT_FALSE(ParseAs<KillStatement>("KILL CONNECTION 7", holder).query_only);
    EXPECT_EQ(ParseAs<TransactionStatement>("BEGIN", holder).op, TransactionOp::kBegin);
    EXPECT_EQ(ParseAs<TransactionStatement>("START TRANSACTION", holder).op, TransactionOp::kBegin);
    EXPECT_EQ(ParseAs<TransactionStatement>("COMMIT WORK", holder).op, TransactionOp::kCommit);
    EXPECT_EQ(ParseAs<TransactionStatement>("rollback", holder).op, TransactionOp::kRollback);
}

TEST(AdminParserTest, UsersAndRoles) {
    StatementPtr holder;
    const auto& create = ParseAs<CreateUserStatement>(
        "CREATE USER IF NOT EXISTS 'jack'@'192.168.%' IDENTIFIED BY 'secret' DEFAULT ROLE "
        "analyst, 'ops'",
        holder);
    EXPECT_TRUE(create.if_not_exists);
    EXPECT_EQ(create.user.name, "jack");
    EXPECT_EQ(create.user.host, "192.168.%");
    EXPECT_EQ(create.auth.password, std::optional<std::string>("secret"));
    EXPECT_FALSE(create.auth.hashed);
    EXPECT_EQ(create.default_roles, (std::vector<std::string>{"analyst", "ops"}));
    const auto& hashed = ParseAs<CreateUserStatement>(
        "CREATE USER u IDENTIFIED BY PASSWORD '*6BB4837EB74329105EE4568DDA7DC67ED2CA2AD9'", holder);
    EXPECT_TRUE(hashed.auth.hashed);
    EXPECT_EQ(hashed.user.host, "");
    const auto& plugin =
        ParseAs<CreateUserStatement>("CREATE USER 'u' IDENTIFIED WITH mysql_native_password BY 'pw'", holder);
    EXPECT_EQ(plugin.auth.plugin, "mysql_native_password");
    EXPECT_EQ(ParseAs<CreateUserStatement>("CREATE USER bob", holder).auth.password, std::nullopt);
    EXPECT_EQ(ParseAs<AlterUserStatement>("ALTER USER 'jack' IDENTIFIED BY 'new'", holder).auth.password,
              std::optional<std::string>("new"));
    EXPECT_TRUE(ParseAs<DropUserStatement>("DROP USER IF EXISTS 'jack'@'%'", holder).if_exists);
    EXPECT_EQ(ParseAs<CreateRoleStatement>("CREATE ROLE analyst, ops", holder).names.size(), 2u);
    EXPECT_TRUE(ParseAs<DropRoleStatement>("DROP ROLE IF EXISTS analyst", holder).if_exists);
    // 'u' @ 'h' with spaces is not a user identity.
    EXPECT_FALSE(ParseStatement("DROP USER 'u' @'h'").ok());
}

TEST(AdminParserTest, GrantAndRevoke) {
    StatementPtr holder;
    const auto& mysql_style =
        ParseAs<GrantPrivilegeStatement>("GRANT SELECT, INSERT ON db.* TO 'jack'@'%' WITH GRANT OPTION", holder);
    EXPECT_EQ(mysql_style.privileges, (std::vector<std::string>{"SELECT", "INSERT"}));
    EXPECT_EQ(mysql_style.object.type, "");
    EXPECT_EQ(mysql_style.object.name, (std::vector<std::string>{"db", "*"}));
    EXPECT_EQ(mysql_style.grantee.user.name, "jack");
    EXPECT_TRUE(mysql_style.with_grant_option);
    const auto& global = ParseAs<GrantPrivilegeStatement>("GRANT ALL PRIVILEGES ON *.* TO ROLE admin", holder);
    EXPECT_EQ(global.privileges, (std::vector<std::string>{"ALL"}));
    EXPECT_EQ(global.object.name, (std::vector<std::string>{"*", "*"}));
    EXPECT_TRUE(global.grantee.is_role);
    EXPECT_EQ(global.grantee.role, "admin");
    const auto& table = ParseAs<GrantPrivilegeStatement>("GRANT SELECT ON TABLE db.orders TO USER 'u'", holder);
    EXPECT_EQ(table.object.type, "TABLE");
    EXPECT_EQ(table.object.name, (std::vector<std::string>{"db", "orders"}));
    const auto& all_tables =
        ParseAs<GrantPrivilegeStatement>("GRANT SELECT ON ALL TABLES IN DATABASE db TO ROLE r", holder);
    EXPECT_EQ(all_tables.object.type, "TABLE");
    EXPECT_EQ(all_tables.object.name, (std::vector<std::string>{"db", "*"}));
    const auto& everything =
        ParseAs<GrantPrivilegeStatement>("GRANT SELECT ON ALL TABLES IN ALL DATABASES TO ROLE r", holder);
    EXPECT_EQ(everything.object.name, (std::vector<std::string>{"*", "*"}));
    const auto& create_table =
        ParseAs<GrantPrivilegeStatement>("GRANT CREATE TABLE, CREATE MATERIALIZED VIEW ON DATABASE db TO r", holder);
    EXPECT_EQ(create_table.privileges, (std::vector<std::string>{"CREATE TABLE", "CREATE MATERIALIZED VIEW"}));
    EXPECT_EQ(create_table.object.type, "DATABASE");
    const auto& mv = ParseAs<GrantPrivilegeStatement>("GRANT REFRESH ON MATERIALIZED VIEW db.mv TO u", holder);
    EXPECT_EQ(mv.object.type, "MATERIALIZED VIEW");
    const auto& system = ParseAs<GrantPrivilegeStatement>("GRANT NODE ON SYSTEM TO u", holder);
    EXPECT_EQ(system.object.type, "SYSTEM");
    const auto& usage = ParseAs<GrantPrivilegeStatement>("GRANT USAGE ON RESOURCE GROUP rg TO u", holder);
    EXPECT_EQ(usage.object.type, "RESOURCE GROUP");
    EXPECT_EQ(usage.object.name, (std::vector<std::string>{"rg"}));
    const auto& revoke = ParseAs<GrantPrivilegeStatement>("REVOKE SELECT ON db.t FROM 'jack'", holder);
    EXPECT_TRUE(revoke.revoke);
    EXPECT_EQ(revoke.object.name, (std::vector<std::string>{"db", "t"}));

    const auto& role = ParseAs<GrantRoleStatement>("GRANT analyst, 'ops' TO USER 'jack'@'%'", holder);
    EXPECT_EQ(role.roles, (std::vector<std::string>{"analyst", "ops"}));
    EXPECT_EQ(role.grantee.user.host, "%");
    const auto& revoke_role = ParseAs<GrantRoleStatement>("REVOKE analyst FROM ROLE lead", holder);
    EXPECT_TRUE(revoke_role.revoke);
    EXPECT_TRUE(revoke_role.grantee.is_role);
}

TEST(AdminParserTest, ResourceGroups) {
    StatementPtr holder;
    const auto& create = ParseAs<CreateResourceGroupStatement>(
        "CREATE RESOURCE GROUP IF NOT EXISTS rg_mv TO (user = 'mv_refresher', query_type IN ('insert')), "
        "(role = 'etl') WITH ('cpu_weight' = '4', 'mem_limit' = '30%', 'concurrency_limit' = '2')",
        holder);
    EXPECT_TRUE(create.if_not_exists);
    EXPECT_EQ(create.name, "rg_mv");
    ASSERT_EQ(create.classifiers.size(), 2u);
    EXPECT_EQ(create.classifiers[0].size(), 2u);
    EXPECT_TRUE(create.classifiers[0][1]->Is<InExpr>());
    EXPECT_EQ(create.properties.size(), 3u);
    EXPECT_TRUE(
        ParseAs<CreateResourceGroupStatement>("CREATE RESOURCE GROUP OR REPLACE g WITH ('cpu_weight' = '1')", holder)
            .or_replace);
    const auto& add = ParseAs<AlterResourceGroupStatement>("ALTER RESOURCE GROUP g ADD (user = 'x')", holder);
    EXPECT_EQ(add.action, ResourceGroupAction::kAddClassifiers);
    const auto& drop = ParseAs<AlterResourceGroupStatement>("ALTER RESOURCE GROUP g DROP (1, 2)", holder);
    EXPECT_EQ(drop.classifier_ids, (std::vector<int64_t>{1, 2}));
    EXPECT_EQ(ParseAs<AlterResourceGroupStatement>("ALTER RESOURCE GROUP g DROP ALL", holder).action,
              ResourceGroupAction::kDropAllClassifiers);
    EXPECT_EQ(ParseAs<AlterResourceGroupStatement>("ALTER RESOURCE GROUP g WITH ('cpu_weight' = '2')", holder).action,
              ResourceGroupAction::kSetProperties);
}

TEST(AdminParserTest, AdminRoundTrips) {
    for (std::string_view sql : {
             "USE hive.db",
             "SET CATALOG `my-catalog`",
             "SET GLOBAL a = 1, b = 'x', SESSION c = DEFAULT, @u = 3, NAMES 'utf8' COLLATE 'utf8_bin', CHARSET latin1",
             "SET @@global.sql_mode = 'STRICT', time_zone = '+08:00'",
             "SET GLOBAL TRANSACTION ISOLATION LEVEL REPEATABLE READ",
             "SET TRANSACTION READ WRITE",
             "KILL QUERY 12",
             "COMMIT",
             "BEGIN",
             "CREATE USER IF NOT EXISTS 'a'@'%' IDENTIFIED BY 'p' DEFAULT ROLE r1, r2",
             "CREATE USER 'b' IDENTIFIED WITH mysql_native_password AS '*ABC'",
             "ALTER USER IF EXISTS 'a' IDENTIFIED BY PASSWORD '*ABC'",
             "DROP USER 'a'@'localhost'",
             "CREATE ROLE IF NOT EXISTS r1, `r-2`",
             "DROP ROLE r1",
             "GRANT SELECT, INSERT ON *.* TO 'u'@'%' WITH GRANT OPTION",
             "GRANT ALL ON db.t TO ROLE r",
             "GRANT SELECT ON ALL TABLES IN DATABASE db TO ROLE r",
             "GRANT SELECT ON ALL VIEWS IN ALL DATABASES TO ROLE r",
             "GRANT USAGE ON ALL CATALOGS TO 'u'",
             "GRANT CREATE DATABASE ON CATALOG default_catalog TO 'u'",
             "GRANT IMPERSONATE ON USER 'a'@'%' TO 'b'",
             "GRANT OPERATE ON SYSTEM TO ROLE ops",
             "REVOKE SELECT ON TABLE db.t FROM ROLE r",
             "GRANT r1, r2 TO 'u'",
             "REVOKE r1 FROM ROLE r2",
             "CREATE RESOURCE GROUP g TO (user = 'u', source_ip = '10.0.0.0/8'), (db = 'd') WITH ('cpu_weight' = '2')",
             "ALTER RESOURCE GROUP g DROP (3)",
             "DROP RESOURCE GROUP g",
         }) {
        ExpectRoundTrip(sql);
    }
}

}  // namespace
}  // namespace flashlake::sql
