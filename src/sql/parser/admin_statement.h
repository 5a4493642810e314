#pragma once

#include <optional>
#include <string>
#include <vector>

#include "sql/parser/statement.h"

// Session, introspection and access-control statements: USE, SET, SET CATALOG, SHOW, DESCRIBE,
// KILL, BEGIN/COMMIT/ROLLBACK, users, roles, GRANT/REVOKE and resource groups.

namespace flashlake::sql {

// USE db | USE catalog.db.
struct UseStatement : StatementNode<UseStatement, StatementKind::kUse> {
    QualifiedName database;
    bool operator==(const UseStatement&) const = default;
};

// SET CATALOG c.
struct SetCatalogStatement : StatementNode<SetCatalogStatement, StatementKind::kSetCatalog> {
    std::string catalog;
    bool operator==(const SetCatalogStatement&) const = default;
};

enum class SetKind : uint8_t {
    kSystemVariable,  // [GLOBAL | SESSION] name = value, @@[scope.]name = value
    kUserVariable,    // @name = value (or :=)
    kNames,           // NAMES charset [COLLATE collation]
    kCharset,         // CHARACTER SET charset | CHARSET charset
};

// One assignment of a SET statement. Values are expressions; `ON`, `ALL` and `BINARY` as values
// are string literals and `DEFAULT` a DefaultExpr, as in MySQL.
struct SetAssignment : AstNode {
    SetKind kind = SetKind::kSystemVariable;
    VariableScope scope = VariableScope::kDefault;
    std::string name;
    ExprPtr value;
    std::string charset;    // kNames, kCharset ("DEFAULT" for NAMES DEFAULT)
    std::string collation;  // kNames
    bool operator==(const SetAssignment&) const = default;
};

// SET assignment [, assignment ...]. A GLOBAL or SESSION keyword applies to the assignments
// after it up to the next such keyword, as in MySQL.
struct SetStatement : StatementNode<SetStatement, StatementKind::kSet> {
    std::vector<SetAssignment> assignments;
    bool operator==(const SetStatement&) const = default;
};

// 'name'@'host'; host empty when not written (means '%').
struct UserIdentity {
    std::string name;
    std::string host;
    bool operator==(const UserIdentity&) const = default;
};

enum class ShowKind : uint8_t {
    kDatabases,               // SHOW DATABASES|SCHEMAS [FROM catalog] [LIKE | WHERE]
    kTables,                  // SHOW [FULL] TABLES [FROM db] [LIKE | WHERE]
    kColumns,                 // SHOW [FULL] COLUMNS|FIELDS FROM t [FROM db] [LIKE | WHERE]
    kCreateTable,             // SHOW CREATE TABLE t
    kCreateView,              // SHOW CREATE VIEW v
    kCreateMaterializedView,  // SHOW CREATE MATERIALIZED VIEW mv
    kCreateDatabase,          // SHOW CREATE DATABASE db
    kVariables,               // SHOW [GLOBAL | SESSION] VARIABLES [LIKE | WHERE]
    kStatus,                  // SHOW [GLOBAL | SESSION] STATUS [LIKE | WHERE]
    kPartitions,              // SHOW [TEMPORARY] PARTITIONS FROM t [WHERE]
    kCatalogs,                // SHOW CATALOGS
    kLoad,                    // SHOW LOAD [FROM db] [WHERE]
    kProcesslist,             // SHOW [FULL] PROCESSLIST
    kGrants,                  // SHOW GRANTS [FOR user]
    kMaterializedViews,       // SHOW MATERIALIZED VIEWS [FROM db] [LIKE | WHERE]
    kWarnings,                // SHOW WARNINGS [LIMIT n]
    kErrors,                  // SHOW ERRORS [LIMIT n]
    kEngines,                 // SHOW ENGINES
    kCharset,                 // SHOW CHARSET | SHOW CHARACTER SET [LIKE | WHERE]
    kCollation,               // SHOW COLLATION [LIKE | WHERE]
    kTableStatus,             // SHOW TABLE STATUS [FROM db] [LIKE | WHERE]
    kIndex,                   // SHOW INDEX|INDEXES|KEYS FROM t [FROM db]
    kUsers,                   // SHOW USERS
    kRoles,                   // SHOW ROLES
    kResourceGroups,          // SHOW RESOURCE GROUP[S] [name | ALL]
    kFunctions,               // SHOW [FULL] [BUILTIN] FUNCTIONS [FROM db] [LIKE | WHERE]
};

// SHOW ... in all its forms; which fields are used depends on `what` (see ShowKind).
struct ShowStatement : StatementNode<ShowStatement, StatementKind::kShow> {
    ShowKind what = ShowKind::kDatabases;
    bool full = false;  // FULL, TEMPORARY (partitions), BUILTIN (functions), ALL (resource groups)
    VariableScope scope = VariableScope::kDefault;
    QualifiedName target;  // the table / view / database / resource group shown
    QualifiedName from;    // FROM db (or FROM catalog for DATABASES)
    std::optional<std::string> like;
    ExprPtr where;
    ExprPtr limit;
    std::optional<UserIdentity> user;  // SHOW GRANTS FOR user
    bool operator==(const ShowStatement&) const = default;
};

// DESCRIBE|DESC t [ALL].
struct DescribeStatement : StatementNode<DescribeStatement, StatementKind::kDescribe> {
    QualifiedName table;
    bool all = false;
    bool operator==(const DescribeStatement&) const = default;
};

// KILL [CONNECTION | QUERY] id; id is an integer (connection id) or a string (query id).
struct KillStatement : StatementNode<KillStatement, StatementKind::kKill> {
    bool query_only = false;
    ExprPtr id;
    bool operator==(const KillStatement&) const = default;
};

enum class TransactionOp : uint8_t { kBegin, kCommit, kRollback };

// BEGIN | START TRANSACTION | COMMIT [WORK] | ROLLBACK [WORK].
struct TransactionStatement : StatementNode<TransactionStatement, StatementKind::kTransaction> {
    TransactionOp op = TransactionOp::kBegin;
    bool operator==(const TransactionStatement&) const = default;
};

// IDENTIFIED BY [PASSWORD] 'pw' | IDENTIFIED WITH plugin [BY | AS 'auth'].
struct AuthOption {
    std::optional<std::string> password;  // the password, or the hash when `hashed`
    bool hashed = false;
    std::string plugin;
    bool operator==(const AuthOption&) const = default;
};

// CREATE USER [IF NOT EXISTS] user [auth] [DEFAULT ROLE r, ...].
struct CreateUserStatement : StatementNode<CreateUserStatement, StatementKind::kCreateUser> {
    bool if_not_exists = false;
    UserIdentity user;
    AuthOption auth;
    std::vector<std::string> default_roles;
    bool operator==(const CreateUserStatement&) const = default;
};

// ALTER USER [IF EXISTS] user [auth] [DEFAULT ROLE r, ...].
struct AlterUserStatement : StatementNode<AlterUserStatement, StatementKind::kAlterUser> {
    bool if_exists = false;
    UserIdentity user;
    AuthOption auth;
    std::vector<std::string> default_roles;
    bool operator==(const AlterUserStatement&) const = default;
};

// DROP USER [IF EXISTS] user.
struct DropUserStatement : StatementNode<DropUserStatement, StatementKind::kDropUser> {
    bool if_exists = false;
    UserIdentity user;
    bool operator==(const DropUserStatement&) const = default;
};

// CREATE ROLE [IF NOT EXISTS] r [, r ...].
struct CreateRoleStatement : StatementNode<CreateRoleStatement, StatementKind::kCreateRole> {
    bool if_not_exists = false;
    std::vector<std::string> names;
    bool operator==(const CreateRoleStatement&) const = default;
};

// DROP ROLE [IF EXISTS] r [, r ...].
struct DropRoleStatement : StatementNode<DropRoleStatement, StatementKind::kDropRole> {
    bool if_exists = false;
    std::vector<std::string> names;
    bool operator==(const DropRoleStatement&) const = default;
};

// TO|FROM [USER] user | ROLE r.
struct Grantee {
    bool is_role = false;
    UserIdentity user;
    std::string role;
    bool operator==(const Grantee&) const = default;
};

// What privileges are granted on. MySQL style has an empty type and 1-2 name parts where "*" is a
// wildcard: `*.*`, `db.*`, `db.tbl`. StarRocks style names the type: TABLE db.tbl, DATABASE db,
// CATALOG c, VIEW v, MATERIALIZED VIEW mv, RESOURCE GROUP g, FUNCTION f, SYSTEM (no name); the
// ALL forms are wildcards: ALL TABLES IN DATABASE db = TABLE {db, *}, ALL TABLES IN ALL
// DATABASES = TABLE {*, *}, ALL DATABASES = DATABASE {*}.
struct GrantObject {
    std::string type;
    std::vector<std::string> name;
    bool operator==(const GrantObject&) const = default;
};

// GRANT privilege [, ...] ON object TO grantee [WITH GRANT OPTION] and REVOKE ... FROM grantee.
// Privileges are upper-cased words, multi-word ones joined by a space ("CREATE TABLE", "ALL").
struct GrantPrivilegeStatement : StatementNode<GrantPrivilegeStatement, StatementKind::kGrantPrivilege> {
    bool revoke = false;
    std::vector<std::string> privileges;
    GrantObject object;
    Grantee grantee;
    bool with_grant_option = false;
    bool operator==(const GrantPrivilegeStatement&) const = default;
};

// GRANT role [, ...] TO grantee and REVOKE role [, ...] FROM grantee.
struct GrantRoleStatement : StatementNode<GrantRoleStatement, StatementKind::kGrantRole> {
    bool revoke = false;
    std::vector<std::string> roles;
    Grantee grantee;
    bool operator==(const GrantRoleStatement&) const = default;
};

// CREATE RESOURCE GROUP [IF NOT EXISTS] [OR REPLACE] g TO (classifier), (classifier) WITH (props).
// A classifier is a list of conditions such as user = 'u', role = 'r', query_type IN ('select'),
// source_ip = '10.0.0.0/8', db = 'd', kept as expressions for the binder to check.
struct CreateResourceGroupStatement : StatementNode<CreateResourceGroupStatement, StatementKind::kCreateResourceGroup> {
    bool if_not_exists = false;
    bool or_replace = false;
    std::string name;
    std::vector<std::vector<ExprPtr>> classifiers;
    PropertyList properties;
    bool operator==(const CreateResourceGroupStatement&) const = default;
};

enum class ResourceGroupAction : uint8_t { kAddClassifiers, kDropClassifiers, kDropAllClassifiers, kSetProperties };

// ALTER RESOURCE GROUP g ADD (classifier), ... | DROP (id, ...) | DROP ALL | WITH (props).
struct AlterResourceGroupStatement : StatementNode<AlterResourceGroupStatement, StatementKind::kAlterResourceGroup> {
    std::string name;
    ResourceGroupAction action = ResourceGroupAction::kSetProperties;
    std::vector<std::vector<ExprPtr>> classifiers;
    std::vector<int64_t> classifier_ids;
    PropertyList properties;
    bool operator==(const AlterResourceGroupStatement&) const = default;
};

}  // namespace flashlake::sql
