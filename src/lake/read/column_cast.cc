#include "lake/read/column_cast.h"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <limits>

#include "column/physical_dispatch.h"
#include "types/cast.h"
#include "types/date_time.h"
#include "types/decimal.h"

namespace flashlake::lake {

namespace {

enum class Family : uint8_t {
    kBoolean,
    kInteger,
    kFloating,
    kDecimal,
    kString,
    kBinary,
    kDate,
    kTime,
    kTimestamp,
    kOther
};

Family FamilyOf(const DataType& type) {
    switch (type.root()) {
        case TypeRoot::kBoolean:
            return Family::kBoolean;
        case TypeRoot::kTinyInt:
        case TypeRoot::kSmallInt:
        case TypeRoot::kInt:
        case TypeRoot::kBigInt:
            return Family::kInteger;
        case TypeRoot::kFloat:
        case TypeRoot::kDouble:
            return Family::kFloating;
        case TypeRoot::kDecimal:
            return Family::kDecimal;
        case TypeRoot::kChar:
        case TypeRoot::kVarchar:
            return Family::kString;
        case TypeRoot::kBinary:
        case TypeRoot::kVarbinary:
            return Family::kBinary;
        case TypeRoot::kDate:
            return Family::kDate;
        case TypeRoot::kTime:
            return Family::kTime;
        case TypeRoot::kTimestamp:
        case TypeRoot::kTimestampLtz:
            return Family::kTimestamp;
        default:
            return Family::kOther;
    }
}

bool IsNumeric(Family f) {
    return f == Family::kInteger || f == Family::kFloating || f == Family::kDecimal;
}

constexpr int64_t kMicrosPerMilli = 1000;

int64_t FloorDiv(int64_t a, int64_t b) {
    int64_t q = a / b;
    return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q;
}

// Java's Double.toString / Float.toString: plain notation with at least one fractional digit
// for 1e-3 <= |v| < 1e7, else d.dddE[-]n, both with the shortest digits that round-trip.
template <typename F>
std::string JavaFloatingToString(F value) {
    if (std::isnan(value)) return "NaN";
    if (std::isinf(value)) return value > 0 ? "Infinity" : "-Infinity";
    if (value == 0) return std::signbit(value) ? "-0.0" : "0.0";
    char buffer[64];
    auto result = std::to_chars(buffer, buffer + sizeof(buffer), value, std::chars_format::scientific);
    std::string scientific(buffer, result.ptr);  // "-1.2345e+03"
    bool negative = scientific[0] == '-';
    if (negative) scientific.erase(0, 1);
    size_t e = scientific.find('e');
    int exponent = std::stoi(scientific.substr(e + 1));
    std::string digits = scientific.substr(0, e);
    digits.erase(std::remove(digits.begin(), digits.end(), '.'), digits.end());
    std::string out = negative ? "-" : "";
    F magnitude = std::fabs(value);
    if (magnitude >= F(1e-3) && magnitude < F(1e7)) {
        if (exponent >= 0) {
            std::string integer = digits.substr(0, std::min<size_t>(digits.size(), exponent + 1));
            while (static_cast<int>(integer.size()) < exponent + 1) integer += '0';
            std::string fraction = static_cast<int>(digits.size()) > exponent + 1 ? digits.substr(exponent + 1) : "0";
            out += integer + "." + fraction;
        } else {
            out += "0." + std::string(-exponent - 1, '0') + digits;
        }
    } else {
        out +=
            digits.substr(0, 1) + "." + (digits.size() > 1 ? digits.substr(1) : "0") + "E" + std::to_string(exponent);
    }
    return out;
}

std::string FormatFraction(int64_t nanos, int precision) {
    char digits[16];
    std::snprintf(digits, sizeof(digits), "%09lld", static_cast<long long>(nanos));
    std::string fraction(digits);
    while (static_cast<int>(fraction.size()) > precision && fraction.back() == '0') fraction.pop_back();
    return fraction;
}

// Paimon's timestamp text (DateTimeUtils.formatTimestamp): trailing zeros of the fraction are
// dropped down to `precision` digits.
std::string FormatTimestamp(int64_t micros, int precision) {
    date_time::CivilDateTime t = date_time::CivilFromDateTime(micros);
    char buffer[48];
    std::snprintf(buffer, sizeof(buffer), "%04d-%02d-%02d %02d:%02d:%02d", t.date.year, t.date.month, t.date.day,
                  t.hour, t.minute, t.second);
    std::string fraction = FormatFraction(int64_t{t.microsecond} * 1000, precision);
    return fraction.empty() ? std::string(buffer) : std::string(buffer) + "." + fraction;
}

std::string FormatTime(int32_t millis, int precision) {
    char buffer[32];
    std::snprintf(buffer, sizeof(buffer), "%02d:%02d:%02d", millis / 3600000, millis / 60000 % 60, millis / 1000 % 60);
    std::string fraction = FormatFraction(int64_t{millis % 1000} * 1000000, precision);
    return fraction.empty() ? std::string(buffer) : std::string(buffer) + "." + fraction;
}

std::optional<int32_t> ParseTime(std::string_view text) {
    int h = 0, m = 0, s = 0, consumed = 0;
    std::string copy(text);
    if (std::sscanf(copy.c_str(), "%d:%d:%d%n", &h, &m, &s, &consumed) < 2) return std::nullopt;
    int32_t millis = ((h * 60 + m) * 60 + s) * 1000;
    if (consumed > 0 && static_cast<size_t>(consumed) < copy.size() && copy[consumed] == '.') {
        int scale = 100;
        for (size_t i = consumed + 1; i < copy.size() && std::isdigit(static_cast<unsigned char>(copy[i])); ++i) {
            millis += (copy[i] - '0') * scale;
            scale /= 10;
        }
    }
    return millis;
}

std::string_view Trim(std::string_view text) {
    while (!text.empty() && std::isspace(static_cast<unsigned char>(text.front()))) text.remove_prefix(1);
    while (!text.empty() && std::isspace(static_cast<unsigned char>(text.back()))) text.remove_suffix(1);
    return text;
}

std::optional<bool> ParsePaimonBoolean(std::string_view text) {
    std::string lower(Trim(text));
    std::transform(lower.begin(), lower.end(), lower.begin(), [](unsigned char c) { return std::tolower(c); });
    if (lower == "t" || lower == "true" || lower == "y" || lower == "yes" || lower == "1") return true;
    if (lower == "f" || lower == "false" || lower == "n" || lower == "no" || lower == "0") return false;
    return std::nullopt;
}

// UTF-8 text cut to at most `length` characters.
std::string CutToLength(std::string text, int32_t length) {
    if (length >= DataType::kMaxLength || static_cast<int64_t>(text.size()) <= length) return text;
    size_t chars = 0;
    for (size_t i = 0; i < text.size(); ++i) {
        if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) {
            if (chars == static_cast<size_t>(length)) return text.substr(0, i);
            ++chars;
        }
    }
    return text;
}

int128_t IntegerOf(const Value& v) {
    return v.GetInt128();
}

// Java narrowing of a 64-bit value to the integer type of `to`.
Value MakeInteger(TypeRoot root, int128_t value) {
    switch (root) {
        case TypeRoot::kTinyInt:
            return Value::TinyInt(static_cast<int8_t>(static_cast<int64_t>(value)));
        case TypeRoot::kSmallInt:
            return Value::SmallInt(static_cast<int16_t>(static_cast<int64_t>(value)));
        case TypeRoot::kInt:
            return Value::Int(static_cast<int32_t>(static_cast<int64_t>(value)));
        default:
            return Value::BigInt(static_cast<int64_t>(value));
    }
}

// Java's (long) / (int) cast of a floating value.
int64_t JavaFloatingToInteger(double v, TypeRoot root) {
    if (std::isnan(v)) return 0;
    if (root == TypeRoot::kBigInt) {
        if (v >= 9.2233720368547758e18) return std::numeric_limits<int64_t>::max();
        if (v <= -9.2233720368547758e18) return std::numeric_limits<int64_t>::min();
        return static_cast<int64_t>(v);
    }
    if (v >= 2147483647.0) return 2147483647;
    if (v <= -2147483648.0) return -2147483648LL;
    return static_cast<int64_t>(v);
}

double NumberAsDouble(const Value& v, Family family, const DataType& from) {
    switch (family) {
        case Family::kDecimal:
            return decimal::ToDouble(v.GetInt128(), from.scale());
        case Family::kFloating:
            return v.GetDouble();
        default:
            return static_cast<double>(v.GetInt128());
    }
}

std::string TextOf(const Value& v, const DataType& from) {
    switch (FamilyOf(from)) {
        case Family::kBoolean:
            return v.GetBool() ? "true" : "false";
        case Family::kFloating:
            return from.root() == TypeRoot::kFloat ? JavaFloatingToString(v.GetFloat())
                                                   : JavaFloatingToString(v.GetDouble());
        case Family::kTimestamp:
            return FormatTimestamp(v.GetInt64(), from.precision());
        case Family::kTime:
            return FormatTime(static_cast<int32_t>(v.GetInt64()), from.precision());
        default:
            return v.ToString();
    }
}

// Casts of one non-null value of `from` to a target family; nullopt when it does not convert.
std::optional<Value> ToBoolean(const Value& v, Family source, const DataType& from) {
    if (source == Family::kString) {
        auto parsed = ParsePaimonBoolean(v.GetString());
        if (!parsed) return std::nullopt;
        return Value::Boolean(*parsed);
    }
    if (IsNumeric(source)) return Value::Boolean(NumberAsDouble(v, source, from) != 0);
    return v;
}

std::optional<Value> ToInteger(const Value& v, Family source, const DataType& from, const DataType& to) {
    switch (source) {
        case Family::kBoolean:
            return MakeInteger(to.root(), v.GetBool() ? 1 : 0);
        case Family::kInteger:
            return MakeInteger(to.root(), IntegerOf(v));
        case Family::kFloating:
            return MakeInteger(to.root(), JavaFloatingToInteger(v.GetDouble(), to.root()));
        case Family::kDecimal:
            return MakeInteger(to.root(), v.GetInt128() / decimal::PowerOfTen(from.scale()));
        case Family::kString: {
            auto parsed = ParseLargeInteger(Trim(v.GetString()));
            if (!parsed) return std::nullopt;
            return MakeInteger(to.root(), *parsed);
        }
        case Family::kTimestamp:
            return MakeInteger(to.root(), FloorDiv(v.GetInt64(), date_time::kMicrosPerSecond));
        default:
            return std::nullopt;
    }
}

std::optional<Value> ToFloating(const Value& v, Family source, const DataType& from, const DataType& to) {
    double number;
    if (source == Family::kString) {
        auto parsed = ParseFloating(Trim(v.GetString()));
        if (!parsed) return std::nullopt;
        number = *parsed;
    } else if (source == Family::kBoolean) {
        number = v.GetBool() ? 1 : 0;
    } else {
        number = NumberAsDouble(v, source, from);
    }
    return to.root() == TypeRoot::kFloat ? Value::Float(static_cast<float>(number)) : Value::Double(number);
}

std::optional<Value> ToDecimal(const Value& v, Family source, const DataType& from, const DataType& to) {
    Result<int128_t> unscaled = int128_t{0};
    switch (source) {
        case Family::kDecimal:
            unscaled = decimal::Rescale(v.GetInt128(), from.scale(), to.scale(), to.precision());
            break;
        case Family::kInteger:
            unscaled = decimal::Rescale(IntegerOf(v), 0, to.scale(), to.precision());
            break;
        case Family::kBoolean:
            unscaled = decimal::Rescale(v.GetBool() ? 1 : 0, 0, to.scale(), to.precision());
            break;
        case Family::kFloating:
            unscaled = decimal::FromDouble(v.GetDouble(), to.precision(), to.scale());
            break;
        case Family::kString:
            unscaled = decimal::Parse(Trim(v.GetString()), to.precision(), to.scale());
            break;
        default:
            return std::nullopt;
    }
    if (!unscaled.ok()) return std::nullopt;
    return Value::Decimal(*unscaled, to.precision(), to.scale());
}

std::optional<Value> ToTemporal(const Value& v, Family source, Family target, const DataType& to) {
    if (target == Family::kDate) {
        if (source == Family::kTimestamp) return Value::Date(date_time::DateTimeToDate(v.GetInt64()));
        if (source != Family::kString) return std::nullopt;
        auto parsed = date_time::ParseDate(Trim(v.GetString()));
        if (!parsed.ok()) return std::nullopt;
        return Value::Date(*parsed);
    }
    if (target == Family::kTime) {
        if (source == Family::kTimestamp) {
            int64_t micros = v.GetInt64() - date_time::DateToDateTime(date_time::DateTimeToDate(v.GetInt64()));
            return Value::Int(static_cast<int32_t>(micros / kMicrosPerMilli));
        }
        if (source != Family::kString) return std::nullopt;
        auto parsed = ParseTime(Trim(v.GetString()));
        if (!parsed) return std::nullopt;
        return Value::Int(*parsed);
    }
    int64_t micros;
    switch (source) {
        case Family::kTimestamp:
            micros = v.GetInt64();
            break;
        case Family::kDate:
            micros = date_time::DateToDateTime(static_cast<int32_t>(v.GetInt64()));
            break;
        case Family::kInteger:
            micros = static_cast<int64_t>(IntegerOf(v)) * date_time::kMicrosPerSecond;
            break;
        case Family::kString: {
            auto parsed = date_time::ParseDateTime(Trim(v.GetString()));
            if (!parsed.ok()) return std::nullopt;
            micros = *parsed;
            break;
        }
        default:
            return std::nullopt;
    }
    if (to.precision() < 6) {
        int64_t unit = 1;
        for (int p = to.precision(); p < 6; ++p) unit *= 10;
        micros = FloorDiv(micros, unit) * unit;
    }
    return Value::DateTime(micros);
}

// One value of `from` (non-null) as a value of `to`; a NULL Value when it does not convert.
Value CastOne(const Value& v, const DataType& from, const DataType& to, const LogicalType& to_logical) {
    Family source = FamilyOf(from);
    Family target = FamilyOf(to);
    std::optional<Value> result;
    switch (target) {
        case Family::kBoolean:
            result = ToBoolean(v, source, from);
            break;
        case Family::kInteger:
            result = ToInteger(v, source, from, to);
            break;
        case Family::kFloating:
            result = ToFloating(v, source, from, to);
            break;
        case Family::kDecimal:
            result = ToDecimal(v, source, from, to);
            break;
        case Family::kString: {
            std::string text = source == Family::kString || source == Family::kBinary ? v.GetString() : TextOf(v, from);
            result = Value::Varchar(CutToLength(std::move(text), to.length()));
            break;
        }
        case Family::kBinary: {
            if (source != Family::kString && source != Family::kBinary) break;
            std::string bytes = v.GetString();
            if (to.length() < DataType::kMaxLength && static_cast<int64_t>(bytes.size()) > to.length()) {
                bytes.resize(to.length());
            }
            result = Value::Binary(to_logical, std::move(bytes));
            break;
        }
        case Family::kDate:
        case Family::kTime:
        case Family::kTimestamp:
            result = source == target && target != Family::kTimestamp ? v : ToTemporal(v, source, target, to);
            break;
        default:
            break;
    }
    return result ? std::move(*result) : Value::Null(to_logical);
}

// Integer and floating widening/narrowing without Values: the common evolution (INT -> BIGINT).
template <typename In, typename Out>
void CastNumbers(const Column& in, Column* out, TypeRoot to_root) {
    const In* src = in.Data<In>();
    Out* dst = out->MutableData<Out>();
    for (size_t i = 0; i < in.size(); ++i) {
        if constexpr (std::is_floating_point_v<In> && std::is_integral_v<Out>) {
            dst[i] = static_cast<Out>(JavaFloatingToInteger(static_cast<double>(src[i]), to_root));
        } else {
            dst[i] = static_cast<Out>(src[i]);
        }
    }
    out->validity() = in.validity();
}

bool FastNumeric(const DataType& from, const DataType& to) {
    Family f = FamilyOf(from);
    Family t = FamilyOf(to);
    return (f == Family::kInteger || f == Family::kFloating) && (t == Family::kInteger || t == Family::kFloating);
}

}  // namespace

bool SameStorage(const DataType& a, const DataType& b) {
    Family fa = FamilyOf(a);
    Family fb = FamilyOf(b);
    if (fa != fb) return false;
    switch (fa) {
        case Family::kString:
        case Family::kBinary:
            return b.length() >= a.length();
        case Family::kDecimal:
            return a.precision() == b.precision() && a.scale() == b.scale();
        case Family::kTimestamp:
            return b.precision() >= a.precision();
        case Family::kTime:
            return true;
        case Family::kOther:
            return a.WithNullable(true) == b.WithNullable(true);
        default:
            return a.root() == b.root();
    }
}

bool CanCastColumn(const DataType& from, const DataType& to) {
    if (SameStorage(from, to)) return true;
    Family f = FamilyOf(from);
    Family t = FamilyOf(to);
    if (f == Family::kOther || t == Family::kOther) return false;
    switch (t) {
        case Family::kBoolean:
            return f == Family::kString || IsNumeric(f);
        case Family::kInteger:
            return f != Family::kBinary && f != Family::kDate && f != Family::kTime;
        case Family::kFloating:
        case Family::kDecimal:
            return f == Family::kString || f == Family::kBoolean || IsNumeric(f);
        case Family::kString:
            return true;
        case Family::kBinary:
            return f == Family::kString || f == Family::kBinary;
        case Family::kDate:
            return f == Family::kTimestamp || f == Family::kString || f == Family::kDate;
        case Family::kTime:
            return f == Family::kTimestamp || f == Family::kString || f == Family::kTime;
        case Family::kTimestamp:
            return f == Family::kTimestamp || f == Family::kDate || f == Family::kString || f == Family::kInteger;
        default:
            return false;
    }
}

Result<ColumnPtr> CastColumn(const ColumnPtr& column, const DataType& from, const DataType& to) {
    if (!CanCastColumn(from, to)) {
        return Status::NotSupported("cannot read a column of type " + from.ToString() + " as " + to.ToString());
    }
    FL_ASSIGN_OR_RETURN(LogicalType to_logical, to.ToLogicalType());
    ColumnPtr in = column->encoding() == ColumnEncoding::kFlat ? column : column->Flatten();
    const size_t rows = in->size();
    ColumnPtr out = Column::MakeFlat(to_logical, rows);
    if (FastNumeric(from, to)) {
        DispatchPhysical(in->type().physical(), [&]<typename In>() {
            DispatchPhysical(to_logical.physical(), [&]<typename Out>() {
                if constexpr (std::is_arithmetic_v<In> && std::is_arithmetic_v<Out>) {
                    CastNumbers<In, Out>(*in, out.get(), to.root());
                }
            });
        });
        return out;
    }
    for (size_t i = 0; i < rows; ++i) {
        if (in->IsNull(i)) {
            out->SetNull(i);
            continue;
        }
        out->SetValue(i, CastOne(in->GetValue(i), from, to, to_logical));
    }
    return out;
}

}  // namespace flashlake::lake
