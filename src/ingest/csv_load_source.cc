// CSV bodies of stream loads, as StarRocks reads them: rows end at row_delimiter, fields at
// column_separator (both may be several bytes); with `enclose` a field may be quoted, a doubled
// quote inside standing for one; "\N" is NULL. Blank rows are skipped. Fields are not copied:
// unquoted ones point into the body.

#include <algorithm>

#include "ingest/load_source.h"

namespace flashlake::ingest {

namespace {

struct Field {
    std::string_view text;
    bool quoted = false;
    bool unescaped = false;  // `text` is in scratch storage, not in the body
};

std::string_view TrimSpaces(std::string_view text) {
    while (!text.empty() && text.front() == ' ') text.remove_prefix(1);
    while (!text.empty() && text.back() == ' ') text.remove_suffix(1);
    return text;
}

class CsvLoadSource : public LoadSource {
public:
    CsvLoadSource(const LoadRequest& request, size_t num_columns, std::vector<bool> empty_is_null)
        : body_(request.body),
          separator_(request.column_separator),
          delimiter_(request.row_delimiter),
          enclose_(request.enclose),
          trim_(request.trim_space),
          skip_(request.skip_header),
          num_columns_(num_columns),
          empty_is_null_(std::move(empty_is_null)) {}

    bool Next(SourceBatch& batch) override {
        batch = SourceBatch();
        row_texts_.clear();
        if (pos_ >= body_.size()) return false;
        std::vector<ColumnPtr> columns;
        for (size_t c = 0; c < num_columns_; ++c)
            columns.push_back(Column::MakeFlat(LogicalType::Varchar(), kChunkSize));
        size_t rows = 0;
        while (rows < kChunkSize && pos_ < body_.size()) {
            size_t end = FindRowEnd(pos_);
            std::string_view row = body_.substr(pos_, end - pos_);
            int64_t row_line = line_;
            // Lines count rows, plus the line breaks inside quoted fields when rows are lines.
            line_ += 1 + (delimiter_ == "\n" ? std::count(row.begin(), row.end(), '\n') : 0);
            pos_ = std::min(body_.size(), end + delimiter_.size());
            if (!row.empty() && row.back() == '\r' && delimiter_ == "\n") row.remove_suffix(1);
            if (skip_ > 0) {
                --skip_;
                continue;
            }
            if (row.empty()) continue;
            ++batch.rows_read;
            std::string reason = Split(row);
            if (reason.empty() && fields_.size() != num_columns_) {
                reason =
                    "expected " + std::to_string(num_columns_) + " columns, found " + std::to_string(fields_.size());
            }
            if (!reason.empty()) {
                batch.errors.push_back({row_line, std::move(reason), std::string(row.substr(0, kMaxRowTextBytes))});
                continue;
            }
            for (size_t c = 0; c < num_columns_; ++c) {
                Column& column = *columns[c];
                const Field& field = fields_[c];
                if (!field.quoted && (field.text == "\\N" || (field.text.empty() && empty_is_null_[c]))) {
                    column.SetNull(rows);
                } else if (field.unescaped) {
                    column.MutableData<StringView>()[rows] = column.strings().Add(field.text);
                } else {
                    column.MutableData<StringView>()[rows] = StringView(field.text);
                }
            }
            batch.lines.push_back(row_line);
            row_texts_.push_back(row);
            ++rows;
        }
        for (auto& column : columns) column->Resize(rows);
        batch.chunk = Chunk(std::move(columns), rows);
        return true;
    }

    std::string RowText(size_t row) const override { return std::string(row_texts_[row].substr(0, kMaxRowTextBytes)); }

private:
    bool DelimiterAt(size_t i) const { return body_.compare(i, delimiter_.size(), delimiter_) == 0; }

    size_t FindRowEnd(size_t pos) const {
        if (enclose_ == 0) {
            size_t end = body_.find(delimiter_, pos);
            return end == std::string_view::npos ? body_.size() : end;
        }
        bool quoted = false;
        for (size_t i = pos; i < body_.size(); ++i) {
            if (body_[i] == enclose_) {
                quoted = !quoted;  // a doubled quote toggles twice
            } else if (!quoted && body_[i] == delimiter_[0] && DelimiterAt(i)) {
                return i;
            }
        }
        return body_.size();
    }

    // Splits `row` into fields_; returns why it cannot be split, or "".
    std::string Split(std::string_view row) {
        fields_.clear();
        scratch_.clear();
        scratch_.reserve(num_columns_ + 1);  // views into scratch_ must not move
        size_t pos = 0;
        while (true) {
            size_t start = pos;
            while (enclose_ != 0 && start < row.size() && row[start] == ' ') ++start;
            if (enclose_ != 0 && start < row.size() && row[start] == enclose_) {
                size_t i = start + 1;
                bool closed = false, doubled = false;
                for (; i < row.size(); ++i) {
                    if (row[i] != enclose_) continue;
                    if (i + 1 < row.size() && row[i + 1] == enclose_) {
                        doubled = true;
                        ++i;
                        continue;
                    }
                    closed = true;
                    break;
                }
                if (!closed) return "a quoted field is not closed";
                std::string_view inner = row.substr(start + 1, i - start - 1);
                Field field{inner, true, false};
                if (doubled) {
                    if (scratch_.size() == scratch_.capacity())
                        return "more than " + std::to_string(num_columns_) + " columns";
                    std::string& text = scratch_.emplace_back();
                    for (size_t k = 0; k < inner.size(); ++k) {
                        text += inner[k];
                        if (inner[k] == enclose_) ++k;
                    }
                    field = Field{text, true, true};
                }
                fields_.push_back(field);
                pos = i + 1;
                while (pos < row.size() && row[pos] == ' ') ++pos;
                if (pos < row.size() && row.compare(pos, separator_.size(), separator_) != 0) {
                    return "text after a closing quote";
                }
            } else {
                size_t end = row.find(separator_, pos);
                if (end == std::string_view::npos) end = row.size();
                std::string_view text = row.substr(pos, end - pos);
                fields_.push_back(Field{trim_ ? TrimSpaces(text) : text, false, false});
                pos = end;
            }
            if (pos >= row.size()) return "";
            pos += separator_.size();
            if (pos >= row.size()) {  // a trailing separator ends with an empty field
                fields_.push_back(Field{});
                return "";
            }
        }
    }

    std::string_view body_;
    std::string separator_;
    std::string delimiter_;
    char enclose_;
    bool trim_;
    int64_t skip_;
    size_t num_columns_;
    std::vector<bool> empty_is_null_;
    size_t pos_ = 0;
    int64_t line_ = 1;
    std::vector<Field> fields_;
    std::vector<std::string> scratch_;
    std::vector<std::string_view> row_texts_;  // of the last batch
};

}  // namespace

std::unique_ptr<LoadSource> MakeCsvSource(const LoadRequest& request, size_t num_columns,
                                          std::vector<bool> empty_is_null) {
    empty_is_null.resize(num_columns, false);
    return std::make_unique<CsvLoadSource>(request, num_columns, std::move(empty_is_null));
}

}  // namespace flashlake::ingest
