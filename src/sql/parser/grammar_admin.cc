// Session and administration statements: USE, SET, SHOW, KILL, transactions, users, roles,
// GRANT / REVOKE and resource groups.

#include <cctype>

#include "sql/parser/grammar.h"

namespace flashlake::sql {

namespace {

std::string Upper(std::string_view text) {
    std::string out(text);
    for (char& c : out) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    return out;
}

}  // namespace

StatementPtr Grammar::ParseUse() {
    auto use = NewNode<UseStatement>(Expect(Keyword::kUSE).position);
    use->database = ParseQualifiedName(2, "database name");
    return use;
}

StatementPtr Grammar::ParseSet() {
    Position position = Expect(Keyword::kSET).position;
    if (Match(Keyword::kCATALOG)) {
        auto set_catalog = NewNode<SetCatalogStatement>(position);
        set_catalog->catalog = ParseIdentifierOrString("catalog name");
        return set_catalog;
    }
    if (PeekIs(Keyword::kPASSWORD)) FailUnsupported(Peek(), "SET PASSWORD");
    for (std::string_view what : {"ROLE", "DEFAULT", "PROPERTY"}) {
        if (PeekWord(what) && !PeekIs(TokenKind::kEq, 1)) FailUnsupported(Peek(), "SET " + std::string(what));
    }
    auto set = NewNode<SetStatement>(position);
    VariableScope scope = VariableScope::kDefault;
    do {
        set->assignments.push_back(ParseSetAssignment(scope));
    } while (Match(TokenKind::kComma));
    return set;
}

SetAssignment Grammar::ParseSetAssignment(VariableScope& scope) {
    if (Match(Keyword::kGLOBAL)) {
        scope = VariableScope::kGlobal;
    } else if (Match(Keyword::kSESSION) || Match(Keyword::kLOCAL)) {
        scope = VariableScope::kSession;
    }
    SetAssignment assignment;
    assignment.position = Peek().position;
    auto parse_charset = [this] {
        return Match(Keyword::kDEFAULT) ? std::string("DEFAULT") : ParseIdentifierOrString("character set name");
    };
    if (Match(Keyword::kNAMES)) {
        assignment.kind = SetKind::kNames;
        assignment.charset = parse_charset();
        if (Match(Keyword::kCOLLATE)) assignment.collation = ParseIdentifierOrString("collation name");
        return assignment;
    }
    if (PeekIs(Keyword::kTRANSACTION) && !PeekIs(TokenKind::kEq, 1)) {
        ParseSetTransaction(assignment, scope);
        return assignment;
    }
    if (MatchSequence({Keyword::kCHARACTER, Keyword::kSET}) || Match(Keyword::kCHARSET)) {
        assignment.kind = SetKind::kCharset;
        assignment.charset = parse_charset();
        return assignment;
    }
    if (PeekIs(TokenKind::kUserVariable)) {
        assignment.kind = SetKind::kUserVariable;
        assignment.name = Advance().value;
    } else if (PeekIs(TokenKind::kSystemVariable)) {
        ExprPtr variable = ParsePrimary();
        const auto& system = variable->As<VariableExpr>();
        assignment.kind = SetKind::kSystemVariable;
        assignment.scope = system.scope == VariableScope::kDefault ? scope : system.scope;
        assignment.name = system.name;
    } else {
        assignment.kind = SetKind::kSystemVariable;
        assignment.scope = scope;
        assignment.name = ParseIdentifier("variable name");
    }
    if (!Match(TokenKind::kEq) && !Match(TokenKind::kAssign)) FailExpected("'='");
    if (PeekIs(Keyword::kON) || PeekIs(Keyword::kALL) || PeekWord("BINARY")) {
        // MySQL accepts these keywords as values (SET autocommit = ON); they mean their spelling.
        auto literal = NewNode<LiteralExpr>(Peek().position);
        literal->literal_kind = LiteralKind::kString;
        literal->text = Upper(Advance().text);
        assignment.value = std::move(literal);
    } else {
        assignment.value = ParseExpr();
    }
    return assignment;
}

// SET [scope] TRANSACTION {ISOLATION LEVEL level | READ ONLY | READ WRITE}, which JDBC drivers
// send, is the assignment of MySQL's transaction_isolation or transaction_read_only variable.
void Grammar::ParseSetTransaction(SetAssignment& assignment, VariableScope scope) {
    Expect(Keyword::kTRANSACTION);
    assignment.kind = SetKind::kSystemVariable;
    assignment.scope = scope;
    auto value = NewNode<LiteralExpr>(Peek().position);
    if (MatchWord("ISOLATION")) {
        if (!MatchWord("LEVEL")) FailExpected("LEVEL");
        std::string level;
        if (MatchWord("SERIALIZABLE")) {
            level = "SERIALIZABLE";
        } else if (MatchWord("REPEATABLE")) {
            if (!MatchWord("READ")) FailExpected("READ");
            level = "REPEATABLE-READ";
        } else if (MatchWord("READ")) {
            if (MatchWord("COMMITTED")) {
                level = "READ-COMMITTED";
            } else if (MatchWord("UNCOMMITTED")) {
                level = "READ-UNCOMMITTED";
            } else {
                FailExpected("COMMITTED or UNCOMMITTED");
            }
        } else {
            FailExpected("an isolation level (READ COMMITTED, REPEATABLE READ, ...)");
        }
        assignment.name = "transaction_isolation";
        value->literal_kind = LiteralKind::kString;
        value->text = level;
    } else if (MatchWord("READ")) {
        assignment.name = "transaction_read_only";
        value->literal_kind = LiteralKind::kInteger;
        if (MatchWord("ONLY")) {
            value->text = "1";
        } else if (MatchWord("WRITE")) {
            value->text = "0";
        } else {
            FailExpected("ONLY or WRITE");
        }
    } else {
        FailExpected("ISOLATION LEVEL, READ ONLY or READ WRITE");
    }
    assignment.value = std::move(value);
}

void Grammar::ParseShowFilter(ShowStatement& show) {
    if (Match(Keyword::kLIKE)) {
        show.like = ParseString("pattern string");
    } else if (Match(Keyword::kWHERE)) {
        show.where = ParseExpr();
    }
}

StatementPtr Grammar::ParseShow() {
    auto show = NewNode<ShowStatement>(Expect(Keyword::kSHOW).position);
    const Token& full_token = Peek();
    show->full = Match(Keyword::kFULL);
    const Token& scope_token = Peek();
    if (Match(Keyword::kGLOBAL)) {
        show->scope = VariableScope::kGlobal;
    } else if (Match(Keyword::kSESSION) || Match(Keyword::kLOCAL)) {
        show->scope = VariableScope::kSession;
    }
    auto from_clause = [this](size_t max_parts, std::string_view what) {
        QualifiedName name;
        if (Match(Keyword::kFROM) || Match(Keyword::kIN)) name = ParseQualifiedName(max_parts, what);
        return name;
    };
    if (Match(Keyword::kDATABASES) || Match(Keyword::kSCHEMAS)) {
        show->what = ShowKind::kDatabases;
        show->from = from_clause(1, "catalog name");
        ParseShowFilter(*show);
    } else if (Match(Keyword::kTABLES)) {
        show->what = ShowKind::kTables;
        show->from = from_clause(2, "database name");
        ParseShowFilter(*show);
    } else if (Match(Keyword::kCOLUMNS) || Match(Keyword::kFIELDS)) {
        show->what = ShowKind::kColumns;
        if (!Match(Keyword::kFROM)) Expect(Keyword::kIN);
        show->target = ParseQualifiedName(3, "table name");
        QualifiedName database = from_clause(2, "database name");
        show->target.parts.insert(show->target.parts.begin(), database.parts.begin(), database.parts.end());
        ParseShowFilter(*show);
    } else if (Match(Keyword::kCREATE)) {
        size_t max_parts = 3;
        if (Match(Keyword::kTABLE)) {
            show->what = ShowKind::kCreateTable;
        } else if (Match(Keyword::kVIEW)) {
            show->what = ShowKind::kCreateView;
        } else if (MatchSequence({Keyword::kMATERIALIZED, Keyword::kVIEW})) {
            show->what = ShowKind::kCreateMaterializedView;
        } else if (Match(Keyword::kDATABASE) || Match(Keyword::kSCHEMA)) {
            show->what = ShowKind::kCreateDatabase;
            max_parts = 2;
        } else {
            FailExpected("TABLE, VIEW, MATERIALIZED VIEW or DATABASE");
        }
        show->target = ParseQualifiedName(max_parts, "name");
    } else if (Match(Keyword::kVARIABLES)) {
        show->what = ShowKind::kVariables;
        ParseShowFilter(*show);
    } else if (Match(Keyword::kSTATUS)) {
        show->what = ShowKind::kStatus;
        ParseShowFilter(*show);
    } else if (PeekIs(Keyword::kPARTITIONS) || (PeekIs(Keyword::kTEMPORARY) && PeekIs(Keyword::kPARTITIONS, 1))) {
        show->what = ShowKind::kPartitions;
        show->full = Match(Keyword::kTEMPORARY);
        Advance();
        if (!Match(Keyword::kFROM)) Expect(Keyword::kIN);
        show->target = ParseQualifiedName(3, "table name");
        if (Match(Keyword::kWHERE)) show->where = ParseExpr();
    } else if (Match(Keyword::kCATALOGS)) {
        show->what = ShowKind::kCatalogs;
    } else if (Match(Keyword::kLOAD)) {
        show->what = ShowKind::kLoad;
        show->from = from_clause(2, "database name");
        if (Match(Keyword::kWHERE)) show->where = ParseExpr();
    } else if (Match(Keyword::kPROCESSLIST)) {
        show->what = ShowKind::kProcesslist;
    } else if (Match(Keyword::kGRANTS)) {
        show->what = ShowKind::kGrants;
        if (Match(Keyword::kFOR)) show->user = ParseUserIdentity();
    } else if (MatchSequence({Keyword::kMATERIALIZED, Keyword::kVIEWS})) {
        show->what = ShowKind::kMaterializedViews;
        show->from = from_clause(2, "database name");
        ParseShowFilter(*show);
    } else if (PeekIs(Keyword::kWARNINGS) || PeekIs(Keyword::kERRORS)) {
        show->what = Advance().keyword == Keyword::kWARNINGS ? ShowKind::kWarnings : ShowKind::kErrors;
        if (Match(Keyword::kLIMIT)) show->limit = ParseLimitValue();
    } else if (Match(Keyword::kENGINES)) {
        show->what = ShowKind::kEngines;
    } else if (Match(Keyword::kCHARSET) || MatchSequence({Keyword::kCHARACTER, Keyword::kSET})) {
        show->what = ShowKind::kCharset;
        ParseShowFilter(*show);
    } else if (Match(Keyword::kCOLLATION)) {
        show->what = ShowKind::kCollation;
        ParseShowFilter(*show);
    } else if (MatchSequence({Keyword::kTABLE, Keyword::kSTATUS})) {
        show->what = ShowKind::kTableStatus;
        show->from = from_clause(2, "database name");
        ParseShowFilter(*show);
    } else if (Match(Keyword::kINDEX) || MatchWord("INDEXES") || Match(Keyword::kKEY) || MatchWord("KEYS")) {
        show->what = ShowKind::kIndex;
        if (!Match(Keyword::kFROM)) Expect(Keyword::kIN);
        show->target = ParseQualifiedName(3, "table name");
        QualifiedName database = from_clause(2, "database name");
        show->target.parts.insert(show->target.parts.begin(), database.parts.begin(), database.parts.end());
    } else if (Match(Keyword::kUSERS)) {
        show->what = ShowKind::kUsers;
    } else if (Match(Keyword::kROLES)) {
        show->what = ShowKind::kRoles;
    } else if (MatchSequence({Keyword::kRESOURCE, Keyword::kGROUPS})) {
        show->what = ShowKind::kResourceGroups;
        show->full = Match(Keyword::kALL);
    } else if (MatchSequence({Keyword::kRESOURCE, Keyword::kGROUP})) {
        show->what = ShowKind::kResourceGroups;
        show->target = ParseQualifiedName(1, "resource group name");
    } else if (PeekIs(Keyword::kFUNCTIONS) || (PeekWord("BUILTIN") && PeekIs(Keyword::kFUNCTIONS, 1))) {
        show->what = ShowKind::kFunctions;
        bool builtin = MatchWord("BUILTIN");
        Advance();
        if (builtin && show->full) FailAt(full_token, "FULL and BUILTIN cannot be combined");
        show->full = show->full || builtin;
        show->from = from_clause(2, "database name");
        ParseShowFilter(*show);
    } else {
        for (std::string_view unsupported :
             {"PROC",      "BACKENDS",    "FRONTENDS",    "COMPUTE",    "BROKER",         "ROUTINE",    "STREAM",
              "EXPORT",    "ALTER",       "REPOSITORIES", "SNAPSHOT",   "BACKUP",         "RESTORE",    "DATA",
              "TABLET",    "TRANSACTION", "PLUGINS",      "PROPERTY",   "AUTHENTICATION", "PRIVILEGES", "DELETE",
              "DYNAMIC",   "PIPES",       "STORAGE",      "WAREHOUSES", "DICTIONARY",     "TRIGGERS",   "EVENTS",
              "PROCEDURE", "OPEN",        "PROFILELIST",  "RUNNING",    "SQLBLACKLIST"}) {
            if (PeekWord(unsupported)) FailUnsupported(Peek(), "SHOW " + std::string(unsupported));
        }
        FailExpected("what to show (DATABASES, TABLES, COLUMNS, CREATE TABLE, VARIABLES, ...)");
    }
    bool full_allowed = show->what == ShowKind::kTables || show->what == ShowKind::kColumns ||
                        show->what == ShowKind::kProcesslist || show->what == ShowKind::kFunctions;
    if (full_token.Is(Keyword::kFULL) && !full_allowed) FailAt(full_token, "FULL is not allowed here");
    bool scope_allowed = show->what == ShowKind::kVariables || show->what == ShowKind::kStatus;
    if (show->scope != VariableScope::kDefault && !scope_allowed) FailAt(scope_token, "a scope is not allowed here");
    return show;
}

StatementPtr Grammar::ParseKill() {
    auto kill = NewNode<KillStatement>(Expect(Keyword::kKILL).position);
    if (Match(Keyword::kQUERY)) {
        kill->query_only = true;
    } else {
        Match(Keyword::kCONNECTION);
    }
    if (!PeekIs(TokenKind::kInteger) && !PeekIs(TokenKind::kString)) FailExpected("a connection id or query id");
    kill->id = ParsePrimary();
    return kill;
}

StatementPtr Grammar::ParseTransaction() {
    auto transaction = NewNode<TransactionStatement>(Peek().position);
    switch (Advance().keyword) {
        case Keyword::kSTART:
            Expect(Keyword::kTRANSACTION);
            transaction->op = TransactionOp::kBegin;
            break;
        case Keyword::kBEGIN:
            Match(Keyword::kWORK);
            transaction->op = TransactionOp::kBegin;
            break;
        case Keyword::kCOMMIT:
            Match(Keyword::kWORK);
            transaction->op = TransactionOp::kCommit;
            break;
        default:
            Match(Keyword::kWORK);
            transaction->op = TransactionOp::kRollback;
            break;
    }
    return transaction;
}

UserIdentity Grammar::ParseUserIdentity() {
    UserIdentity user;
    user.name = ParseIdentifierOrString("user name");
    // 'name'@'host' lexes as a string followed by the user variable @'host'; they must touch.
    if (PeekIs(TokenKind::kUserVariable) && Peek().offset == tokens_[pos_ - 1].end_offset()) {
        user.host = Advance().value;
    }
    return user;
}

AuthOption Grammar::ParseAuthOption() {
    AuthOption auth;
    if (!Match(Keyword::kIDENTIFIED)) return auth;
    if (Match(Keyword::kBY)) {
        auth.hashed = Match(Keyword::kPASSWORD);
        auth.password = ParseString("password string");
    } else if (Match(Keyword::kWITH)) {
        auth.plugin = ParseIdentifierOrString("authentication plugin");
        if (Match(Keyword::kBY)) {
            auth.password = ParseString("password string");
        } else if (Match(Keyword::kAS)) {
            auth.hashed = true;
            auth.password = ParseString("authentication string");
        }
    } else {
        FailExpected("BY or WITH");
    }
    return auth;
}

StatementPtr Grammar::ParseCreateUser(Position position) {
    Expect(Keyword::kUSER);
    auto create = NewNode<CreateUserStatement>(position);
    create->if_not_exists = ParseIfNotExists();
    create->user = ParseUserIdentity();
    create->auth = ParseAuthOption();
    if (MatchSequence({Keyword::kDEFAULT, Keyword::kROLE})) {
        do {
            create->default_roles.push_back(ParseIdentifierOrString("role name"));
        } while (Match(TokenKind::kComma));
    }
    return create;
}

StatementPtr Grammar::ParseAlterUser(Position position) {
    Expect(Keyword::kUSER);
    auto alter = NewNode<AlterUserStatement>(position);
    alter->if_exists = ParseIfExists();
    alter->user = ParseUserIdentity();
    alter->auth = ParseAuthOption();
    if (MatchSequence({Keyword::kDEFAULT, Keyword::kROLE})) {
        do {
            alter->default_roles.push_back(ParseIdentifierOrString("role name"));
        } while (Match(TokenKind::kComma));
    }
    if (!alter->auth.password && alter->auth.plugin.empty() && alter->default_roles.empty()) {
        FailExpected("IDENTIFIED or DEFAULT ROLE");
    }
    return alter;
}

StatementPtr Grammar::ParseDropUser(Position position) {
    Expect(Keyword::kUSER);
    auto drop = NewNode<DropUserStatement>(position);
    drop->if_exists = ParseIfExists();
    drop->user = ParseUserIdentity();
    return drop;
}

StatementPtr Grammar::ParseRoles(Position position, bool create) {
    Expect(Keyword::kROLE);
    std::vector<std::string> names;
    bool if_clause = create ? ParseIfNotExists() : ParseIfExists();
    do {
        names.push_back(ParseIdentifierOrString("role name"));
    } while (Match(TokenKind::kComma));
    if (create) {
        auto statement = NewNode<CreateRoleStatement>(position);
        statement->if_not_exists = if_clause;
        statement->names = std::move(names);
        return statement;
    }
    auto statement = NewNode<DropRoleStatement>(position);
    statement->if_exists = if_clause;
    statement->names = std::move(names);
    return statement;
}

Grantee Grammar::ParseGrantee() {
    Grantee grantee;
    if (Match(Keyword::kROLE)) {
        grantee.is_role = true;
        grantee.role = ParseIdentifierOrString("role name");
    } else {
        Match(Keyword::kUSER);
        grantee.user = ParseUserIdentity();
    }
    return grantee;
}

GrantObject Grammar::ParseGrantObject() {
    GrantObject object;
    auto parse_part = [this] {
        if (Match(TokenKind::kStar)) return std::string("*");
        return ParseIdentifier("name");
    };
    // Object types of the StarRocks form, longest spelling first.
    static constexpr std::pair<std::string_view, std::string_view> kTypes[] = {
        {"MATERIALIZED", "MATERIALIZED VIEW"},
        {"RESOURCE", "RESOURCE GROUP"},
        {"TABLE", "TABLE"},
        {"DATABASE", "DATABASE"},
        {"CATALOG", "CATALOG"},
        {"VIEW", "VIEW"},
        {"FUNCTION", "FUNCTION"},
        {"USER", "USER"},
    };
    if (Match(Keyword::kALL)) {
        // ALL TABLES IN DATABASE db | ALL TABLES IN ALL DATABASES | ALL DATABASES | ALL CATALOGS ...
        for (auto [first_word, type] : kTypes) {
            if (!PeekWord(first_word) && !PeekWord(std::string(first_word) + "S")) continue;
            object.type = type;
            Advance();
            if (type == "MATERIALIZED VIEW") Expect(Keyword::kVIEWS);
            if (type == "RESOURCE GROUP") Expect(Keyword::kGROUPS);
            break;
        }
        if (object.type.empty()) FailExpected("TABLES, VIEWS, MATERIALIZED VIEWS, FUNCTIONS, DATABASES or CATALOGS");
        bool in_database = object.type == "TABLE" || object.type == "VIEW" || object.type == "MATERIALIZED VIEW" ||
                           object.type == "FUNCTION";
        if (!in_database) {
            object.name = {"*"};
        } else if (Match(Keyword::kIN)) {
            if (Match(Keyword::kALL)) {
                Expect(Keyword::kDATABASES);
                object.name = {"*", "*"};
            } else {
                Expect(Keyword::kDATABASE);
                object.name = {ParseIdentifier("database name"), "*"};
            }
        } else {
            FailExpected("IN");
        }
        return object;
    }
    if (PeekWord("SYSTEM") && (PeekIs(Keyword::kTO, 1) || PeekIs(Keyword::kFROM, 1))) {
        Advance();
        object.type = "SYSTEM";
        return object;
    }
    for (auto [first_word, type] : kTypes) {
        if (!PeekWord(first_word) || PeekIs(TokenKind::kDot, 1) || PeekIs(Keyword::kTO, 1) ||
            PeekIs(Keyword::kFROM, 1)) {
            continue;
        }
        object.type = type;
        Advance();
        if (type == "MATERIALIZED VIEW") Expect(Keyword::kVIEW);
        if (type == "RESOURCE GROUP") Expect(Keyword::kGROUP);
        if (type == "USER") {
            UserIdentity user = ParseUserIdentity();
            object.name = {user.name};
            if (!user.host.empty()) object.name.push_back(user.host);
            return object;
        }
        object.name.push_back(ParseIdentifier("name"));
        while (Match(TokenKind::kDot)) object.name.push_back(ParseNamePart());
        return object;
    }
    // MySQL form: *.*, db.*, db.tbl, tbl.
    object.name.push_back(parse_part());
    if (Match(TokenKind::kDot)) object.name.push_back(parse_part());
    return object;
}

StatementPtr Grammar::ParseGrant(bool revoke) {
    Position position = Advance().position;  // GRANT or REVOKE
    // GRANT privileges ON object TO ... has an ON before the TO; GRANT role TO ... has none.
    bool privileges = false;
    for (size_t i = pos_; i < tokens_.size(); ++i) {
        const Token& token = tokens_[i];
        if (token.Is(Keyword::kON)) privileges = true;
        if (token.Is(Keyword::kON) || token.Is(Keyword::kTO) || token.Is(Keyword::kFROM) ||
            token.Is(TokenKind::kSemicolon) || token.Is(TokenKind::kEnd)) {
            break;
        }
    }
    Keyword direction = revoke ? Keyword::kFROM : Keyword::kTO;
    if (!privileges) {
        auto grant = NewNode<GrantRoleStatement>(position);
        grant->revoke = revoke;
        do {
            grant->roles.push_back(ParseIdentifierOrString("role name"));
        } while (Match(TokenKind::kComma));
        Expect(direction);
        grant->grantee = ParseGrantee();
        return grant;
    }
    auto grant = NewNode<GrantPrivilegeStatement>(position);
    grant->revoke = revoke;
    do {
        std::string privilege;
        while (PeekIs(TokenKind::kWord) && !PeekIs(Keyword::kON)) {
            if (!privilege.empty()) privilege += ' ';
            privilege += Upper(Advance().text);
        }
        if (privilege.empty()) FailExpected("a privilege");
        if (privilege == "ALL PRIVILEGES") privilege = "ALL";
        grant->privileges.push_back(std::move(privilege));
    } while (Match(TokenKind::kComma));
    Expect(Keyword::kON);
    grant->object = ParseGrantObject();
    Expect(direction);
    grant->grantee = ParseGrantee();
    if (!revoke && MatchSequence({Keyword::kWITH, Keyword::kGRANT, Keyword::kOPTION})) grant->with_grant_option = true;
    return grant;
}

std::vector<std::vector<ExprPtr>> Grammar::ParseClassifiers() {
    std::vector<std::vector<ExprPtr>> classifiers;
    do {
        Expect(TokenKind::kLeftParen, "'(' to start a classifier");
        classifiers.push_back(ParseExprList());
        Expect(TokenKind::kRightParen, "')'");
    } while (Match(TokenKind::kComma));
    return classifiers;
}

StatementPtr Grammar::ParseCreateResourceGroup(Position position, bool or_replace) {
    Expect(Keyword::kRESOURCE);
    Expect(Keyword::kGROUP);
    auto create = NewNode<CreateResourceGroupStatement>(position);
    create->if_not_exists = ParseIfNotExists();
    create->or_replace = or_replace || MatchSequence({Keyword::kOR, Keyword::kREPLACE});
    create->name = ParseIdentifier("resource group name");
    if (Match(Keyword::kTO)) create->classifiers = ParseClassifiers();
    Expect(Keyword::kWITH);
    create->properties = ParsePropertyList();
    return create;
}

StatementPtr Grammar::ParseAlterResourceGroup(Position position) {
    Expect(Keyword::kRESOURCE);
    Expect(Keyword::kGROUP);
    auto alter = NewNode<AlterResourceGroupStatement>(position);
    alter->name = ParseIdentifier("resource group name");
    if (Match(Keyword::kADD)) {
        alter->action = ResourceGroupAction::kAddClassifiers;
        alter->classifiers = ParseClassifiers();
    } else if (Match(Keyword::kDROP)) {
        if (Match(Keyword::kALL)) {
            alter->action = ResourceGroupAction::kDropAllClassifiers;
        } else {
            alter->action = ResourceGroupAction::kDropClassifiers;
            Expect(TokenKind::kLeftParen, "'('");
            do {
                alter->classifier_ids.push_back(ParseInteger("classifier id"));
            } while (Match(TokenKind::kComma));
            Expect(TokenKind::kRightParen, "')'");
        }
    } else if (Match(Keyword::kWITH)) {
        alter->action = ResourceGroupAction::kSetProperties;
        alter->properties = ParsePropertyList();
    } else {
        FailExpected("ADD, DROP or WITH");
    }
    return alter;
}

}  // namespace flashlake::sql
