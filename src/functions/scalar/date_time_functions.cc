// Date and time arithmetic: days_add / months_add / ... (what `d + INTERVAL n unit` binds to),
// and the field extractors year(), month(), day(), hour(), minute(), second().

#include "common/query_error.h"
#include "functions/function_registry.h"
#include "functions/scalar/scalar_families.h"
#include "functions/vectorized.h"
#include "types/date_time.h"

namespace flashlake::functions {

namespace {

using namespace date_time;

enum class Unit { kYear, kQuarter, kMonth, kWeek, kDay, kHour, kMinute, kSecond, kMillisecond, kMicrosecond };

struct UnitInfo {
    const char* name;
    Unit unit;
};
constexpr UnitInfo kUnits[] = {{"years", Unit::kYear},   {"quarters", Unit::kQuarter}, {"months", Unit::kMonth},
                               {"weeks", Unit::kWeek},   {"days", Unit::kDay},         {"hours", Unit::kHour},
                               {"minutes", Unit::kMinute}, {"seconds", Unit::kSecond},
                               {"milliseconds", Unit::kMillisecond}, {"microseconds", Unit::kMicrosecond}};

bool IsCalendarUnit(Unit unit) {
    return unit == Unit::kYear || unit == Unit::kQuarter || unit == Unit::kMonth || unit == Unit::kWeek ||
           unit == Unit::kDay;
}

int64_t MicrosPerUnit(Unit unit) {
    switch (unit) {
        case Unit::kHour: return kMicrosPerHour;
        case Unit::kMinute: return kMicrosPerMinute;
        case Unit::kSecond: return kMicrosPerSecond;
        case Unit::kMillisecond: return 1000;
        default: return 1;
    }
}

int64_t MonthsPerUnit(Unit unit) { return unit == Unit::kYear ? 12 : unit == Unit::kQuarter ? 3 : 1; }

int32_t AddToDate(int32_t days, int64_t amount, Unit unit) {
    int64_t result;
    switch (unit) {
        case Unit::kYear:
        case Unit::kQuarter:
        case Unit::kMonth: result = AddMonthsToDate(days, amount * MonthsPerUnit(unit)); break;
        case Unit::kWeek: result = days + amount * 7; break;
        default: result = days + amount; break;
    }
    if (result < DaysFromCivil(0, 1, 1) || result > DaysFromCivil(9999, 12, 31)) {
        ThrowQueryError(ErrorCode::kNumericOverflow, "date out of range after adding ", amount);
    }
    return static_cast<int32_t>(result);
}

int64_t AddToDateTime(int64_t micros, int64_t amount, Unit unit) {
    if (IsCalendarUnit(unit)) {
        int32_t days = DateTimeToDate(micros);
        return DateToDateTime(AddToDate(days, amount, unit)) + (micros - DateToDateTime(days));
    }
    int64_t delta, result;
    if (__builtin_mul_overflow(amount, MicrosPerUnit(unit), &delta) || __builtin_add_overflow(micros, delta, &result)) {
        ThrowQueryError(ErrorCode::kNumericOverflow, "datetime out of range after adding ", amount);
    }
    return result;
}

ScalarBinder MakeAddBinder(std::string name, Unit unit, int sign) {
    return [name, unit, sign](const std::vector<LogicalType>& types) -> Result<BoundScalarFunction> {
        if (types.size() != 2 || !(types[1].IsInteger() || types[1].id() == TypeId::kNull)) {
            return NoMatchingOverload(name, types);
        }
        LogicalType base = types[0];
        if (base.IsString() || base.id() == TypeId::kNull) base = LogicalType::DateTime();
        if (!base.IsTemporal()) return NoMatchingOverload(name, types);
        // A DATE plus hours or smaller becomes a DATETIME.
        if (base.id() == TypeId::kDate && !IsCalendarUnit(unit)) base = LogicalType::DateTime();
        ScalarKernel kernel;
        if (base.id() == TypeId::kDate) {
            kernel = [unit, sign](const KernelArgs& args) {
                return BinaryExecute<int32_t, int64_t, int32_t>(*args.columns[0], *args.columns[1], args.num_rows,
                                                                LogicalType::Date(), [unit, sign](int32_t d, int64_t n) {
                                                                    return AddToDate(d, sign * n, unit);
                                                                });
            };
        } else {
            kernel = [unit, sign](const KernelArgs& args) {
                return BinaryExecute<int64_t, int64_t, int64_t>(*args.columns[0], *args.columns[1], args.num_rows,
                                                                LogicalType::DateTime(), [unit, sign](int64_t t, int64_t n) {
                                                                    return AddToDateTime(t, sign * n, unit);
                                                                });
            };
        }
        return BoundScalarFunction{name, {base, LogicalType::BigInt()}, base, std::move(kernel)};
    };
}

enum class Field { kYear, kQuarter, kMonth, kDay, kHour, kMinute, kSecond };

ScalarBinder MakeFieldBinder(std::string name, Field field) {
    return [name, field](const std::vector<LogicalType>& types) -> Result<BoundScalarFunction> {
        if (types.size() != 1) return NoMatchingOverload(name, types);
        bool from_date = types[0].id() == TypeId::kDate;
        if (!types[0].IsTemporal() && !types[0].IsString() && types[0].id() != TypeId::kNull) {
            return NoMatchingOverload(name, types);
        }
        LogicalType argument = from_date ? LogicalType::Date() : LogicalType::DateTime();
        ScalarKernel kernel = [field, from_date](const KernelArgs& args) {
            auto extract = [field](int64_t micros) -> int32_t {
                CivilDateTime t = CivilFromDateTime(micros);
                switch (field) {
                    case Field::kYear: return t.date.year;
                    case Field::kQuarter: return (t.date.month - 1) / 3 + 1;
                    case Field::kMonth: return t.date.month;
                    case Field::kDay: return t.date.day;
                    case Field::kHour: return t.hour;
                    case Field::kMinute: return t.minute;
                    case Field::kSecond: return t.second;
                }
                return 0;
            };
            if (from_date) {
                return UnaryExecute<int32_t, int32_t>(*args.columns[0], args.num_rows, LogicalType::Int(),
                                                      [extract](int32_t d) { return extract(DateToDateTime(d)); });
            }
            return UnaryExecute<int64_t, int32_t>(*args.columns[0], args.num_rows, LogicalType::Int(), extract);
        };
        return BoundScalarFunction{name, {argument}, LogicalType::Int(), std::move(kernel)};
    };
}

}  // namespace

void RegisterDateTimeFunctions(FunctionRegistry& registry) {
    for (const auto& info : kUnits) {
        std::string base(info.name);
        registry.RegisterScalar(base + "_add", MakeAddBinder(base + "_add", info.unit, 1));
        registry.RegisterScalar(base + "_sub", MakeAddBinder(base + "_sub", info.unit, -1));
    }
    registry.RegisterScalar("year", MakeFieldBinder("year", Field::kYear));
    registry.RegisterScalar("quarter", MakeFieldBinder("quarter", Field::kQuarter));
    registry.RegisterScalar("month", MakeFieldBinder("month", Field::kMonth));
    registry.RegisterScalar("day", MakeFieldBinder("day", Field::kDay));
    registry.RegisterScalar("hour", MakeFieldBinder("hour", Field::kHour));
    registry.RegisterScalar("minute", MakeFieldBinder("minute", Field::kMinute));
    registry.RegisterScalar("second", MakeFieldBinder("second", Field::kSecond));
    registry.RegisterAlias("dayofmonth", "day");
}

}  // namespace flashlake::functions
