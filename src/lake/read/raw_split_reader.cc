#include "lake/read/raw_split_reader.h"

#include "lake/lsm/key_value_chunk.h"
#include "lake/read/row_selection.h"

namespace flashlake::lake {

Result<std::unique_ptr<SplitReader>> RawSplitReader::Make(io::FileSystem* fs,
                                                          std::shared_ptr<const ReadContext> context,
                                                          const Split& split) {
    if (split.kind == SplitKind::kMerge) return Status::Internal("a merge split given to the raw reader");
    return std::unique_ptr<SplitReader>(new RawSplitReader(fs, std::move(context), split));
}

Status RawSplitReader::OpenNextFile() {
    const SplitFile& file = split_.files[next_file_++];
    FL_ASSIGN_OR_RETURN(const TableSchema* file_schema, context_->FileSchema(file.meta.schema_id));
    const bool incremental = split_.kind == SplitKind::kIncremental;
    // Primary-key files may hold -U/-D rows (delete_row_count is absent in old manifests).
    bool may_retract = file.meta.delete_row_count.value_or(1) != 0;
    DataFileReadSpec spec;
    spec.fields = context_->projection;
    spec.system_columns = context_->primary_key_table && (context_->include_row_kind || incremental || may_retract);
    spec.row_group_filters = context_->filters;
    spec.metrics = context_->metrics.get();
    spec.row_group_shard = file.row_group_shard;
    spec.row_group_shards = file.row_group_shards;
    file_has_kinds_ = spec.system_columns;
    drop_retracts_ = spec.system_columns && !incremental;
    std::shared_ptr<const DeletionVector> deletion_vector;
    if (!incremental) {
        FL_ASSIGN_OR_RETURN(deletion_vector, LoadDeletionVector(fs_, file));
    }
    FL_ASSIGN_OR_RETURN(
        file_, DataFileReader::Open(fs_, file.path, file.meta, *file_schema, spec, std::move(deletion_vector)));
    return Status::OK();
}

Result<bool> RawSplitReader::Next(Chunk* chunk) {
    const size_t width = context_->projection.size();
    while (true) {
        if (!file_) {
            if (next_file_ == split_.files.size()) return false;
            FL_RETURN_NOT_OK(OpenNextFile());
        }
        Chunk raw;
        FL_ASSIGN_OR_RETURN(bool more, file_->Next(&raw));
        if (!more) {
            file_.reset();
            continue;
        }
        ColumnPtr kinds;
        if (file_has_kinds_) {
            kinds = raw.column(width + 1);
            if (drop_retracts_) {
                ColumnPtr flat = kinds->encoding() == ColumnEncoding::kFlat ? kinds : kinds->Flatten();
                const int8_t* kind = flat->Data<int8_t>();
                selection_.Clear();
                for (size_t i = 0; i < raw.num_rows(); ++i) {
                    if (!lsm::IsRetract(kind[i])) selection_.Append(static_cast<uint32_t>(i));
                }
                if (selection_.empty()) continue;
                if (selection_.size() < raw.num_rows()) {
                    raw = SelectRows(raw, selection_);
                    kinds = raw.column(width + 1);
                }
            }
        }
        std::vector<ColumnPtr> columns(raw.columns().begin(), raw.columns().begin() + width);
        if (context_->include_row_kind) {
            if (kinds) {
                columns.push_back(kinds);
            } else {
                const SplitFile& file = split_.files[next_file_ - 1];
                RowKind kind = file.kind == FileKind::kDelete ? RowKind::kDelete : RowKind::kInsert;
                columns.push_back(Column::MakeConstant(Value::TinyInt(static_cast<int8_t>(kind)), raw.num_rows()));
            }
        }
        *chunk = Chunk(std::move(columns), raw.num_rows());
        return true;
    }
}

}  // namespace flashlake::lake
