#pragma once

#include <cstddef>
#include <initializer_list>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "sql/parser/parser.h"
#include "sql/parser/token.h"

// The recursive-descent grammar behind parser.h. One Grammar parses one text; its methods are
// spread over files by area: grammar.cc (token cursor, errors, names, literals, script loop),
// grammar_statement.cc (statement dispatch, INSERT/UPDATE/DELETE/EXPLAIN), grammar_expr.cc
// (operators by precedence climbing, primaries), grammar_call.cc (calls, CASE/CAST/INTERVAL...,
// windows, types), grammar_query.cc (SELECT, set operations, FROM), grammar_ddl.cc
// (CREATE/ALTER/DROP...), grammar_admin.cc (SET, SHOW, users, grants, resource groups).
//
// Errors are thrown as QueryError(kSyntaxError) and converted to a Status once, in parser.cc.

namespace flashlake::sql {

struct ColumnDef;
struct PartitionDesc;
struct DistributionDesc;
struct RefreshDesc;
struct UserIdentity;
struct Grantee;

// The candidate a misspelled word is closest to (edit distance 1 for short words, 2 for longer
// ones, adjacent transpositions counting 1), or "" when none is close.
std::string_view SuggestKeyword(std::string_view word, std::span<const std::string_view> candidates);

class Grammar {
public:
    Grammar(std::string_view text, std::vector<Token> tokens);

    std::vector<ParsedStatement> ParseScript();
    StatementPtr ParseSingleStatement();
    ExprPtr ParseStandaloneExpression();
    TypeName ParseStandaloneTypeName();

private:
    friend class DepthGuard;

    // ---- grammar.cc: token cursor ----
    const Token& Peek(size_t ahead = 0) const;
    const Token& Advance();
    bool PeekIs(Keyword keyword, size_t ahead = 0) const { return Peek(ahead).Is(keyword); }
    bool PeekIs(TokenKind kind, size_t ahead = 0) const { return Peek(ahead).Is(kind); }
    bool Match(Keyword keyword);
    bool Match(TokenKind kind);
    // Matches a sequence of keywords only if all of them are next.
    bool MatchSequence(std::initializer_list<Keyword> keywords);
    // Words that are rare enough not to be keywords (INDEXES, BUILTIN, SYSTEM...), any case.
    bool PeekWord(std::string_view upper, size_t ahead = 0) const;
    bool MatchWord(std::string_view upper);
    const Token& Expect(Keyword keyword);
    const Token& Expect(TokenKind kind, std::string_view spelling);
    void ExpectEndOfStatement();

    // ---- grammar.cc: errors ----
    // Fails at the current token: "syntax error ... near 'tok': <detail>".
    [[noreturn]] void Fail(std::string_view detail) const;
    [[noreturn]] void FailAt(const Token& token, std::string_view detail) const;
    [[noreturn]] void FailExpected(std::string_view what) const { Fail("expected " + std::string(what)); }
    [[noreturn]] void FailTooDeep() const;
    [[noreturn]] void FailUnsupported(const Token& token, std::string_view what) const;

    // ---- grammar.cc: names and literals ----
    bool PeekIdentifier(size_t ahead = 0) const;
    std::string ParseIdentifier(std::string_view what = "identifier");
    // A name after a '.' may be any word, reserved or not (`t.order` is a column).
    std::string ParseNamePart();
    QualifiedName ParseQualifiedName(size_t max_parts, std::string_view what);
    // ( name, name, ... )
    std::vector<std::string> ParseParenthesizedNames();
    std::vector<std::string> ParseNameList();
    std::string ParseString(std::string_view what);
    // An identifier or a string (names that StarRocks accepts in both forms).
    std::string ParseIdentifierOrString(std::string_view what);
    int64_t ParseInteger(std::string_view what);
    // [AS] alias; with AS the alias may be a string. Without AS it must not be a reserved word.
    bool ParseOptionalAlias(std::string& alias, bool allow_string);
    // ( "k" = "v", ... ); the opening parenthesis is next.
    PropertyList ParsePropertyList();
    // The raw text from token index `first` to the last consumed token.
    std::string TextFrom(size_t first_token) const;

    // ---- grammar_statement.cc ----
    StatementPtr ParseStatement();
    StatementPtr ParseQueryStatement();
    StatementPtr ParseInsert();
    StatementPtr ParseUpdate();
    StatementPtr ParseDelete();
    StatementPtr ParseExplain();
    StatementPtr ParseDescribe();
    std::vector<std::string> ParsePartitionNames();

    // ---- grammar_expr.cc and grammar_call.cc ----
    ExprPtr ParseExpr();
    // Precedence climbing over binary operators binding at least as tight as min_precedence;
    // `first`, when given, is an already parsed left operand.
    ExprPtr ParseBinary(int min_precedence, ExprPtr first = nullptr);
    // The comparison-level forms that are not plain binary operators: IS, BETWEEN, IN, LIKE.
    ExprPtr ParsePredicateSuffix(ExprPtr left, Position position);
    ExprPtr ParseUnary();
    ExprPtr ParsePostfix(ExprPtr expr);
    ExprPtr ParsePrimary();
    ExprPtr ParseParenthesized();
    ExprPtr ParseNumber(const Token& token, bool negative);
    ExprPtr ParseNameOrCall();
    ExprPtr ParseFunctionCall(std::vector<std::string> name, Position position);
    ExprPtr ParseExtract();
    ExprPtr ParseCase();
    ExprPtr ParseCast();
    ExprPtr ParseConvert();
    ExprPtr ParseInterval();
    ExprPtr ParseArray();
    std::string ParseIntervalUnit();
    std::vector<ExprPtr> ParseExprList();
    std::vector<OrderByItem> ParseOrderByList();
    WindowSpec ParseWindowSpec();
    FrameBound ParseFrameBound();
    TypeName ParseType();
    // Consumes a '>' closing a type parameter list, splitting a '>>' token in two.
    void ExpectClosingAngle();
    bool PeekTypedLiteral() const;

    // ---- grammar_query.cc ----
    bool PeekQueryStart(size_t ahead = 0) const;
    QueryPtr ParseQuery();
    QueryPtr ParseSetExpression();
    QueryPtr ParseIntersectTerm();
    QueryPtr ParseQueryPrimary();
    QueryPtr ParseSelect();
    QueryPtr ParseValues();
    // Puts a query that already has WITH / ORDER BY / LIMIT under `SELECT * FROM (query)` so that
    // outer clauses can be attached.
    QueryPtr WrapQuery(QueryPtr query);
    ExprPtr ParseLimitValue();
    std::vector<CommonTableExpr> ParseWithClause();
    GroupByClause ParseGroupBy();
    std::vector<TableRefPtr> ParseFromList();
    TableRefPtr ParseTableRef();
    TableRefPtr ParseTablePrimary();
    TableRefPtr ParseTableFunction(std::vector<std::string> name, Position position);

    // ---- grammar_ddl.cc ----
    StatementPtr ParseCreate();
    StatementPtr ParseCreateDatabase(Position position);
    StatementPtr ParseCreateTable(Position position, bool external, bool temporary);
    StatementPtr ParseCreateView(Position position, bool or_replace);
    StatementPtr ParseCreateMaterializedView(Position position);
    StatementPtr ParseCreateCatalog(Position position);
    StatementPtr ParseDrop();
    StatementPtr ParseAlter();
    StatementPtr ParseAlterTable(Position position);
    StatementPtr ParseTruncate();
    StatementPtr ParseRefresh();
    ColumnDef ParseColumnDef();
    void ParseColumnPlacement(AlterAction& action);
    PartitionDesc ParsePartitionDesc();
    DistributionDesc ParseDistributionDesc();
    RefreshDesc ParseRefreshDesc();
    std::vector<ViewColumn> ParseViewColumns();
    bool ParseIfNotExists();
    bool ParseIfExists();

    // ---- grammar_admin.cc ----
    StatementPtr ParseUse();
    StatementPtr ParseSet();
    SetAssignment ParseSetAssignment(VariableScope& scope);
    void ParseSetTransaction(SetAssignment& assignment, VariableScope scope);
    StatementPtr ParseShow();
    void ParseShowFilter(ShowStatement& show);
    StatementPtr ParseKill();
    StatementPtr ParseTransaction();
    StatementPtr ParseCreateUser(Position position);
    StatementPtr ParseAlterUser(Position position);
    StatementPtr ParseDropUser(Position position);
    StatementPtr ParseRoles(Position position, bool create);
    StatementPtr ParseGrant(bool revoke);
    StatementPtr ParseCreateResourceGroup(Position position, bool or_replace);
    StatementPtr ParseAlterResourceGroup(Position position);
    std::vector<std::vector<ExprPtr>> ParseClassifiers();
    UserIdentity ParseUserIdentity();
    AuthOption ParseAuthOption();
    Grantee ParseGrantee();
    GrantObject ParseGrantObject();

    std::string_view text_;
    std::vector<Token> tokens_;
    size_t pos_ = 0;
    int depth_ = 0;
    int parameter_count_ = 0;  // ? placeholders seen in the current statement
    // Height of the deepest expression finished while parsing the current operand; see ParseBinary.
    int subtree_height_ = 0;
    // Token index of the last alias written without AS: an error right after it blames the alias
    // when the alias looks like a misspelled keyword (`SELECT 1 FORM t`).
    size_t implicit_alias_index_ = static_cast<size_t>(-1);
    // PeekQueryStart's memo per token index (-1 unknown, 0 no, 1 yes), so that runs of '(' are
    // scanned once however many nesting levels ask.
    mutable std::vector<int8_t> query_start_memo_;
};

// Counts one level of nesting for the lifetime of a parse function's frame.
// A new node of type T starting at `position`.
template <typename T>
std::unique_ptr<T> NewNode(Position position) {
    auto node = std::make_unique<T>();
    node->position = position;
    return node;
}

class DepthGuard {
public:
    explicit DepthGuard(Grammar& grammar) : grammar_(grammar) {
        if (++grammar_.depth_ > kMaxNestingDepth) {
            --grammar_.depth_;
            grammar_.FailTooDeep();
        }
    }
    ~DepthGuard() { --grammar_.depth_; }
    DepthGuard(const DepthGuard&) = delete;
    DepthGuard& operator=(const DepthGuard&) = delete;

private:
    Grammar& grammar_;
};

}  // namespace flashlake::sql
