#pragma once

#include <optional>
#include <string>

#include "common/result.h"
#include "engine/statement_result.h"
#include "engine/user_store.h"

namespace flashlake::sql {
struct Statement;
}

namespace flashlake::engine {

// Privilege checks for one session's statements, and the statements that manage users, roles
// and grants. What each statement needs:
//   SELECT (and reads inside INSERT ... SELECT, CTAS, subqueries): SELECT on every table or view
//     read (tables read through a view are not checked: a view runs with its owner's rights);
//     FILES() reads the server's files, so it needs ALL on *.* (an admin);
//   INSERT: INSERT; INSERT OVERWRITE: INSERT and DELETE; UPDATE: UPDATE; DELETE and TRUNCATE:
//     DELETE (on the target table);
//   CREATE/DROP DATABASE: CREATE/DROP on db.*; CREATE TABLE/VIEW/MATERIALIZED VIEW: CREATE on the
//     database; DROP TABLE/VIEW/...: DROP on the table; ALTER TABLE: ALTER; REFRESH MATERIALIZED
//     VIEW: INSERT on it;
//   USE db: any privilege in db; DESCRIBE / SHOW CREATE TABLE / SHOW COLUMNS / SHOW PARTITIONS:
//     SELECT on the table;
//   CREATE/ALTER/DROP USER, CREATE/DROP ROLE, GRANT, REVOKE, SHOW USERS/ROLES, SHOW GRANTS FOR
//     another account, CREATE CATALOG, DROP CATALOG, resource groups: ALL on *.* (an admin);
//     ALTER USER of one's own account is allowed to everyone.
// Denials: 1142 (ER_TABLEACCESS_DENIED_ERROR) naming the command, account and table when the
// account holds something in the table's database, else 1044 naming the database; admin-only
// statements are refused with 1044 naming the statement and what it needs.
struct AccessContext {
    UserStore* users = nullptr;  // null: no checks (embedded use)
    std::string user;            // as logged in
    std::string client_host;     // the client's address
    std::string current_database;
};

class AccessControl {
public:
    explicit AccessControl(AccessContext context);

    bool enabled() const { return context_.users != nullptr && !is_root_; }
    // Statement-level checks (targets of writes, DDL, admin statements); reads are checked by
    // CheckRead as the binder resolves names.
    Status CheckStatement(const sql::Statement& statement) const;
    // SELECT on db.table (lower case); database "" with table "FILES()" for the FILES() function.
    Status CheckRead(const std::string& database, const std::string& table) const;
    // Runs a user/role/grant statement or SHOW GRANTS/USERS/ROLES; nullopt for other statements.
    std::optional<Result<StatementResult>> ExecuteAccountStatement(const sql::Statement& statement) const;

    // The check of one table privilege, with the 1142/1044 error when it fails.
    Status Require(Privilege privilege, const std::string& database, const std::string& table) const;
    Status RequireDatabase(Privilege privilege, const std::string& database) const;
    Status RequireAdmin(const std::string& what) const;

    // What listings show (SHOW DATABASES/TABLES, information_schema): a database where the
    // account holds some privilege, a table or view it holds some privilege on.
    bool CanSeeDatabase(const std::string& database) const;
    bool CanSeeTable(const std::string& database, const std::string& table) const;

private:
    std::string Who() const;

    AccessContext context_;
    std::optional<Account> account_;
    bool is_root_ = false;
};

}  // namespace flashlake::engine
