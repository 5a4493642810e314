#include "lake/partition_path.h"

#include <charconv>
#include <cmath>
#include <cstdio>

#include "lake/table_schema.h"
#include "types/date_time.h"
#include "types/decimal.h"

namespace flashlake::lake {

PartitionPathOptions PartitionPathOptions::FromSchema(const TableSchema& schema) {
    PartitionPathOptions options;
    if (auto name = schema.Option("partition.default-name")) options.default_name = *name;
    if (auto legacy = schema.Option("partition.legacy-name")) options.legacy_name = *legacy != "false";
    return options;
}

std::string EscapePathName(std::string_view name) {
    static constexpr std::string_view kSpecial = "\"#%'*/:=?\\\x7f{[]^";
    static const char* kHex = "0123456789ABCDEF";
    std::string out;
    for (char c : name) {
        auto byte = static_cast<unsigned char>(c);
        if (byte < 0x20 || kSpecial.find(c) != std::string_view::npos) {
            out += '%';
            out += kHex[byte >> 4];
            out += kHex[byte & 15];
        } else {
            out += c;
        }
    }
    return out;
}

namespace {

// Java's Double.toString / Float.toString: plain "123.45" (at least one fractional digit) for
// 1e-3 <= |v| < 1e7, else "1.2345E10"; the digits are the shortest that read back exactly.
template <typename T>
Result<std::string> JavaFloatingString(T value) {
    if (std::isnan(value) || std::isinf(value)) {
        return Status::NotSupported("a NaN or infinite partition value has no path name");
    }
    if (value == 0) return std::string(std::signbit(value) ? "-0.0" : "0.0");
    char buffer[64];
    auto [end, ec] = std::to_chars(buffer, buffer + sizeof(buffer), value, std::chars_format::scientific);
    std::string sci(buffer, end);  // "-1.2345e+10"
    bool negative = sci[0] == '-';
    if (negative) sci.erase(0, 1);
    size_t e = sci.find('e');
    int exponent = std::stoi(sci.substr(e + 1));
    std::string digits = sci.substr(0, 1) + (e > 2 ? sci.substr(2, e - 2) : "");
    std::string out = negative ? "-" : "";
    T magnitude = std::fabs(value);
    if (magnitude >= static_cast<T>(1e-3) && magnitude < static_cast<T>(1e7)) {
        if (exponent >= 0) {
            std::string integer = digits.substr(0, std::min<size_t>(digits.size(), exponent + 1));
            integer.append(exponent + 1 > static_cast<int>(digits.size()) ? exponent + 1 - digits.size() : 0, '0');
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

std::string Pad(int64_t value, int width) {
    std::string text = std::to_string(value);
    return text.size() < static_cast<size_t>(width) ? std::string(width - text.size(), '0') + text : text;
}

// java.time.LocalDateTime.toString(): "2024-01-05T10:20" when seconds and nanos are zero, else
// seconds, then the fraction in groups of three digits.
std::string LocalDateTimeString(const PaimonTimestamp& ts, bool iso) {
    int64_t days = ts.millis / 86'400'000;
    int64_t millis_of_day = ts.millis % 86'400'000;
    if (millis_of_day < 0) {
        millis_of_day += 86'400'000;
        --days;
    }
    date_time::CivilDate date = date_time::CivilFromDays(static_cast<int32_t>(days));
    int64_t nanos = (millis_of_day % 1000) * 1'000'000 + ts.nano_of_milli;
    int64_t seconds = millis_of_day / 1000;
    std::string out = Pad(date.year, 4) + "-" + Pad(date.month, 2) + "-" + Pad(date.day, 2) + (iso ? "T" : " ") +
                      Pad(seconds / 3600, 2) + ":" + Pad(seconds / 60 % 60, 2);
    if (!iso || seconds % 60 != 0 || nanos != 0) out += ":" + Pad(seconds % 60, 2);
    if (nanos != 0) {
        std::string fraction = Pad(nanos, 9);
        if (nanos % 1'000'000 == 0) {
            fraction.resize(3);
        } else if (nanos % 1000 == 0) {
            fraction.resize(6);
        }
        if (!iso) {
            while (fraction.back() == '0') fraction.pop_back();
        }
        out += "." + fraction;
    }
    return out;
}

Result<std::string> ValueString(const BinaryRow& row, int32_t pos, const DataType& type, bool legacy) {
    switch (type.root()) {
        case TypeRoot::kBoolean:
            return std::string(row.GetBoolean(pos) ? "true" : "false");
        case TypeRoot::kTinyInt:
            return std::to_string(row.GetTinyInt(pos));
        case TypeRoot::kSmallInt:
            return std::to_string(row.GetSmallInt(pos));
        case TypeRoot::kInt:
        case TypeRoot::kTime:
            return std::to_string(row.GetInt(pos));
        case TypeRoot::kDate:
            return legacy ? std::to_string(row.GetInt(pos)) : date_time::FormatDate(row.GetInt(pos));
        case TypeRoot::kBigInt:
            return std::to_string(row.GetLong(pos));
        case TypeRoot::kFloat:
            return JavaFloatingString(row.GetFloat(pos));
        case TypeRoot::kDouble:
            return JavaFloatingString(row.GetDouble(pos));
        case TypeRoot::kDecimal: {
            FL_ASSIGN_OR_RETURN(int128_t unscaled, row.GetDecimal(pos, type.precision()));
            return decimal::Format(unscaled, type.scale());
        }
        case TypeRoot::kChar:
        case TypeRoot::kVarchar: {
            FL_ASSIGN_OR_RETURN(std::string_view bytes, row.GetBytes(pos));
            return std::string(bytes);
        }
        case TypeRoot::kTimestamp:
        case TypeRoot::kTimestampLtz: {
            FL_ASSIGN_OR_RETURN(PaimonTimestamp ts, row.GetTimestamp(pos, type.precision()));
            return LocalDateTimeString(ts, legacy);
        }
        default:
            return Status::NotSupported("partition values of type " + type.ToString() + " have no path name");
    }
}

bool IsBlank(const std::string& text) {
    for (char c : text) {
        if (c != ' ' && c != '\t' && c != '\n' && c != '\r' && c != '\f' && c != '\v') return false;
    }
    return true;
}

}  // namespace

Result<std::vector<std::optional<std::string>>> PartitionValueStrings(const BinaryRow& partition,
                                                                      const std::vector<DataField>& fields,
                                                                      const PartitionPathOptions& options) {
    if (static_cast<size_t>(partition.arity()) != fields.size()) {
        return Status::Corruption("partition row of arity " + std::to_string(partition.arity()) + " for " +
                                  std::to_string(fields.size()) + " partition keys");
    }
    std::vector<std::optional<std::string>> values;
    for (size_t i = 0; i < fields.size(); ++i) {
        auto pos = static_cast<int32_t>(i);
        if (partition.IsNullAt(pos)) {
            values.emplace_back();
            continue;
        }
        auto text = ValueString(partition, pos, fields[i].type, options.legacy_name);
        if (!text.ok()) return text.status().WithContext("partition key " + fields[i].name);
        values.emplace_back(std::move(text).value());
    }
    return values;
}

Result<std::string> PartitionPath(const BinaryRow& partition, const std::vector<DataField>& fields,
                                  const PartitionPathOptions& options) {
    FL_ASSIGN_OR_RETURN(auto values, PartitionValueStrings(partition, fields, options));
    std::string path;
    for (size_t i = 0; i < fields.size(); ++i) {
        const std::string& value = values[i] && !IsBlank(*values[i]) ? *values[i] : options.default_name;
        if (!path.empty()) path += '/';
        path += EscapePathName(fields[i].name) + "=" + EscapePathName(value);
    }
    return path;
}

}  // namespace flashlake::lake
