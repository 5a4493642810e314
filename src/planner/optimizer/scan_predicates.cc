#include "planner/optimizer/scan_predicates.h"

#include <memory>
#include <string>
#include <vector>

namespace flashlake::planner {

namespace {

// Whether CAST(x AS to) of a value of type `from` is exact and keeps order, so that a comparison
// of the cast column with a constant equals the comparison of the column with the constant
// converted back (which the lake scan only does when that conversion is exact).
bool IsExactWidening(const LogicalType& from, const LogicalType& to) {
    if (from.IsInteger() && to.IsInteger()) return static_cast<int>(to.id()) >= static_cast<int>(from.id());
    if (from.IsInteger() && to.id() == TypeId::kDecimal) {
        int digits = 0;
        switch (from.id()) {
            case TypeId::kTinyInt:
                digits = 3;
                break;
            case TypeId::kSmallInt:
                digits = 5;
                break;
            case TypeId::kInt:
                digits = 10;
                break;
            case TypeId::kBigInt:
                digits = 19;
                break;
            default:
                return false;
        }
        return to.precision() - to.scale() >= digits;
    }
    if (from.id() == TypeId::kDecimal && to.id() == TypeId::kDecimal) {
        return to.scale() >= from.scale() && to.precision() - to.scale() >= from.precision() - from.scale();
    }
    return from.id() == TypeId::kDate && to.id() == TypeId::kDateTime;
}

// The scan column an expression reads, looking through exact widening casts; nullptr otherwise.
const std::string* ColumnOf(const BoundExpression& expression, const std::vector<std::string>& columns) {
    const BoundExpression* node = &expression;
    while (node->kind == BoundExprKind::kCast && node->children.size() == 1 &&
           IsExactWidening(node->children[0]->type, node->type)) {
        node = node->children[0].get();
    }
    if (node->kind != BoundExprKind::kColumnRef || node->column_index >= columns.size()) return nullptr;
    return &columns[node->column_index];
}

std::optional<lake::PredicateOp> ComparisonOp(const std::string& name) {
    if (name == "eq") return lake::PredicateOp::kEqual;
    if (name == "ne") return lake::PredicateOp::kNotEqual;
    if (name == "lt") return lake::PredicateOp::kLess;
    if (name == "le") return lake::PredicateOp::kLessEqual;
    if (name == "gt") return lake::PredicateOp::kGreater;
    if (name == "ge") return lake::PredicateOp::kGreaterEqual;
    return std::nullopt;
}

// `constant op column` as `column op' constant`.
lake::PredicateOp Mirror(lake::PredicateOp op) {
    switch (op) {
        case lake::PredicateOp::kLess:
            return lake::PredicateOp::kGreater;
        case lake::PredicateOp::kLessEqual:
            return lake::PredicateOp::kGreaterEqual;
        case lake::PredicateOp::kGreater:
            return lake::PredicateOp::kLess;
        case lake::PredicateOp::kGreaterEqual:
            return lake::PredicateOp::kLessEqual;
        default:
            return op;
    }
}

// Collects the equalities of an OR tree of `column = constant` on one column into `predicate`
// (kIn); false when some branch has another form.
bool CollectInList(const BoundExpression& expression, const std::vector<std::string>& columns,
                   lake::ScanPredicate& predicate) {
    if (expression.kind != BoundExprKind::kFunction) return false;
    if (expression.function.name == "or" && expression.children.size() == 2) {
        return CollectInList(*expression.children[0], columns, predicate) &&
               CollectInList(*expression.children[1], columns, predicate);
    }
    std::optional<lake::ScanPredicate> equality = ToScanPredicate(expression, columns);
    if (!equality || equality->op != lake::PredicateOp::kEqual) return false;
    if (!predicate.column.empty() && predicate.column != equality->column) return false;
    predicate.column = equality->column;
    predicate.values.push_back(std::move(equality->value));
    return true;
}

void Attach(LogicalOperatorPtr& node) {
    for (auto& child : node->children) Attach(child);
    if (node->kind != LogicalOperatorKind::kFilter || node->children.size() != 1) return;
    LogicalOperator& scan = *node->children[0];
    const bool table = scan.kind == LogicalOperatorKind::kTableScan && scan.table_scan;
    const bool parquet =
        scan.kind == LogicalOperatorKind::kFileScan && scan.file_scan && scan.file_scan->format == FileFormat::kParquet;
    if (!table && !parquet) return;
    const std::vector<std::string>& columns = table ? scan.table_scan->columns : scan.file_scan->names;
    std::vector<lake::ScanPredicate> predicates;
    for (const auto& conjunct : node->expressions) {
        if (auto predicate = ToScanPredicate(*conjunct, columns)) predicates.push_back(std::move(*predicate));
    }
    if (predicates.empty()) return;
    if (table) {
        // Conditions on the source of a generated partition column (PARTITION BY date_trunc)
        // prune its partitions too; the filter above still checks every row.
        std::vector<lake::ScanPredicate> derived =
            lake::DeriveGeneratedPartitionPredicates(scan.table_scan->generated_partitions, predicates);
        for (auto& predicate : derived) predicates.push_back(std::move(predicate));
        auto spec = std::make_shared<TableScanSpec>(*scan.table_scan);
        for (auto& predicate : predicates) spec->predicates.push_back(std::move(predicate));
        scan.table_scan = std::move(spec);
    } else {
        auto spec = std::make_shared<FileScanSpec>(*scan.file_scan);
        for (auto& predicate : predicates) spec->predicates.push_back(std::move(predicate));
        scan.file_scan = std::move(spec);
    }
}

}  // namespace

std::optional<lake::ScanPredicate> ToScanPredicate(const BoundExpression& expression,
                                                   const std::vector<std::string>& columns) {
    if (expression.kind != BoundExprKind::kFunction) return std::nullopt;
    const std::string& name = expression.function.name;
    if ((name == "is_null" || name == "is_not_null") && expression.children.size() == 1) {
        const std::string* column = ColumnOf(*expression.children[0], columns);
        if (column == nullptr) return std::nullopt;
        return lake::ScanPredicate{
            *column, name == "is_null" ? lake::PredicateOp::kIsNull : lake::PredicateOp::kIsNotNull, Value(), {}};
    }
    if (name == "or") {
        lake::ScanPredicate in{"", lake::PredicateOp::kIn, Value(), {}};
        if (!CollectInList(expression, columns, in)) return std::nullopt;
        return in;
    }
    std::optional<lake::PredicateOp> op = ComparisonOp(name);
    if (!op || expression.children.size() != 2) return std::nullopt;
    const BoundExpression& left = *expression.children[0];
    const BoundExpression& right = *expression.children[1];
    if (right.IsConstant() && !right.constant.is_null()) {
        if (const std::string* column = ColumnOf(left, columns))
            return lake::ScanPredicate{*column, *op, right.constant, {}};
    }
    if (left.IsConstant() && !left.constant.is_null()) {
        if (const std::string* column = ColumnOf(right, columns)) {
            return lake::ScanPredicate{*column, Mirror(*op), left.constant, {}};
        }
    }
    return std::nullopt;
}

void AttachScanPredicates(LogicalOperatorPtr& plan) {
    Attach(plan);
}

}  // namespace flashlake::planner
