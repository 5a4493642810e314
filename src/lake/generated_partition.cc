#include "lake/generated_partition.h"

#include <algorithm>
#include <cctype>

#include "common/ascii.h"
#include "lake/table_schema.h"
#include "types/date_time.h"

namespace flashlake::lake {

namespace {

using namespace date_time;

struct UnitName {
    TruncUnit unit;
    const char* name;
};
constexpr UnitName kUnitNames[] = {{TruncUnit::kHour, "hour"},       {TruncUnit::kDay, "day"},
                                   {TruncUnit::kWeek, "week"},       {TruncUnit::kMonth, "month"},
                                   {TruncUnit::kQuarter, "quarter"}, {TruncUnit::kYear, "year"}};

// date_trunc('<unit>', <column>) with optional spaces and a backquoted column; nullopt otherwise.
std::optional<std::pair<TruncUnit, std::string>> ParseExpression(std::string_view text) {
    std::string compact;
    bool quoted = false;
    for (char c : text) {
        if (c == '\'' || c == '`') quoted = !quoted;
        if (!quoted && std::isspace(static_cast<unsigned char>(c))) continue;
        compact.push_back(c);
    }
    constexpr std::string_view kPrefix = "date_trunc('";
    if (compact.size() < kPrefix.size() || AsciiLower(compact.substr(0, kPrefix.size())) != kPrefix) return std::nullopt;
    size_t unit_end = compact.find('\'', kPrefix.size());
    if (unit_end == std::string::npos || unit_end + 1 >= compact.size() || compact[unit_end + 1] != ',') {
        return std::nullopt;
    }
    auto unit = ParseTruncUnit(std::string_view(compact).substr(kPrefix.size(), unit_end - kPrefix.size()));
    if (!unit || compact.back() != ')') return std::nullopt;
    std::string column = compact.substr(unit_end + 2, compact.size() - unit_end - 3);
    if (column.size() >= 2 && column.front() == '`' && column.back() == '`')
        column = column.substr(1, column.size() - 2);
    if (column.empty()) return std::nullopt;
    return std::make_pair(*unit, AsciiLower(column));
}

bool IsTemporal(const LogicalType& type) {
    return type.id() == TypeId::kDate || type.id() == TypeId::kDateTime;
}

// `value` as a value of `type`, when the conversion is exact (a DATETIME string with a time of
// day does not become a DATE).
std::optional<Value> AsSourceValue(const Value& value, const LogicalType& type) {
    if (value.is_null()) return std::nullopt;
    if (value.type().id() == type.id()) return value;
    return CoerceLiteral(value, type);
}

}  // namespace

std::optional<TruncUnit> ParseTruncUnit(std::string_view text) {
    std::string lower = AsciiLower(text);
    for (const auto& entry : kUnitNames) {
        if (lower == entry.name) return entry.unit;
    }
    return std::nullopt;
}

const char* TruncUnitName(TruncUnit unit) {
    for (const auto& entry : kUnitNames) {
        if (entry.unit == unit) return entry.name;
    }
    return "?";
}

const char* TruncUnitNames() {
    return "hour, day, week, month, quarter, year";
}

int32_t TruncateDate(int32_t days, TruncUnit unit) {
    CivilDate date = CivilFromDays(days);
    switch (unit) {
        case TruncUnit::kHour:
        case TruncUnit::kDay:
            return days;
        case TruncUnit::kWeek:
            return days - WeekdayFromDays(days);
        case TruncUnit::kMonth:
            return DaysFromCivil(date.year, date.month, 1);
        case TruncUnit::kQuarter:
            return DaysFromCivil(date.year, (date.month - 1) / 3 * 3 + 1, 1);
        case TruncUnit::kYear:
            return DaysFromCivil(date.year, 1, 1);
    }
    return days;
}

int64_t TruncateDateTime(int64_t micros, TruncUnit unit) {
    if (unit == TruncUnit::kHour) {
        int64_t hours = micros / kMicrosPerHour - (micros % kMicrosPerHour < 0 ? 1 : 0);  // floor before 1970
        return hours * kMicrosPerHour;
    }
    return DateToDateTime(TruncateDate(DateTimeToDate(micros), unit));
}

std::string GeneratedPartition::ToSql() const {
    return std::string("date_trunc('") + TruncUnitName(unit) + "', `" + source + "`)";
}

std::string GeneratedPartitionColumnName(TruncUnit unit, std::string_view source) {
    return std::string("__partition_") + TruncUnitName(unit) + "_" + AsciiLower(source);
}

std::pair<std::string, std::string> GeneratedPartitionOption(const GeneratedPartition& partition) {
    return {std::string(kGeneratedPartitionOptionPrefix) + partition.column, partition.ToSql()};
}

Result<std::vector<GeneratedPartition>> GeneratedPartitions(const TableSchema& schema) {
    std::vector<GeneratedPartition> out;
    for (const auto& [key, value] : schema.options) {
        if (key.compare(0, kGeneratedPartitionOptionPrefix.size(), kGeneratedPartitionOptionPrefix) != 0) continue;
        GeneratedPartition partition;
        partition.column = key.substr(kGeneratedPartitionOptionPrefix.size());
        auto parsed = ParseExpression(value);
        auto bad = [&](const std::string& why) {
            return Status::InvalidArgument("table option '" + key + "' = '" + value + "': " + why);
        };
        if (!parsed)
            return bad(std::string("expected date_trunc('<unit>', <column>) with a unit among ") + TruncUnitNames());
        partition.unit = parsed->first;
        partition.source = parsed->second;
        int column = schema.FieldIndex(partition.column);
        int source = schema.FieldIndex(partition.source);
        if (column < 0) return bad("the table has no column '" + partition.column + "'");
        if (source < 0) return bad("the table has no column '" + partition.source + "'");
        auto type = schema.fields[static_cast<size_t>(source)].type.ToLogicalType();
        if (!type.ok() || !IsTemporal(*type)) return bad("column '" + partition.source + "' is not a DATE or DATETIME");
        auto column_type = schema.fields[static_cast<size_t>(column)].type.ToLogicalType();
        if (!column_type.ok() || column_type->id() != type->id()) {
            return bad("column '" + partition.column + "' does not have the type of '" + partition.source + "'");
        }
        partition.type = *type;
        out.push_back(std::move(partition));
    }
    return out;
}

const GeneratedPartition* FindGeneratedColumn(const std::vector<GeneratedPartition>& partitions,
                                              std::string_view column) {
    for (const auto& partition : partitions) {
        if (partition.column == column) return &partition;
    }
    return nullptr;
}

ColumnPtr ComputeGeneratedColumn(const Column& source, size_t rows, TruncUnit unit) {
    if (source.encoding() == ColumnEncoding::kConstant) {
        return Column::MakeConstant(TruncateValue(source.GetValue(0), unit), rows);
    }
    ColumnPtr flat_holder;
    const Column* flat = &source;
    if (source.encoding() != ColumnEncoding::kFlat) {
        flat_holder = source.Flatten();
        flat = flat_holder.get();
    }
    ColumnPtr out = Column::MakeFlat(source.type(), rows);
    out->validity() = flat->validity();
    if (source.type().id() == TypeId::kDate) {
        const int32_t* in = flat->Data<int32_t>();
        int32_t* result = out->MutableData<int32_t>();
        for (size_t row = 0; row < rows; ++row) result[row] = TruncateDate(in[row], unit);
    } else {
        const int64_t* in = flat->Data<int64_t>();
        int64_t* result = out->MutableData<int64_t>();
        for (size_t row = 0; row < rows; ++row) result[row] = TruncateDateTime(in[row], unit);
    }
    return out;
}

Value TruncateValue(const Value& value, TruncUnit unit) {
    if (value.is_null()) return value;
    if (value.type().id() == TypeId::kDate)
        return Value::Date(TruncateDate(static_cast<int32_t>(value.GetInt64()), unit));
    return Value::DateTime(TruncateDateTime(value.GetInt64(), unit));
}

std::vector<ScanPredicate> DeriveGeneratedPartitionPredicates(const std::vector<GeneratedPartition>& partitions,
                                                              const std::vector<ScanPredicate>& predicates) {
    std::vector<ScanPredicate> derived;
    for (const GeneratedPartition& partition : partitions) {
        for (const ScanPredicate& predicate : predicates) {
            if (predicate.column != partition.source) continue;
            ScanPredicate out{partition.column, predicate.op, Value(), {}};
            switch (predicate.op) {
                case PredicateOp::kIsNull:
                case PredicateOp::kIsNotNull:
                    break;
                case PredicateOp::kNotEqual:
                    continue;  // other rows of the partition may differ
                case PredicateOp::kIn: {
                    bool exact = true;
                    for (const Value& item : predicate.values) {
                        auto value = AsSourceValue(item, partition.type);
                        if (!value) {
                            exact = false;
                            break;
                        }
                        Value truncated = TruncateValue(*value, partition.unit);
                        if (std::find(out.values.begin(), out.values.end(), truncated) == out.values.end()) {
                            out.values.push_back(std::move(truncated));
                        }
                    }
                    if (!exact) continue;
                    break;
                }
                default: {
                    auto value = AsSourceValue(predicate.value, partition.type);
                    if (!value) continue;
                    out.value = TruncateValue(*value, partition.unit);
                    if (predicate.op == PredicateOp::kGreater) out.op = PredicateOp::kGreaterEqual;
                    // src < v keeps v's own partition only when v lies inside it.
                    if (predicate.op == PredicateOp::kLess && !(out.value == *value)) out.op = PredicateOp::kLessEqual;
                    break;
                }
            }
            derived.push_back(std::move(out));
        }
    }
    return derived;
}

}  // namespace flashlake::lake
