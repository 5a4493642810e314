#include "server/mysql/result_set_encoder.h"

#include <charconv>

#include "column/chunk.h"
#include "exec/query_executor.h"
#include "server/mysql/response_packets.h"
#include "server/mysql/wire_codec.h"

namespace flashlake::server::mysql {

namespace {

constexpr uint8_t kNotFixedDecimals = 31;  // "any number of decimals", as MySQL says for doubles
constexpr uint32_t kMaxUtf8mb4Bytes = 4;

void SetNumeric(ColumnDefinition& column, ColumnType type, uint32_t length) {
    column.type = type;
    column.length = length;
    column.flags |= kFlagBinary | kFlagNum;
}

void AppendLenencText(std::string_view text, std::string& out) {
    WireWriter length;
    length.LenencInt(text.size());
    out.append(length.data());
    out.append(text);
}

template <typename T>
void AppendInteger(T value, std::string& out) {
    char buffer[24];
    auto [end, error] = std::to_chars(buffer, buffer + sizeof(buffer), value);
    out.push_back(static_cast<char>(end - buffer));  // at most 20 digits: a one-byte length
    out.append(buffer, end);
}

// Cells of a flat column; typed fast paths for integers and strings, the value's text otherwise.
void AppendCell(const Column& column, size_t row, std::string& out) {
    if (!column.validity().IsValid(row)) {
        out.push_back(static_cast<char>(kNullCell));
        return;
    }
    switch (column.type().id()) {
        case TypeId::kNull:
            out.push_back(static_cast<char>(kNullCell));
            return;
        case TypeId::kBoolean:
            AppendInteger(column.Data<uint8_t>()[row] ? 1 : 0, out);
            return;
        case TypeId::kTinyInt:
            AppendInteger(column.Data<int8_t>()[row], out);
            return;
        case TypeId::kSmallInt:
            AppendInteger(column.Data<int16_t>()[row], out);
            return;
        case TypeId::kInt:
            AppendInteger(column.Data<int32_t>()[row], out);
            return;
        case TypeId::kBigInt:
            AppendInteger(column.Data<int64_t>()[row], out);
            return;
        case TypeId::kVarchar:
        case TypeId::kVarbinary:
        case TypeId::kJson:
            AppendLenencText(column.Data<StringView>()[row].view(), out);
            return;
        default:
            AppendLenencText(column.GetValue(row).ToString(), out);
            return;
    }
}

}  // namespace

ColumnDefinition DescribeColumn(std::string name, const LogicalType& type) {
    ColumnDefinition column;
    column.name = std::move(name);
    switch (type.id()) {
        case TypeId::kNull:
            column.type = ColumnType::kNull;
            column.flags = kFlagBinary;
            break;
        case TypeId::kBoolean:
            SetNumeric(column, ColumnType::kTiny, 1);
            break;
        case TypeId::kTinyInt:
            SetNumeric(column, ColumnType::kTiny, 4);
            break;
        case TypeId::kSmallInt:
            SetNumeric(column, ColumnType::kShort, 6);
            break;
        case TypeId::kInt:
            SetNumeric(column, ColumnType::kLong, 11);
            break;
        case TypeId::kBigInt:
            SetNumeric(column, ColumnType::kLongLong, 20);
            break;
        // 128-bit integers do not fit LONGLONG; as DECIMAL(39,0) drivers read them exactly.
        case TypeId::kLargeInt:
            SetNumeric(column, ColumnType::kNewDecimal, 40);
            break;
        case TypeId::kFloat:
            SetNumeric(column, ColumnType::kFloat, 12);
            column.decimals = kNotFixedDecimals;
            break;
        case TypeId::kDouble:
            SetNumeric(column, ColumnType::kDouble, 22);
            column.decimals = kNotFixedDecimals;
            break;
        case TypeId::kDecimal:
            // Digits, the sign, and the point when there is a fraction.
            SetNumeric(column, ColumnType::kNewDecimal,
                       static_cast<uint32_t>(type.precision() + 1 + (type.scale() > 0 ? 1 : 0)));
            column.decimals = static_cast<uint8_t>(type.scale());
            break;
        case TypeId::kDate:
            column.type = ColumnType::kDate;
            column.length = 10;
            column.flags = kFlagBinary;
            break;
        case TypeId::kDateTime:
            // Values print microseconds only when they have them: declare the widest form.
            column.type = ColumnType::kDateTime;
            column.length = 26;
            column.decimals = 6;
            column.flags = kFlagBinary;
            break;
        case TypeId::kVarchar:
            column.type = ColumnType::kVarString;
            column.charset = kCharsetUtf8mb4GeneralCi;
            column.length =
                static_cast<uint32_t>(type.length() > 0 ? type.length() : kDefaultVarcharLength) * kMaxUtf8mb4Bytes;
            break;
        case TypeId::kJson:
            column.type = ColumnType::kJson;
            column.charset = kCharsetUtf8mb4GeneralCi;
            column.length = 0xffffffff;
            column.flags = kFlagBlob;
            break;
        case TypeId::kArray:
            column.type = ColumnType::kVarString;
            column.charset = kCharsetUtf8mb4GeneralCi;
            column.length = kDefaultVarcharLength * kMaxUtf8mb4Bytes;
            break;
        case TypeId::kVarbinary:
        case TypeId::kBitmap:
        case TypeId::kHll:
            column.type = ColumnType::kBlob;
            column.length = 0xffff;
            column.flags = kFlagBlob | kFlagBinary;
            break;
    }
    return column;
}

std::string EncodeColumnDefinition(const ColumnDefinition& column) {
    WireWriter out;
    out.LenencString("def");
    out.LenencString(column.schema);
    out.LenencString(column.table);
    out.LenencString(column.table);  // org_table
    out.LenencString(column.name);
    out.LenencString(column.name);  // org_name
    out.LenencInt(0x0c);            // length of the fixed fields
    out.Int2(column.charset);
    out.Int4(column.length);
    out.Int1(static_cast<uint8_t>(column.type));
    out.Int2(column.flags);
    out.Int1(column.decimals);
    out.Zeros(2);
    return out.Take();
}

void AppendTextRow(const Chunk& chunk, size_t row, std::string& out) {
    for (size_t c = 0; c < chunk.num_columns(); ++c) {
        const Column& column = *chunk.column(c);
        if (column.encoding() == ColumnEncoding::kFlat) {
            AppendCell(column, row, out);
        } else if (column.IsNull(row)) {
            out.push_back(static_cast<char>(kNullCell));
        } else {
            AppendLenencText(column.GetValue(row).ToString(), out);
        }
    }
}

Status EncodeResultSet(const exec::QueryRows& rows, bool deprecate_eof, uint16_t status, const PacketSink& sink) {
    WireWriter count;
    count.LenencInt(rows.names.size());
    FL_RETURN_NOT_OK(sink(count.data()));
    for (size_t c = 0; c < rows.names.size(); ++c) {
        LogicalType type = c < rows.types.size() ? rows.types[c] : LogicalType::Varchar();
        FL_RETURN_NOT_OK(sink(EncodeColumnDefinition(DescribeColumn(rows.names[c], type))));
    }
    if (!deprecate_eof) FL_RETURN_NOT_OK(sink(EncodeEof(status, 0)));
    std::string row;
    for (const Chunk& chunk : rows.chunks) {
        // Dictionary and constant columns are printed through their values; flattening first
        // keeps the per-cell path typed.
        Chunk flat = chunk;
        for (size_t c = 0; c < flat.num_columns(); ++c) {
            if (flat.column(c)->encoding() != ColumnEncoding::kFlat) flat.SetColumn(c, flat.column(c)->Flatten());
        }
        for (size_t r = 0; r < flat.num_rows(); ++r) {
            row.clear();
            AppendTextRow(flat, r, row);
            FL_RETURN_NOT_OK(sink(row));
        }
    }
    return sink(deprecate_eof ? EncodeOkAsEof(status, 0) : EncodeEof(status, 0));
}

}  // namespace flashlake::server::mysql
