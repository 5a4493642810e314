#include "lake/write/key_value_file_writer.h"

#include <algorithm>

#include "format/parquet/parquet_metadata.h"
#include "io/file_system.h"
#include "io/path.h"
#include "lake/binary_row_converter.h"
#include "lake/lsm/key_value_chunk.h"
#include "lake/write/data_file_writer.h"
#include "lake/write/file_stats.h"
#include "lake/write/write_context.h"

namespace flashlake::lake {

namespace {

constexpr const char* kSequenceColumn = "_SEQUENCE_NUMBER";
constexpr const char* kValueKindColumn = "_VALUE_KIND";
constexpr const char* kKeyPrefix = "_KEY_";

Value StringValue(const LogicalType& type, std::string_view bytes) {
    return type.id() == TypeId::kVarchar ? Value::Varchar(std::string(bytes)) : Value::Binary(type, std::string(bytes));
}

}  // namespace

KeyValueFileWriter::KeyValueFileWriter(const WriteContext* context, std::string directory, std::string uuid,
                                       int64_t* file_counter, int32_t level, FileSource source)
    : context_(context),
      directory_(std::move(directory)),
      uuid_(std::move(uuid)),
      file_counter_(file_counter),
      level_(level),
      source_(source) {
    for (size_t k = 0; k < context->key_columns.size(); ++k) {
        const DataField& field = context->key_fields[k];
        columns_.push_back({kKeyPrefix + field.name, context->column_types[context->key_columns[k]], false});
    }
    columns_.push_back({kSequenceColumn, LogicalType::BigInt(), false});
    columns_.push_back({kValueKindColumn, LogicalType::TinyInt(), false});
    for (size_t i = 0; i < context->num_columns(); ++i) {
        const DataField& field = context->schema.fields[i];
        columns_.push_back({field.name, context->column_types[i], field.type.nullable()});
    }
}

KeyValueFileWriter::~KeyValueFileWriter() = default;

Status KeyValueFileWriter::StartFile() {
    if (!directory_created_) {
        FL_RETURN_NOT_OK(context_->fs->CreateDirectories(directory_));
        directory_created_ = true;
    }
    std::string name = context_->DataFileName(uuid_, (*file_counter_)++);
    paths_.push_back(io::JoinPath(directory_, name));
    FL_ASSIGN_OR_RETURN(file_, DataFileWriter::Open(*context_, directory_, std::move(name), columns_));
    const size_t keys = context_->key_columns.size();
    first_key_.clear();
    last_key_.clear();
    key_min_.assign(keys, std::nullopt);
    key_max_.assign(keys, std::nullopt);
    min_sequence_ = INT64_MAX;
    max_sequence_ = INT64_MIN;
    retractions_ = 0;
    return Status::OK();
}

void KeyValueFileWriter::TrackKeys(const std::vector<ColumnPtr>& gathered, size_t count) {
    const size_t keys = context_->key_columns.size();
    if (first_key_.empty()) {
        for (size_t k = 0; k < keys; ++k) first_key_.push_back(gathered[k]->GetValue(0));
    }
    last_key_.clear();
    for (size_t k = 0; k < keys; ++k) last_key_.push_back(gathered[k]->GetValue(count - 1));
    // Exact bounds of string keys (the Parquet writer cuts long string statistics).
    for (size_t k = 0; k < keys; ++k) {
        const Column& column = *gathered[k];
        if (column.type().physical() != PhysicalType::kString) continue;
        const StringView* data = column.Data<StringView>();
        StringView min = data[0], max = data[0];
        for (size_t r = 1; r < count; ++r) {
            if (data[r] < min) min = data[r];
            if (max < data[r]) max = data[r];
        }
        if (!key_min_[k] || min.view() < std::string_view(key_min_[k]->GetString())) {
            key_min_[k] = StringValue(column.type(), min.view());
        }
        if (!key_max_[k] || std::string_view(key_max_[k]->GetString()) < max.view()) {
            key_max_[k] = StringValue(column.type(), max.view());
        }
    }
}

Status KeyValueFileWriter::Write(const std::vector<ColumnPtr>& columns, const uint32_t* rows, const int64_t* sequence,
                                 const int8_t* kinds, size_t count) {
    const size_t num_keys = context_->key_columns.size();
    SelectionVector selection(kChunkSize);
    std::vector<ColumnPtr> file_columns(columns_.size());
    std::vector<ColumnPtr> key_columns(num_keys);
    for (size_t begin = 0; begin < count; begin += kChunkSize) {
        const size_t n = std::min(kChunkSize, count - begin);
        if (!file_) FL_RETURN_NOT_OK(StartFile());
        selection.indices().assign(rows + begin, rows + begin + n);

        ColumnPtr sequence_column = Column::MakeFlat(LogicalType::BigInt(), n);
        ColumnPtr kind_column = Column::MakeFlat(LogicalType::TinyInt(), n);
        int64_t* sequence_out = sequence_column->MutableData<int64_t>();
        int8_t* kind_out = kind_column->MutableData<int8_t>();
        for (size_t i = 0; i < n; ++i) {
            sequence_out[i] = sequence[begin + i];
            kind_out[i] = kinds[begin + i];
            min_sequence_ = std::min(min_sequence_, sequence_out[i]);
            max_sequence_ = std::max(max_sequence_, sequence_out[i]);
            retractions_ += lsm::IsRetract(kind_out[i]);
        }
        for (size_t c = 0; c < columns.size(); ++c) file_columns[num_keys + 2 + c] = columns[c]->Flatten(&selection);
        for (size_t k = 0; k < num_keys; ++k) {
            key_columns[k] = file_columns[num_keys + 2 + context_->key_columns[k]];
            file_columns[k] = key_columns[k];
        }
        file_columns[num_keys] = std::move(sequence_column);
        file_columns[num_keys + 1] = std::move(kind_column);
        TrackKeys(key_columns, n);
        FL_RETURN_NOT_OK(file_->Write(Chunk(file_columns, n)));
        if (file_->bytes_written() >= static_cast<uint64_t>(context_->target_file_size)) {
            FL_RETURN_NOT_OK(FinishFile());
        }
    }
    return Status::OK();
}

Status KeyValueFileWriter::FinishFile() {
    std::unique_ptr<DataFileWriter> file = std::move(file_);
    FL_RETURN_NOT_OK(file->Close());
    const int num_keys = static_cast<int>(context_->key_columns.size());
    const int num_values = static_cast<int>(context_->num_columns());
    FL_ASSIGN_OR_RETURN(std::vector<FileColumnStats> key_stats, ParquetColumnStats(file->metadata(), 0, num_keys));
    FL_ASSIGN_OR_RETURN(std::vector<FileColumnStats> value_stats,
                        ParquetColumnStats(file->metadata(), num_keys + 2, num_values));
    for (int k = 0; k < num_keys; ++k) {
        if (!key_min_[k]) continue;
        key_stats[k].min = key_min_[k];
        key_stats[k].max = key_max_[k];
        key_stats[k].min_exact = key_stats[k].max_exact = true;
        key_stats[k].null_count = 0;
    }
    std::vector<DataType> key_types;
    for (const DataField& field : context_->key_fields) key_types.push_back(field.type);

    DataFileMeta meta =
        NewDataFileMeta(*context_, file->name(), static_cast<int64_t>(file->bytes_written()), file->num_rows());
    meta.level = level_;
    meta.file_source = source_;
    FL_ASSIGN_OR_RETURN(meta.min_key, EncodeBinaryRow(first_key_, key_types));
    FL_ASSIGN_OR_RETURN(meta.max_key, EncodeBinaryRow(last_key_, key_types));
    FL_ASSIGN_OR_RETURN(meta.key_stats, ToSimpleStats(key_stats, context_->key_fields,
                                                      std::vector<StatsMode>(num_keys, StatsMode::Full())));
    FL_ASSIGN_OR_RETURN(meta.value_stats,
                        ToSimpleStats(value_stats, context_->schema.fields, context_->value_stats_modes));
    meta.min_sequence_number = min_sequence_;
    meta.max_sequence_number = max_sequence_;
    meta.delete_row_count = retractions_;
    done_.push_back(std::move(meta));
    return Status::OK();
}

Result<std::vector<DataFileMeta>> KeyValueFileWriter::Finish() {
    if (file_) FL_RETURN_NOT_OK(FinishFile());
    std::vector<DataFileMeta> files = std::move(done_);
    done_.clear();
    return files;
}

Status KeyValueFileWriter::Discard() {
    Status first;
    if (file_) {
        first = file_->Discard(context_->fs);
        file_.reset();
    }
    for (const std::string& path : paths_) {
        Status status = context_->fs->DeleteFile(path);
        if (!status.ok() && status.code() != ErrorCode::kNotFound && first.ok()) first = status;
    }
    paths_.clear();
    done_.clear();
    return first;
}

}  // namespace flashlake::lake
