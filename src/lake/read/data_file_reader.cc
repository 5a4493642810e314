#include "lake/read/data_file_reader.h"

#include "format/parquet/parquet_reader.h"
#include "io/file_system.h"
#include "lake/read/column_cast.h"
#include "lake/read/row_selection.h"

namespace flashlake::lake {

namespace {

namespace pq = format::parquet;

constexpr const char* kSequenceNumber = "_SEQUENCE_NUMBER";
constexpr const char* kValueKind = "_VALUE_KIND";

bool EndsWith(const std::string& text, std::string_view suffix) {
    return text.size() >= suffix.size() && std::string_view(text).substr(text.size() - suffix.size()) == suffix;
}

// Types that store values alike (VARCHAR lengths aside).
bool SameLogical(const LogicalType& a, const LogicalType& b) {
    if (a.id() != b.id()) return false;
    if (a.id() == TypeId::kDecimal) return a.precision() == b.precision() && a.scale() == b.scale();
    return true;
}

pq::CompareOp ToParquetOp(PredicateOp op) {
    switch (op) {
        case PredicateOp::kEqual:
            return pq::CompareOp::kEqual;
        case PredicateOp::kNotEqual:
            return pq::CompareOp::kNotEqual;
        case PredicateOp::kLess:
            return pq::CompareOp::kLess;
        case PredicateOp::kLessEqual:
            return pq::CompareOp::kLessEqual;
        case PredicateOp::kGreater:
            return pq::CompareOp::kGreater;
        case PredicateOp::kGreaterEqual:
            return pq::CompareOp::kGreaterEqual;
        case PredicateOp::kIsNull:
            return pq::CompareOp::kIsNull;
        case PredicateOp::kIsNotNull:
            return pq::CompareOp::kIsNotNull;
        case PredicateOp::kIn:
            break;  // expanded by the caller
    }
    return pq::CompareOp::kEqual;
}

}  // namespace

DataFileReader::~DataFileReader() = default;

Result<std::unique_ptr<DataFileReader>> DataFileReader::Open(io::FileSystem* fs, const std::string& path,
                                                             const DataFileMeta& file, const TableSchema& file_schema,
                                                             const DataFileReadSpec& spec,
                                                             std::shared_ptr<const DeletionVector> deletion_vector) {
    if (!EndsWith(file.file_name, ".parquet")) {
        return Status::NotSupported("data file " + path + ": only Parquet data files can be read");
    }
    std::unique_ptr<DataFileReader> reader(new DataFileReader());
    reader->path_ = path;
    reader->file_ = file;
    reader->deletion_vector_ = std::move(deletion_vector);
    pq::ReaderOptions options;
    options.columns.keep_dictionary = spec.keep_dictionary;
    if (spec.use_cache) options.cache = &pq::ColumnCache::Global();
    FL_ASSIGN_OR_RETURN(reader->reader_, pq::ParquetReader::Open(*fs, path, options));
    Status planned = reader->Plan(file_schema, spec);
    if (!planned.ok()) return planned.WithContext("data file " + path);
    return reader;
}

Status DataFileReader::Plan(const TableSchema& file_schema, const DataFileReadSpec& spec) {
    const pq::ParquetSchema& schema = reader_->schema();
    auto slot_of = [&](int leaf) {
        for (size_t i = 0; i < leaves_.size(); ++i) {
            if (leaves_[i] == leaf) return static_cast<int>(i);
        }
        leaves_.push_back(leaf);
        return static_cast<int>(leaves_.size() - 1);
    };
    auto find_leaf = [&](const DataField& field) -> Result<int> {
        int leaf = schema.FindLeaf(field.name);
        if (leaf < 0) {
            if (field.type.IsNested()) {
                return Status::NotSupported("column '" + field.name + "' of type " + field.type.ToString() +
                                            " cannot be read yet (nested types)");
            }
            return Status::Corruption("the file has no column '" + field.name + "'");
        }
        if (!schema.leaf(leaf).supported) {
            return Status::NotSupported("column '" + field.name + "': " + schema.leaf(leaf).unsupported_reason);
        }
        return leaf;
    };
    for (const DataField& table_field : spec.fields) {
        ColumnPlan plan;
        FL_ASSIGN_OR_RETURN(plan.type, table_field.type.ToLogicalType());
        plan.table_type = table_field.type;
        const DataField* file_field = file_schema.FieldById(table_field.id);
        if (file_field == nullptr) {
            columns_.push_back(std::move(plan));  // added after the file was written: NULL
            continue;
        }
        FL_ASSIGN_OR_RETURN(int leaf, find_leaf(*file_field));
        plan.leaf_slot = slot_of(leaf);
        plan.file_type = file_field->type;
        FL_ASSIGN_OR_RETURN(LogicalType file_logical, file_field->type.ToLogicalType());
        const LogicalType& leaf_type = schema.leaf(leaf).type;
        if (file_field->type.root() == TypeRoot::kTime && leaf_type.id() == TypeId::kBigInt) {
            plan.time_from_micros = true;
        } else if (!SameLogical(leaf_type, file_logical)) {
            return Status::NotSupported("column '" + file_field->name + "' is stored as " + leaf_type.ToString() +
                                        ", not as its type " + file_field->type.ToString());
        }
        if (!SameStorage(file_field->type, table_field.type)) {
            if (!CanCastColumn(file_field->type, table_field.type)) {
                return Status::NotSupported("column '" + table_field.name + "' was written as " +
                                            file_field->type.ToString() + " and cannot be read as " +
                                            table_field.type.ToString());
            }
            plan.cast = true;
        }
        columns_.push_back(std::move(plan));
    }
    if (spec.system_columns) {
        for (const char* name : {kSequenceNumber, kValueKind}) {
            int leaf = schema.FindLeaf(name);
            if (leaf < 0) return Status::Corruption(std::string("primary-key data file without ") + name);
            ColumnPlan plan;
            plan.leaf_slot = slot_of(leaf);
            plan.type = name == kSequenceNumber ? LogicalType::BigInt() : LogicalType::TinyInt();
            plan.file_type = plan.table_type = name == kSequenceNumber ? DataType::BigInt() : DataType::TinyInt();
            columns_.push_back(std::move(plan));
        }
    }
    return PlanRowGroups(file_schema, spec);
}

Status DataFileReader::PlanRowGroups(const TableSchema& file_schema, const DataFileReadSpec& spec) {
    const pq::ParquetSchema& schema = reader_->schema();
    // Row groups, pruned by the filters on columns read unchanged from this file.
    std::vector<pq::ColumnPredicate> predicates;
    for (const FieldPredicate& filter : spec.row_group_filters) {
        const DataField* file_field = file_schema.FieldById(filter.field.id);
        if (file_field == nullptr || !SameStorage(file_field->type, filter.field.type)) continue;
        int leaf = schema.FindLeaf(file_field->name);
        if (leaf < 0 || !schema.leaf(leaf).supported) continue;
        if (filter.predicate.op == PredicateOp::kIn) {
            // Row groups are judged by the list's range; an empty list matches nothing.
            const std::vector<Value>& values = filter.predicate.values;
            if (values.empty()) {
                predicates.push_back({leaf, pq::CompareOp::kIsNull, Value()});
                predicates.push_back({leaf, pq::CompareOp::kIsNotNull, Value()});
                continue;
            }
            const Value* low = &values[0];
            const Value* high = &values[0];
            for (const Value& value : values) {
                if (value.Compare(*low) < 0) low = &value;
                if (value.Compare(*high) > 0) high = &value;
            }
            if (values.size() == 1) {
                predicates.push_back({leaf, pq::CompareOp::kEqual, *low});
                continue;
            }
            predicates.push_back({leaf, pq::CompareOp::kGreaterEqual, *low});
            predicates.push_back({leaf, pq::CompareOp::kLessEqual, *high});
            continue;
        }
        predicates.push_back({leaf, ToParquetOp(filter.predicate.op), filter.predicate.value});
    }
    int64_t start = 0;
    for (int g = 0; g < reader_->num_row_groups(); ++g) {
        row_group_start_.push_back(start);
        start += reader_->row_group_num_rows(g);
    }
    if (predicates.empty()) {
        for (int g = 0; g < reader_->num_row_groups(); ++g) row_groups_.push_back(g);
    } else {
        FL_ASSIGN_OR_RETURN(row_groups_, reader_->PruneRowGroups(predicates));
    }
    int64_t considered = reader_->num_row_groups();
    if (spec.row_group_shards > 1) {
        const int32_t shards = spec.row_group_shards;
        std::erase_if(row_groups_, [&](int g) { return g % shards != spec.row_group_shard; });
        considered = 0;
        for (int g = 0; g < reader_->num_row_groups(); ++g) considered += g % shards == spec.row_group_shard;
    }
    if (spec.metrics != nullptr) {
        spec.metrics->row_groups_read += static_cast<int64_t>(row_groups_.size());
        spec.metrics->row_groups_pruned += considered - static_cast<int64_t>(row_groups_.size());
    }
    return Status::OK();
}

Result<ColumnPtr> DataFileReader::MakeColumn(const ColumnPlan& plan, const Chunk& leaves, size_t rows) const {
    if (plan.leaf_slot < 0) return Column::MakeConstant(Value::Null(plan.type), rows);
    ColumnPtr column = leaves.column(static_cast<size_t>(plan.leaf_slot));
    if (plan.time_from_micros) {
        ColumnPtr flat = column->encoding() == ColumnEncoding::kFlat ? column : column->Flatten();
        ColumnPtr millis = Column::MakeFlat(LogicalType::Int(), rows);
        const int64_t* in = flat->Data<int64_t>();
        int32_t* out = millis->MutableData<int32_t>();
        for (size_t i = 0; i < rows; ++i) out[i] = static_cast<int32_t>(in[i] / 1000);
        millis->validity() = flat->validity();
        column = std::move(millis);
    }
    if (plan.cast) return CastColumn(column, plan.file_type, plan.table_type);
    return column;
}

Result<bool> DataFileReader::Next(Chunk* chunk) {
    while (true) {
        if (!group_) {
            if (next_row_group_ == row_groups_.size()) return false;
            int g = row_groups_[next_row_group_++];
            FL_ASSIGN_OR_RETURN(group_, reader_->OpenRowGroup(g, leaves_));
            group_row_ = row_group_start_[g];
        }
        Chunk leaves;
        auto more = group_->Next(&leaves);
        if (!more.ok()) return more.status().WithContext("data file " + path_);
        if (!*more) {
            group_.reset();
            continue;
        }
        const size_t rows = leaves.num_rows();
        const int64_t first_row = group_row_;
        group_row_ += static_cast<int64_t>(rows);
        if (rows == 0) continue;
        std::vector<ColumnPtr> columns;
        columns.reserve(columns_.size());
        for (const ColumnPlan& plan : columns_) {
            auto column = MakeColumn(plan, leaves, rows);
            if (!column.ok()) return column.status().WithContext("data file " + path_);
            columns.push_back(std::move(column).value());
        }
        Chunk out(std::move(columns), rows);
        if (deletion_vector_ &&
            deletion_vector_->SelectSurvivors(static_cast<uint64_t>(first_row), rows, &selection_)) {
            if (selection_.empty()) continue;
            out = SelectRows(out, selection_);
        }
        *chunk = std::move(out);
        return true;
    }
}

}  // namespace flashlake::lake
