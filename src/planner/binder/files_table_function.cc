// FILES("path" = "...", "format" = "parquet" | "csv", ...): query files without a table, as in
// StarRocks. The path may be a glob; the schema is inferred at bind time from the first file
// (Parquet: its schema; CSV: a sample of its rows) and every file is read with it.

#include <algorithm>
#include <cctype>

#include "common/ascii.h"
#include "common/query_error.h"
#include "format/parquet/parquet_reader.h"
#include "io/file_system.h"
#include "planner/binder/binder.h"
#include "sql/parser/table_ref.h"
#include "types/cast.h"

namespace flashlake::planner {

namespace {

constexpr size_t kCsvSampleBytes = 256 * 1024;

// StarRocks separators may be written as escapes: "\t", "\n", "\\x01".
char SeparatorChar(const std::string& key, const std::string& value) {
    if (value == "\\t") return '\t';
    if (value == "\\n") return '\n';
    if (value.size() == 4 && value.rfind("\\x", 0) == 0) return static_cast<char>(std::stoi(value.substr(2), nullptr, 16));
    if (value.size() != 1) ThrowQueryError(ErrorCode::kInvalidArgument, "FILES() property '", key, "' must be one character, got '", value, "'");
    return value[0];
}

void BindParquetSchema(io::FileSystem& fs, FileScanSpec& spec) {
    for (size_t i = 0; i < spec.paths.size(); ++i) {
        const std::string& path = spec.paths[i];
        auto file = fs.OpenForRead(path);
        ThrowIfError(file.status());
        auto reader = format::parquet::ParquetReader::Open(std::shared_ptr<io::RandomAccessFile>(std::move(file).value()));
        if (!reader.ok()) ThrowQueryError(reader.status().code(), reader.status().message());
        const auto& schema = (*reader)->schema();
        if (i == 0) {
            for (const auto& leaf : schema.leaves()) {
                if (!leaf.supported) continue;  // e.g. nested repeated columns: left out, the rest stays readable
                spec.names.push_back(leaf.name);
                spec.types.push_back(leaf.type);
            }
            if (spec.names.empty()) ThrowQueryError(ErrorCode::kNotSupported, "'", path, "' has no column Flashlake can read");
        }
        std::vector<int> leaves;
        for (size_t c = 0; c < spec.names.size(); ++c) {
            int leaf = schema.FindLeaf(spec.names[c]);
            if (leaf < 0 || schema.leaves()[leaf].type != spec.types[c]) {
                ThrowQueryError(ErrorCode::kInvalidArgument, "'", path, "' has no column '", spec.names[c], "' of type ",
                                spec.types[c].ToString(), " as the first file '", spec.paths[0], "' has");
            }
            leaves.push_back(leaf);
        }
        spec.parquet_leaves.push_back(std::move(leaves));
    }
}

void BindCsvSchema(io::FileSystem& fs, FileScanSpec& spec) {
    auto file = fs.OpenForRead(spec.paths[0]);
    ThrowIfError(file.status());
    auto size = (*file)->Size();
    ThrowIfError(size.status());
    auto sample = (*file)->ReadAt(0, std::min<uint64_t>(*size, kCsvSampleBytes));
    ThrowIfError(sample.status());
    bool header = spec.csv.skip_header > 0;
    auto columns = format::csv::InferCsvSchema(*sample, spec.csv, header);
    if (!columns.ok()) ThrowQueryError(columns.status().code(), "'", spec.paths[0], "': ", columns.status().message());
    for (size_t c = 0; c < columns->size(); ++c) {
        // Without a header, columns are named $1, $2, ... as in StarRocks.
        spec.names.push_back(header ? (*columns)[c].name : "$" + std::to_string(c + 1));
        spec.types.push_back((*columns)[c].type);
    }
}

}  // namespace

LogicalOperatorPtr Binder::BindFilesFunction(const sql::TableFunctionRef& function, BindScope& scope) {
    if (fs_ == nullptr) ThrowQueryError(ErrorCode::kNotSupported, "FILES() needs a file system");
    if (read_check_) read_check_("", "FILES()");
    std::string path, format;
    auto spec = std::make_shared<FileScanSpec>();
    for (const auto& property : function.properties) {
        std::string key = AsciiLower(property.key);
        const std::string& value = property.value;
        if (key == "path") path = value;
        else if (key == "format") format = AsciiLower(value);
        else if (key == "csv.column_separator") spec->csv.column_separator = SeparatorChar(key, value);
        else if (key == "csv.row_delimiter") spec->csv.row_delimiter = SeparatorChar(key, value);
        else if (key == "csv.enclose") spec->csv.quote = value.empty() ? 0 : SeparatorChar(key, value);
        else if (key == "csv.trim_space") spec->csv.trim_space = AsciiLower(value) == "true";
        else if (key == "csv.skip_header") {
            auto lines = ParseInteger(value);
            if (!lines || *lines < 0) ThrowQueryError(ErrorCode::kInvalidArgument, "csv.skip_header must be a count, got '", value, "'");
            spec->csv.skip_header = *lines;
        } else {
            ThrowQueryError(ErrorCode::kInvalidArgument, "unknown FILES() property '", property.key, "'");
        }
    }
    if (path.empty()) ThrowQueryError(ErrorCode::kInvalidArgument, "FILES() needs a \"path\" property");
    if (format == "parquet") spec->format = FileFormat::kParquet;
    else if (format == "csv") spec->format = FileFormat::kCsv;
    else ThrowQueryError(ErrorCode::kInvalidArgument, "FILES() \"format\" must be parquet or csv, got '", format, "'");
    if (path.rfind("file://", 0) == 0) path = path.substr(7);
    auto paths = fs_->Glob(path);
    ThrowIfError(paths.status());
    if (paths->empty()) ThrowQueryError(ErrorCode::kNotFound, "FILES(): no file matches '", path, "'");
    spec->paths = std::move(paths).value();
    std::sort(spec->paths.begin(), spec->paths.end());
    if (spec->format == FileFormat::kParquet) BindParquetSchema(*fs_, *spec);
    else BindCsvSchema(*fs_, *spec);

    auto scan = std::make_unique<LogicalOperator>(LogicalOperatorKind::kFileScan);
    scan->names = spec->names;
    scan->types = spec->types;
    scan->estimated_rows = 1e6;  // unknown until statistics of files are read
    std::string table = function.alias.empty() ? "files" : function.alias;
    for (size_t c = 0; c < spec->names.size(); ++c) {
        std::string name = function.column_aliases.size() == spec->names.size() ? function.column_aliases[c] : spec->names[c];
        scope.columns.push_back({table, name, spec->types[c]});
        scan->names[c] = name;
    }
    scan->file_scan = std::move(spec);
    return scan;
}

}  // namespace flashlake::planner
