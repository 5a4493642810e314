#include "format/csv/csv_reader.h"

#include <charconv>

#include "column/physical_dispatch.h"
#include "types/cast.h"
#include "types/date_time.h"
#include "types/decimal.h"

namespace flashlake::format::csv {

namespace {

constexpr size_t kMaxErrorRowBytes = 1024;

// Finds the end of the row starting at `pos`: the next row delimiter outside quotes.
size_t FindRowEnd(std::string_view data, size_t pos, const CsvOptions& options) {
    if (options.quote == 0) {
        size_t end = data.find(options.row_delimiter, pos);
        return end == std::string_view::npos ? data.size() : end;
    }
    bool in_quotes = false;
    for (size_t i = pos; i < data.size(); ++i) {
        char c = data[i];
        if (c == options.quote) in_quotes = !in_quotes;  // a doubled quote toggles twice
        else if (c == options.row_delimiter && !in_quotes) return i;
    }
    return data.size();
}

std::string_view Trim(std::string_view text) {
    while (!text.empty() && text.front() == ' ') text.remove_prefix(1);
    while (!text.empty() && text.back() == ' ') text.remove_suffix(1);
    return text;
}

// Writes one field into row `row` of `column`; returns false with a reason when it does not convert.
bool StoreField(Column& column, size_t row, std::string_view text, bool quoted, const CsvOptions& options,
                std::string& reason) {
    const LogicalType& type = column.type();
    if ((!quoted && text == options.null_marker) || (!quoted && text.empty() && !type.IsString())) {
        column.SetNull(row);
        return true;
    }
    column.validity().SetValid(row);
    auto bad = [&](std::string_view why = {}) {
        reason = "bad value '" + std::string(text.substr(0, 64)) + "'";
        if (!why.empty()) reason += ": " + std::string(why);
        return false;
    };
    switch (type.id()) {
        case TypeId::kBoolean: {
            auto value = ParseBoolean(text);
            if (!value) return bad();
            column.MutableData<uint8_t>()[row] = *value;
            return true;
        }
        case TypeId::kTinyInt:
        case TypeId::kSmallInt:
        case TypeId::kInt:
        case TypeId::kBigInt:
        case TypeId::kLargeInt: {
            auto value = ParseLargeInteger(text);
            if (!value || !IntegerFitsType(*value, type.id())) return bad(value ? "out of range" : "");
            DispatchPhysical(type.physical(), [&]<typename T>() {
                if constexpr (std::is_integral_v<T> || std::is_same_v<T, int128_t>) column.MutableData<T>()[row] = static_cast<T>(*value);
            });
            return true;
        }
        case TypeId::kFloat:
        case TypeId::kDouble: {
            auto value = ParseFloating(text);
            if (!value) return bad();
            if (type.id() == TypeId::kFloat) column.MutableData<float>()[row] = static_cast<float>(*value);
            else column.MutableData<double>()[row] = *value;
            return true;
        }
        case TypeId::kDecimal: {
            auto value = decimal::Parse(text, type.precision(), type.scale());
            if (!value.ok()) return bad(value.status().code() == ErrorCode::kNumericOverflow ? "out of range" : "");
            if (type.physical() == PhysicalType::kInt64) column.MutableData<int64_t>()[row] = static_cast<int64_t>(*value);
            else column.MutableData<int128_t>()[row] = *value;
            return true;
        }
        case TypeId::kDate: {
            auto value = date_time::ParseDate(text);
            if (!value.ok()) return bad();
            column.MutableData<int32_t>()[row] = *value;
            return true;
        }
        case TypeId::kDateTime: {
            auto value = date_time::ParseDateTime(text);
            if (!value.ok()) return bad();
            column.MutableData<int64_t>()[row] = *value;
            return true;
        }
        case TypeId::kVarchar:
            if (type.length() > 0 && text.size() > static_cast<size_t>(type.length())) {
                return bad("longer than " + std::to_string(type.length()) + " bytes");
            }
            [[fallthrough]];
        case TypeId::kVarbinary:
        case TypeId::kJson:
            column.MutableData<StringView>()[row] = column.strings().Add(text);
            return true;
        default: reason = "columns of type " + type.ToString() + " cannot be loaded from CSV"; return false;
    }
}

}  // namespace

bool SplitCsvLine(std::string_view line, const CsvOptions& options, std::vector<std::string>& fields,
                  std::vector<bool>& quoted) {
    fields.clear();
    quoted.clear();
    size_t pos = 0;
    while (true) {
        std::string field;
        bool is_quoted = false;
        size_t start = pos;
        while (start < line.size() && options.trim_space && line[start] == ' ') ++start;
        if (options.quote != 0 && start < line.size() && line[start] == options.quote) {
            is_quoted = true;
            size_t i = start + 1;
            bool closed = false;
            for (; i < line.size(); ++i) {
                if (line[i] == options.quote) {
                    if (i + 1 < line.size() && line[i + 1] == options.quote) {
                        field += options.quote;
                        ++i;
                    } else {
                        closed = true;
                        ++i;
                        break;
                    }
                } else {
                    field += line[i];
                }
            }
            if (!closed) return false;
            while (i < line.size() && line[i] == ' ') ++i;
            pos = i;
        } else {
            size_t end = line.find(options.column_separator, pos);
            if (end == std::string_view::npos) end = line.size();
            std::string_view raw = line.substr(pos, end - pos);
            field = std::string(options.trim_space ? Trim(raw) : raw);
            pos = end;
        }
        fields.push_back(std::move(field));
        quoted.push_back(is_quoted);
        if (pos >= line.size()) break;
        if (line[pos] != options.column_separator) return false;  // text after a closing quote
        ++pos;
        if (pos == line.size()) {  // a trailing separator ends with an empty field
            fields.emplace_back();
            quoted.push_back(false);
            break;
        }
    }
    return true;
}

CsvReader::CsvReader(std::vector<std::string> names, std::vector<LogicalType> types, CsvOptions options)
    : names_(std::move(names)), types_(std::move(types)), options_(std::move(options)) {}

CsvParseResult CsvReader::Parse(std::string_view data, int64_t first_line) const {
    CsvParseResult result;
    result.bytes_read = static_cast<int64_t>(data.size());
    const size_t num_columns = types_.size();
    std::vector<ColumnPtr> columns;
    size_t rows = 0;
    auto start_chunk = [&] {
        columns.clear();
        for (const auto& type : types_) columns.push_back(Column::MakeFlat(type, kChunkSize));
        rows = 0;
    };
    auto finish_chunk = [&] {
        if (rows == 0) return;
        for (auto& column : columns) column->Resize(rows);
        result.chunks.emplace_back(columns, rows);
    };
    start_chunk();
    std::vector<std::string> fields;
    std::vector<bool> quoted;
    int64_t line = first_line;
    size_t pos = 0;
    int64_t skipped = 0;
    while (pos < data.size()) {
        size_t end = FindRowEnd(data, pos, options_);
        std::string_view row = data.substr(pos, end - pos);
        int64_t row_line = line;
        size_t row_offset = pos;
        for (char c : row) line += c == '\n';
        ++line;
        pos = end + 1;
        if (!row.empty() && row.back() == '\r') row.remove_suffix(1);
        if (skipped < options_.skip_header) {
            ++skipped;
            continue;
        }
        if (row.empty() && end >= data.size()) break;  // the final delimiter
        ++result.rows_read;
        std::string reason;
        if (!SplitCsvLine(row, options_, fields, quoted)) {
            reason = "unbalanced quotes or text after a closing quote";
        } else if (fields.size() != num_columns) {
            reason = "expected " + std::to_string(num_columns) + " columns, found " + std::to_string(fields.size());
        } else {
            for (size_t c = 0; c < num_columns && reason.empty(); ++c) {
                std::string why;
                if (!StoreField(*columns[c], rows, fields[c], quoted[c], options_, why)) {
                    reason = "column " + std::to_string(c + 1) + " (" + names_[c] + " " + types_[c].ToString() + "): " + why;
                }
            }
        }
        if (!reason.empty()) {
            // The row's slot is reused by the next row; only its validity bits need resetting.
            for (auto& column : columns) column->validity().SetValid(rows);
            result.errors.push_back({row_line, static_cast<int64_t>(row_offset), std::move(reason),
                                     std::string(row.substr(0, kMaxErrorRowBytes))});
            continue;
        }
        if (++rows == kChunkSize) {
            finish_chunk();
            start_chunk();
        }
    }
    finish_chunk();
    return result;
}

Result<std::vector<InferredColumn>> InferCsvSchema(std::string_view sample, const CsvOptions& options, bool has_header,
                                                   int64_t max_rows) {
    enum Candidate { kBoolean, kBigInt, kDouble, kDate, kDateTime, kVarchar };
    std::vector<InferredColumn> columns;
    std::vector<int> candidates;  // bitmask of types still possible per column
    std::vector<bool> seen_value;
    std::vector<std::string> fields;
    std::vector<bool> quoted;
    size_t pos = 0;
    int64_t line_number = 0, data_rows = 0;
    while (pos < sample.size() && data_rows < max_rows) {
        size_t end = FindRowEnd(sample, pos, options);
        if (end >= sample.size() && line_number > 0) break;  // a possibly cut last line of a sample
        std::string_view row = sample.substr(pos, end - pos);
        pos = end + 1;
        if (!row.empty() && row.back() == '\r') row.remove_suffix(1);
        ++line_number;
        if (line_number <= options.skip_header && !(has_header && line_number == options.skip_header)) continue;
        if (!SplitCsvLine(row, options, fields, quoted)) {
            return Status::InvalidArgument("cannot infer CSV columns: line " + std::to_string(line_number) +
                                           " has unbalanced quotes");
        }
        if (columns.empty()) {
            for (size_t c = 0; c < fields.size(); ++c) {
                std::string name = has_header ? fields[c] : "column_" + std::to_string(c + 1);
                columns.push_back({name, LogicalType::Varchar()});
                candidates.push_back((1 << kVarchar) - 1);
                seen_value.push_back(false);
            }
            if (has_header) continue;
        }
        ++data_rows;
        for (size_t c = 0; c < std::min(fields.size(), columns.size()); ++c) {
            const std::string& text = fields[c];
            if ((!quoted[c] && text.empty()) || text == options.null_marker) continue;
            seen_value[c] = true;
            int& mask = candidates[c];
            if (quoted[c]) mask &= (1 << kDate) | (1 << kDateTime);
            if ((mask & (1 << kBoolean)) && !(text == "true" || text == "false" || text == "TRUE" || text == "FALSE")) mask &= ~(1 << kBoolean);
            if ((mask & (1 << kBigInt)) && !ParseInteger(text)) mask &= ~(1 << kBigInt);
            if ((mask & (1 << kDouble)) && !ParseFloating(text)) mask &= ~(1 << kDouble);
            if ((mask & (1 << kDate)) && (text.size() != 10 || !date_time::ParseDate(text).ok())) mask &= ~(1 << kDate);
            if ((mask & (1 << kDateTime)) && (text.size() < 19 || !date_time::ParseDateTime(text).ok())) mask &= ~(1 << kDateTime);
        }
    }
    if (columns.empty()) return Status::InvalidArgument("cannot infer CSV columns: no rows");
    for (size_t c = 0; c < columns.size(); ++c) {
        int mask = candidates[c];
        if (!seen_value[c]) columns[c].type = LogicalType::Varchar();
        else if (mask & (1 << kBoolean)) columns[c].type = LogicalType::Boolean();
        else if (mask & (1 << kBigInt)) columns[c].type = LogicalType::BigInt();
        else if (mask & (1 << kDouble)) columns[c].type = LogicalType::Double();
        else if (mask & (1 << kDate)) columns[c].type = LogicalType::Date();
        else if (mask & (1 << kDateTime)) columns[c].type = LogicalType::DateTime();
        else columns[c].type = LogicalType::Varchar();
    }
    return columns;
}

}  // namespace flashlake::format::csv
