#include "lake/read/scan_predicate.h"

#include "types/cast.h"

namespace flashlake::lake {

namespace {

const char* OpText(PredicateOp op) {
    switch (op) {
        case PredicateOp::kEqual:
            return "=";
        case PredicateOp::kNotEqual:
            return "<>";
        case PredicateOp::kLess:
            return "<";
        case PredicateOp::kLessEqual:
            return "<=";
        case PredicateOp::kGreater:
            return ">";
        case PredicateOp::kGreaterEqual:
            return ">=";
        case PredicateOp::kIsNull:
            return "IS NULL";
        case PredicateOp::kIsNotNull:
            return "IS NOT NULL";
        case PredicateOp::kIn:
            return "IN";
    }
    return "?";
}

bool SameType(const LogicalType& a, const LogicalType& b) {
    if (a.id() != b.id()) return false;
    if (a.id() == TypeId::kDecimal) return a.precision() == b.precision() && a.scale() == b.scale();
    return true;
}

}  // namespace

std::string ScanPredicate::ToString() const {
    if (op == PredicateOp::kIsNull || op == PredicateOp::kIsNotNull) return column + " " + OpText(op);
    if (op == PredicateOp::kIn) {
        std::string text = column + " IN (";
        for (size_t i = 0; i < values.size(); ++i) text += (i ? ", " : "") + values[i].ToString();
        return text + ")";
    }
    return column + " " + OpText(op) + " " + value.ToString();
}

std::optional<Value> CoerceLiteral(const Value& literal, const LogicalType& type) {
    if (literal.is_null()) return std::nullopt;
    if (SameType(literal.type(), type) || (literal.type().IsBinaryBacked() && type.IsBinaryBacked())) {
        if (literal.type().id() == type.id()) return literal;
        return Value::Binary(type, literal.GetString());
    }
    auto cast = CastValue(literal, type, /*strict=*/true);
    if (!cast.ok() || cast->is_null()) return std::nullopt;
    auto back = CastValue(*cast, literal.type(), /*strict=*/true);
    if (!back.ok() || back->is_null() || back->Compare(literal) != 0) return std::nullopt;
    return std::move(cast).value();
}

bool PredicateMatches(const ScanPredicate& predicate, const Value& value) {
    if (predicate.op == PredicateOp::kIsNull) return value.is_null();
    if (predicate.op == PredicateOp::kIsNotNull) return !value.is_null();
    if (predicate.op == PredicateOp::kIn) {
        if (value.is_null()) return false;
        for (const Value& item : predicate.values) {
            if (!item.is_null() && value.Compare(item) == 0) return true;
        }
        return false;
    }
    if (value.is_null() || predicate.value.is_null()) return false;
    int order = value.Compare(predicate.value);
    switch (predicate.op) {
        case PredicateOp::kEqual:
            return order == 0;
        case PredicateOp::kNotEqual:
            return order != 0;
        case PredicateOp::kLess:
            return order < 0;
        case PredicateOp::kLessEqual:
            return order <= 0;
        case PredicateOp::kGreater:
            return order > 0;
        case PredicateOp::kGreaterEqual:
            return order >= 0;
        default:
            return true;
    }
}

bool PredicateMayMatch(const ScanPredicate& predicate, const ColumnStats& stats) {
    bool all_null = stats.null_count && *stats.null_count >= stats.row_count;
    if (predicate.op == PredicateOp::kIsNull) return !stats.null_count || *stats.null_count > 0;
    if (predicate.op == PredicateOp::kIsNotNull) return !all_null;
    if (all_null) return false;
    if (predicate.op == PredicateOp::kIn) {
        if (!stats.min || !stats.max) return true;
        ScanPredicate equal{predicate.column, PredicateOp::kEqual, Value(), {}};
        for (const Value& item : predicate.values) {
            equal.value = item;
            if (PredicateMayMatch(equal, stats)) return true;
        }
        return false;  // no listed value lies within [min, max]
    }
    if (!stats.min || !stats.max || predicate.value.is_null()) return true;
    const Value& v = predicate.value;
    if (!SameType(stats.min->type(), v.type()) || !SameType(stats.max->type(), v.type())) return true;
    int vs_min = v.Compare(*stats.min);
    int vs_max = v.Compare(*stats.max);
    switch (predicate.op) {
        case PredicateOp::kEqual:
            return vs_min >= 0 && vs_max <= 0;
        case PredicateOp::kNotEqual:
            return !(vs_min == 0 && vs_max == 0);
        case PredicateOp::kLess:
            return vs_min > 0;  // some value < v iff min < v
        case PredicateOp::kLessEqual:
            return vs_min >= 0;
        case PredicateOp::kGreater:
            return vs_max < 0;  // max > v
        case PredicateOp::kGreaterEqual:
            return vs_max <= 0;
        default:
            return true;
    }
}

}  // namespace flashlake::lake
