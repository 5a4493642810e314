#include "server/mysql/binary_protocol.h"

#include <cstring>

#include "column/chunk.h"
#include "exec/query_executor.h"
#include "server/mysql/response_packets.h"
#include "server/mysql/wire_codec.h"
#include "types/cast.h"
#include "types/date_time.h"
#include "types/decimal.h"

namespace flashlake::server::mysql {

namespace {

constexpr uint8_t kUnsignedFlag = 0x80;  // in the flags byte after a parameter's type
constexpr int kMaxDecimalPrecision = 38;

Status BadParameter(size_t index, std::string_view why) {
    return Status::InvalidArgument("COM_STMT_EXECUTE: parameter " + std::to_string(index + 1) + ": " +
                                   std::string(why));
}

bool IsStringType(ColumnType type) {
    switch (static_cast<uint8_t>(type)) {
        case 0x0f:  // VARCHAR
        case 0x10:  // BIT
        case 0xf5:  // JSON
        case 0xf7:  // ENUM
        case 0xf8:  // SET
        case 0xf9:  // TINY_BLOB
        case 0xfa:  // MEDIUM_BLOB
        case 0xfb:  // LONG_BLOB
        case 0xfc:  // BLOB
        case 0xfd:  // VAR_STRING
        case 0xfe:  // STRING
        case 0xff:  // GEOMETRY
            return true;
        default:
            return false;
    }
}

// DECIMAL parameters arrive as text; the value keeps the digits it was given.
Result<Value> DecimalFromText(std::string_view text, size_t index) {
    int integer_digits = 0, fraction_digits = 0;
    bool point = false, digits = false;
    for (size_t i = 0; i < text.size(); ++i) {
        char c = text[i];
        if (c >= '0' && c <= '9') {
            (point ? fraction_digits : integer_digits)++;
            digits = true;
        } else if (c == '.' && !point) {
            point = true;
        } else if (!((c == '-' || c == '+') && i == 0)) {
            return BadParameter(index, "'" + std::string(text) + "' is not a decimal number");
        }
    }
    if (!digits) return BadParameter(index, "'" + std::string(text) + "' is not a decimal number");
    int precision = std::max(1, integer_digits + fraction_digits);
    if (precision > kMaxDecimalPrecision) {
        return BadParameter(index, "decimal '" + std::string(text) + "' has more than 38 digits");
    }
    auto unscaled = decimal::Parse(text, precision, fraction_digits);
    if (!unscaled.ok()) return BadParameter(index, unscaled.status().message());
    return Value::Decimal(*unscaled, precision, fraction_digits);
}

// DATE, DATETIME and TIMESTAMP: a length byte (0, 4, 7 or 11), then year, month, day, hour,
// minute, second and microseconds as far as the length goes.
Result<Value> DecodeDateTime(WireReader& in, ColumnType type, size_t index) {
    auto length = in.Int1();
    if (!length || (*length != 0 && *length != 4 && *length != 7 && *length != 11)) {
        return BadParameter(index, "bad length of a date/time value");
    }
    int32_t year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0, micros = 0;
    if (*length >= 4) {
        year = in.Int2().value_or(0);
        month = in.Int1().value_or(0);
        day = in.Int1().value_or(0);
    }
    if (*length >= 7) {
        hour = in.Int1().value_or(0);
        minute = in.Int1().value_or(0);
        second = in.Int1().value_or(0);
    }
    if (*length == 11) micros = static_cast<int32_t>(in.Int4().value_or(0));
    if (!in.ok()) return BadParameter(index, "truncated date/time value");
    if (*length == 0) {
        return BadParameter(index, "the zero date 0000-00-00 is not a valid DATE or DATETIME");
    }
    if (!date_time::IsValidDate(year, month, day) || hour > 23 || minute > 59 || second > 59 || micros > 999999) {
        return BadParameter(index, "invalid date/time " + std::to_string(year) + "-" + std::to_string(month) + "-" +
                                       std::to_string(day) + " " + std::to_string(hour) + ":" +
                                       std::to_string(minute) + ":" + std::to_string(second));
    }
    int32_t days = date_time::DaysFromCivil(year, month, day);
    if (type == ColumnType::kDate) return Value::Date(days);
    return Value::DateTime(date_time::DateToDateTime(days) + hour * date_time::kMicrosPerHour +
                           minute * date_time::kMicrosPerMinute + second * date_time::kMicrosPerSecond + micros);
}

// TIME: a length byte (0, 8 or 12), sign, days, hours, minutes, seconds, microseconds. Flashlake
// has no TIME type; the value becomes its text ("-HH:MM:SS[.ffffff]"), which casts where needed.
Result<Value> DecodeTime(WireReader& in, size_t index) {
    auto length = in.Int1();
    if (!length || (*length != 0 && *length != 8 && *length != 12)) return BadParameter(index, "bad length of a TIME");
    bool negative = false;
    uint32_t days = 0, hour = 0, minute = 0, second = 0, micros = 0;
    if (*length >= 8) {
        negative = in.Int1().value_or(0) != 0;
        days = in.Int4().value_or(0);
        hour = in.Int1().value_or(0);
        minute = in.Int1().value_or(0);
        second = in.Int1().value_or(0);
    }
    if (*length == 12) micros = in.Int4().value_or(0);
    if (!in.ok()) return BadParameter(index, "truncated TIME value");
    char text[48];
    int n = std::snprintf(text, sizeof(text), "%s%02u:%02u:%02u", negative ? "-" : "", days * 24 + hour, minute,
                          second);
    if (micros > 0) std::snprintf(text + n, sizeof(text) - static_cast<size_t>(n), ".%06u", micros);
    return Value::Varchar(text);
}

Result<Value> DecodeValue(WireReader& in, ParameterType type, size_t index) {
    auto truncated = [&] { return BadParameter(index, "the packet ends inside the value"); };
    switch (type.type) {
        case ColumnType::kNull:
            return Value();
        case ColumnType::kTiny: {
            auto v = in.Int1();
            if (!v) return truncated();
            return type.is_unsigned ? Value::SmallInt(*v) : Value::TinyInt(static_cast<int8_t>(*v));
        }
        case ColumnType::kShort:
        case ColumnType::kYear: {
            auto v = in.Int2();
            if (!v) return truncated();
            return type.is_unsigned ? Value::Int(*v) : Value::SmallInt(static_cast<int16_t>(*v));
        }
        case ColumnType::kLong:
        case ColumnType::kInt24: {
            auto v = in.Int4();
            if (!v) return truncated();
            return type.is_unsigned ? Value::BigInt(*v) : Value::Int(static_cast<int32_t>(*v));
        }
        case ColumnType::kLongLong: {
            auto v = in.IntN(8);
            if (!v) return truncated();
            if (type.is_unsigned && *v > static_cast<uint64_t>(INT64_MAX)) {
                return Value::LargeInt(static_cast<int128_t>(*v));
            }
            return Value::BigInt(static_cast<int64_t>(*v));
        }
        case ColumnType::kFloat: {
            auto v = in.Int4();
            if (!v) return truncated();
            float f;
            uint32_t bits = *v;
            std::memcpy(&f, &bits, sizeof(f));
            return Value::Float(f);
        }
        case ColumnType::kDouble: {
            auto v = in.IntN(8);
            if (!v) return truncated();
            double d;
            uint64_t bits = *v;
            std::memcpy(&d, &bits, sizeof(d));
            return Value::Double(d);
        }
        case ColumnType::kDecimal:
        case ColumnType::kNewDecimal: {
            auto text = in.LenencString();
            if (!text) return truncated();
            return DecimalFromText(*text, index);
        }
        case ColumnType::kDate:
        case ColumnType::kDateTime:
        case ColumnType::kTimestamp:
            return DecodeDateTime(in, type.type, index);
        case ColumnType::kTime:
            return DecodeTime(in, index);
        default:
            break;
    }
    if (IsStringType(type.type)) {
        auto text = in.LenencString();
        if (!text) return truncated();
        return Value::Varchar(std::string(*text));
    }
    return BadParameter(index, "unsupported parameter type " + std::to_string(static_cast<int>(type.type)));
}

// ---- result rows ----

void AppendDate(int32_t days, WireWriter& out) {
    date_time::CivilDate date = date_time::CivilFromDays(days);
    out.Int1(4);
    out.Int2(static_cast<uint16_t>(date.year));
    out.Int1(static_cast<uint8_t>(date.month));
    out.Int1(static_cast<uint8_t>(date.day));
}

void AppendDateTime(int64_t micros, WireWriter& out) {
    date_time::CivilDateTime value = date_time::CivilFromDateTime(micros);
    bool has_time = value.hour != 0 || value.minute != 0 || value.second != 0 || value.microsecond != 0;
    out.Int1(value.microsecond != 0 ? 11 : has_time ? 7 : 4);
    out.Int2(static_cast<uint16_t>(value.date.year));
    out.Int1(static_cast<uint8_t>(value.date.month));
    out.Int1(static_cast<uint8_t>(value.date.day));
    if (!has_time) return;
    out.Int1(static_cast<uint8_t>(value.hour));
    out.Int1(static_cast<uint8_t>(value.minute));
    out.Int1(static_cast<uint8_t>(value.second));
    if (value.microsecond != 0) out.Int4(static_cast<uint32_t>(value.microsecond));
}

// One non-NULL cell of a flat column in the binary encoding of DescribeColumn's type for it.
void AppendBinaryCell(const Column& column, size_t row, WireWriter& out) {
    switch (column.type().id()) {
        case TypeId::kBoolean:
            out.Int1(column.Data<uint8_t>()[row] ? 1 : 0);
            return;
        case TypeId::kTinyInt:
            out.Int1(static_cast<uint8_t>(column.Data<int8_t>()[row]));
            return;
        case TypeId::kSmallInt:
            out.Int2(static_cast<uint16_t>(column.Data<int16_t>()[row]));
            return;
        case TypeId::kInt:
            out.Int4(static_cast<uint32_t>(column.Data<int32_t>()[row]));
            return;
        case TypeId::kBigInt:
            out.Int8(static_cast<uint64_t>(column.Data<int64_t>()[row]));
            return;
        case TypeId::kFloat: {
            uint32_t bits;
            float value = column.Data<float>()[row];
            std::memcpy(&bits, &value, sizeof(bits));
            out.Int4(bits);
            return;
        }
        case TypeId::kDouble: {
            uint64_t bits;
            double value = column.Data<double>()[row];
            std::memcpy(&bits, &value, sizeof(bits));
            out.Int8(bits);
            return;
        }
        case TypeId::kDate:
            AppendDate(column.Data<int32_t>()[row], out);
            return;
        case TypeId::kDateTime:
            AppendDateTime(column.Data<int64_t>()[row], out);
            return;
        case TypeId::kVarchar:
        case TypeId::kVarbinary:
        case TypeId::kJson:
        case TypeId::kBitmap:
        case TypeId::kHll:
            out.LenencString(column.Data<StringView>()[row].view());
            return;
        default:  // LARGEINT and DECIMAL (as NEWDECIMAL text), arrays: their text
            out.LenencString(column.GetValue(row).ToString());
            return;
    }
}

void AppendBinaryRow(const Chunk& chunk, size_t row, WireWriter& out) {
    out.Int1(kOkHeader);
    size_t columns = chunk.num_columns();
    std::string bitmap((columns + 7 + 2) / 8, '\0');
    for (size_t c = 0; c < columns; ++c) {
        const Column& column = *chunk.column(c);
        if (column.type().id() == TypeId::kNull || !column.validity().IsValid(row)) {
            bitmap[(c + 2) / 8] = static_cast<char>(bitmap[(c + 2) / 8] | (1 << ((c + 2) % 8)));
        }
    }
    out.Bytes(bitmap);
    for (size_t c = 0; c < columns; ++c) {
        const Column& column = *chunk.column(c);
        if (column.type().id() == TypeId::kNull || !column.validity().IsValid(row)) continue;
        AppendBinaryCell(column, row, out);
    }
}

}  // namespace

Result<std::vector<Value>> DecodeExecuteParameters(std::string_view block, size_t count,
                                                   std::vector<ParameterType>& types,
                                                   const std::map<uint16_t, std::string>& long_data) {
    std::vector<Value> values;
    if (count == 0) return values;
    WireReader in(block);
    auto bitmap = in.Bytes((count + 7) / 8);
    auto bound = in.Int1();
    if (!bitmap || !bound) return Status::InvalidArgument("COM_STMT_EXECUTE: the packet ends before the parameters");
    if (*bound == 1) {
        types.assign(count, ParameterType{});
        for (size_t i = 0; i < count; ++i) {
            auto type = in.Int1();
            auto flags = in.Int1();
            if (!type || !flags) return Status::InvalidArgument("COM_STMT_EXECUTE: the packet ends inside the types");
            types[i] = {static_cast<ColumnType>(*type), (*flags & kUnsignedFlag) != 0};
        }
    } else if (*bound != 0) {
        return Status::InvalidArgument("COM_STMT_EXECUTE: new-params-bound flag must be 0 or 1");
    } else if (types.size() != count) {
        return Status::InvalidArgument("COM_STMT_EXECUTE: no parameter types were ever bound to the statement");
    }
    for (size_t i = 0; i < count; ++i) {
        if (((*bitmap)[i / 8] >> (i % 8)) & 1) {
            values.emplace_back();
            continue;
        }
        if (auto it = long_data.find(static_cast<uint16_t>(i)); it != long_data.end()) {
            values.push_back(Value::Varchar(it->second));
            continue;
        }
        FL_ASSIGN_OR_RETURN(Value value, DecodeValue(in, types[i], i));
        values.push_back(std::move(value));
    }
    if (!in.AtEnd()) return Status::InvalidArgument("COM_STMT_EXECUTE: bytes left after the last parameter");
    return values;
}

Status EncodeBinaryResultMetadata(const exec::QueryRows& rows, const PacketSink& sink) {
    WireWriter count;
    count.LenencInt(rows.names.size());
    FL_RETURN_NOT_OK(sink(count.data()));
    for (size_t c = 0; c < rows.names.size(); ++c) {
        LogicalType type = c < rows.types.size() ? rows.types[c] : LogicalType::Varchar();
        FL_RETURN_NOT_OK(sink(EncodeColumnDefinition(DescribeColumn(rows.names[c], type))));
    }
    return Status::OK();
}

Status BinaryRowCursor::SendRows(size_t max_rows, const PacketSink& sink) {
    for (size_t sent = 0; sent < max_rows && !exhausted();) {
        Chunk flat = rows_.chunks[chunk_];
        for (size_t c = 0; c < flat.num_columns(); ++c) {
            if (flat.column(c)->encoding() != ColumnEncoding::kFlat) flat.SetColumn(c, flat.column(c)->Flatten());
        }
        for (; row_ < flat.num_rows() && sent < max_rows; ++row_, ++sent) {
            WireWriter row;
            AppendBinaryRow(flat, row_, row);
            FL_RETURN_NOT_OK(sink(row.data()));
        }
        if (row_ >= flat.num_rows()) {
            ++chunk_;
            row_ = 0;
        }
    }
    // Skip empty chunks so that exhausted() is true right after the last row.
    while (!exhausted() && rows_.chunks[chunk_].num_rows() == 0) ++chunk_;
    return Status::OK();
}

Status EncodeBinaryResultSet(const exec::QueryRows& rows, bool deprecate_eof, uint16_t status,
                             const PacketSink& sink) {
    FL_RETURN_NOT_OK(EncodeBinaryResultMetadata(rows, sink));
    if (!deprecate_eof) FL_RETURN_NOT_OK(sink(EncodeEof(status, 0)));
    BinaryRowCursor cursor(rows);
    FL_RETURN_NOT_OK(cursor.SendRows(SIZE_MAX, sink));
    return sink(deprecate_eof ? EncodeOkAsEof(status, 0) : EncodeEof(status, 0));
}

Status EncodePrepareResponse(uint32_t statement_id, size_t parameter_count,
                             const std::vector<ColumnDefinition>& columns, bool deprecate_eof, uint16_t status,
                             const PacketSink& sink) {
    WireWriter ok;
    ok.Int1(kOkHeader);
    ok.Int4(statement_id);
    ok.Int2(static_cast<uint16_t>(columns.size()));
    ok.Int2(static_cast<uint16_t>(parameter_count));
    ok.Int1(0);  // reserved
    ok.Int2(0);  // warnings
    FL_RETURN_NOT_OK(sink(ok.data()));
    if (parameter_count > 0) {
        // Parameter types are only known at execution; MySQL describes each as a VAR_STRING "?".
        ColumnDefinition parameter;
        parameter.name = "?";
        parameter.type = ColumnType::kVarString;
        parameter.charset = kCharsetBinary;
        std::string encoded = EncodeColumnDefinition(parameter);
        for (size_t i = 0; i < parameter_count; ++i) FL_RETURN_NOT_OK(sink(encoded));
        if (!deprecate_eof) FL_RETURN_NOT_OK(sink(EncodeEof(status, 0)));
    }
    if (!columns.empty()) {
        for (const ColumnDefinition& column : columns) FL_RETURN_NOT_OK(sink(EncodeColumnDefinition(column)));
        if (!deprecate_eof) FL_RETURN_NOT_OK(sink(EncodeEof(status, 0)));
    }
    return Status::OK();
}

}  // namespace flashlake::server::mysql
