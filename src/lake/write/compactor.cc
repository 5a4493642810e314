#include "lake/write/compactor.h"

#include <algorithm>
#include <charconv>

#include "io/file_system.h"
#include "lake/commit/manifest_file_writer.h"
#include "lake/commit/option_values.h"
#include "lake/commit/table_file_paths.h"
#include "lake/lsm/field_aggregator.h"
#include "lake/lsm/merge_function.h"
#include "lake/lsm/sort_merge_reader.h"
#include "lake/read/data_file_reader.h"
#include "lake/schema_manager.h"
#include "lake/snapshot_manager.h"
#include "lake/table_files.h"
#include "lake/write/append_bucket_writer.h"
#include "lake/write/key_value_file_writer.h"
#include "lake/write/merged_rows.h"
#include "lake/write/universal_compaction.h"
#include "lake/write/write_context.h"

namespace flashlake::lake {

namespace {

ColumnPtr Flat(const ColumnPtr& column) {
    return column->encoding() == ColumnEncoding::kFlat ? column : column->Flatten();
}

// One data file of a primary-key bucket as a sorted run for the sort merge: its rows (table
// columns of the current schema, then _SEQUENCE_NUMBER and _VALUE_KIND) with normalized keys.
class FileRunSource final : public lsm::KeyValueSource {
public:
    FileRunSource(std::unique_ptr<DataFileReader> reader, size_t width, const std::vector<int>* key_columns,
                  const std::vector<int>* order_columns)
        : reader_(std::move(reader)), width_(width), key_columns_(key_columns), order_columns_(order_columns) {}

    Result<lsm::KeyValueChunkPtr> Next() override {
        Chunk raw;
        FL_ASSIGN_OR_RETURN(bool more, reader_->Next(&raw));
        if (!more) return lsm::KeyValueChunkPtr();
        auto chunk = std::make_shared<lsm::KeyValueChunk>();
        const size_t rows = raw.num_rows();
        std::vector<ColumnPtr> columns;
        for (size_t c = 0; c < width_; ++c) columns.push_back(Flat(raw.column(c)));
        chunk->columns = Chunk(std::move(columns), rows);
        ColumnPtr sequence = Flat(raw.column(width_));
        ColumnPtr kinds = Flat(raw.column(width_ + 1));
        chunk->sequence.assign(sequence->Data<int64_t>(), sequence->Data<int64_t>() + rows);
        chunk->kinds.assign(kinds->Data<int8_t>(), kinds->Data<int8_t>() + rows);
        chunk->keys = lsm::NormalizedKeys::Encode(chunk->columns, *key_columns_);
        if (!order_columns_->empty()) chunk->order_keys = lsm::NormalizedKeys::Encode(chunk->columns, *order_columns_);
        return lsm::KeyValueChunkPtr(std::move(chunk));
    }

private:
    std::unique_ptr<DataFileReader> reader_;
    size_t width_;
    const std::vector<int>* key_columns_;
    const std::vector<int>* order_columns_;
};

std::string PathOf(const BucketFiles& bucket, const DataFileMeta& file) {
    for (size_t i = 0; i < bucket.files.size(); ++i) {
        if (bucket.files[i].file_name == file.file_name && bucket.files[i].level == file.level) {
            return bucket.file_paths[i];
        }
    }
    return bucket.bucket_path + "/" + file.file_name;
}

}  // namespace

Compactor::Compactor(io::FileSystem* fs, std::string table_path, CompactorOptions options)
    : fs_(fs), table_path_(std::move(table_path)), options_(std::move(options)) {}

Compactor::~Compactor() = default;

Result<std::unique_ptr<Compactor>> Compactor::Open(io::FileSystem* fs, std::string table_path,
                                                   CompactorOptions options) {
    std::unique_ptr<Compactor> compactor(new Compactor(fs, std::move(table_path), std::move(options)));
    FL_ASSIGN_OR_RETURN(std::optional<TableSchema> schema, SchemaManager(fs, compactor->table_path_).Latest());
    if (!schema) return Status::NotFound("table " + compactor->table_path_ + " has no schema");
    FL_ASSIGN_OR_RETURN(WriteContext context,
                        WriteContext::Make(fs, compactor->table_path_, *schema, compactor->options_.write));
    compactor->context_ = std::make_unique<WriteContext>(std::move(context));
    compactor->schemas_.emplace(schema->id, std::move(*schema));
    return compactor;
}

Result<const TableSchema*> Compactor::FileSchema(int64_t schema_id) {
    auto found = schemas_.find(schema_id);
    if (found != schemas_.end()) return &found->second;
    FL_ASSIGN_OR_RETURN(TableSchema schema, SchemaManager(fs_, table_path_).Read(schema_id));
    return &schemas_.emplace(schema_id, std::move(schema)).first->second;
}

Result<std::vector<CommitMessage>> Compactor::Compact() {
    std::vector<CommitMessage> messages;
    FL_ASSIGN_OR_RETURN(std::optional<Snapshot> latest, SnapshotManager(fs_, table_path_).Latest());
    if (!latest) return messages;
    FL_ASSIGN_OR_RETURN(TableFiles files, ReadTableFiles(fs_, table_path_, *latest));
    for (const BucketFiles& bucket : files.buckets) {
        if (!bucket.index_files.empty() || !bucket.deletion_files.empty() || bucket.files.empty()) continue;
        if (context_->primary_key_table) {
            FL_RETURN_NOT_OK(CompactPrimaryKeyBucket(bucket, &messages));
        } else {
            FL_RETURN_NOT_OK(CompactAppendBucket(bucket, &messages));
        }
    }
    return messages;
}

Status Compactor::CompactPrimaryKeyBucket(const BucketFiles& bucket, std::vector<CommitMessage>* messages) {
    const WriteContext& context = *context_;
    FL_ASSIGN_OR_RETURN(UniversalCompactionOptions universal, UniversalCompactionOptions::FromSchema(context.schema));
    int32_t highest_level = 0;
    for (const DataFileMeta& file : bucket.files) highest_level = std::max(highest_level, file.level);
    universal.num_levels = std::max(universal.num_levels, highest_level + 1);
    std::vector<LevelSortedRun> runs = LevelSortedRuns(bucket.files);
    std::optional<CompactUnit> unit =
        options_.full ? FullCompaction(universal, runs) : PickUniversalCompaction(universal, runs);
    if (!unit || unit->files.empty()) return Status::OK();
    if (unit->files.size() == 1 && unit->files[0].level == unit->output_level) return Status::OK();
    const bool drop_retractions = unit->output_level != 0 && unit->output_level >= highest_level;

    CommitMessage message;
    message.partition = bucket.partition;
    message.bucket = bucket.bucket;
    message.total_buckets = bucket.total_buckets;
    message.deleted_files = unit->files;
    const DataFileMeta& only = unit->files[0];
    if (unit->files.size() == 1 && (!drop_retractions || only.delete_row_count.value_or(1) == 0)) {
        // Nothing to merge or drop: move the file up a level without rewriting it.
        DataFileMeta moved = only;
        moved.level = unit->output_level;
        message.new_files.push_back(std::move(moved));
        ++stats_.files_moved;
    } else {
        FL_ASSIGN_OR_RETURN(lsm::MergeOptions merge, lsm::MergeOptions::FromSchema(context.schema));
        std::vector<int> order_columns;
        for (const std::string& name : merge.sequence_fields) {
            int index = context.schema.FieldIndex(name);
            if (index < 0) return Status::InvalidArgument("sequence.field '" + name + "' is not a column");
            order_columns.push_back(index);
        }
        lsm::MergeLayout layout;
        layout.columns = context.schema.fields;
        for (size_t i = 0; i < layout.columns.size(); ++i) {
            const std::vector<std::string>& keys = context.schema.primary_keys;
            layout.is_key.push_back(std::find(keys.begin(), keys.end(), layout.columns[i].name) != keys.end());
            layout.outputs.push_back(static_cast<int>(i));
        }
        lsm::FieldAggregatorRegistry builtins = lsm::FieldAggregatorRegistry::WithBuiltins();
        const lsm::FieldAggregatorRegistry& aggregators =
            options_.write.aggregators ? *options_.write.aggregators : builtins;
        FL_ASSIGN_OR_RETURN(std::unique_ptr<lsm::MergeFunction> function,
                            lsm::MakeMergeFunction(merge, layout, aggregators));

        // Every input file is its own run of the sort merge (runs of one level do not overlap,
        // so this only costs a few more cursors).
        DataFileReadSpec spec;
        spec.use_cache = false;
        spec.fields = context.schema.fields;
        spec.system_columns = true;
        spec.keep_dictionary = false;
        std::vector<std::unique_ptr<lsm::KeyValueSource>> sources;
        for (const DataFileMeta& file : unit->files) {
            FL_ASSIGN_OR_RETURN(const TableSchema* file_schema, FileSchema(file.schema_id));
            FL_ASSIGN_OR_RETURN(std::unique_ptr<DataFileReader> reader,
                                DataFileReader::Open(fs_, PathOf(bucket, file), file, *file_schema, spec, nullptr));
            sources.push_back(std::make_unique<FileRunSource>(std::move(reader), spec.fields.size(),
                                                              &context.key_columns, &order_columns));
        }
        lsm::SortMergeReader reader(std::move(sources), !order_columns.empty());
        std::string uuid = RandomUuid();
        int64_t counter = 0;
        KeyValueFileWriter writer(&context, bucket.bucket_path, uuid, &counter, unit->output_level,
                                  FileSource::kCompact);
        Status status = [&]() -> Status {
            lsm::MergeBatch batch;
            MergedRows merged;
            std::vector<uint32_t> identity;
            while (true) {
                FL_ASSIGN_OR_RETURN(bool more, reader.NextBatch(kChunkSize, &batch));
                if (!more) break;
                FL_RETURN_NOT_OK(MergeForWrite(batch, function.get(), merge.engine, context.key_columns,
                                               context.column_types, drop_retractions, &merged));
                if (merged.size() == 0) continue;
                identity.resize(merged.size());
                for (size_t i = 0; i < identity.size(); ++i) identity[i] = static_cast<uint32_t>(i);
                FL_RETURN_NOT_OK(writer.Write(merged.columns, identity.data(), merged.sequence.data(),
                                              merged.kinds.data(), merged.size()));
                stats_.rows_written += static_cast<int64_t>(merged.size());
            }
            FL_ASSIGN_OR_RETURN(message.new_files, writer.Finish());
            return Status::OK();
        }();
        written_.insert(written_.end(), writer.paths().begin(), writer.paths().end());
        if (!status.ok()) return status.WithContext("compacting " + bucket.bucket_path);
        stats_.files_read += static_cast<int64_t>(unit->files.size());
        stats_.files_written += static_cast<int64_t>(message.new_files.size());
    }
    ++stats_.buckets_compacted;
    messages->push_back(std::move(message));
    return Status::OK();
}

Result<std::vector<DataFileMeta>> Compactor::RewriteAppendFiles(const BucketFiles& bucket,
                                                                const std::vector<DataFileMeta>& files) {
    auto writer = std::make_unique<AppendBucketWriter>(context_.get(), bucket.bucket_path,
                                                       files.front().min_sequence_number, FileSource::kCompact);
    AppendBucketWriter* out = writer.get();
    append_writers_.push_back(std::move(writer));
    DataFileReadSpec spec;
    spec.use_cache = false;
    spec.fields = context_->schema.fields;
    for (const DataFileMeta& file : files) {
        FL_ASSIGN_OR_RETURN(const TableSchema* file_schema, FileSchema(file.schema_id));
        FL_ASSIGN_OR_RETURN(std::unique_ptr<DataFileReader> reader,
                            DataFileReader::Open(fs_, PathOf(bucket, file), file, *file_schema, spec, nullptr));
        Chunk chunk;
        while (true) {
            FL_ASSIGN_OR_RETURN(bool more, reader->Next(&chunk));
            if (!more) break;
            FL_RETURN_NOT_OK(out->Write(chunk, nullptr, nullptr));
            stats_.rows_written += static_cast<int64_t>(chunk.num_rows());
        }
    }
    return out->PrepareCommit();
}

Status Compactor::CompactAppendBucket(const BucketFiles& bucket, std::vector<CommitMessage>* messages) {
    FL_ASSIGN_OR_RETURN(int64_t min_files, IntOption(context_->schema, "compaction.min.file-num", 5));
    double ratio = 0.7;
    if (auto option = context_->schema.Option("compaction.small-file-ratio")) {
        auto [end, error] = std::from_chars(option->data(), option->data() + option->size(), ratio);
        if (error != std::errc() || end != option->data() + option->size() || ratio <= 0) {
            return Status::InvalidArgument("bad compaction.small-file-ratio '" + *option + "'");
        }
    }
    const int64_t small = static_cast<int64_t>(ratio * static_cast<double>(context_->target_file_size));
    if (options_.full) min_files = 2;

    std::vector<DataFileMeta> files = bucket.files;
    std::stable_sort(files.begin(), files.end(), [](const DataFileMeta& a, const DataFileMeta& b) {
        return a.min_sequence_number < b.min_sequence_number;
    });
    CommitMessage message;
    message.partition = bucket.partition;
    message.bucket = bucket.bucket;
    message.total_buckets = bucket.total_buckets;
    // Runs of consecutive small files (files keep their order: bucketed append tables are read
    // in sequence order).
    for (size_t begin = 0; begin < files.size();) {
        if (files[begin].file_size >= small) {
            ++begin;
            continue;
        }
        size_t end = begin;
        while (end < files.size() && files[end].file_size < small) ++end;
        if (static_cast<int64_t>(end - begin) >= min_files) {
            std::vector<DataFileMeta> group(files.begin() + begin, files.begin() + end);
            Result<std::vector<DataFileMeta>> written = RewriteAppendFiles(bucket, group);
            if (!written.ok()) return written.status().WithContext("compacting " + bucket.bucket_path);
            stats_.files_read += static_cast<int64_t>(group.size());
            stats_.files_written += static_cast<int64_t>(written->size());
            message.deleted_files.insert(message.deleted_files.end(), group.begin(), group.end());
            message.new_files.insert(message.new_files.end(), written->begin(), written->end());
        }
        begin = end;
    }
    if (message.deleted_files.empty()) return Status::OK();
    ++stats_.buckets_compacted;
    messages->push_back(std::move(message));
    return Status::OK();
}

void Compactor::MarkCommitted() {
    written_.clear();
    for (const auto& writer : append_writers_) writer->MarkCommitted();
}

Status Compactor::Abort() {
    Status first;
    for (const auto& writer : append_writers_) {
        Status status = writer->Abort();
        if (!status.ok() && first.ok()) first = status;
    }
    append_writers_.clear();
    for (const std::string& path : written_) {
        Status status = fs_->DeleteFile(path);
        if (!status.ok() && status.code() != ErrorCode::kNotFound && first.ok()) first = status;
    }
    written_.clear();
    return first;
}

}  // namespace flashlake::lake
