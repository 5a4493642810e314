#include "lake/write/table_writer.h"

#include <algorithm>

#include "lake/commit/table_file_paths.h"
#include "lake/snapshot_manager.h"
#include "lake/table_files.h"
#include "lake/write/append_bucket_writer.h"
#include "lake/write/bucket_writer.h"
#include "lake/write/key_value_bucket_writer.h"
#include "lake/write/row_router.h"
#include "lake/write/write_buffer_merger.h"
#include "lake/write/write_context.h"

namespace flashlake::lake {

namespace {

std::string BucketKey(const BinaryRow& partition, int32_t bucket) {
    std::string key = partition.bytes();
    key.append(reinterpret_cast<const char*>(&bucket), sizeof(bucket));
    return key;
}

// Whether a chunk column can stand for a table column of type `expected`.
bool Compatible(const LogicalType& actual, const LogicalType& expected) {
    if (actual.id() == TypeId::kNull) return true;
    if (expected.physical() == PhysicalType::kString) return actual.IsBinaryBacked();
    if (actual.id() != expected.id()) return false;
    if (expected.id() == TypeId::kDecimal) {
        return actual.precision() == expected.precision() && actual.scale() == expected.scale();
    }
    return true;
}

bool HasNull(const Column& column, size_t rows) {
    switch (column.encoding()) {
        case ColumnEncoding::kFlat:
            return column.validity().CountInvalid(rows) > 0;
        case ColumnEncoding::kConstant:
            return rows > 0 && column.IsNull(0);
        case ColumnEncoding::kDictionary:
            for (size_t row = 0; row < rows; ++row) {
                if (column.IsNull(row)) return true;
            }
            return false;
    }
    return false;
}

}  // namespace

TableWriter::TableWriter(std::unique_ptr<WriteContext> context) : context_(std::move(context)) {}

TableWriter::~TableWriter() = default;

const TableSchema& TableWriter::schema() const {
    return context_->schema;
}

Result<std::unique_ptr<TableWriter>> TableWriter::Open(io::FileSystem* fs, std::string table_path, TableSchema schema,
                                                       TableWriterOptions options) {
    FL_ASSIGN_OR_RETURN(WriteContext context,
                        WriteContext::Make(fs, std::move(table_path), std::move(schema), options));
    std::unique_ptr<TableWriter> writer(new TableWriter(std::make_unique<WriteContext>(std::move(context))));
    const WriteContext& made = *writer->context_;
    FL_ASSIGN_OR_RETURN(TableFilePaths paths, TableFilePaths::Make(made.table_path, made.schema));
    writer->paths_ = std::make_unique<TableFilePaths>(std::move(paths));
    writer->router_ = std::make_unique<RowRouter>(writer->context_.get());
    if (made.primary_key_table) {
        FL_ASSIGN_OR_RETURN(writer->merger_,
                            WriteBufferMerger::Make(writer->context_.get(), options.aggregators.get()));
    }
    FL_RETURN_NOT_OK(writer->RestoreSequenceNumbers());
    return writer;
}

Status TableWriter::RestoreSequenceNumbers() {
    SnapshotManager snapshots(context_->fs, context_->table_path);
    FL_ASSIGN_OR_RETURN(std::optional<Snapshot> latest, snapshots.Latest());
    if (!latest) return Status::OK();
    FL_ASSIGN_OR_RETURN(TableFiles files, ReadTableFiles(context_->fs, context_->table_path, *latest));
    for (const BucketFiles& bucket : files.buckets) {
        int64_t max = -1;
        for (const DataFileMeta& file : bucket.files) max = std::max(max, file.max_sequence_number);
        max_sequence_[BucketKey(bucket.partition, bucket.bucket)] = max;
    }
    return Status::OK();
}

Status TableWriter::CheckChunk(const Chunk& chunk, const std::vector<uint8_t>* row_kinds, Chunk* normalized) const {
    const TableSchema& schema = context_->schema;
    const size_t rows = chunk.num_rows();
    if (chunk.num_columns() != schema.fields.size()) {
        return Status::InvalidArgument("writing " + std::to_string(chunk.num_columns()) + " columns into a table of " +
                                       std::to_string(schema.fields.size()));
    }
    std::vector<ColumnPtr> columns = chunk.columns();
    for (size_t i = 0; i < columns.size(); ++i) {
        const DataField& field = schema.fields[i];
        const LogicalType& expected = context_->column_types[i];
        if (!Compatible(columns[i]->type(), expected)) {
            return Status::InvalidArgument("column '" + field.name + "' is " + expected.ToString() +
                                           " but the rows hold " + columns[i]->type().ToString());
        }
        if (columns[i]->type().id() == TypeId::kNull) columns[i] = Column::MakeConstant(Value::Null(expected), rows);
    }
    // Every write path leaves generated partition columns to the writer (NULL or stale values):
    // computed here once, they always agree with their source.
    for (const auto& generated : context_->generated_columns) {
        columns[generated.column] = ComputeGeneratedColumn(*columns[generated.source], rows, generated.unit);
    }
    for (size_t i = 0; i < columns.size(); ++i) {
        const DataField& field = schema.fields[i];
        if (!field.type.nullable() && HasNull(*columns[i], rows)) {
            return Status::InvalidArgument("NULL value in NOT NULL column '" + field.name + "'");
        }
    }
    if (row_kinds != nullptr) {
        if (row_kinds->size() != rows) {
            return Status::InvalidArgument(std::to_string(row_kinds->size()) + " row kinds for " +
                                           std::to_string(rows) + " rows");
        }
        for (uint8_t kind : *row_kinds) {
            if (kind > 3) return Status::InvalidArgument("row kind " + std::to_string(kind) + " is not 0..3");
            if (kind != 0 && !context_->primary_key_table) {
                return Status::InvalidArgument("an append table (without primary key) accepts only inserted rows");
            }
        }
    }
    *normalized = Chunk(std::move(columns), rows);
    return Status::OK();
}

Result<BucketWriter*> TableWriter::WriterFor(const RouteGroup& group) {
    uint64_t key = (uint64_t{group.partition} << 32) | static_cast<uint32_t>(group.bucket);
    auto found = bucket_index_.find(key);
    if (found != bucket_index_.end()) return buckets_[found->second].writer.get();

    const BinaryRow& partition = router_->partition(group.partition).row;
    FL_ASSIGN_OR_RETURN(std::string directory, paths_->BucketDir(partition, group.bucket));
    auto restored = max_sequence_.find(BucketKey(partition, group.bucket));
    int64_t first_sequence = restored == max_sequence_.end() ? 0 : restored->second + 1;
    std::unique_ptr<BucketWriter> writer;
    if (context_->primary_key_table) {
        writer =
            std::make_unique<KeyValueBucketWriter>(context_.get(), merger_.get(), std::move(directory), first_sequence);
    } else {
        writer = std::make_unique<AppendBucketWriter>(context_.get(), std::move(directory), first_sequence);
    }
    bucket_index_.emplace(key, buckets_.size());
    buckets_.push_back({group.partition, group.bucket, std::move(writer)});
    return buckets_.back().writer.get();
}

Status TableWriter::Write(const Chunk& chunk, const std::vector<uint8_t>* row_kinds) {
    if (!failed_.ok()) return failed_;
    if (chunk.num_rows() == 0) return Status::OK();
    Chunk rows;
    FL_RETURN_NOT_OK(CheckChunk(chunk, row_kinds, &rows));
    Status status = [&]() -> Status {
        FL_RETURN_NOT_OK(router_->Route(rows, &groups_));
        const uint8_t* kinds = row_kinds ? row_kinds->data() : nullptr;
        for (const RouteGroup& group : groups_) {
            FL_ASSIGN_OR_RETURN(BucketWriter * writer, WriterFor(group));
            FL_RETURN_NOT_OK(writer->Write(rows, group.rows.empty() ? nullptr : &group.rows, kinds));
        }
        if (context_->primary_key_table) FL_RETURN_NOT_OK(FlushLargestBuffers());
        return Status::OK();
    }();
    if (!status.ok()) {
        failed_ = status;
        return status;
    }
    rows_written_ += static_cast<int64_t>(rows.num_rows());
    return Status::OK();
}

Status TableWriter::FlushLargestBuffers() {
    size_t total = 0;
    for (const Bucket& bucket : buckets_) total += bucket.writer->buffered_rows();
    if (total <= context_->write_buffer_rows) return Status::OK();
    // Flush the largest buffers until at most half the budget is held (Paimon flushes the
    // largest writer when its memory pool runs out).
    std::vector<BucketWriter*> by_size;
    for (const Bucket& bucket : buckets_) {
        if (bucket.writer->buffered_rows() > 0) by_size.push_back(bucket.writer.get());
    }
    std::sort(by_size.begin(), by_size.end(),
              [](BucketWriter* a, BucketWriter* b) { return a->buffered_rows() > b->buffered_rows(); });
    for (BucketWriter* writer : by_size) {
        if (total <= context_->write_buffer_rows / 2) break;
        total -= writer->buffered_rows();
        FL_RETURN_NOT_OK(writer->Flush());
    }
    return Status::OK();
}

Result<std::vector<CommitMessage>> TableWriter::PrepareCommit() {
    if (!failed_.ok()) return failed_;
    std::vector<CommitMessage> messages;
    for (const Bucket& bucket : buckets_) {
        Result<std::vector<DataFileMeta>> files = bucket.writer->PrepareCommit();
        if (!files.ok()) {
            failed_ = files.status();
            return failed_;
        }
        if (files->empty()) continue;
        CommitMessage message;
        message.partition = router_->partition(bucket.partition).row;
        message.bucket = bucket.bucket;
        message.total_buckets = context_->num_buckets;
        message.new_files = std::move(files).value();
        messages.push_back(std::move(message));
    }
    std::sort(messages.begin(), messages.end(), [](const CommitMessage& a, const CommitMessage& b) {
        if (a.partition.bytes() != b.partition.bytes()) return a.partition.bytes() < b.partition.bytes();
        return a.bucket < b.bucket;
    });
    return messages;
}

void TableWriter::MarkCommitted() {
    for (const Bucket& bucket : buckets_) bucket.writer->MarkCommitted();
}

Status TableWriter::Abort() {
    Status first;
    for (const Bucket& bucket : buckets_) {
        Status status = bucket.writer->Abort();
        if (!status.ok() && first.ok()) first = status;
    }
    buckets_.clear();
    bucket_index_.clear();
    failed_ = Status::Cancelled("the table writer was aborted");
    return first;
}

}  // namespace flashlake::lake
