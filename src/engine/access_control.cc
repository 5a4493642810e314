#include "engine/access_control.h"

#include <algorithm>

#include "engine/session.h"
#include "sql/parser/admin_statement.h"
#include "sql/parser/ddl_statement.h"
#include "sql/parser/statement.h"

namespace flashlake::engine {

namespace {

std::string Lower(std::string text) {
    std::transform(text.begin(), text.end(), text.begin(), [](unsigned char c) { return std::tolower(c); });
    return text;
}

// (database, object) of `[catalog.]db.name` or `name`, lower case.
std::pair<std::string, std::string> SplitName(const sql::QualifiedName& name, const std::string& current_database) {
    const auto& parts = name.parts;
    if (parts.empty()) return {Lower(current_database), ""};
    std::string object = Lower(parts.back());
    // `t$snapshots` and the other system tables are reads of `t`.
    if (size_t dollar = object.find('$'); dollar != std::string::npos) object.resize(dollar);
    std::string database = parts.size() >= 2 ? Lower(parts[parts.size() - 2]) : Lower(current_database);
    return {database, object};
}

std::string DatabaseOf(const sql::QualifiedName& name) {
    return name.parts.empty() ? "" : Lower(name.parts.back());
}

Account ToAccount(const sql::UserIdentity& user) { return Account{user.name, user.host.empty() ? "%" : user.host}; }

Grantee ToGrantee(const sql::Grantee& grantee) {
    if (grantee.is_role) return Grantee{true, Account{grantee.role, ""}};
    return Grantee{false, ToAccount(grantee.user)};
}

bool IsInformationSchema(const std::string& database) { return database == "information_schema"; }

Result<GrantScope> ToScope(const sql::GrantObject& object, const std::string& current_database) {
    if (!object.type.empty() && object.type != "TABLE" && object.type != "DATABASE") {
        return Status::NotSupported("GRANT ON " + object.type +
                                    " is not supported; grant on *.*, db.* or db.table (or TABLE / DATABASE)");
    }
    GrantScope scope;
    const auto& name = object.name;
    if (object.type == "DATABASE") {
        if (name.size() != 1) return Status::InvalidArgument("GRANT ON DATABASE needs one database name");
        scope.database = Lower(name[0]);
        return scope;
    }
    if (name.size() == 1) {
        if (name[0] == "*") {
            // MySQL: `*` alone is the current database.
            if (current_database.empty()) return Status(ErrorCode::kNoDatabaseSelected, "No database selected");
            scope.database = Lower(current_database);
            return scope;
        }
        if (current_database.empty()) return Status(ErrorCode::kNoDatabaseSelected, "No database selected");
        scope.database = Lower(current_database);
        scope.table = Lower(name[0]);
        return scope;
    }
    if (name.size() != 2) return Status::InvalidArgument("grant object names have one or two parts");
    if (name[0] == "*" && name[1] != "*") return Status::InvalidArgument("*.table is not a valid grant object");
    scope.database = name[0] == "*" ? "*" : Lower(name[0]);
    scope.table = name[1] == "*" ? "*" : Lower(name[1]);
    return scope;
}

}  // namespace

AccessControl::AccessControl(AccessContext context) : context_(std::move(context)) {
    if (context_.users == nullptr) return;
    is_root_ = context_.user == UserStore::kRoot;
    account_ = context_.users->FindAccount(context_.user, context_.client_host);
}

std::string AccessControl::Who() const { return "'" + context_.user + "'@'" + context_.client_host + "'"; }

Status AccessControl::Require(Privilege privilege, const std::string& database, const std::string& table) const {
    if (!enabled()) return Status::OK();
    if (account_ && context_.users->HasPrivilege(*account_, privilege, database, table)) return Status::OK();
    if (!account_ || !context_.users->HasAnyPrivilegeIn(*account_, database)) {
        return Status(ErrorCode::kDatabaseAccessDenied,
                      "Access denied for user " + Who() + " to database '" + database + "'");
    }
    return Status(ErrorCode::kTableAccessDenied, std::string(PrivilegeName(privilege)) + " command denied to user " +
                                                     Who() + " for table '" + table + "'");
}

Status AccessControl::RequireDatabase(Privilege privilege, const std::string& database) const {
    if (!enabled()) return Status::OK();
    if (account_ && context_.users->HasPrivilege(*account_, privilege, database, "*")) return Status::OK();
    return Status(ErrorCode::kDatabaseAccessDenied, "Access denied for user " + Who() + " to database '" + database +
                                                        "' (" + PrivilegeName(privilege) + " needed)");
}

Status AccessControl::RequireAdmin(const std::string& what) const {
    if (!enabled()) return Status::OK();
    if (account_ && context_.users->IsAdmin(*account_)) return Status::OK();
    return Status(ErrorCode::kDatabaseAccessDenied,
                  "Access denied for user " + Who() + ": " + what + " needs ALL PRIVILEGES ON *.*");
}

bool AccessControl::CanSeeDatabase(const std::string& database) const {
    if (!enabled() || IsInformationSchema(database)) return true;
    return account_ && context_.users->HasAnyPrivilegeIn(*account_, database);
}

bool AccessControl::CanSeeTable(const std::string& database, const std::string& table) const {
    if (!enabled() || IsInformationSchema(database)) return true;
    if (!account_) return false;
    for (Privilege privilege : {kPrivSelect, kPrivInsert, kPrivUpdate, kPrivDelete, kPrivCreate, kPrivDrop, kPrivAlter}) {
        if (context_.users->HasPrivilege(*account_, privilege, database, table)) return true;
    }
    return false;
}

Status AccessControl::CheckRead(const std::string& database, const std::string& table) const {
    if (!enabled()) return Status::OK();
    if (database.empty() && table == "FILES()") return RequireAdmin("reading files with FILES()");
    if (IsInformationSchema(database)) return Status::OK();
    return Require(kPrivSelect, database, table);
}

Status AccessControl::CheckStatement(const sql::Statement& statement) const {
    if (!enabled()) return Status::OK();
    const std::string& current = context_.current_database;
    auto require_on = [&](Privilege privilege, const sql::QualifiedName& name) {
        auto [database, table] = SplitName(name, current);
        if (database.empty()) return Status(ErrorCode::kNoDatabaseSelected, "No database selected");
        return Require(privilege, database, table);
    };
    auto require_create_in = [&](const sql::QualifiedName& name) {
        auto [database, table] = SplitName(name, current);
        if (database.empty()) return Status(ErrorCode::kNoDatabaseSelected, "No database selected");
        return Require(kPrivCreate, database, table);
    };
    switch (statement.kind) {
        case sql::StatementKind::kInsert: {
            const auto& insert = statement.As<sql::InsertStatement>();
            FL_RETURN_NOT_OK(require_on(kPrivInsert, insert.table));
            if (insert.overwrite) FL_RETURN_NOT_OK(require_on(kPrivDelete, insert.table));
            return Status::OK();
        }
        case sql::StatementKind::kUpdate: return require_on(kPrivUpdate, statement.As<sql::UpdateStatement>().table);
        case sql::StatementKind::kDelete: return require_on(kPrivDelete, statement.As<sql::DeleteStatement>().table);
        case sql::StatementKind::kTruncateTable:
            return require_on(kPrivDelete, statement.As<sql::TruncateTableStatement>().table);
        case sql::StatementKind::kAlterTable:
            return require_on(kPrivAlter, statement.As<sql::AlterTableStatement>().table);
        case sql::StatementKind::kCreateDatabase:
            return RequireDatabase(kPrivCreate, DatabaseOf(statement.As<sql::CreateDatabaseStatement>().name));
        case sql::StatementKind::kCreateTable:
            return require_create_in(statement.As<sql::CreateTableStatement>().name);
        case sql::StatementKind::kCreateView: return require_create_in(statement.As<sql::CreateViewStatement>().name);
        case sql::StatementKind::kCreateMaterializedView:
            return require_create_in(statement.As<sql::CreateMaterializedViewStatement>().name);
        case sql::StatementKind::kRefreshMaterializedView:
            return require_on(kPrivInsert, statement.As<sql::RefreshMaterializedViewStatement>().name);
        case sql::StatementKind::kDrop: {
            const auto& drop = statement.As<sql::DropStatement>();
            switch (drop.object) {
                case sql::ObjectKind::kDatabase: return RequireDatabase(kPrivDrop, DatabaseOf(drop.name));
                case sql::ObjectKind::kCatalog: return RequireAdmin("DROP CATALOG");
                case sql::ObjectKind::kResourceGroup: return RequireAdmin("DROP RESOURCE GROUP");
                default: return require_on(kPrivDrop, drop.name);
            }
        }
        case sql::StatementKind::kCreateCatalog: return RequireAdmin("CREATE CATALOG");
        case sql::StatementKind::kCreateResourceGroup:
        case sql::StatementKind::kAlterResourceGroup: return RequireAdmin("managing resource groups");
        case sql::StatementKind::kUse: {
            std::string database = DatabaseOf(statement.As<sql::UseStatement>().database);
            if (IsInformationSchema(database)) return Status::OK();
            if (account_ && context_.users->HasAnyPrivilegeIn(*account_, database)) return Status::OK();
            return Status(ErrorCode::kDatabaseAccessDenied,
                          "Access denied for user " + Who() + " to database '" + database + "'");
        }
        case sql::StatementKind::kDescribe: {
            auto [database, table] = SplitName(statement.As<sql::DescribeStatement>().table, current);
            return CheckRead(database, table);
        }
        case sql::StatementKind::kShow: {
            const auto& show = statement.As<sql::ShowStatement>();
            switch (show.what) {
                case sql::ShowKind::kColumns:
                case sql::ShowKind::kCreateTable:
                case sql::ShowKind::kCreateView:
                case sql::ShowKind::kCreateMaterializedView:
                case sql::ShowKind::kPartitions:
                case sql::ShowKind::kIndex: {
                    sql::QualifiedName name = show.target;
                    if (name.parts.size() == 1 && !show.from.empty()) {
                        name.parts.insert(name.parts.begin(), show.from.parts.back());
                    }
                    auto [database, table] = SplitName(name, current);
                    return CheckRead(database, table);
                }
                case sql::ShowKind::kUsers: return RequireAdmin("SHOW USERS");
                case sql::ShowKind::kRoles: return RequireAdmin("SHOW ROLES");
                case sql::ShowKind::kGrants:
                    if (show.user && !(account_ && ToAccount(*show.user).name == account_->name &&
                                       (show.user->host.empty() || show.user->host == account_->host))) {
                        return RequireAdmin("SHOW GRANTS FOR another account");
                    }
                    return Status::OK();
                default: return Status::OK();
            }
        }
        case sql::StatementKind::kAlterUser: {
            const auto& alter = statement.As<sql::AlterUserStatement>();
            if (account_ && ToAccount(alter.user) == *account_) return Status::OK();
            return RequireAdmin("ALTER USER");
        }
        case sql::StatementKind::kCreateUser: return RequireAdmin("CREATE USER");
        case sql::StatementKind::kDropUser: return RequireAdmin("DROP USER");
        case sql::StatementKind::kCreateRole: return RequireAdmin("CREATE ROLE");
        case sql::StatementKind::kDropRole: return RequireAdmin("DROP ROLE");
        case sql::StatementKind::kGrantPrivilege:
            return RequireAdmin(statement.As<sql::GrantPrivilegeStatement>().revoke ? "REVOKE" : "GRANT");
        case sql::StatementKind::kGrantRole:
            return RequireAdmin(statement.As<sql::GrantRoleStatement>().revoke ? "REVOKE" : "GRANT");
        default: return Status::OK();
    }
}

std::optional<Result<StatementResult>> AccessControl::ExecuteAccountStatement(const sql::Statement& statement) const {
    UserStore* users = context_.users;
    auto done = [](const Status& status) -> std::optional<Result<StatementResult>> {
        if (!status.ok()) return Result<StatementResult>(status);
        return Result<StatementResult>(StatementResult{});
    };
    auto password_of = [](const sql::AuthOption& auth) -> Result<std::string> {
        if (auth.hashed) return Status::NotSupported("IDENTIFIED BY PASSWORD 'hash' is not supported; give the password");
        if (!auth.plugin.empty() && auth.plugin != "mysql_native_password" && auth.plugin != "caching_sha2_password") {
            return Status::NotSupported("authentication plugin '" + auth.plugin + "' is not supported");
        }
        return auth.password.value_or("");
    };
    switch (statement.kind) {
        case sql::StatementKind::kCreateUser: {
            const auto& create = statement.As<sql::CreateUserStatement>();
            if (!create.default_roles.empty()) return done(Status::NotSupported("DEFAULT ROLE is not supported; roles granted to a user are always active"));
            auto password = password_of(create.auth);
            if (!password.ok()) return done(password.status());
            return done(users->CreateUser(ToAccount(create.user), *password, create.if_not_exists));
        }
        case sql::StatementKind::kAlterUser: {
            const auto& alter = statement.As<sql::AlterUserStatement>();
            if (!alter.default_roles.empty()) return done(Status::NotSupported("DEFAULT ROLE is not supported; roles granted to a user are always active"));
            auto password = password_of(alter.auth);
            if (!password.ok()) return done(password.status());
            return done(users->SetPassword(ToAccount(alter.user), *password, alter.if_exists));
        }
        case sql::StatementKind::kDropUser: {
            const auto& drop = statement.As<sql::DropUserStatement>();
            return done(users->DropUser(ToAccount(drop.user), drop.if_exists));
        }
        case sql::StatementKind::kCreateRole: {
            const auto& create = statement.As<sql::CreateRoleStatement>();
            for (const std::string& name : create.names) {
                if (Status status = users->CreateRole(name, create.if_not_exists); !status.ok()) return done(status);
            }
            return done(Status::OK());
        }
        case sql::StatementKind::kDropRole: {
            const auto& drop = statement.As<sql::DropRoleStatement>();
            for (const std::string& name : drop.names) {
                if (Status status = users->DropRole(name, drop.if_exists); !status.ok()) return done(status);
            }
            return done(Status::OK());
        }
        case sql::StatementKind::kGrantPrivilege: {
            const auto& grant = statement.As<sql::GrantPrivilegeStatement>();
            if (grant.with_grant_option) {
                return done(Status::NotSupported("WITH GRANT OPTION is not supported; accounts with ALL ON *.* manage grants"));
            }
            uint8_t bits = 0;
            for (const std::string& word : grant.privileges) {
                auto bit = ParsePrivilege(word);
                if (!bit) {
                    return done(Status::NotSupported("privilege '" + word +
                                                     "' is not supported; use SELECT, INSERT, UPDATE, DELETE, CREATE, "
                                                     "DROP, ALTER or ALL"));
                }
                bits |= *bit;
            }
            auto scope = ToScope(grant.object, context_.current_database);
            if (!scope.ok()) return done(scope.status());
            Grantee grantee = ToGrantee(grant.grantee);
            return done(grant.revoke ? users->Revoke(grantee, bits, *scope) : users->Grant(grantee, bits, *scope));
        }
        case sql::StatementKind::kGrantRole: {
            const auto& grant = statement.As<sql::GrantRoleStatement>();
            Grantee grantee = ToGrantee(grant.grantee);
            for (const std::string& role : grant.roles) {
                Status status = grant.revoke ? users->RevokeRole(grantee, role) : users->GrantRole(grantee, role);
                if (!status.ok()) return done(status);
            }
            return done(Status::OK());
        }
        case sql::StatementKind::kShow: {
            const auto& show = statement.As<sql::ShowStatement>();
            if (show.what == sql::ShowKind::kGrants) {
                Grantee grantee;
                if (show.user) {
                    // A name without host may be a role.
                    grantee = Grantee{false, ToAccount(*show.user)};
                    if (show.user->host.empty() && !users->GetCredentials(grantee.account)) {
                        auto roles = users->Roles();
                        if (std::find(roles.begin(), roles.end(), show.user->name) != roles.end()) {
                            grantee = Grantee{true, Account{show.user->name, ""}};
                        }
                    }
                } else if (account_) {
                    grantee = Grantee{false, *account_};
                } else {
                    return Result<StatementResult>(Status(ErrorCode::kNotFound, "the current account no longer exists"));
                }
                auto lines = users->ShowGrants(grantee);
                if (!lines.ok()) return Result<StatementResult>(lines.status());
                std::vector<std::vector<std::string>> rows;
                for (auto& line : *lines) rows.push_back({line});
                std::string title = "Grants for " + (grantee.is_role ? grantee.account.name
                                                                     : grantee.account.name + "@" + grantee.account.host);
                return Result<StatementResult>(TextRows({title}, rows));
            }
            if (show.what == sql::ShowKind::kUsers) {
                std::vector<std::vector<std::string>> rows;
                for (const Account& account : users->Users()) rows.push_back({account.ToString()});
                return Result<StatementResult>(TextRows({"User"}, rows));
            }
            if (show.what == sql::ShowKind::kRoles) {
                std::vector<std::vector<std::string>> rows;
                for (const std::string& role : users->Roles()) rows.push_back({role});
                return Result<StatementResult>(TextRows({"Name"}, rows));
            }
            return std::nullopt;
        }
        default: return std::nullopt;
    }
}

}  // namespace flashlake::engine
