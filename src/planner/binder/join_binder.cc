// Binding of joins (JOIN ... ON / USING) and set operations (UNION, INTERSECT, EXCEPT).

#include <algorithm>

#include "common/ascii.h"
#include "common/query_error.h"
#include "planner/binder/binder.h"
#include "sql/parser/query.h"
#include "types/type_coercion.h"

namespace flashlake::planner {

namespace {

JoinType ToJoinType(sql::JoinKind kind) {
    switch (kind) {
        case sql::JoinKind::kInner: return JoinType::kInner;
        case sql::JoinKind::kLeft: return JoinType::kLeft;
        case sql::JoinKind::kRight: return JoinType::kRight;
        case sql::JoinKind::kFull: return JoinType::kFull;
        case sql::JoinKind::kCross: return JoinType::kCross;
        case sql::JoinKind::kLeftSemi: return JoinType::kSemi;
        case sql::JoinKind::kLeftAnti: return JoinType::kAnti;
        case sql::JoinKind::kRightSemi:
        case sql::JoinKind::kRightAnti: break;
    }
    ThrowQueryError(ErrorCode::kNotSupported, "RIGHT SEMI/ANTI joins are not supported yet; swap the sides");
}

size_t FindColumn(const BindScope& scope, size_t begin, size_t end, const std::string& name, const char* side) {
    for (size_t i = begin; i < end; ++i) {
        if (AsciiLower(scope.columns[i].name) == AsciiLower(name)) return i;
    }
    ThrowQueryError(ErrorCode::kUnknownColumn, "Unknown column '", name, "' in the ", side, " side of USING");
}

}  // namespace

LogicalOperatorPtr Binder::BindJoin(const sql::TableRef& ref, BindScope& scope) {
    const auto& join_ref = ref.As<sql::JoinRef>();
    size_t left_begin = scope.columns.size();
    LogicalOperatorPtr left = BindTableRef(*join_ref.left, scope);
    size_t left_end = scope.columns.size();
    LogicalOperatorPtr right = BindTableRef(*join_ref.right, scope);
    size_t right_end = scope.columns.size();

    auto join = std::make_unique<LogicalOperator>(LogicalOperatorKind::kJoin);
    join->join_type = ToJoinType(join_ref.join_kind);
    // The join's own scope: left columns then right columns, positions relative to the join.
    BindScope local;
    local.columns.assign(scope.columns.begin() + left_begin, scope.columns.begin() + right_end);
    const size_t left_width = left_end - left_begin;
    if (!join_ref.using_columns.empty()) {
        for (const auto& name : join_ref.using_columns) {
            size_t l = FindColumn(local, 0, left_width, name, "left");
            size_t r = FindColumn(local, left_width, local.columns.size(), name, "right");
            auto common = CommonSuperType(local.columns[l].type, local.columns[r].type);
            if (!common) ThrowQueryError(ErrorCode::kTypeMismatch, "USING column '", name, "' has incompatible types");
            auto left_key = MakeCast(MakeColumnRef(l, local.columns[l].type, name), *common, false);
            auto right_key = MakeCast(MakeColumnRef(r - left_width, local.columns[r].type, name), *common, false);
            ThrowIfError(left_key.status());
            ThrowIfError(right_key.status());
            join->left_keys.push_back(std::move(left_key).value());
            join->right_keys.push_back(std::move(right_key).value());
        }
    } else if (join_ref.condition) {
        // The whole ON condition is a residual here; the optimizer's join-key extraction moves
        // equalities between the two sides into left_keys/right_keys.
        auto condition = MakeCast(BindExpression(*join_ref.condition, local, "on clause"), LogicalType::Boolean(), false);
        ThrowIfError(condition.status());
        join->expressions.push_back(std::move(condition).value());
    } else if (join->join_type != JoinType::kCross && join->join_type != JoinType::kInner) {
        ThrowQueryError(ErrorCode::kSyntaxError, "this join needs an ON or USING clause");
    } else {
        join->join_type = JoinType::kCross;
    }
    bool keeps_right = join->join_type != JoinType::kSemi && join->join_type != JoinType::kAnti;
    join->names = left->names;
    join->types = left->types;
    if (keeps_right) {
        join->names.insert(join->names.end(), right->names.begin(), right->names.end());
        join->types.insert(join->types.end(), right->types.begin(), right->types.end());
    } else {
        scope.columns.resize(left_end);  // a semi/anti join's right columns are not visible above it
    }
    join->estimated_rows = std::max(left->estimated_rows, right->estimated_rows);
    join->children.push_back(std::move(left));
    join->children.push_back(std::move(right));
    return join;
}

LogicalOperatorPtr Binder::BindSetOperation(const sql::QueryNode& query) {
    const auto& set_op = query.As<sql::SetOpNode>();
    const bool is_union = set_op.op == sql::SetOpKind::kUnion;
    if (!is_union && set_op.all) {
        ThrowQueryError(ErrorCode::kNotSupported, "INTERSECT ALL and EXCEPT ALL are not supported yet");
    }
    LogicalOperatorPtr left = BindQueryNode(*set_op.left);
    LogicalOperatorPtr right = BindQueryNode(*set_op.right);
    if (left->types.size() != right->types.size()) {
        ThrowQueryError(ErrorCode::kWrongArguments, is_union ? "UNION" : "INTERSECT/EXCEPT", " sides have ", left->types.size(), " and ", right->types.size(),
                        " columns");
    }
    auto node = std::make_unique<LogicalOperator>(LogicalOperatorKind::kUnion);
    node->distinct = !set_op.all;
    node->names = left->names;
    for (size_t c = 0; c < left->types.size(); ++c) {
        auto common = CommonSuperType(left->types[c], right->types[c]);
        if (!common) {
            ThrowQueryError(ErrorCode::kTypeMismatch, "UNION column ", c + 1, " mixes ", left->types[c].ToString(), " and ",
                            right->types[c].ToString());
        }
        node->types.push_back(common->id() == TypeId::kNull ? LogicalType::Boolean() : *common);
    }
    const size_t width = node->types.size();
    if (!is_union) {
        // INTERSECT / EXCEPT: each row tagged with its side, then grouped (NULLs equal, as set
        // operations compare) and kept by which sides have the row.
        node->distinct = false;
        node->names.insert(node->names.end(), {"__from_left", "__from_right"});
        node->types.insert(node->types.end(), {LogicalType::BigInt(), LogicalType::BigInt()});
    }
    // Each side is projected to the common types so the union concatenates like columns.
    for (LogicalOperatorPtr* side : {&left, &right}) {
        auto projection = std::make_unique<LogicalOperator>(LogicalOperatorKind::kProjection);
        for (size_t c = 0; c < width; ++c) {
            auto cast = MakeCast(MakeColumnRef(c, (*side)->types[c], (*side)->names[c]), node->types[c], false);
            ThrowIfError(cast.status());
            projection->expressions.push_back(std::move(cast).value());
        }
        if (!is_union) {
            projection->expressions.push_back(MakeConstant(Value::BigInt(side == &left ? 1 : 0)));
            projection->expressions.push_back(MakeConstant(Value::BigInt(side == &left ? 0 : 1)));
        }
        projection->names = node->names;
        projection->types = node->types;
        projection->estimated_rows = (*side)->estimated_rows;
        projection->children.push_back(std::move(*side));
        *side = std::move(projection);
    }
    node->estimated_rows = left->estimated_rows + right->estimated_rows;
    node->children.push_back(std::move(left));
    node->children.push_back(std::move(right));
    if (is_union) return node;

    auto aggregate = std::make_unique<LogicalOperator>(LogicalOperatorKind::kAggregate);
    for (size_t c = 0; c < width; ++c) {
        aggregate->groups.push_back(MakeColumnRef(c, node->types[c], node->names[c]));
        aggregate->names.push_back(node->names[c]);
        aggregate->types.push_back(node->types[c]);
    }
    for (size_t tag = 0; tag < 2; ++tag) {
        BoundAggregate sum;
        sum.name = "sum";
        auto function = aggregate_resolver_.bind("sum", {LogicalType::BigInt()}, false);
        ThrowIfError(function.status());
        sum.function = std::move(function).value();
        sum.arguments.push_back(MakeColumnRef(width + tag, LogicalType::BigInt(), node->names[width + tag]));
        aggregate->names.push_back(tag == 0 ? "__in_left" : "__in_right");
        aggregate->types.push_back(sum.function.return_type);
        aggregate->aggregates.push_back(std::move(sum));
    }
    aggregate->estimated_rows = node->estimated_rows / 2;
    aggregate->children.push_back(std::move(node));
    // INTERSECT: in both sides; EXCEPT: in the left side only.
    auto filter = std::make_unique<LogicalOperator>(LogicalOperatorKind::kFilter);
    for (size_t tag = 0; tag < 2; ++tag) {
        std::vector<BoundExprPtr> arguments;
        arguments.push_back(MakeColumnRef(width + tag, aggregate->types[width + tag], aggregate->names[width + tag]));
        arguments.push_back(MakeConstant(Value::BigInt(0)));
        bool wants_rows = tag == 0 || set_op.op == sql::SetOpKind::kIntersect;
        sql::LiteralExpr at;  // no user text to point at: the comparison is the binder's own
        filter->expressions.push_back(BindFunction(wants_rows ? "gt" : "eq", std::move(arguments), at));
    }
    filter->names = aggregate->names;
    filter->types = aggregate->types;
    filter->estimated_rows = aggregate->estimated_rows;
    filter->children.push_back(std::move(aggregate));
    auto projection = std::make_unique<LogicalOperator>(LogicalOperatorKind::kProjection);
    for (size_t c = 0; c < width; ++c) {
        projection->expressions.push_back(MakeColumnRef(c, filter->types[c], filter->names[c]));
        projection->names.push_back(filter->names[c]);
        projection->types.push_back(filter->types[c]);
    }
    projection->estimated_rows = filter->estimated_rows;
    projection->children.push_back(std::move(filter));
    return projection;
}

}  // namespace flashlake::planner
