#include "lake/read/read_context_builder.h"

#include <algorithm>
#include <cctype>

#include "lake/schema_manager.h"

namespace flashlake::lake {

namespace {

bool OptionIsTrue(const TableSchema& schema, std::string_view key) {
    auto value = schema.Option(key);
    if (!value) return false;
    std::string lower = *value;
    std::transform(lower.begin(), lower.end(), lower.begin(), [](unsigned char c) { return std::tolower(c); });
    return lower == "true";
}

// Table features this reader cannot honour.
Status CheckSupported(const TableSchema& schema) {
    if (OptionIsTrue(schema, "data-evolution.enabled")) {
        return Status::NotSupported("tables with data evolution ('data-evolution.enabled') cannot be read yet");
    }
    for (const DataField& field : schema.fields) {
        if (field.type.root() == TypeRoot::kBlob) {
            return Status::NotSupported("column '" + field.name + "': BLOB columns cannot be read yet");
        }
    }
    if (std::string format = schema.FileFormat(); format != "parquet") {
        return Status::NotSupported("file.format '" + format + "': only Parquet data files can be read");
    }
    return Status::OK();
}

Result<std::vector<FieldPredicate>> ResolvePredicates(const TableSchema& schema,
                                                      const std::vector<ScanPredicate>& predicates) {
    std::vector<FieldPredicate> resolved;
    for (const ScanPredicate& predicate : predicates) {
        int index = schema.FieldIndex(predicate.column);
        if (index < 0) return Status::InvalidArgument("predicate on unknown column '" + predicate.column + "'");
        const DataField& field = schema.fields[index];
        if (field.type.IsNested()) continue;
        FieldPredicate out{field, predicate};
        if (predicate.op == PredicateOp::kIn) {
            FL_ASSIGN_OR_RETURN(LogicalType type, field.type.ToLogicalType());
            out.predicate.values.clear();
            bool exact = true;
            for (const Value& item : predicate.values) {
                if (item.is_null()) continue;  // never equal to anything
                std::optional<Value> value = CoerceLiteral(item, type);
                if (!value) {
                    exact = false;
                    break;
                }
                out.predicate.values.push_back(std::move(*value));
            }
            if (!exact) continue;  // a value not exactly representable: prunes nothing
        } else if (predicate.op != PredicateOp::kIsNull && predicate.op != PredicateOp::kIsNotNull) {
            FL_ASSIGN_OR_RETURN(LogicalType type, field.type.ToLogicalType());
            std::optional<Value> value = CoerceLiteral(predicate.value, type);
            if (!value) continue;  // not exactly representable: prunes nothing
            out.predicate.value = std::move(*value);
        }
        resolved.push_back(std::move(out));
    }
    return resolved;
}

}  // namespace

Result<std::shared_ptr<ReadContext>> MakeReadContext(const TableSchema& schema, const ScanOptions& options) {
    FL_RETURN_NOT_OK(CheckSupported(schema));
    auto context = std::make_shared<ReadContext>();
    context->schema = schema;
    if (options.projection) {
        for (const std::string& name : *options.projection) {
            int index = schema.FieldIndex(name);
            if (index < 0) return Status::InvalidArgument("unknown column '" + name + "'");
            context->projection.push_back(schema.fields[index]);
        }
    } else {
        context->projection = schema.fields;
    }
    for (const DataField& field : context->projection) {
        if (field.type.IsNested()) {
            return Status::NotSupported("column '" + field.name + "' of type " + field.type.ToString() +
                                        " cannot be read yet (nested types)");
        }
        FL_RETURN_NOT_OK(field.type.ToLogicalType().status());
    }
    context->include_row_kind = options.include_row_kind || options.incremental_between.has_value();
    context->primary_key_table = !schema.primary_keys.empty();
    context->deletion_vectors = OptionIsTrue(schema, "deletion-vectors.enabled");
    if (context->primary_key_table) {
        FL_ASSIGN_OR_RETURN(context->trimmed_primary_key, schema.FieldsNamed(schema.TrimmedPrimaryKeys()));
        FL_ASSIGN_OR_RETURN(context->merge, lsm::MergeOptions::FromSchema(schema));
    }
    context->aggregators =
        options.aggregators
            ? options.aggregators
            : std::make_shared<const lsm::FieldAggregatorRegistry>(lsm::FieldAggregatorRegistry::WithBuiltins());
    FL_ASSIGN_OR_RETURN(context->filters, ResolvePredicates(schema, options.predicates));
    context->metrics = options.metrics;
    return context;
}

Status LoadFileSchemas(io::FileSystem* fs, const std::string& root, const std::set<int64_t>& ids,
                       ReadContext* context) {
    SchemaManager schemas(fs, root);
    for (int64_t id : ids) {
        if (context->file_schemas.count(id)) continue;
        if (id == context->schema.id) {
            context->file_schemas.emplace(id, context->schema);
            continue;
        }
        FL_ASSIGN_OR_RETURN(TableSchema schema, schemas.Read(id));
        context->file_schemas.emplace(id, std::move(schema));
    }
    return Status::OK();
}

}  // namespace flashlake::lake
