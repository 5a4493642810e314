// Statement dispatch and the data statements: queries, INSERT, UPDATE, DELETE, EXPLAIN, DESCRIBE.

#include <cctype>

#include "sql/parser/grammar.h"

namespace flashlake::sql {

namespace {

// First words of StarRocks statements that Flashlake does not implement: they get a clear
// "not supported" error instead of a syntax error.
constexpr std::string_view kUnsupportedStatements[] = {
    "ADMIN", "ANALYZE", "BACKUP",  "CANCEL",  "CLEAN",  "EXECUTE", "EXPORT", "INSTALL", "LOAD",
    "PAUSE", "PREPARE", "RECOVER", "RESTORE", "RESUME", "STOP",    "SUBMIT", "SYNC",    "UNINSTALL",
};

std::string Upper(std::string_view text) {
    std::string out(text);
    for (char& c : out) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    return out;
}

}  // namespace

StatementPtr Grammar::ParseStatement() {
    implicit_alias_index_ = static_cast<size_t>(-1);
    if (PeekQueryStart()) return ParseQueryStatement();
    const Token& token = Peek();
    switch (token.keyword) {
        case Keyword::kINSERT:
            return ParseInsert();
        case Keyword::kUPDATE:
            return ParseUpdate();
        case Keyword::kDELETE:
            return ParseDelete();
        case Keyword::kEXPLAIN:
            return ParseExplain();
        case Keyword::kDESC:
        case Keyword::kDESCRIBE:
            return ParseDescribe();
        case Keyword::kCREATE:
            return ParseCreate();
        case Keyword::kDROP:
            return ParseDrop();
        case Keyword::kALTER:
            return ParseAlter();
        case Keyword::kTRUNCATE:
            return ParseTruncate();
        case Keyword::kREFRESH:
            return ParseRefresh();
        case Keyword::kUSE:
            return ParseUse();
        case Keyword::kSET:
            return ParseSet();
        case Keyword::kSHOW:
            return ParseShow();
        case Keyword::kKILL:
            return ParseKill();
        case Keyword::kBEGIN:
        case Keyword::kSTART:
        case Keyword::kCOMMIT:
        case Keyword::kROLLBACK:
            return ParseTransaction();
        case Keyword::kGRANT:
            return ParseGrant(false);
        case Keyword::kREVOKE:
            return ParseGrant(true);
        default:
            break;
    }
    if (token.kind == TokenKind::kWord) {
        std::string word = Upper(token.text);
        for (std::string_view unsupported : kUnsupportedStatements) {
            if (word == unsupported) FailUnsupported(token, word + " statement");
        }
        static constexpr std::string_view kStatementKeywords[] = {"SELECT", "INSERT", "UPDATE", "DELETE",   "CREATE",
                                                                  "DROP",   "ALTER",  "SHOW",   "EXPLAIN",  "DESCRIBE",
                                                                  "VALUES", "GRANT",  "REVOKE", "TRUNCATE", "REFRESH"};
        std::string_view suggestion = SuggestKeyword(token.text, kStatementKeywords);
        if (!suggestion.empty()) Fail("expected a statement; did you mean " + std::string(suggestion) + "?");
    }
    FailExpected("a statement");
}

StatementPtr Grammar::ParseQueryStatement() {
    auto statement = NewNode<QueryStatement>(Peek().position);
    statement->query = ParseQuery();
    return statement;
}

std::vector<std::string> Grammar::ParsePartitionNames() {
    Advance();  // PARTITION or PARTITIONS
    if (PeekIs(TokenKind::kLeftParen)) {
        Advance();
        std::vector<std::string> names;
        do {
            std::string name = ParseIdentifier("partition name");
            if (Match(TokenKind::kEq)) {
                // `col = value` names a partition by value, spelled as its path ("col=value").
                bool negative = Match(TokenKind::kMinus);
                const Token& value = Peek();
                if (value.kind == TokenKind::kString && !negative) {
                    name += "=" + value.value;
                } else if (value.kind == TokenKind::kInteger || value.kind == TokenKind::kDecimal) {
                    name += "=" + std::string(negative ? "-" : "") + std::string(value.text);
                } else {
                    FailExpected("partition value (a string or a number)");
                }
                Advance();
            }
            names.push_back(std::move(name));
        } while (Match(TokenKind::kComma));
        Expect(TokenKind::kRightParen, "')'");
        return names;
    }
    return {ParseIdentifier("partition name")};
}

StatementPtr Grammar::ParseInsert() {
    auto insert = NewNode<InsertStatement>(Expect(Keyword::kINSERT).position);
    if (Match(Keyword::kOVERWRITE)) {
        insert->overwrite = true;
        Match(Keyword::kTABLE);
    } else {
        Expect(Keyword::kINTO);
    }
    insert->table = ParseQualifiedName(3, "table name");
    if (PeekIs(Keyword::kPARTITION) || PeekIs(Keyword::kPARTITIONS)) insert->partitions = ParsePartitionNames();
    if (MatchSequence({Keyword::kWITH, Keyword::kLABEL})) insert->label = ParseIdentifierOrString("label");
    if (PeekIs(TokenKind::kLeftParen) && !PeekQueryStart()) insert->columns = ParseParenthesizedNames();
    if (!PeekQueryStart()) FailExpected("VALUES or a query");
    insert->source = ParseQuery();
    return insert;
}

StatementPtr Grammar::ParseUpdate() {
    auto update = NewNode<UpdateStatement>(Expect(Keyword::kUPDATE).position);
    update->table = ParseQualifiedName(3, "table name");
    ParseOptionalAlias(update->alias, false);
    Expect(Keyword::kSET);
    do {
        Assignment assignment;
        assignment.column.push_back(ParseIdentifier("column name"));
        while (Match(TokenKind::kDot)) assignment.column.push_back(ParseNamePart());
        Expect(TokenKind::kEq, "'='");
        assignment.value = ParseExpr();
        update->assignments.push_back(std::move(assignment));
    } while (Match(TokenKind::kComma));
    if (Match(Keyword::kFROM)) update->from = ParseFromList();
    if (Match(Keyword::kWHERE)) update->where = ParseExpr();
    return update;
}

StatementPtr Grammar::ParseDelete() {
    auto del = NewNode<DeleteStatement>(Expect(Keyword::kDELETE).position);
    Expect(Keyword::kFROM);
    del->table = ParseQualifiedName(3, "table name");
    if (PeekIs(Keyword::kPARTITION) || PeekIs(Keyword::kPARTITIONS)) del->partitions = ParsePartitionNames();
    ParseOptionalAlias(del->alias, false);
    if (Match(Keyword::kUSING)) del->using_tables = ParseFromList();
    if (Match(Keyword::kWHERE)) del->where = ParseExpr();
    return del;
}

StatementPtr Grammar::ParseExplain() {
    DepthGuard guard(*this);
    auto explain = NewNode<ExplainStatement>(Expect(Keyword::kEXPLAIN).position);
    if (Match(Keyword::kLOGICAL)) {
        explain->level = ExplainLevel::kLogical;
    } else if (Match(Keyword::kVERBOSE)) {
        explain->level = ExplainLevel::kVerbose;
    } else if (Match(Keyword::kCOSTS)) {
        explain->level = ExplainLevel::kCosts;
    } else if (MatchWord("ANALYZE")) {
        explain->level = ExplainLevel::kAnalyze;
    }
    explain->statement = ParseStatement();
    return explain;
}

StatementPtr Grammar::ParseDescribe() {
    Position position = Advance().position;  // DESC or DESCRIBE
    if (PeekQueryStart()) {                  // DESC SELECT ... is EXPLAIN, as in MySQL
        auto explain = NewNode<ExplainStatement>(position);
        explain->statement = ParseQueryStatement();
        return explain;
    }
    auto describe = NewNode<DescribeStatement>(position);
    describe->table = ParseQualifiedName(3, "table name");
    describe->all = Match(Keyword::kALL);
    return describe;
}

}  // namespace flashlake::sql
