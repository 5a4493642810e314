#include "planner/expression/bound_expression.h"

#include "functions/cast_function.h"

namespace flashlake::planner {

std::string BoundExpression::ToString() const {
    switch (kind) {
        case BoundExprKind::kConstant:
            if (constant.is_null()) return "NULL";
            if (type.IsString() || type.IsTemporal()) return "'" + constant.ToString() + "'";
            return constant.ToString();
        case BoundExprKind::kColumnRef: return name.empty() ? "#" + std::to_string(column_index) : name;
        case BoundExprKind::kCast: return "CAST(" + children[0]->ToString() + " AS " + type.ToString() + ")";
        case BoundExprKind::kFunction: {
            std::string out = function.name + "(";
            for (size_t i = 0; i < children.size(); ++i) {
                if (i > 0) out += ", ";
                out += children[i]->ToString();
            }
            return out + ")";
        }
        case BoundExprKind::kCase: {
            std::string out = "CASE";
            for (size_t i = 0; i + 1 < children.size(); i += 2) {
                out += " WHEN " + children[i]->ToString() + " THEN " + children[i + 1]->ToString();
            }
            return out + " ELSE " + children.back()->ToString() + " END";
        }
    }
    return "?";
}

std::unique_ptr<BoundExpression> BoundExpression::Clone() const {
    auto copy = std::make_unique<BoundExpression>();
    copy->kind = kind;
    copy->type = type;
    copy->constant = constant;
    copy->column_index = column_index;
    copy->name = name;
    copy->function = function;
    copy->cast_kernel = cast_kernel;
    copy->strict_cast = strict_cast;
    for (const auto& child : children) copy->children.push_back(child->Clone());
    return copy;
}

bool BoundExpression::IsFoldable() const {
    if (kind == BoundExprKind::kColumnRef) return false;
    if (kind == BoundExprKind::kFunction && !function.deterministic) return false;
    for (const auto& child : children) {
        if (!child->IsFoldable()) return false;
    }
    return true;
}

bool BoundExpression::HasVolatileFunction() const {
    if (kind == BoundExprKind::kFunction && !function.deterministic) return true;
    for (const auto& child : children) {
        if (child->HasVolatileFunction()) return true;
    }
    return false;
}

BoundExprPtr MakeConstant(Value value) {
    auto expr = std::make_unique<BoundExpression>();
    expr->kind = BoundExprKind::kConstant;
    expr->type = value.type();
    expr->constant = std::move(value);
    return expr;
}

BoundExprPtr MakeColumnRef(size_t index, LogicalType type, std::string name) {
    auto expr = std::make_unique<BoundExpression>();
    expr->kind = BoundExprKind::kColumnRef;
    expr->type = std::move(type);
    expr->column_index = index;
    expr->name = std::move(name);
    return expr;
}

Result<BoundExprPtr> MakeCast(BoundExprPtr child, const LogicalType& target, bool strict) {
    if (child->type == target) return child;
    FL_ASSIGN_OR_RETURN(auto kernel, functions::BindCast(child->type, target, strict));
    auto expr = std::make_unique<BoundExpression>();
    expr->kind = BoundExprKind::kCast;
    expr->type = target;
    expr->cast_kernel = std::move(kernel);
    expr->strict_cast = strict;
    expr->children.push_back(std::move(child));
    return expr;
}

}  // namespace flashlake::planner
