#include "lake/read/merge_split_reader.h"

#include <algorithm>

#include "lake/binary_row_converter.h"
#include "lake/lsm/interval_partition.h"
#include "lake/read/row_selection.h"
#include "types/cast.h"

namespace flashlake::lake {

namespace {

ColumnPtr Flat(const ColumnPtr& column) {
    return column->encoding() == ColumnEncoding::kFlat ? column : column->Flatten();
}

// One sorted run: its files in key order, read one after the other as KeyValueChunks.
class RunSource final : public lsm::KeyValueSource {
public:
    using Opener = std::function<Result<std::unique_ptr<DataFileReader>>(size_t file)>;

    RunSource(std::vector<size_t> files, Opener opener, size_t width, const std::vector<int>* key_columns,
              const std::vector<int>* order_columns)
        : files_(std::move(files)),
          opener_(std::move(opener)),
          width_(width),
          key_columns_(key_columns),
          order_columns_(order_columns) {}

    Result<lsm::KeyValueChunkPtr> Next() override {
        while (true) {
            if (!reader_) {
                if (next_ == files_.size()) return lsm::KeyValueChunkPtr();
                FL_ASSIGN_OR_RETURN(reader_, opener_(files_[next_++]));
            }
            Chunk raw;
            FL_ASSIGN_OR_RETURN(bool more, reader_->Next(&raw));
            if (!more) {
                reader_.reset();
                continue;
            }
            auto chunk = std::make_shared<lsm::KeyValueChunk>();
            const size_t rows = raw.num_rows();
            std::vector<ColumnPtr> columns;
            columns.reserve(width_);
            for (size_t c = 0; c < width_; ++c) columns.push_back(Flat(raw.column(c)));
            chunk->columns = Chunk(std::move(columns), rows);
            ColumnPtr sequence = Flat(raw.column(width_));
            ColumnPtr kinds = Flat(raw.column(width_ + 1));
            chunk->sequence.assign(sequence->Data<int64_t>(), sequence->Data<int64_t>() + rows);
            chunk->kinds.assign(kinds->Data<int8_t>(), kinds->Data<int8_t>() + rows);
            chunk->keys = lsm::NormalizedKeys::Encode(chunk->columns, *key_columns_);
            if (!order_columns_->empty()) {
                chunk->order_keys = lsm::NormalizedKeys::Encode(chunk->columns, *order_columns_);
            }
            return lsm::KeyValueChunkPtr(std::move(chunk));
        }
    }

private:
    std::vector<size_t> files_;
    Opener opener_;
    size_t width_;
    const std::vector<int>* key_columns_;
    const std::vector<int>* order_columns_;
    size_t next_ = 0;
    std::unique_ptr<DataFileReader> reader_;
};

int IndexOfField(const std::vector<DataField>& fields, int32_t id) {
    for (size_t i = 0; i < fields.size(); ++i) {
        if (fields[i].id == id) return static_cast<int>(i);
    }
    return -1;
}

// The normalized form of a file's min or max key (a BinaryRow in the file's key types), in
// the table's key types; nullopt when it cannot be decoded.
std::optional<std::string> NormalizedKey(const BinaryRow& key, const std::vector<DataType>& file_types,
                                         const std::vector<DataField>& table_key) {
    if (key.arity() != static_cast<int32_t>(table_key.size())) return std::nullopt;
    auto values = DecodeBinaryRow(key, file_types);
    if (!values.ok()) return std::nullopt;
    std::vector<ColumnPtr> columns;
    for (size_t i = 0; i < table_key.size(); ++i) {
        auto type = table_key[i].type.ToLogicalType();
        if (!type.ok()) return std::nullopt;
        auto value = CastValue((*values)[i], *type, /*strict=*/true);
        if (!value.ok()) return std::nullopt;
        columns.push_back(Column::FromValues(*type, {*value}));
    }
    std::vector<int> all(columns.size());
    for (size_t i = 0; i < all.size(); ++i) all[i] = static_cast<int>(i);
    lsm::NormalizedKeys keys = lsm::NormalizedKeys::Encode(Chunk(std::move(columns), 1), all);
    return std::string(keys.Get(0));
}

}  // namespace

Result<std::unique_ptr<SplitReader>> MergeSplitReader::Make(io::FileSystem* fs,
                                                            std::shared_ptr<const ReadContext> context,
                                                            const Split& split) {
    std::unique_ptr<MergeSplitReader> reader(new MergeSplitReader(fs, std::move(context), split));
    Status status = reader->Init();
    if (!status.ok()) {
        return status.WithContext("bucket " + std::to_string(split.bucket) + " of " + split.bucket_path);
    }
    return std::unique_ptr<SplitReader>(std::move(reader));
}

Status MergeSplitReader::Init() {
    const ReadContext& context = *context_;
    std::vector<DataField> fields = context.projection;
    auto add = [&](const DataField& field) {
        int index = IndexOfField(fields, field.id);
        if (index >= 0) return index;
        fields.push_back(field);
        return static_cast<int>(fields.size() - 1);
    };
    for (const DataField& key : context.trimmed_primary_key) key_columns_.push_back(add(key));
    for (const std::string& name : context.merge.sequence_fields) {
        int index = context.schema.FieldIndex(name);
        if (index < 0) return Status::InvalidArgument("sequence.field '" + name + "' is not a column");
        order_columns_.push_back(add(context.schema.fields[index]));
    }
    layout_.columns = fields;
    for (const DataField& field : fields) {
        bool key = std::find(context.schema.primary_keys.begin(), context.schema.primary_keys.end(), field.name) !=
                   context.schema.primary_keys.end();
        layout_.is_key.push_back(key);
    }
    for (size_t i = 0; i < context.projection.size(); ++i) layout_.outputs.push_back(static_cast<int>(i));
    spec_.fields = std::move(fields);
    spec_.system_columns = true;
    spec_.keep_dictionary = false;  // merged columns are gathered row by row anyway
    spec_.metrics = context.metrics.get();
    // Only key predicates may skip row groups: a key's versions are all or none skipped.
    for (const FieldPredicate& filter : context.filters) {
        if (IndexOfField(context.trimmed_primary_key, filter.field.id) >= 0) spec_.row_group_filters.push_back(filter);
    }
    // Aggregators are only looked up while the merge function is made.
    lsm::FieldAggregatorRegistry builtins;
    if (!context.aggregators) builtins = lsm::FieldAggregatorRegistry::WithBuiltins();
    FL_ASSIGN_OR_RETURN(
        merge_, lsm::MakeMergeFunction(context.merge, layout_, context.aggregators ? *context.aggregators : builtins));

    return PlanSections();
}

Status MergeSplitReader::PlanSections() {
    const ReadContext& context = *context_;
    // Sections of overlapping files, from the files' key ranges.
    std::vector<lsm::KeyRange> ranges;
    bool ranges_known = true;
    for (const SplitFile& file : split_.files) {
        FL_ASSIGN_OR_RETURN(const TableSchema* file_schema, context.FileSchema(file.meta.schema_id));
        FL_ASSIGN_OR_RETURN(std::vector<DataField> file_key,
                            file_schema->FieldsNamed(file_schema->TrimmedPrimaryKeys()));
        if (file_key.size() != context.trimmed_primary_key.size()) {
            return Status::NotSupported("the primary key changed since data file " + file.path + " was written");
        }
        std::vector<DataType> file_types;
        for (size_t i = 0; i < file_key.size(); ++i) {
            if (file_key[i].id != context.trimmed_primary_key[i].id) {
                return Status::NotSupported("the primary key changed since data file " + file.path + " was written");
            }
            file_types.push_back(file_key[i].type);
        }
        auto min = NormalizedKey(file.meta.min_key, file_types, context.trimmed_primary_key);
        auto max = NormalizedKey(file.meta.max_key, file_types, context.trimmed_primary_key);
        if (!min || !max) ranges_known = false;
        ranges.push_back({min.value_or(""), max.value_or("")});
    }
    std::vector<lsm::Section> sections;
    if (ranges_known) {
        sections = lsm::IntervalPartition(ranges);
    } else {
        // Without key ranges every file may overlap every other: one section, one run per file.
        lsm::Section all;
        for (size_t i = 0; i < split_.files.size(); ++i) all.runs.push_back({i});
        sections.push_back(std::move(all));
    }
    const bool no_duplicates_above_level0 =
        context.deletion_vectors || context.merge.engine == lsm::MergeEngine::kFirstRow;
    for (lsm::Section& section : sections) {
        SectionPlan plan;
        bool has_level0 = false;
        for (const auto& run : section.runs) {
            for (size_t file : run) has_level0 = has_level0 || split_.files[file].meta.level == 0;
        }
        plan.raw = ranges_known && no_duplicates_above_level0 && !has_level0;
        plan.runs = std::move(section.runs);
        sections_.push_back(std::move(plan));
    }
    return Status::OK();
}

Result<std::unique_ptr<DataFileReader>> MergeSplitReader::OpenFile(size_t index) const {
    const SplitFile& file = split_.files[index];
    FL_ASSIGN_OR_RETURN(const TableSchema* file_schema, context_->FileSchema(file.meta.schema_id));
    FL_ASSIGN_OR_RETURN(std::shared_ptr<const DeletionVector> deletion_vector, LoadDeletionVector(fs_, file));
    return DataFileReader::Open(fs_, file.path, file.meta, *file_schema, spec_, std::move(deletion_vector));
}

Status MergeSplitReader::OpenSection(const SectionPlan& section) {
    if (section.raw) {
        raw_files_.clear();
        for (const auto& run : section.runs) raw_files_.insert(raw_files_.end(), run.begin(), run.end());
        next_raw_file_ = 0;
        return Status::OK();
    }
    std::vector<std::unique_ptr<lsm::KeyValueSource>> runs;
    auto opener = [this](size_t file) { return OpenFile(file); };
    for (const auto& run : section.runs) {
        runs.push_back(std::make_unique<RunSource>(run, opener, spec_.fields.size(), &key_columns_, &order_columns_));
    }
    merger_ = std::make_unique<lsm::SortMergeReader>(std::move(runs), !order_columns_.empty());
    return Status::OK();
}

Chunk MergeSplitReader::Output(std::vector<ColumnPtr> columns, size_t rows, const ColumnPtr& kinds) const {
    columns.resize(context_->projection.size());
    if (context_->include_row_kind) columns.push_back(kinds);
    return Chunk(std::move(columns), rows);
}

Result<bool> MergeSplitReader::NextRaw(Chunk* chunk) {
    const size_t width = spec_.fields.size();
    while (true) {
        if (!raw_reader_) {
            if (next_raw_file_ == raw_files_.size()) return false;
            FL_ASSIGN_OR_RETURN(raw_reader_, OpenFile(raw_files_[next_raw_file_++]));
        }
        Chunk raw;
        FL_ASSIGN_OR_RETURN(bool more, raw_reader_->Next(&raw));
        if (!more) {
            raw_reader_.reset();
            continue;
        }
        ColumnPtr kinds = Flat(raw.column(width + 1));
        const int8_t* kind = kinds->Data<int8_t>();
        selection_.Clear();
        for (size_t i = 0; i < raw.num_rows(); ++i) {
            if (!lsm::IsRetract(kind[i])) selection_.Append(static_cast<uint32_t>(i));
        }
        if (selection_.empty()) continue;
        if (selection_.size() < raw.num_rows()) {
            raw = SelectRows(raw, selection_);
            kinds = raw.column(width + 1);
        }
        *chunk = Output(raw.columns(), raw.num_rows(), kinds);
        return true;
    }
}

Result<bool> MergeSplitReader::Next(Chunk* chunk) {
    while (true) {
        if (merger_) {
            FL_ASSIGN_OR_RETURN(bool more, merger_->NextBatch(kChunkSize, &batch_));
            if (!more) {
                merger_.reset();
                continue;
            }
            FL_RETURN_NOT_OK(merge_->Merge(batch_, &output_));
            if (output_.num_rows() == 0) continue;
            ColumnPtr kinds;
            if (context_->include_row_kind) {
                kinds = Column::MakeFlat(LogicalType::TinyInt(), output_.num_rows());
                std::copy(output_.kinds.begin(), output_.kinds.end(), kinds->MutableData<int8_t>());
            }
            *chunk = Output(std::move(output_.columns), output_.num_rows(), kinds);
            return true;
        }
        if (next_raw_file_ < raw_files_.size() || raw_reader_) {
            FL_ASSIGN_OR_RETURN(bool more, NextRaw(chunk));
            if (more) return true;
            continue;
        }
        if (next_section_ == sections_.size()) return false;
        FL_RETURN_NOT_OK(OpenSection(sections_[next_section_++]));
    }
}

}  // namespace flashlake::lake
