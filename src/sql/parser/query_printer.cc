// QueryNode::ToString and TableRef::ToString.

#include "sql/parser/precedence.h"
#include "sql/parser/printer.h"
#include "sql/parser/query.h"
#include "sql/parser/quoting.h"

namespace flashlake::sql {

namespace {

int SetOpPrecedence(const QueryNode& query) {
    if (!query.Is<SetOpNode>()) return 3;
    return query.As<SetOpNode>().op == SetOpKind::kIntersect ? 2 : 1;
}

// A set operation operand, parenthesized when it has its own WITH / ORDER BY / LIMIT or would
// otherwise group differently (`a UNION (b UNION c)`, `(a UNION b) INTERSECT c`).
std::string SetOperandToString(const QueryNode& operand, int parent_precedence, bool right) {
    int own = SetOpPrecedence(operand);
    bool parens = operand.HasQueryClauses() || own < parent_precedence || (right && own == parent_precedence);
    std::string text = operand.ToString();
    return parens ? "(" + text + ")" : text;
}

std::string AliasToString(const std::string& alias, const std::vector<std::string>& column_aliases) {
    std::string out;
    if (!alias.empty()) out += " AS " + QuoteIdentifier(alias);
    if (!column_aliases.empty()) out += "(" + QuoteNameList(column_aliases) + ")";
    return out;
}

std::string GroupByToString(const GroupByClause& group_by) {
    switch (group_by.kind) {
        case GroupingKind::kExprs:
            return ExprListToString(group_by.exprs);
        case GroupingKind::kRollup:
            return "ROLLUP (" + ExprListToString(group_by.exprs) + ")";
        case GroupingKind::kCube:
            return "CUBE (" + ExprListToString(group_by.exprs) + ")";
        case GroupingKind::kGroupingSets: {
            std::string out = "GROUPING SETS (";
            for (size_t i = 0; i < group_by.grouping_sets.size(); ++i) {
                if (i > 0) out += ", ";
                out += "(" + ExprListToString(group_by.grouping_sets[i]) + ")";
            }
            return out + ")";
        }
    }
    return "";
}

std::string SelectToString(const SelectNode& select) {
    std::string out = select.distinct ? "SELECT DISTINCT " : "SELECT ";
    for (size_t i = 0; i < select.select_list.size(); ++i) {
        if (i > 0) out += ", ";
        const SelectItem& item = select.select_list[i];
        out += item.expr->ToString();
        if (!item.alias.empty()) out += " AS " + QuoteIdentifier(item.alias);
    }
    if (!select.from.empty()) {
        out += " FROM ";
        for (size_t i = 0; i < select.from.size(); ++i) {
            if (i > 0) out += ", ";
            out += select.from[i]->ToString();
        }
    }
    if (select.where) out += " WHERE " + select.where->ToString();
    if (!select.group_by.empty()) out += " GROUP BY " + GroupByToString(select.group_by);
    if (select.having) out += " HAVING " + select.having->ToString();
    if (select.qualify) out += " QUALIFY " + select.qualify->ToString();
    return out;
}

std::string ValuesToString(const ValuesNode& values) {
    std::string out = "VALUES ";
    for (size_t i = 0; i < values.rows.size(); ++i) {
        if (i > 0) out += ", ";
        out += "(" + ExprListToString(values.rows[i]) + ")";
    }
    return out;
}

// Joins chain to the left (a JOIN b JOIN c); the chain is walked with a loop so that printing
// recurses only into parenthesized right operands.
std::string JoinToString(const JoinRef& join) {
    std::vector<const JoinRef*> spine = {&join};
    while (spine.back()->left->Is<JoinRef>()) spine.push_back(&spine.back()->left->As<JoinRef>());
    std::string out = spine.back()->left->ToString();
    for (auto it = spine.rbegin(); it != spine.rend(); ++it) {
        const JoinRef& step = **it;
        out += " ";
        out += JoinKindText(step.join_kind);
        if (!step.hint.empty()) out += " [" + step.hint + "]";
        std::string right = step.right->ToString();
        out += " " + (step.right->Is<JoinRef>() ? "(" + right + ")" : right);
        if (step.condition) out += " ON " + step.condition->ToString();
        if (!step.using_columns.empty()) out += " USING (" + QuoteNameList(step.using_columns) + ")";
    }
    return out;
}

std::string TableFunctionToString(const TableFunctionRef& function) {
    std::string out = QuoteQualifiedName(function.name);
    if (!function.properties.empty()) {
        out += PropertyListToString(function.properties);
    } else {
        out += "(" + ExprListToString(function.args) + ")";
    }
    return out + AliasToString(function.alias, function.column_aliases);
}

std::string BaseTableToString(const BaseTableRef& table) {
    std::string out = table.name.ToString();
    if (table.time_travel != TimeTravelKind::kNone) {
        out += table.time_travel == TimeTravelKind::kVersion ? " FOR VERSION AS OF " : " FOR TIMESTAMP AS OF ";
        out += OperandToString(*table.time_travel_value, precedence::kBitOr);
    }
    if (!table.partitions.empty()) out += " PARTITION (" + QuoteNameList(table.partitions) + ")";
    return out + AliasToString(table.alias, {});
}

}  // namespace

std::string_view JoinKindText(JoinKind kind) {
    switch (kind) {
        case JoinKind::kInner:
            return "INNER JOIN";
        case JoinKind::kLeft:
            return "LEFT JOIN";
        case JoinKind::kRight:
            return "RIGHT JOIN";
        case JoinKind::kFull:
            return "FULL OUTER JOIN";
        case JoinKind::kCross:
            return "CROSS JOIN";
        case JoinKind::kLeftSemi:
            return "LEFT SEMI JOIN";
        case JoinKind::kLeftAnti:
            return "LEFT ANTI JOIN";
        case JoinKind::kRightSemi:
            return "RIGHT SEMI JOIN";
        case JoinKind::kRightAnti:
            return "RIGHT ANTI JOIN";
    }
    return "JOIN";
}

std::string QueryNode::ToString() const {
    std::string out;
    if (!ctes.empty()) {
        out += "WITH ";
        for (size_t i = 0; i < ctes.size(); ++i) {
            if (i > 0) out += ", ";
            out += QuoteIdentifier(ctes[i].name);
            if (!ctes[i].column_aliases.empty()) out += " (" + QuoteNameList(ctes[i].column_aliases) + ")";
            out += " AS (" + ctes[i].query->ToString() + ")";
        }
        out += ' ';
    }
    switch (kind) {
        case QueryKind::kSelect:
            out += SelectToString(As<SelectNode>());
            break;
        case QueryKind::kValues:
            out += ValuesToString(As<ValuesNode>());
            break;
        case QueryKind::kSetOperation: {
            // Like operator chains, a chain of set operations is a left-deep tree: walk its spine.
            int own = SetOpPrecedence(*this);
            std::vector<const SetOpNode*> spine = {&As<SetOpNode>()};
            while (true) {
                const QueryNode& left = *spine.back()->left;
                if (!left.Is<SetOpNode>() || left.HasQueryClauses() || SetOpPrecedence(left) != own) break;
                spine.push_back(&left.As<SetOpNode>());
            }
            out += SetOperandToString(*spine.back()->left, own, false);
            for (auto it = spine.rbegin(); it != spine.rend(); ++it) {
                const SetOpNode& step = **it;
                out += step.op == SetOpKind::kUnion       ? " UNION "
                       : step.op == SetOpKind::kIntersect ? " INTERSECT "
                                                          : " EXCEPT ";
                if (step.all) out += "ALL ";
                out += SetOperandToString(*step.right, own, true);
            }
            break;
        }
    }
    if (!order_by.empty()) out += " ORDER BY " + OrderByToString(order_by);
    if (limit) out += " LIMIT " + limit->ToString();
    if (limit && offset) out += " OFFSET " + offset->ToString();
    return out;
}

std::string TableRef::ToString() const {
    switch (kind) {
        case TableRefKind::kBaseTable:
            return BaseTableToString(As<BaseTableRef>());
        case TableRefKind::kSubquery: {
            const auto& derived = As<SubqueryRef>();
            return "(" + derived.query->ToString() + ")" + AliasToString(derived.alias, derived.column_aliases);
        }
        case TableRefKind::kTableFunction:
            return TableFunctionToString(As<TableFunctionRef>());
        case TableRefKind::kJoin:
            return JoinToString(As<JoinRef>());
    }
    return "";
}

}  // namespace flashlake::sql
