// JSON bodies of stream loads: a single object, newline-delimited objects, or (with
// strip_outer_array) an array of objects. A member becomes VARCHAR text: strings as they are,
// numbers and booleans as JSON writes them, objects and arrays as compact JSON, null as NULL.

#include <cctype>

#include "format/json/json_parser.h"
#include "format/json/json_writer.h"
#include "ingest/load_source.h"

namespace flashlake::ingest {

namespace json = format::json;

namespace {

// A parsed jsonpath: `$.a.b`, `$['a']`, `$.a[0]`.
struct PathStep {
    std::string key;
    int64_t index = -1;  // >= 0: an array element
};
using JsonPath = std::vector<PathStep>;

Result<JsonPath> ParseJsonPath(std::string_view text) {
    auto bad = [&](const char* why) {
        return Status::InvalidArgument("bad jsonpath '" + std::string(text) + "': " + why);
    };
    if (text.empty() || text[0] != '$') return bad("it must start with '$'");
    JsonPath path;
    size_t i = 1;
    while (i < text.size()) {
        if (text[i] == '.') {
            size_t start = ++i;
            while (i < text.size() && text[i] != '.' && text[i] != '[') ++i;
            if (i == start) return bad("empty member name");
            path.push_back({std::string(text.substr(start, i - start))});
        } else if (text[i] == '[') {
            size_t close = text.find(']', i);
            if (close == std::string_view::npos) return bad("'[' is not closed");
            std::string_view inner = text.substr(i + 1, close - i - 1);
            if (inner.size() >= 2 && (inner.front() == '\'' || inner.front() == '"') && inner.back() == inner.front()) {
                path.push_back({std::string(inner.substr(1, inner.size() - 2))});
            } else {
                if (inner.empty() || inner.size() > 9) return bad("bad array index");
                int64_t index = 0;
                for (char c : inner) {
                    if (!std::isdigit(static_cast<unsigned char>(c))) return bad("bad array index");
                    index = index * 10 + (c - '0');
                }
                path.push_back({"", index});
            }
            i = close + 1;
        } else {
            return bad("expected '.' or '['");
        }
    }
    return path;
}

const json::Value* FindMember(const json::Value& object, const std::string& name) {
    if (const json::Value* exact = object.Find(name)) return exact;
    for (const auto& [key, value] : object.AsObject()) {
        if (key.size() == name.size() && std::equal(key.begin(), key.end(), name.begin(), [](char a, char b) {
                return std::tolower(static_cast<unsigned char>(a)) == std::tolower(static_cast<unsigned char>(b));
            })) {
            return &value;
        }
    }
    return nullptr;
}

const json::Value* Follow(const json::Value& row, const JsonPath& path) {
    const json::Value* at = &row;
    for (const PathStep& step : path) {
        if (step.index >= 0) {
            if (!at->is_array() || static_cast<size_t>(step.index) >= at->AsArray().size()) return nullptr;
            at = &at->AsArray()[static_cast<size_t>(step.index)];
        } else {
            if (!at->is_object()) return nullptr;
            at = at->Find(step.key);
            if (at == nullptr) return nullptr;
        }
    }
    return at;
}

// A row of the body: its parsed value, or why it did not parse.
struct JsonRow {
    int64_t line = 0;
    const json::Value* value = nullptr;
    std::string error;
    std::string_view text;  // for rows that did not parse
};

class JsonLoadSource : public LoadSource {
public:
    JsonLoadSource(std::vector<std::string> names, std::vector<JsonPath> paths)
        : names_(std::move(names)), paths_(std::move(paths)) {}

    Status Open(const LoadRequest& request) {
        std::string_view body = request.body;
        auto whole = json::Parse(body);
        if (whole.ok()) {
            documents_.push_back(std::move(*whole));
            const json::Value& document = documents_.back();
            if (document.is_array()) {
                if (!request.strip_outer_array) {
                    return Status::InvalidArgument(
                        "the JSON body is an array: set the header strip_outer_array: true to load its elements as "
                        "rows");
                }
                int64_t line = 0;
                for (const json::Value& element : document.AsArray()) rows_.push_back({++line, &element, "", {}});
            } else {
                if (request.strip_outer_array) {
                    return Status::InvalidArgument("strip_outer_array is true but the JSON body is not an array");
                }
                rows_.push_back({1, &document, "", {}});
            }
            return Status::OK();
        }
        if (request.strip_outer_array)
            return Status::InvalidArgument("the JSON body does not parse: " + whole.status().message());
        // Newline-delimited JSON: each non-blank line is a row; one that does not parse is rejected.
        documents_.reserve(static_cast<size_t>(std::count(body.begin(), body.end(), '\n')) + 1);
        int64_t line = 0;
        size_t pos = 0;
        while (pos < body.size()) {
            size_t end = body.find('\n', pos);
            if (end == std::string_view::npos) end = body.size();
            std::string_view text = body.substr(pos, end - pos);
            pos = end + 1;
            ++line;
            if (text.find_first_not_of(" \t\r") == std::string_view::npos) continue;
            auto parsed = json::Parse(text);
            if (!parsed.ok()) {
                rows_.push_back({line, nullptr, parsed.status().message(), text});
                continue;
            }
            documents_.push_back(std::move(*parsed));
            rows_.push_back({line, &documents_.back(), "", text});
        }
        return Status::OK();
    }

    bool Next(SourceBatch& batch) override {
        batch = SourceBatch();
        batch_rows_.clear();
        if (next_ >= rows_.size()) return false;
        std::vector<ColumnPtr> columns;
        size_t num_columns = names_.size();
        for (size_t c = 0; c < num_columns; ++c)
            columns.push_back(Column::MakeFlat(LogicalType::Varchar(), kChunkSize));
        size_t rows = 0;
        std::string text;
        for (; rows < kChunkSize && next_ < rows_.size(); ++next_) {
            const JsonRow& row = rows_[next_];
            ++batch.rows_read;
            if (row.value == nullptr || !row.value->is_object()) {
                std::string reason = row.value == nullptr ? row.error
                                                          : "a row must be a JSON object, not " +
                                                                std::string(json::TypeName(row.value->type()));
                batch.errors.push_back({row.line, std::move(reason), Describe(row)});
                continue;
            }
            for (size_t c = 0; c < num_columns; ++c) {
                const json::Value* value =
                    paths_.empty() ? FindMember(*row.value, names_[c]) : Follow(*row.value, paths_[c]);
                Column& column = *columns[c];
                if (value == nullptr || value->is_null()) {
                    column.SetNull(rows);
                    continue;
                }
                if (value->is_string()) {
                    column.MutableData<StringView>()[rows] = StringView(value->AsString());
                } else {
                    text.clear();
                    json::Write(*value, &text);
                    column.MutableData<StringView>()[rows] = column.strings().Add(text);
                }
            }
            batch.lines.push_back(row.line);
            batch_rows_.push_back(&row);
            ++rows;
        }
        for (auto& column : columns) column->Resize(rows);
        batch.chunk = Chunk(std::move(columns), rows);
        return true;
    }

    std::string RowText(size_t row) const override { return Describe(*batch_rows_[row]); }

private:
    static std::string Describe(const JsonRow& row) {
        if (!row.text.empty()) return std::string(row.text.substr(0, kMaxRowTextBytes));
        if (row.value == nullptr) return "";
        std::string text = json::Write(*row.value);
        if (text.size() > kMaxRowTextBytes) text.resize(kMaxRowTextBytes);
        return text;
    }

    std::vector<std::string> names_;
    std::vector<JsonPath> paths_;
    std::vector<json::Value> documents_;  // reserved up front: rows_ point into it
    std::vector<JsonRow> rows_;
    size_t next_ = 0;
    std::vector<const JsonRow*> batch_rows_;
};

}  // namespace

Result<std::unique_ptr<LoadSource>> MakeJsonSource(const LoadRequest& request, std::vector<std::string> names) {
    std::vector<JsonPath> paths;
    if (!request.jsonpaths.empty()) {
        auto parsed = json::Parse(request.jsonpaths);
        if (!parsed.ok() || !parsed->is_array()) {
            return Status::InvalidArgument("jsonpaths must be a JSON array of paths like [\"$.a\", \"$.b.c\"], not " +
                                           request.jsonpaths);
        }
        for (const json::Value& path : parsed->AsArray()) {
            if (!path.is_string()) return Status::InvalidArgument("jsonpaths must hold strings, e.g. [\"$.a\"]");
            FL_ASSIGN_OR_RETURN(JsonPath steps, ParseJsonPath(path.AsString()));
            paths.push_back(std::move(steps));
        }
        if (paths.size() != names.size()) {
            return Status::InvalidArgument("jsonpaths has " + std::to_string(paths.size()) + " paths for " +
                                           std::to_string(names.size()) + " columns");
        }
    }
    auto source = std::make_unique<JsonLoadSource>(std::move(names), std::move(paths));
    FL_RETURN_NOT_OK(source->Open(request));
    return std::unique_ptr<LoadSource>(std::move(source));
}

}  // namespace flashlake::ingest
