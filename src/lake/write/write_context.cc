#include "lake/write/write_context.h"

#include <algorithm>
#include <cctype>
#include <chrono>
#include <ctime>

#include "common/ascii.h"
#include "lake/bucket_function.h"
#include "lake/commit/option_values.h"
#include "lake/lsm/merge_options.h"
#include "lake/write/table_writer.h"

namespace flashlake::lake {

namespace {

Result<format::parquet::CompressionCodec> ParseCodec(std::string_view name) {
    using format::parquet::CompressionCodec;
    std::string codec = AsciiLower(name);
    if (codec == "zstd" || codec == "zstandard") return CompressionCodec::kZstd;
    if (codec == "snappy") return CompressionCodec::kSnappy;
    if (codec == "lz4") return CompressionCodec::kLz4;
    if (codec == "lz4_raw") return CompressionCodec::kLz4Raw;
    if (codec == "gzip") return CompressionCodec::kGzip;
    if (codec == "brotli") return CompressionCodec::kBrotli;
    if (codec == "none" || codec == "uncompressed") return CompressionCodec::kUncompressed;
    return Status::NotSupported("file.compression '" + std::string(name) + "' is not supported");
}

Result<std::vector<int>> ColumnIndexes(const TableSchema& schema, const std::vector<std::string>& names) {
    std::vector<int> indexes;
    for (const std::string& name : names) {
        int index = schema.FieldIndex(name);
        if (index < 0) return Status::InvalidArgument("table schema has no column '" + name + "'");
        indexes.push_back(index);
    }
    return indexes;
}

Status CheckWritable(const TableSchema& schema, bool primary_key_table, int32_t buckets) {
    std::string format = AsciiLower(schema.FileFormat());
    if (format != "parquet") return Status::NotSupported("writing " + format + " data files is not supported");
    std::string producer = AsciiLower(schema.Option("changelog-producer").value_or("none"));
    if (producer != "none") {
        return Status::NotSupported("changelog-producer '" + producer + "' is not supported by the writer");
    }
    for (const char* option : {"data-evolution.enabled", "row-tracking.enabled"}) {
        if (AsciiLower(schema.Option(option).value_or("false")) == "true") {
            return Status::NotSupported(std::string("writing tables with ") + option + " is not supported");
        }
    }
    if (buckets == -2) return Status::NotSupported("writing postpone-bucket tables (bucket = -2) is not supported");
    if (primary_key_table && buckets <= 0) {
        return Status::NotSupported("writing primary-key tables with dynamic buckets (bucket = -1) is not supported");
    }
    return Status::OK();
}

}  // namespace

Result<WriteContext> WriteContext::Make(io::FileSystem* fs, std::string table_path, TableSchema schema,
                                        const TableWriterOptions& options) {
    WriteContext context;
    context.fs = fs;
    context.table_path = std::move(table_path);
    context.primary_key_table = !schema.primary_keys.empty();
    FL_ASSIGN_OR_RETURN(context.num_buckets, schema.NumBuckets());
    FL_RETURN_NOT_OK(CheckWritable(schema, context.primary_key_table, context.num_buckets));

    for (const DataField& field : schema.fields) {
        Result<LogicalType> type = field.type.ToLogicalType();
        if (!type.ok() || type->id() == TypeId::kArray) {
            return Status::NotSupported("column '" + field.name + "' of type " + field.type.ToString() +
                                        " cannot be written yet");
        }
        context.column_types.push_back(std::move(type).value());
    }
    FL_ASSIGN_OR_RETURN(context.partition_columns, ColumnIndexes(schema, schema.partition_keys));
    FL_ASSIGN_OR_RETURN(std::vector<GeneratedPartition> generated, GeneratedPartitions(schema));
    for (const GeneratedPartition& partition : generated) {
        context.generated_columns.push_back(
            {schema.FieldIndex(partition.column), schema.FieldIndex(partition.source), partition.unit});
    }
    FL_ASSIGN_OR_RETURN(context.partition_types, schema.PartitionTypes());
    if (context.num_buckets > 0) {
        FL_ASSIGN_OR_RETURN(context.bucket_key_columns, ColumnIndexes(schema, schema.BucketKeys()));
        for (int index : context.bucket_key_columns) context.bucket_key_types.push_back(schema.fields[index].type);
        std::string function = schema.Option("bucket-function.type").value_or("default");
        FL_ASSIGN_OR_RETURN(BucketFunctionType type, ParseBucketFunctionType(function));
        context.mod_bucket_function = type == BucketFunctionType::kMod;
        if (context.mod_bucket_function) {
            bool single_integer =
                context.bucket_key_types.size() == 1 && (context.bucket_key_types[0].root() == TypeRoot::kInt ||
                                                         context.bucket_key_types[0].root() == TypeRoot::kBigInt);
            if (!single_integer) {
                return Status::InvalidArgument("bucket-function.type 'mod' needs one INT or BIGINT bucket key");
            }
        }
    }
    if (context.primary_key_table) {
        FL_ASSIGN_OR_RETURN(context.key_columns, ColumnIndexes(schema, schema.TrimmedPrimaryKeys()));
        for (int index : context.key_columns) context.key_fields.push_back(schema.fields[index]);
        Result<lsm::MergeOptions> merge = lsm::MergeOptions::FromSchema(schema);
        if (merge.ok()) {
            context.ignore_delete = merge->ignore_delete;
        } else {
            FL_ASSIGN_OR_RETURN(context.ignore_delete, BoolOption(schema, "ignore-delete", false));
        }
    }

    FL_ASSIGN_OR_RETURN(context.target_file_size,
                        MemorySizeOption(schema, "target-file-size", options.target_file_size));
    if (context.target_file_size <= 0) return Status::InvalidArgument("target-file-size must be positive");
    context.write_buffer_rows = std::max<size_t>(options.write_buffer_rows, 1);
    std::string compression = schema.Option("file.compression").value_or(options.compression);
    FL_ASSIGN_OR_RETURN(context.parquet.codec, ParseCodec(compression));
    if (context.parquet.codec == format::parquet::CompressionCodec::kZstd) {
        FL_ASSIGN_OR_RETURN(int64_t level, IntOption(schema, "file.compression.zstd-level", options.zstd_level));
        context.parquet.compression_level = static_cast<int>(level);
    }
    context.parquet.row_group_bytes =
        std::min<size_t>(context.parquet.row_group_bytes, static_cast<size_t>(context.target_file_size));
    // Parquet layout knobs (Flashlake's own option names): smaller row groups and pages prune
    // finer and let a file be scanned by several threads; bloom filters serve equality pruning.
    FL_ASSIGN_OR_RETURN(int64_t group_rows,
                        IntOption(schema, "parquet.row-group.rows", context.parquet.row_group_rows));
    FL_ASSIGN_OR_RETURN(int64_t page_rows,
                        IntOption(schema, "parquet.page.rows", static_cast<int64_t>(context.parquet.page_rows)));
    if (group_rows <= 0 || page_rows <= 0) {
        return Status::InvalidArgument("parquet.row-group.rows and parquet.page.rows must be positive");
    }
    context.parquet.row_group_rows = group_rows;
    context.parquet.page_rows = static_cast<size_t>(page_rows);
    if (auto columns = schema.Option("parquet.bloom-filter.columns")) {
        size_t start = 0;
        while (start <= columns->size()) {
            size_t end = columns->find(',', start);
            if (end == std::string::npos) end = columns->size();
            std::string name = columns->substr(start, end - start);
            name.erase(0, name.find_first_not_of(' '));
            name.erase(name.find_last_not_of(' ') + 1);
            if (!name.empty()) context.parquet.bloom_filter_columns.push_back(name);
            start = end + 1;
        }
    }
    context.parquet.sync_on_close = true;
    context.file_prefix = schema.Option("data-file.prefix").value_or("data-");
    FL_ASSIGN_OR_RETURN(bool compression_suffix, BoolOption(schema, "file.suffix.include.compression", false));
    context.file_suffix = compression_suffix ? "." + AsciiLower(compression) + ".parquet" : ".parquet";
    FL_ASSIGN_OR_RETURN(context.value_stats_modes, ValueStatsModes(schema));
    context.schema = std::move(schema);
    return context;
}

std::string WriteContext::DataFileName(const std::string& uuid, int64_t counter) const {
    return file_prefix + uuid + "-" + std::to_string(counter) + file_suffix;
}

int64_t LocalWallClockMillis() {
    auto now = std::chrono::system_clock::now();
    int64_t millis = std::chrono::duration_cast<std::chrono::milliseconds>(now.time_since_epoch()).count();
    std::time_t seconds = std::chrono::system_clock::to_time_t(now);
    std::tm local{};
    localtime_r(&seconds, &local);
    return millis + static_cast<int64_t>(local.tm_gmtoff) * 1000;
}

}  // namespace flashlake::lake
