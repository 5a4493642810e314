// ToString of the session, SHOW and access-control statements (admin_statement.h).

#include "sql/parser/admin_statement.h"
#include "sql/parser/printer.h"
#include "sql/parser/quoting.h"

namespace flashlake::sql {

namespace {

std::string UserToString(const UserIdentity& user) {
    std::string out = QuoteString(user.name);
    if (!user.host.empty()) out += "@" + QuoteString(user.host);
    return out;
}

std::string ScopeToString(VariableScope scope) {
    switch (scope) {
        case VariableScope::kGlobal:
            return "GLOBAL ";
        case VariableScope::kSession:
            return "SESSION ";
        default:
            return "";
    }
}

std::string NamesToString(const std::vector<std::string>& names) {
    std::string out;
    for (size_t i = 0; i < names.size(); ++i) out += (i > 0 ? ", " : "") + QuoteIdentifier(names[i]);
    return out;
}

std::string SetToString(const SetStatement& set) {
    std::string out = "SET ";
    for (size_t i = 0; i < set.assignments.size(); ++i) {
        if (i > 0) out += ", ";
        const SetAssignment& assignment = set.assignments[i];
        switch (assignment.kind) {
            case SetKind::kNames:
                out +=
                    "NAMES " + (assignment.charset == "DEFAULT" ? assignment.charset : QuoteString(assignment.charset));
                if (!assignment.collation.empty()) out += " COLLATE " + QuoteString(assignment.collation);
                break;
            case SetKind::kCharset:
                out += "CHARACTER SET " +
                       (assignment.charset == "DEFAULT" ? assignment.charset : QuoteString(assignment.charset));
                break;
            case SetKind::kUserVariable:
                out += "@" +
                       (QuoteIdentifier(assignment.name) == assignment.name ? assignment.name
                                                                            : QuoteString(assignment.name)) +
                       " = " + assignment.value->ToString();
                break;
            case SetKind::kSystemVariable:
                // @@global.x rather than GLOBAL x: a GLOBAL keyword would carry over to the next assignment.
                if (assignment.scope == VariableScope::kGlobal) out += "@@global.";
                if (assignment.scope == VariableScope::kSession) out += "@@session.";
                out +=
                    (assignment.scope == VariableScope::kDefault ? QuoteIdentifier(assignment.name) : assignment.name) +
                    " = " + assignment.value->ToString();
                break;
        }
    }
    return out;
}

std::string ShowToString(const ShowStatement& show) {
    std::string out = "SHOW ";
    auto from = [&show](std::string_view keyword = " FROM ") {
        return show.from.empty() ? std::string() : std::string(keyword) + show.from.ToString();
    };
    auto filter = [&show] {
        if (show.like) return " LIKE " + QuoteString(*show.like);
        if (show.where) return " WHERE " + show.where->ToString();
        return std::string();
    };
    std::string full = show.full ? "FULL " : "";
    switch (show.what) {
        case ShowKind::kDatabases:
            return out + "DATABASES" + from() + filter();
        case ShowKind::kTables:
            return out + full + "TABLES" + from() + filter();
        case ShowKind::kColumns:
            return out + full + "COLUMNS FROM " + show.target.ToString() + filter();
        case ShowKind::kCreateTable:
            return out + "CREATE TABLE " + show.target.ToString();
        case ShowKind::kCreateView:
            return out + "CREATE VIEW " + show.target.ToString();
        case ShowKind::kCreateMaterializedView:
            return out + "CREATE MATERIALIZED VIEW " + show.target.ToString();
        case ShowKind::kCreateDatabase:
            return out + "CREATE DATABASE " + show.target.ToString();
        case ShowKind::kVariables:
            return out + ScopeToString(show.scope) + "VARIABLES" + filter();
        case ShowKind::kStatus:
            return out + ScopeToString(show.scope) + "STATUS" + filter();
        case ShowKind::kPartitions:
            return out + (show.full ? "TEMPORARY " : "") + "PARTITIONS FROM " + show.target.ToString() + filter();
        case ShowKind::kCatalogs:
            return out + "CATALOGS";
        case ShowKind::kLoad:
            return out + "LOAD" + from() + filter();
        case ShowKind::kProcesslist:
            return out + full + "PROCESSLIST";
        case ShowKind::kGrants:
            return out + "GRANTS" + (show.user ? " FOR " + UserToString(*show.user) : "");
        case ShowKind::kMaterializedViews:
            return out + "MATERIALIZED VIEWS" + from() + filter();
        case ShowKind::kWarnings:
        case ShowKind::kErrors:
            return out + (show.what == ShowKind::kWarnings ? "WARNINGS" : "ERRORS") +
                   (show.limit ? " LIMIT " + show.limit->ToString() : "");
        case ShowKind::kEngines:
            return out + "ENGINES";
        case ShowKind::kCharset:
            return out + "CHARSET" + filter();
        case ShowKind::kCollation:
            return out + "COLLATION" + filter();
        case ShowKind::kTableStatus:
            return out + "TABLE STATUS" + from() + filter();
        case ShowKind::kIndex:
            return out + "INDEX FROM " + show.target.ToString();
        case ShowKind::kUsers:
            return out + "USERS";
        case ShowKind::kRoles:
            return out + "ROLES";
        case ShowKind::kResourceGroups:
            if (!show.target.empty()) return out + "RESOURCE GROUP " + show.target.ToString();
            return out + "RESOURCE GROUPS" + (show.full ? " ALL" : "");
        case ShowKind::kFunctions:
            return out + (show.full ? "FULL " : "") + "FUNCTIONS" + from() + filter();
    }
    return out;
}

std::string AuthToString(const AuthOption& auth) {
    if (!auth.plugin.empty()) {
        std::string out = " IDENTIFIED WITH " + QuoteIdentifier(auth.plugin);
        if (auth.password) out += (auth.hashed ? " AS " : " BY ") + QuoteString(*auth.password);
        return out;
    }
    if (!auth.password) return "";
    return std::string(" IDENTIFIED BY ") + (auth.hashed ? "PASSWORD " : "") + QuoteString(*auth.password);
}

std::string DefaultRolesToString(const std::vector<std::string>& roles) {
    return roles.empty() ? "" : " DEFAULT ROLE " + NamesToString(roles);
}

std::string GranteeToString(const Grantee& grantee) {
    return grantee.is_role ? "ROLE " + QuoteIdentifier(grantee.role) : UserToString(grantee.user);
}

std::string GrantObjectToString(const GrantObject& object) {
    auto name = [&object] {
        std::string out;
        for (size_t i = 0; i < object.name.size(); ++i) {
            if (i > 0) out += '.';
            out += object.name[i] == "*" ? "*" : QuoteIdentifier(object.name[i]);
        }
        return out;
    };
    if (object.type.empty()) return name();
    if (object.type == "SYSTEM") return "SYSTEM";
    if (object.type == "USER") {
        UserIdentity user{object.name.at(0), object.name.size() > 1 ? object.name[1] : ""};
        return "USER " + UserToString(user);
    }
    if (object.name.back() == "*") {
        std::string plural = "ALL " + object.type + "S";
        if (object.name.size() == 1) return plural;
        if (object.name[0] == "*") return plural + " IN ALL DATABASES";
        return plural + " IN DATABASE " + QuoteIdentifier(object.name[0]);
    }
    return object.type + " " + name();
}

std::string ClassifiersToString(const std::vector<std::vector<ExprPtr>>& classifiers) {
    std::string out;
    for (size_t i = 0; i < classifiers.size(); ++i)
        out += (i > 0 ? ", (" : "(") + ExprListToString(classifiers[i]) + ")";
    return out;
}

std::string GrantToString(const GrantPrivilegeStatement& grant) {
    std::string out = grant.revoke ? "REVOKE " : "GRANT ";
    for (size_t i = 0; i < grant.privileges.size(); ++i) out += (i > 0 ? ", " : "") + grant.privileges[i];
    out += " ON " + GrantObjectToString(grant.object) + (grant.revoke ? " FROM " : " TO ") +
           GranteeToString(grant.grantee);
    if (grant.with_grant_option) out += " WITH GRANT OPTION";
    return out;
}

std::string AlterResourceGroupToString(const AlterResourceGroupStatement& alter) {
    std::string out = "ALTER RESOURCE GROUP " + QuoteIdentifier(alter.name);
    switch (alter.action) {
        case ResourceGroupAction::kAddClassifiers:
            return out + " ADD " + ClassifiersToString(alter.classifiers);
        case ResourceGroupAction::kDropAllClassifiers:
            return out + " DROP ALL";
        case ResourceGroupAction::kSetProperties:
            return out + " WITH " + PropertyListToString(alter.properties);
        case ResourceGroupAction::kDropClassifiers: {
            out += " DROP (";
            for (size_t i = 0; i < alter.classifier_ids.size(); ++i) {
                out += (i > 0 ? ", " : "") + std::to_string(alter.classifier_ids[i]);
            }
            return out + ")";
        }
    }
    return out;
}

}  // namespace

std::string AdminStatementToString(const Statement& statement) {
    switch (statement.kind) {
        case StatementKind::kUse:
            return "USE " + statement.As<UseStatement>().database.ToString();
        case StatementKind::kSetCatalog:
            return "SET CATALOG " + QuoteIdentifier(statement.As<SetCatalogStatement>().catalog);
        case StatementKind::kSet:
            return SetToString(statement.As<SetStatement>());
        case StatementKind::kShow:
            return ShowToString(statement.As<ShowStatement>());
        case StatementKind::kDescribe: {
            const auto& describe = statement.As<DescribeStatement>();
            return "DESCRIBE " + describe.table.ToString() + (describe.all ? " ALL" : "");
        }
        case StatementKind::kKill: {
            const auto& kill = statement.As<KillStatement>();
            return std::string(kill.query_only ? "KILL QUERY " : "KILL CONNECTION ") + kill.id->ToString();
        }
        case StatementKind::kTransaction: {
            TransactionOp op = statement.As<TransactionStatement>().op;
            return op == TransactionOp::kBegin ? "BEGIN" : op == TransactionOp::kCommit ? "COMMIT" : "ROLLBACK";
        }
        case StatementKind::kCreateUser: {
            const auto& create = statement.As<CreateUserStatement>();
            return std::string("CREATE USER ") + (create.if_not_exists ? "IF NOT EXISTS " : "") +
                   UserToString(create.user) + AuthToString(create.auth) + DefaultRolesToString(create.default_roles);
        }
        case StatementKind::kAlterUser: {
            const auto& alter = statement.As<AlterUserStatement>();
            return std::string("ALTER USER ") + (alter.if_exists ? "IF EXISTS " : "") + UserToString(alter.user) +
                   AuthToString(alter.auth) + DefaultRolesToString(alter.default_roles);
        }
        case StatementKind::kDropUser: {
            const auto& drop = statement.As<DropUserStatement>();
            return std::string("DROP USER ") + (drop.if_exists ? "IF EXISTS " : "") + UserToString(drop.user);
        }
        case StatementKind::kCreateRole: {
            const auto& create = statement.As<CreateRoleStatement>();
            return std::string("CREATE ROLE ") + (create.if_not_exists ? "IF NOT EXISTS " : "") +
                   NamesToString(create.names);
        }
        case StatementKind::kDropRole: {
            const auto& drop = statement.As<DropRoleStatement>();
            return std::string("DROP ROLE ") + (drop.if_exists ? "IF EXISTS " : "") + NamesToString(drop.names);
        }
        case StatementKind::kGrantPrivilege:
            return GrantToString(statement.As<GrantPrivilegeStatement>());
        case StatementKind::kGrantRole: {
            const auto& grant = statement.As<GrantRoleStatement>();
            return std::string(grant.revoke ? "REVOKE " : "GRANT ") + NamesToString(grant.roles) +
                   (grant.revoke ? " FROM " : " TO ") + GranteeToString(grant.grantee);
        }
        case StatementKind::kCreateResourceGroup: {
            const auto& create = statement.As<CreateResourceGroupStatement>();
            std::string out = std::string("CREATE RESOURCE GROUP ") + (create.if_not_exists ? "IF NOT EXISTS " : "") +
                              (create.or_replace ? "OR REPLACE " : "") + QuoteIdentifier(create.name);
            if (!create.classifiers.empty()) out += " TO " + ClassifiersToString(create.classifiers);
            return out + " WITH " + PropertyListToString(create.properties);
        }
        case StatementKind::kAlterResourceGroup:
            return AlterResourceGroupToString(statement.As<AlterResourceGroupStatement>());
        default:
            return "";
    }
}

}  // namespace flashlake::sql
