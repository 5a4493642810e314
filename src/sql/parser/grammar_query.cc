// Queries: WITH, SELECT blocks, set operations (INTERSECT binding tighter than UNION / EXCEPT),
// VALUES, ORDER BY / LIMIT, and the FROM clause with joins, derived tables and table functions.

#include <algorithm>
#include <cctype>

#include "sql/parser/grammar.h"
#include "sql/parser/precedence.h"

namespace flashlake::sql {

namespace {

bool IsQueryKeyword(const Token& token) {
    return token.Is(Keyword::kSELECT) || token.Is(Keyword::kWITH) || token.Is(Keyword::kVALUES);
}

}  // namespace

bool Grammar::PeekQueryStart(size_t ahead) const {
    if (query_start_memo_.empty()) query_start_memo_.assign(tokens_.size(), -1);
    size_t start = std::min(pos_ + ahead, tokens_.size() - 1);
    size_t i = start;
    while (tokens_[i].kind == TokenKind::kLeftParen && query_start_memo_[i] < 0) ++i;
    bool result = query_start_memo_[i] >= 0 ? query_start_memo_[i] == 1 : IsQueryKeyword(tokens_[i]);
    for (size_t j = start; j <= i; ++j) query_start_memo_[j] = result ? 1 : 0;
    return result;
}

QueryPtr Grammar::ParseQuery() {
    DepthGuard guard(*this);
    std::vector<CommonTableExpr> ctes;
    if (PeekIs(Keyword::kWITH)) ctes = ParseWithClause();
    QueryPtr query = ParseSetExpression();

    std::vector<OrderByItem> order_by;
    ExprPtr limit;
    ExprPtr offset;
    if (Match(Keyword::kORDER)) {
        Expect(Keyword::kBY);
        order_by = ParseOrderByList();
    }
    if (Match(Keyword::kLIMIT)) {
        ExprPtr first = ParseLimitValue();
        if (Match(TokenKind::kComma)) {  // LIMIT offset, count
            offset = std::move(first);
            limit = ParseLimitValue();
        } else {
            limit = std::move(first);
            if (Match(Keyword::kOFFSET)) offset = ParseLimitValue();
        }
    }
    bool has_outer_modifiers = !order_by.empty() || limit;
    bool has_inner_modifiers = !query->order_by.empty() || query->limit || query->offset;
    if ((!ctes.empty() && !query->ctes.empty()) || (has_outer_modifiers && has_inner_modifiers)) {
        query = WrapQuery(std::move(query));
    }
    if (!ctes.empty()) query->ctes = std::move(ctes);
    if (has_outer_modifiers) {
        query->order_by = std::move(order_by);
        query->limit = std::move(limit);
        query->offset = std::move(offset);
    }
    return query;
}

QueryPtr Grammar::WrapQuery(QueryPtr query) {
    Position position = query->position;
    auto derived = NewNode<SubqueryRef>(position);
    derived->query = std::move(query);
    auto select = NewNode<SelectNode>(position);
    SelectItem star;
    star.expr = NewNode<StarExpr>(position);
    select->select_list.push_back(std::move(star));
    select->from.emplace_back(std::move(derived));
    return select;
}

ExprPtr Grammar::ParseLimitValue() {
    if (!PeekIs(TokenKind::kInteger) && !PeekIs(TokenKind::kParameter)) FailExpected("a row count");
    return ParsePrimary();
}

std::vector<CommonTableExpr> Grammar::ParseWithClause() {
    Expect(Keyword::kWITH);
    if (PeekIs(Keyword::kRECURSIVE)) Fail("WITH RECURSIVE is not supported");
    std::vector<CommonTableExpr> ctes;
    do {
        CommonTableExpr cte;
        cte.position = Peek().position;
        cte.name = ParseIdentifier("common table expression name");
        if (PeekIs(TokenKind::kLeftParen)) cte.column_aliases = ParseParenthesizedNames();
        Expect(Keyword::kAS);
        Expect(TokenKind::kLeftParen, "'('");
        cte.query = ParseQuery();
        Expect(TokenKind::kRightParen, "')'");
        ctes.push_back(std::move(cte));
    } while (Match(TokenKind::kComma));
    return ctes;
}

QueryPtr Grammar::ParseSetExpression() {
    QueryPtr left = ParseIntersectTerm();
    int chain = 0;
    while (PeekIs(Keyword::kUNION) || PeekIs(Keyword::kEXCEPT) || PeekIs(Keyword::kMINUS)) {
        auto node = NewNode<SetOpNode>(left->position);
        node->op = Advance().keyword == Keyword::kUNION ? SetOpKind::kUnion : SetOpKind::kExcept;
        node->all = Match(Keyword::kALL);
        if (!node->all) Match(Keyword::kDISTINCT);
        node->left = std::move(left);
        node->right = ParseIntersectTerm();
        left = std::move(node);
        if (++chain > kMaxExpressionHeight) Fail("too many set operations in one query");
    }
    return left;
}

QueryPtr Grammar::ParseIntersectTerm() {
    QueryPtr left = ParseQueryPrimary();
    int chain = 0;
    while (PeekIs(Keyword::kINTERSECT)) {
        Advance();
        auto node = NewNode<SetOpNode>(left->position);
        node->op = SetOpKind::kIntersect;
        node->all = Match(Keyword::kALL);
        if (!node->all) Match(Keyword::kDISTINCT);
        node->left = std::move(left);
        node->right = ParseQueryPrimary();
        left = std::move(node);
        if (++chain > kMaxExpressionHeight) Fail("too many set operations in one query");
    }
    return left;
}

QueryPtr Grammar::ParseQueryPrimary() {
    if (PeekIs(Keyword::kSELECT)) return ParseSelect();
    if (PeekIs(Keyword::kVALUES)) return ParseValues();
    if (PeekIs(TokenKind::kLeftParen)) {
        Advance();
        QueryPtr query = ParseQuery();
        Expect(TokenKind::kRightParen, "')'");
        return query;
    }
    FailExpected("SELECT, VALUES or '('");
}

QueryPtr Grammar::ParseSelect() {
    auto select = NewNode<SelectNode>(Expect(Keyword::kSELECT).position);
    if (Match(Keyword::kDISTINCT)) {
        select->distinct = true;
    } else {
        Match(Keyword::kALL);
    }
    do {
        SelectItem item;
        item.expr = ParseExpr();
        if (!item.expr->Is<StarExpr>()) ParseOptionalAlias(item.alias, true);
        select->select_list.push_back(std::move(item));
    } while (Match(TokenKind::kComma));
    if (Match(Keyword::kFROM)) {
        if (!Match(Keyword::kDUAL)) select->from = ParseFromList();
    }
    if (Match(Keyword::kWHERE)) select->where = ParseExpr();
    if (Match(Keyword::kGROUP)) {
        Expect(Keyword::kBY);
        select->group_by = ParseGroupBy();
    }
    if (Match(Keyword::kHAVING)) select->having = ParseExpr();
    if (Match(Keyword::kQUALIFY)) select->qualify = ParseExpr();
    return select;
}

QueryPtr Grammar::ParseValues() {
    auto values = NewNode<ValuesNode>(Expect(Keyword::kVALUES).position);
    do {
        Expect(TokenKind::kLeftParen, "'(' to start a row");
        std::vector<ExprPtr> row;
        if (!PeekIs(TokenKind::kRightParen)) row = ParseExprList();
        Expect(TokenKind::kRightParen, "')'");
        values->rows.push_back(std::move(row));
    } while (Match(TokenKind::kComma));
    return values;
}

GroupByClause Grammar::ParseGroupBy() {
    GroupByClause group_by;
    auto parse_list = [this] {
        Expect(TokenKind::kLeftParen, "'('");
        std::vector<ExprPtr> list = ParseExprList();
        Expect(TokenKind::kRightParen, "')'");
        return list;
    };
    if (Match(Keyword::kROLLUP)) {
        group_by.kind = GroupingKind::kRollup;
        group_by.exprs = parse_list();
    } else if (Match(Keyword::kCUBE)) {
        group_by.kind = GroupingKind::kCube;
        group_by.exprs = parse_list();
    } else if (MatchSequence({Keyword::kGROUPING, Keyword::kSETS})) {
        group_by.kind = GroupingKind::kGroupingSets;
        Expect(TokenKind::kLeftParen, "'('");
        do {
            std::vector<ExprPtr> set;
            if (Match(TokenKind::kLeftParen)) {
                if (!PeekIs(TokenKind::kRightParen)) set = ParseExprList();
                Expect(TokenKind::kRightParen, "')'");
            } else {
                set.push_back(ParseExpr());
            }
            group_by.grouping_sets.push_back(std::move(set));
        } while (Match(TokenKind::kComma));
        Expect(TokenKind::kRightParen, "')'");
    } else {
        group_by.exprs = ParseExprList();
        // MySQL's GROUP BY a, b WITH ROLLUP is ROLLUP (a, b).
        if (MatchSequence({Keyword::kWITH, Keyword::kROLLUP})) group_by.kind = GroupingKind::kRollup;
    }
    return group_by;
}

std::vector<TableRefPtr> Grammar::ParseFromList() {
    std::vector<TableRefPtr> from;
    do {
        from.push_back(ParseTableRef());
    } while (Match(TokenKind::kComma));
    return from;
}

TableRefPtr Grammar::ParseTableRef() {
    DepthGuard guard(*this);
    TableRefPtr left = ParseTablePrimary();
    int chain = 0;
    while (true) {
        JoinKind kind;
        if (Match(Keyword::kJOIN)) {
            kind = JoinKind::kInner;
        } else if (Match(Keyword::kINNER)) {
            Expect(Keyword::kJOIN);
            kind = JoinKind::kInner;
        } else if (Match(Keyword::kCROSS)) {
            Expect(Keyword::kJOIN);
            kind = JoinKind::kCross;
        } else if (PeekIs(Keyword::kLEFT) || PeekIs(Keyword::kRIGHT)) {
            bool is_left = Advance().keyword == Keyword::kLEFT;
            if (Match(Keyword::kSEMI)) {
                kind = is_left ? JoinKind::kLeftSemi : JoinKind::kRightSemi;
            } else if (Match(Keyword::kANTI)) {
                kind = is_left ? JoinKind::kLeftAnti : JoinKind::kRightAnti;
            } else {
                Match(Keyword::kOUTER);
                kind = is_left ? JoinKind::kLeft : JoinKind::kRight;
            }
            Expect(Keyword::kJOIN);
        } else if (Match(Keyword::kFULL)) {
            Match(Keyword::kOUTER);
            Expect(Keyword::kJOIN);
            kind = JoinKind::kFull;
        } else {
            return left;
        }
        auto join = NewNode<JoinRef>(left->position);
        join->join_kind = kind;
        if (Match(TokenKind::kLeftBracket)) {  // join hint, e.g. JOIN [BROADCAST]
            std::string hint = ParseIdentifier("join hint");
            std::transform(hint.begin(), hint.end(), hint.begin(), [](unsigned char c) { return std::toupper(c); });
            join->hint = std::move(hint);
            Expect(TokenKind::kRightBracket, "']'");
        }
        join->left = std::move(left);
        join->right = ParseTablePrimary();
        if (Match(Keyword::kON)) {
            join->condition = ParseExpr();
        } else if (Match(Keyword::kUSING)) {
            join->using_columns = ParseParenthesizedNames();
        }
        left = std::move(join);
        if (++chain > kMaxExpressionHeight) Fail("too many joins in one FROM clause");
    }
}

TableRefPtr Grammar::ParseTablePrimary() {
    Position position = Peek().position;
    if (PeekIs(TokenKind::kLeftParen)) {
        if (PeekQueryStart(1)) {
            Advance();
            auto derived = NewNode<SubqueryRef>(position);
            derived->query = ParseQuery();
            Expect(TokenKind::kRightParen, "')'");
            if (ParseOptionalAlias(derived->alias, false) && PeekIs(TokenKind::kLeftParen)) {
                derived->column_aliases = ParseParenthesizedNames();
            }
            return derived;
        }
        // A parenthesized join: a JOIN (b JOIN c ON ...) ON ...
        Advance();
        TableRefPtr inner = ParseTableRef();
        Expect(TokenKind::kRightParen, "')'");
        return inner;
    }
    TableRefPtr ref;
    if (Match(Keyword::kTABLE)) {  // TABLE(fn(args))
        Expect(TokenKind::kLeftParen, "'(' after TABLE");
        QualifiedName name = ParseQualifiedName(3, "table function name");
        if (!PeekIs(TokenKind::kLeftParen)) FailExpected("'('");
        ref = ParseTableFunction(std::move(name.parts), position);
        Expect(TokenKind::kRightParen, "')'");
    } else {
        QualifiedName name = ParseQualifiedName(3, "table name");
        if (PeekIs(TokenKind::kLeftParen)) {
            ref = ParseTableFunction(std::move(name.parts), position);
        } else {
            auto table = NewNode<BaseTableRef>(position);
            table->name = std::move(name);
            auto parse_time_travel = [this, &table] {
                Expect(Keyword::kFOR);
                if (Match(Keyword::kVERSION)) {
                    table->time_travel = TimeTravelKind::kVersion;
                } else if (Match(Keyword::kTIMESTAMP)) {
                    table->time_travel = TimeTravelKind::kTimestamp;
                } else {
                    FailExpected("VERSION or TIMESTAMP after FOR");
                }
                Expect(Keyword::kAS);
                Expect(Keyword::kOF);
                table->time_travel_value = ParseBinary(precedence::kBitOr);
            };
            if (PeekIs(Keyword::kFOR)) parse_time_travel();
            if (PeekIs(Keyword::kPARTITION) || PeekIs(Keyword::kPARTITIONS)) table->partitions = ParsePartitionNames();
            // The alias usually follows the other clauses; a time travel clause after it is accepted too.
            if (ParseOptionalAlias(table->alias, false) && table->time_travel == TimeTravelKind::kNone &&
                PeekIs(Keyword::kFOR)) {
                parse_time_travel();
            }
            return table;
        }
    }
    auto& function = ref->As<TableFunctionRef>();
    if (ParseOptionalAlias(function.alias, false) && PeekIs(TokenKind::kLeftParen)) {
        function.column_aliases = ParseParenthesizedNames();
    }
    return ref;
}

TableRefPtr Grammar::ParseTableFunction(std::vector<std::string> name, Position position) {
    DepthGuard guard(*this);
    auto function = NewNode<TableFunctionRef>(position);
    function->name = std::move(name);
    if ((PeekIs(TokenKind::kString, 1) || PeekIs(TokenKind::kQuotedIdentifier, 1)) && PeekIs(TokenKind::kEq, 2)) {
        function->properties = ParsePropertyList();  // FILES("path" = "...", ...)
        return function;
    }
    Expect(TokenKind::kLeftParen, "'('");
    if (!PeekIs(TokenKind::kRightParen)) function->args = ParseExprList();
    Expect(TokenKind::kRightParen, "')'");
    return function;
}

}  // namespace flashlake::sql
