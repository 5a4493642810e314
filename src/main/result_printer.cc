#include "main/result_printer.h"

#include <algorithm>

namespace flashlake::cli {

namespace {

size_t DisplayWidth(const std::string& text) {
    size_t width = 0;
    for (unsigned char c : text) width += (c & 0xC0) != 0x80;  // count UTF-8 code points
    return width;
}

std::string CsvField(const std::string& text) {
    if (text.find_first_of(",\"\n\r") == std::string::npos) return text;
    std::string out = "\"";
    for (char c : text) {
        if (c == '"') out += '"';
        out += c;
    }
    return out + "\"";
}

std::string TsvField(const std::string& text) {
    std::string out;
    for (char c : text) {
        switch (c) {
            case '\t': out += "\\t"; break;
            case '\n': out += "\\n"; break;
            case '\\': out += "\\\\"; break;
            default: out += c;
        }
    }
    return out;
}

std::string JsonString(const std::string& text) {
    std::string out = "\"";
    for (unsigned char c : text) {
        switch (c) {
            case '"': out += "\\\""; break;
            case '\\': out += "\\\\"; break;
            case '\n': out += "\\n"; break;
            case '\r': out += "\\r"; break;
            case '\t': out += "\\t"; break;
            default:
                if (c < 0x20) {
                    char buffer[8];
                    std::snprintf(buffer, sizeof(buffer), "\\u%04x", c);
                    out += buffer;
                } else {
                    out += static_cast<char>(c);
                }
        }
    }
    return out + "\"";
}

bool IsNumber(const LogicalType& type) { return type.IsNumeric(); }

}  // namespace

bool ParseOutputFormat(const std::string& text, OutputFormat& format) {
    if (text == "table") format = OutputFormat::kTable;
    else if (text == "csv") format = OutputFormat::kCsv;
    else if (text == "tsv") format = OutputFormat::kTsv;
    else if (text == "json") format = OutputFormat::kJson;
    else return false;
    return true;
}

std::vector<std::vector<std::string>> RowsAsText(const exec::QueryRows& rows) {
    std::vector<std::vector<std::string>> text;
    text.reserve(rows.num_rows());
    for (const auto& chunk : rows.chunks) {
        for (size_t r = 0; r < chunk.num_rows(); ++r) {
            std::vector<std::string> row;
            row.reserve(chunk.num_columns());
            for (size_t c = 0; c < chunk.num_columns(); ++c) row.push_back(chunk.column(c)->GetValue(r).ToString());
            text.push_back(std::move(row));
        }
    }
    return text;
}

void PrintRows(const exec::QueryRows& rows, OutputFormat format, std::ostream& out) {
    // Nulls are told apart by the column, not the text, so that the string 'NULL' prints as itself.
    std::vector<std::vector<std::string>> text;
    std::vector<std::vector<bool>> nulls;
    for (const auto& chunk : rows.chunks) {
        for (size_t r = 0; r < chunk.num_rows(); ++r) {
            std::vector<std::string> row;
            std::vector<bool> row_nulls;
            for (size_t c = 0; c < chunk.num_columns(); ++c) {
                bool is_null = chunk.column(c)->IsNull(r);
                row_nulls.push_back(is_null);
                row.push_back(is_null ? "NULL" : chunk.column(c)->GetValue(r).ToString());
            }
            text.push_back(std::move(row));
            nulls.push_back(std::move(row_nulls));
        }
    }
    const size_t num_columns = rows.names.size();
    switch (format) {
        case OutputFormat::kTable: {
            std::vector<size_t> widths(num_columns);
            for (size_t c = 0; c < num_columns; ++c) widths[c] = DisplayWidth(rows.names[c]);
            for (const auto& row : text) {
                for (size_t c = 0; c < num_columns; ++c) widths[c] = std::max(widths[c], DisplayWidth(row[c]));
            }
            std::string rule = "+";
            for (size_t width : widths) rule += std::string(width + 2, '-') + "+";
            auto line = [&](const std::vector<std::string>& cells, bool align_numbers) {
                out << "|";
                for (size_t c = 0; c < num_columns; ++c) {
                    std::string pad(widths[c] - DisplayWidth(cells[c]), ' ');
                    bool right = align_numbers && IsNumber(rows.types[c]);
                    out << " " << (right ? pad + cells[c] : cells[c] + pad) << " |";
                }
                out << "\n";
            };
            out << rule << "\n";
            line(rows.names, false);
            out << rule << "\n";
            for (const auto& row : text) line(row, true);
            out << rule << "\n";
            break;
        }
        case OutputFormat::kCsv:
        case OutputFormat::kTsv: {
            bool csv = format == OutputFormat::kCsv;
            auto field = [&](const std::string& value) { return csv ? CsvField(value) : TsvField(value); };
            const char* separator = csv ? "," : "\t";
            for (size_t c = 0; c < num_columns; ++c) out << (c ? separator : "") << field(rows.names[c]);
            out << "\n";
            for (size_t r = 0; r < text.size(); ++r) {
                for (size_t c = 0; c < num_columns; ++c) {
                    out << (c ? separator : "") << (nulls[r][c] ? "\\N" : field(text[r][c]));
                }
                out << "\n";
            }
            break;
        }
        case OutputFormat::kJson: {
            out << "[";
            for (size_t r = 0; r < text.size(); ++r) {
                out << (r ? ",\n " : "\n ") << "{";
                for (size_t c = 0; c < num_columns; ++c) {
                    out << (c ? ", " : "") << JsonString(rows.names[c]) << ": ";
                    if (nulls[r][c]) out << "null";
                    else if (IsNumber(rows.types[c]) && text[r][c] != "nan" && text[r][c].find("inf") == std::string::npos)
                        out << text[r][c];
                    else out << JsonString(text[r][c]);
                }
                out << "}";
            }
            out << (text.empty() ? "]\n" : "\n]\n");
            break;
        }
    }
}

}  // namespace flashlake::cli
