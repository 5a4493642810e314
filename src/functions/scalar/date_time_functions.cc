// Date and time arithmetic: days_add / months_add / ... (what `d + INTERVAL n unit` binds to),
// date_add and friends, differences (datediff, hours_diff, ...), truncation (date_trunc,
// time_slice), the current time, and the field extractors year() .. second(), dayofweek(),
// week(), ... DATETIME has no time zone; the session time zone is UTC, so now() is UTC too.

#include <cctype>
#include <chrono>
#include <optional>

#include "common/query_error.h"
#include "functions/function_registry.h"
#include "functions/scalar/calendar.h"
#include "functions/scalar/row_kernel.h"
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
constexpr UnitInfo kUnits[] = {{"years", Unit::kYear},
                               {"quarters", Unit::kQuarter},
                               {"months", Unit::kMonth},
                               {"weeks", Unit::kWeek},
                               {"days", Unit::kDay},
                               {"hours", Unit::kHour},
                               {"minutes", Unit::kMinute},
                               {"seconds", Unit::kSecond},
                               {"milliseconds", Unit::kMillisecond},
                               {"microseconds", Unit::kMicrosecond}};

bool IsCalendarUnit(Unit unit) {
    return unit == Unit::kYear || unit == Unit::kQuarter || unit == Unit::kMonth || unit == Unit::kWeek ||
           unit == Unit::kDay;
}

int64_t MicrosPerUnit(Unit unit) {
    switch (unit) {
        case Unit::kHour:
            return kMicrosPerHour;
        case Unit::kMinute:
            return kMicrosPerMinute;
        case Unit::kSecond:
            return kMicrosPerSecond;
        case Unit::kMillisecond:
            return 1000;
        default:
            return 1;
    }
}

int64_t MonthsPerUnit(Unit unit) {
    return unit == Unit::kYear ? 12 : unit == Unit::kQuarter ? 3 : 1;
}

int32_t AddToDate(int32_t days, int64_t amount, Unit unit) {
    int64_t result;
    switch (unit) {
        case Unit::kYear:
        case Unit::kQuarter:
        case Unit::kMonth:
            result = AddMonthsToDate(days, amount * MonthsPerUnit(unit));
            break;
        case Unit::kWeek:
            result = days + amount * 7;
            break;
        default:
            result = days + amount;
            break;
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
                return BinaryExecute<int32_t, int64_t, int32_t>(
                    *args.columns[0], *args.columns[1], args.num_rows, LogicalType::Date(),
                    [unit, sign](int32_t d, int64_t n) { return AddToDate(d, sign * n, unit); });
            };
        } else {
            kernel = [unit, sign](const KernelArgs& args) {
                return BinaryExecute<int64_t, int64_t, int64_t>(
                    *args.columns[0], *args.columns[1], args.num_rows, LogicalType::DateTime(),
                    [unit, sign](int64_t t, int64_t n) { return AddToDateTime(t, sign * n, unit); });
            };
        }
        return BoundScalarFunction{name, {base, LogicalType::BigInt()}, base, std::move(kernel)};
    };
}

enum class Field { kYear, kQuarter, kMonth, kDay, kHour, kMinute, kSecond };

// One field of a DATETIME. Time-of-day fields come from the microseconds within the day alone:
// HOUR(event_time) over millions of rows needs no calendar arithmetic.
template <Field kField>
int32_t DateTimeField(int64_t micros) {
    if constexpr (kField == Field::kHour || kField == Field::kMinute || kField == Field::kSecond) {
        int64_t of_day = micros % kMicrosPerDay;
        if (of_day < 0) of_day += kMicrosPerDay;  // before 1970
        if constexpr (kField == Field::kHour) return static_cast<int32_t>(of_day / kMicrosPerHour);
        if constexpr (kField == Field::kMinute) return static_cast<int32_t>(of_day / kMicrosPerMinute % 60);
        return static_cast<int32_t>(of_day / kMicrosPerSecond % 60);
    } else {
        CivilDate date = CivilFromDays(DateTimeToDate(micros));
        if constexpr (kField == Field::kYear) return date.year;
        if constexpr (kField == Field::kQuarter) return (date.month - 1) / 3 + 1;
        if constexpr (kField == Field::kMonth) return date.month;
        return date.day;
    }
}

// The kernel of one field, its loop specialised for the field (the switch is outside it).
template <Field kField>
ScalarKernel FieldKernel(bool from_date) {
    if (from_date) {
        return [](const KernelArgs& args) {
            return UnaryExecute<int32_t, int32_t>(*args.columns[0], args.num_rows, LogicalType::Int(), [](int32_t days) {
                if constexpr (kField == Field::kHour || kField == Field::kMinute || kField == Field::kSecond) {
                    return 0;  // a DATE is at midnight
                } else {
                    return DateTimeField<kField>(DateToDateTime(days));
                }
            });
        };
    }
    return [](const KernelArgs& args) {
        return UnaryExecute<int64_t, int32_t>(*args.columns[0], args.num_rows, LogicalType::Int(),
                                              [](int64_t micros) { return DateTimeField<kField>(micros); });
    };
}

ScalarBinder MakeFieldBinder(std::string name, Field field) {
    return [name, field](const std::vector<LogicalType>& types) -> Result<BoundScalarFunction> {
        if (types.size() != 1) return NoMatchingOverload(name, types);
        bool from_date = types[0].id() == TypeId::kDate;
        if (!types[0].IsTemporal() && !types[0].IsString() && types[0].id() != TypeId::kNull) {
            return NoMatchingOverload(name, types);
        }
        LogicalType argument = from_date ? LogicalType::Date() : LogicalType::DateTime();
        ScalarKernel kernel;
        switch (field) {
            case Field::kYear: kernel = FieldKernel<Field::kYear>(from_date); break;
            case Field::kQuarter: kernel = FieldKernel<Field::kQuarter>(from_date); break;
            case Field::kMonth: kernel = FieldKernel<Field::kMonth>(from_date); break;
            case Field::kDay: kernel = FieldKernel<Field::kDay>(from_date); break;
            case Field::kHour: kernel = FieldKernel<Field::kHour>(from_date); break;
            case Field::kMinute: kernel = FieldKernel<Field::kMinute>(from_date); break;
            case Field::kSecond: kernel = FieldKernel<Field::kSecond>(from_date); break;
        }
        return BoundScalarFunction{name, {argument}, LogicalType::Int(), std::move(kernel)};
    };
}

// ---- the current time, fixed when the query is bound so that every row and every call in one
// query sees the same instant (as StarRocks' now()) ----

int64_t NowMicros() {
    auto now = std::chrono::system_clock::now().time_since_epoch();
    int64_t seconds = std::chrono::duration_cast<std::chrono::seconds>(now).count();
    return seconds * kMicrosPerSecond;
}

ScalarBinder MakeNowBinder(std::string name, LogicalType type) {
    return [name, type](const std::vector<LogicalType>& types) -> Result<BoundScalarFunction> {
        if (!types.empty()) return NoMatchingOverload(name, types);
        int64_t micros = NowMicros();
        Value value = type.id() == TypeId::kDate     ? Value::Date(DateTimeToDate(micros))
                      : type.id() == TypeId::kBigInt ? Value::BigInt(micros / kMicrosPerSecond)
                                                     : Value::DateTime(micros);
        BoundScalarFunction bound{
            name, {}, type, [value](const KernelArgs& args) { return Column::MakeConstant(value, args.num_rows); }};
        bound.deterministic = false;
        return bound;
    };
}

// ---- functions of one date or datetime, computed on DATETIME micros ----

bool TakesAsTemporal(const LogicalType& type) {
    return type.IsTemporal() || type.IsString() || type.id() == TypeId::kNull;
}

template <typename Out, typename Fn>
ScalarBinder MakeTemporalBinder(std::string name, LogicalType result, Fn fn) {
    return [name, result, fn](const std::vector<LogicalType>& types) -> Result<BoundScalarFunction> {
        if (types.size() != 1 || !TakesAsTemporal(types[0])) return NoMatchingOverload(name, types);
        ScalarKernel kernel = [result, fn](const KernelArgs& args) {
            return UnaryExecute<int64_t, Out>(*args.columns[0], args.num_rows, result, fn);
        };
        return BoundScalarFunction{name, {LogicalType::DateTime()}, result, std::move(kernel)};
    };
}

int32_t DayOfWeekSundayFirst(int64_t micros) {
    return (WeekdayFromDays(DateTimeToDate(micros)) + 1) % 7 + 1;
}

ScalarBinder MakeNameBinder(std::string name, bool month) {
    return [name, month](const std::vector<LogicalType>& types) -> Result<BoundScalarFunction> {
        if (types.size() != 1 || !TakesAsTemporal(types[0])) return NoMatchingOverload(name, types);
        ScalarKernel kernel = [month](const KernelArgs& args) {
            return BuildStrings(args, [&](size_t i, std::string& out) {
                if (!AllValidAt(args, i)) return false;
                int32_t days = DateTimeToDate(ValueAt<int64_t>(*args.columns[0], i));
                out = month ? calendar::kMonthNames[CivilFromDays(days).month - 1]
                            : calendar::kDayNames[WeekdayFromDays(days)];
                return true;
            });
        };
        return BoundScalarFunction{name, {LogicalType::DateTime()}, LogicalType::Varchar(), std::move(kernel)};
    };
}

// week(d[, mode]) with MySQL's modes; weekofyear(d) is ISO week, mode 3.
Result<BoundScalarFunction> BindWeek(const std::vector<LogicalType>& types) {
    if (types.empty() || types.size() > 2 || !TakesAsTemporal(types[0]) ||
        (types.size() == 2 && !TakesAsInteger(types[1]))) {
        return NoMatchingOverload("week", types);
    }
    std::vector<LogicalType> arguments{LogicalType::DateTime()};
    if (types.size() == 2) arguments.push_back(LogicalType::BigInt());
    ScalarKernel kernel = [](const KernelArgs& args) {
        return BuildValues<int32_t>(args, LogicalType::Int(), [&](size_t i, int32_t& out) {
            if (!AllValidAt(args, i)) return false;
            int mode = args.columns.size() > 1 ? static_cast<int>(ValueAt<int64_t>(*args.columns[1], i)) : 0;
            int32_t year;
            out = calendar::MySqlWeek(DateTimeToDate(ValueAt<int64_t>(*args.columns[0], i)), mode, &year);
            return true;
        });
    };
    return BoundScalarFunction{"week", std::move(arguments), LogicalType::Int(), std::move(kernel)};
}

// ---- differences ----

enum class DiffUnit { kDate, kYear, kMonth, kWeek, kDay, kHour, kMinute, kSecond };

// Whole months from `b` to `a`, counting a month only once its day and time are reached.
int64_t MonthsBetween(int64_t a, int64_t b) {
    CivilDateTime x = CivilFromDateTime(a), y = CivilFromDateTime(b);
    int64_t months = (int64_t{x.date.year} - y.date.year) * 12 + (x.date.month - y.date.month);
    int64_t x_rest = a - DateToDateTime(DaysFromCivil(x.date.year, x.date.month, 1));
    int64_t y_rest = b - DateToDateTime(DaysFromCivil(y.date.year, y.date.month, 1));
    if (months > 0 && x_rest < y_rest) --months;
    if (months < 0 && x_rest > y_rest) ++months;
    return months;
}

int64_t Difference(int64_t a, int64_t b, DiffUnit unit) {
    switch (unit) {
        case DiffUnit::kDate:
            return int64_t{DateTimeToDate(a)} - DateTimeToDate(b);
        case DiffUnit::kYear:
            return MonthsBetween(a, b) / 12;
        case DiffUnit::kMonth:
            return MonthsBetween(a, b);
        case DiffUnit::kWeek:
            return (a - b) / (7 * kMicrosPerDay);
        case DiffUnit::kDay:
            return (a - b) / kMicrosPerDay;
        case DiffUnit::kHour:
            return (a - b) / kMicrosPerHour;
        case DiffUnit::kMinute:
            return (a - b) / kMicrosPerMinute;
        case DiffUnit::kSecond:
            return (a - b) / kMicrosPerSecond;
    }
    return 0;
}

ScalarBinder MakeDiffBinder(std::string name, DiffUnit unit) {
    return [name, unit](const std::vector<LogicalType>& types) -> Result<BoundScalarFunction> {
        if (types.size() != 2 || !TakesAsTemporal(types[0]) || !TakesAsTemporal(types[1])) {
            return NoMatchingOverload(name, types);
        }
        // datediff counts calendar days and is INT; the *_diff functions are BIGINT.
        LogicalType result = unit == DiffUnit::kDate ? LogicalType::Int() : LogicalType::BigInt();
        LogicalType dt = LogicalType::DateTime();
        ScalarKernel kernel;
        if (unit == DiffUnit::kDate) {
            kernel = [result](const KernelArgs& args) {
                return BinaryExecute<int64_t, int64_t, int32_t>(
                    *args.columns[0], *args.columns[1], args.num_rows, result,
                    [](int64_t a, int64_t b) { return static_cast<int32_t>(Difference(a, b, DiffUnit::kDate)); });
            };
        } else {
            kernel = [result, unit](const KernelArgs& args) {
                return BinaryExecute<int64_t, int64_t, int64_t>(
                    *args.columns[0], *args.columns[1], args.num_rows, result,
                    [unit](int64_t a, int64_t b) { return Difference(a, b, unit); });
            };
        }
        return BoundScalarFunction{name, {dt, dt}, result, std::move(kernel)};
    };
}

// ---- truncation ----

std::optional<Unit> ParseUnit(std::string_view text) {
    std::string lower(text);
    for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if (!lower.empty() && lower.back() == 's') lower.pop_back();
    for (const auto& info : kUnits) {
        std::string_view singular(info.name);
        singular.remove_suffix(1);
        if (singular == lower) return info.unit;
    }
    return std::nullopt;
}

Unit UnitOrThrow(const Column& column, const char* function) {
    if (column.encoding() != ColumnEncoding::kConstant) {
        ThrowQueryError(ErrorCode::kInvalidArgument, function, ": the unit must be a constant string");
    }
    std::string_view text = ValidAt(column, 0) ? StringAt(column, 0).view() : std::string_view();
    auto unit = ParseUnit(text);
    if (!unit || *unit == Unit::kMillisecond || *unit == Unit::kMicrosecond) {
        ThrowQueryError(ErrorCode::kInvalidArgument, function, ": unknown time unit '", std::string(text),
                        "'; expected one of year, quarter, month, week, day, hour, minute, second");
    }
    return *unit;
}

int64_t FloorDiv(int64_t a, int64_t b) {
    return a / b - ((a % b != 0) && ((a < 0) != (b < 0)));
}

// date_trunc(unit, dt): the start of the unit holding dt; weeks start on Monday.
int64_t TruncateTo(int64_t micros, Unit unit) {
    int32_t days = DateTimeToDate(micros);
    CivilDate date = CivilFromDays(days);
    switch (unit) {
        case Unit::kYear:
            return DateToDateTime(DaysFromCivil(date.year, 1, 1));
        case Unit::kQuarter:
            return DateToDateTime(DaysFromCivil(date.year, (date.month - 1) / 3 * 3 + 1, 1));
        case Unit::kMonth:
            return DateToDateTime(DaysFromCivil(date.year, date.month, 1));
        case Unit::kWeek:
            return DateToDateTime(days - WeekdayFromDays(days));
        case Unit::kDay:
            return DateToDateTime(days);
        default:
            return FloorDiv(micros, MicrosPerUnit(unit)) * MicrosPerUnit(unit);
    }
}

Result<BoundScalarFunction> BindDateTrunc(const std::vector<LogicalType>& types) {
    if (types.size() != 2 || !TakesAsString(types[0]) || !TakesAsTemporal(types[1])) {
        return NoMatchingOverload("date_trunc", types);
    }
    // A DATE stays a DATE (the units finer than a day leave it unchanged).
    bool date = types[1].id() == TypeId::kDate;
    LogicalType result = date ? LogicalType::Date() : LogicalType::DateTime();
    ScalarKernel kernel = [date, result](const KernelArgs& args) {
        Unit unit = UnitOrThrow(*args.columns[0], "date_trunc");
        if (date) {
            return UnaryExecute<int32_t, int32_t>(*args.columns[1], args.num_rows, result, [unit](int32_t d) {
                return IsCalendarUnit(unit) ? DateTimeToDate(TruncateTo(DateToDateTime(d), unit)) : d;
            });
        }
        return UnaryExecute<int64_t, int64_t>(*args.columns[1], args.num_rows, result,
                                              [unit](int64_t t) { return TruncateTo(t, unit); });
    };
    return BoundScalarFunction{"date_trunc", {LogicalType::Varchar(), result}, result, std::move(kernel)};
}

// time_slice(dt, n, unit[, 'floor' | 'ceil']) (the binder turns `INTERVAL n unit` into n, 'unit'):
// the start (or end) of the n-unit bucket holding dt, buckets counted from 0001-01-01 00:00:00.
int64_t TimeSlice(int64_t micros, int64_t n, Unit unit, bool ceil) {
    const int32_t epoch_days = DaysFromCivil(1, 1, 1);
    int64_t start;
    if (unit == Unit::kYear || unit == Unit::kQuarter || unit == Unit::kMonth) {
        CivilDate date = CivilFromDays(DateTimeToDate(micros));
        int64_t step = n * MonthsPerUnit(unit);
        int64_t months = (int64_t{date.year} - 1) * 12 + (date.month - 1);
        int64_t bucket = months / step * step;
        start = DateToDateTime(AddMonthsToDate(epoch_days, bucket));
        if (ceil && start != micros) start = DateToDateTime(AddMonthsToDate(epoch_days, bucket + step));
        return start;
    }
    int64_t width = (unit == Unit::kWeek  ? 7 * kMicrosPerDay
                     : unit == Unit::kDay ? kMicrosPerDay
                                          : MicrosPerUnit(unit)) *
                    n;
    int64_t since = micros - DateToDateTime(epoch_days);
    start = FloorDiv(since, width) * width + DateToDateTime(epoch_days);
    if (ceil && start != micros) start += width;
    return start;
}

Result<BoundScalarFunction> BindTimeSlice(const std::vector<LogicalType>& types) {
    if (types.size() < 3 || types.size() > 4 || !TakesAsTemporal(types[0]) || !TakesAsInteger(types[1]) ||
        !TakesAsString(types[2]) || (types.size() == 4 && !TakesAsString(types[3]))) {
        return NoMatchingOverload("time_slice", types);
    }
    bool date = types[0].id() == TypeId::kDate;
    LogicalType result = date ? LogicalType::Date() : LogicalType::DateTime();
    std::vector<LogicalType> arguments{LogicalType::DateTime(), LogicalType::BigInt(), LogicalType::Varchar()};
    if (types.size() == 4) arguments.push_back(LogicalType::Varchar());
    ScalarKernel kernel = [date, result](const KernelArgs& args) {
        Unit unit = UnitOrThrow(*args.columns[2], "time_slice");
        bool ceil = false;
        if (args.columns.size() == 4) {
            std::string_view side = ValidAt(*args.columns[3], 0) ? StringAt(*args.columns[3], 0).view() : "";
            ceil = side == "ceil" || side == "CEIL";
            if (!ceil && side != "floor" && side != "FLOOR") {
                ThrowQueryError(ErrorCode::kInvalidArgument, "time_slice: expected FLOOR or CEIL, not '",
                                std::string(side), "'");
            }
        }
        return BuildValues<int64_t>(args, LogicalType::DateTime(), [&](size_t i, int64_t& out) {
            if (!ValidAt(*args.columns[0], i) || !ValidAt(*args.columns[1], i)) return false;
            int64_t n = ValueAt<int64_t>(*args.columns[1], i);
            if (n <= 0)
                ThrowQueryError(ErrorCode::kInvalidArgument, "time_slice: the interval must be positive, not ", n);
            out = TimeSlice(ValueAt<int64_t>(*args.columns[0], i), n, unit, ceil);
            return true;
        });
    };
    if (date) {
        // Computed on DATETIME, then back to DATE (a DATE's bucket starts at a midnight for
        // calendar units; for finer units the date part of the bucket start).
        ScalarKernel inner = std::move(kernel);
        kernel = [inner, result](const KernelArgs& args) {
            ColumnPtr datetimes = inner(args);
            return UnaryExecute<int64_t, int32_t>(*datetimes, args.num_rows, result,
                                                  [](int64_t t) { return DateTimeToDate(t); });
        };
    }
    return BoundScalarFunction{"time_slice", std::move(arguments), result, std::move(kernel)};
}

// last_day(d[, unit]): the last day of d's month (or quarter, or year).
Result<BoundScalarFunction> BindLastDay(const std::vector<LogicalType>& types) {
    if (types.empty() || types.size() > 2 || !TakesAsTemporal(types[0]) ||
        (types.size() == 2 && !TakesAsString(types[1]))) {
        return NoMatchingOverload("last_day", types);
    }
    std::vector<LogicalType> arguments{LogicalType::DateTime()};
    if (types.size() == 2) arguments.push_back(LogicalType::Varchar());
    ScalarKernel kernel = [](const KernelArgs& args) {
        Unit unit = args.columns.size() == 2 ? UnitOrThrow(*args.columns[1], "last_day") : Unit::kMonth;
        if (unit != Unit::kMonth && unit != Unit::kQuarter && unit != Unit::kYear) {
            ThrowQueryError(ErrorCode::kInvalidArgument, "last_day: the unit must be month, quarter or year");
        }
        return UnaryExecute<int64_t, int32_t>(*args.columns[0], args.num_rows, LogicalType::Date(), [unit](int64_t t) {
            int32_t first = DateTimeToDate(TruncateTo(t, unit));
            return AddMonthsToDate(first, MonthsPerUnit(unit)) - 1;
        });
    };
    return BoundScalarFunction{"last_day", std::move(arguments), LogicalType::Date(), std::move(kernel)};
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
    // date_add(d, n) adds days; date_add(d, INTERVAL n unit) is bound to <unit>s_add by the binder.
    registry.RegisterAlias("date_add", "days_add");
    registry.RegisterAlias("adddate", "days_add");
    registry.RegisterAlias("date_sub", "days_sub");
    registry.RegisterAlias("subdate", "days_sub");

    registry.RegisterScalar("now", MakeNowBinder("now", LogicalType::DateTime()));
    registry.RegisterAlias("current_timestamp", "now");
    registry.RegisterAlias("localtime", "now");
    registry.RegisterAlias("localtimestamp", "now");
    registry.RegisterScalar("curdate", MakeNowBinder("curdate", LogicalType::Date()));
    registry.RegisterAlias("current_date", "curdate");

    LogicalType int_type = LogicalType::Int();
    registry.RegisterScalar("dayofweek", MakeTemporalBinder<int32_t>("dayofweek", int_type, DayOfWeekSundayFirst));
    registry.RegisterScalar("dayofyear", MakeTemporalBinder<int32_t>("dayofyear", int_type, [](int64_t t) {
                                return calendar::DayOfYear(DateTimeToDate(t));
                            }));
    registry.RegisterScalar("weekofyear", MakeTemporalBinder<int32_t>("weekofyear", int_type, [](int64_t t) {
                                int32_t year;
                                return calendar::MySqlWeek(DateTimeToDate(t), 3, &year);
                            }));
    registry.RegisterScalar("week", BindWeek);
    registry.RegisterScalar("to_date", MakeTemporalBinder<int32_t>("to_date", LogicalType::Date(), DateTimeToDate));
    registry.RegisterAlias("date", "to_date");
    registry.RegisterScalar("dayname", MakeNameBinder("dayname", false));
    registry.RegisterScalar("monthname", MakeNameBinder("monthname", true));
    registry.RegisterScalar("last_day", BindLastDay);
    registry.RegisterScalar("date_trunc", BindDateTrunc);
    registry.RegisterScalar("time_slice", BindTimeSlice);

    registry.RegisterScalar("datediff", MakeDiffBinder("datediff", DiffUnit::kDate));
    registry.RegisterScalar("years_diff", MakeDiffBinder("years_diff", DiffUnit::kYear));
    registry.RegisterScalar("months_diff", MakeDiffBinder("months_diff", DiffUnit::kMonth));
    registry.RegisterScalar("weeks_diff", MakeDiffBinder("weeks_diff", DiffUnit::kWeek));
    registry.RegisterScalar("days_diff", MakeDiffBinder("days_diff", DiffUnit::kDay));
    registry.RegisterScalar("hours_diff", MakeDiffBinder("hours_diff", DiffUnit::kHour));
    registry.RegisterScalar("minutes_diff", MakeDiffBinder("minutes_diff", DiffUnit::kMinute));
    registry.RegisterScalar("seconds_diff", MakeDiffBinder("seconds_diff", DiffUnit::kSecond));
}

}  // namespace flashlake::functions
