#include "lake/commit/schema_evolution.h"

#include <algorithm>

#include "lake/commit/table_creation.h"
#include "lake/generated_partition.h"
#include "lake/schema_manager.h"

namespace flashlake::lake {

SchemaChange SchemaChange::AddColumn(std::string name, DataType type, std::optional<std::string> description) {
    SchemaChange change;
    change.kind = Kind::kAddColumn;
    change.name = std::move(name);
    change.type = std::move(type);
    change.text = std::move(description);
    return change;
}

SchemaChange SchemaChange::RenameColumn(std::string name, std::string new_name) {
    SchemaChange change;
    change.kind = Kind::kRenameColumn;
    change.name = std::move(name);
    change.new_name = std::move(new_name);
    return change;
}

SchemaChange SchemaChange::DropColumn(std::string name) {
    SchemaChange change;
    change.kind = Kind::kDropColumn;
    change.name = std::move(name);
    return change;
}

SchemaChange SchemaChange::SetOption(std::string key, std::string value) {
    SchemaChange change;
    change.kind = Kind::kSetOption;
    change.name = std::move(key);
    change.text = std::move(value);
    return change;
}

SchemaChange SchemaChange::RemoveOption(std::string key) {
    SchemaChange change;
    change.kind = Kind::kRemoveOption;
    change.name = std::move(key);
    return change;
}

SchemaChange SchemaChange::UpdateComment(std::optional<std::string> comment) {
    SchemaChange change;
    change.kind = Kind::kUpdateComment;
    change.text = std::move(comment);
    return change;
}

namespace {

constexpr std::string_view kImmutableOptions[] = {"bucket",
                                                  "bucket-key",
                                                  "primary-key",
                                                  "partition",
                                                  "merge-engine",
                                                  "sequence.field",
                                                  "rowkind.field",
                                                  "data-file.path-directory",
                                                  "partition.default-name",
                                                  "partition.legacy-name"};

Status Refuse(const std::string& why) {
    return Status::InvalidArgument("cannot alter table: " + why);
}

bool Contains(const std::vector<std::string>& names, const std::string& name) {
    return std::find(names.begin(), names.end(), name) != names.end();
}

// Gives the fields nested in `type` (ROW fields, also inside ARRAY/MAP/MULTISET) new ids from
// *next_id on, as Paimon's ReassignFieldId does for an added column.
DataType AssignNestedIds(const DataType& type, int32_t* next_id) {
    switch (type.root()) {
        case TypeRoot::kRow: {
            std::vector<DataField> fields = type.fields();
            for (DataField& field : fields) {
                field.id = ++*next_id;
                field.type = AssignNestedIds(field.type, next_id);
            }
            return DataType::Row(std::move(fields)).WithNullable(type.nullable());
        }
        case TypeRoot::kArray:
            return DataType::Array(AssignNestedIds(type.element(), next_id)).WithNullable(type.nullable());
        case TypeRoot::kMultiset:
            return DataType::Multiset(AssignNestedIds(type.element(), next_id)).WithNullable(type.nullable());
        case TypeRoot::kMap: {
            DataType key = AssignNestedIds(type.key(), next_id);
            DataType value = AssignNestedIds(type.value(), next_id);
            return DataType::Map(std::move(key), std::move(value)).WithNullable(type.nullable());
        }
        default:
            return type;
    }
}

// Whether `name` is the source of a generated partition column (its expression names it).
bool IsGeneratedPartitionSource(const TableSchema& schema, const std::string& name) {
    auto generated = GeneratedPartitions(schema);
    if (!generated.ok()) return false;
    return std::any_of(generated->begin(), generated->end(),
                       [&](const GeneratedPartition& partition) { return partition.source == name; });
}

void RenameInList(std::vector<std::string>* names, const std::string& from, const std::string& to) {
    for (std::string& name : *names) {
        if (name == from) name = to;
    }
}

Status Apply(const SchemaChange& change, TableSchema* schema) {
    using Kind = SchemaChange::Kind;
    switch (change.kind) {
        case Kind::kAddColumn: {
            if (change.name.empty()) return Refuse("a new column needs a name");
            if (schema->FieldIndex(change.name) >= 0) return Refuse("column " + change.name + " already exists");
            if (!change.type.nullable()) return Refuse("new column " + change.name + " must be nullable");
            int32_t next_id = schema->highest_field_id;
            DataField field;
            field.id = ++next_id;
            field.name = change.name;
            field.type = AssignNestedIds(change.type, &next_id);
            field.description = change.text;
            schema->fields.push_back(std::move(field));
            schema->highest_field_id = next_id;
            return Status::OK();
        }
        case Kind::kRenameColumn: {
            int index = schema->FieldIndex(change.name);
            if (index < 0) return Refuse("column " + change.name + " does not exist");
            if (change.new_name.empty()) return Refuse("the new name of " + change.name + " is empty");
            if (schema->FieldIndex(change.new_name) >= 0) {
                return Refuse("column " + change.new_name + " already exists");
            }
            if (Contains(schema->partition_keys, change.name) || IsGeneratedPartitionSource(*schema, change.name)) {
                return Refuse("column " + change.name + " is a partition key and cannot be renamed");
            }
            schema->fields[index].name = change.new_name;
            RenameInList(&schema->primary_keys, change.name, change.new_name);
            for (auto& [key, value] : schema->options) {
                if (key != "bucket-key") continue;
                std::vector<std::string> keys = schema->BucketKeys();
                RenameInList(&keys, change.name, change.new_name);
                value.clear();
                for (size_t i = 0; i < keys.size(); ++i) value += (i > 0 ? "," : "") + keys[i];
            }
            return Status::OK();
        }
        case Kind::kDropColumn: {
            int index = schema->FieldIndex(change.name);
            if (index < 0) return Refuse("column " + change.name + " does not exist");
            if (Contains(schema->partition_keys, change.name) || Contains(schema->primary_keys, change.name) ||
                IsGeneratedPartitionSource(*schema, change.name)) {
                return Refuse("column " + change.name + " is a partition or primary key and cannot be dropped");
            }
            if (schema->Option("bucket-key") && Contains(schema->BucketKeys(), change.name)) {
                return Refuse("column " + change.name + " is a bucket key and cannot be dropped");
            }
            if (schema->fields.size() == 1) return Refuse("cannot drop the last column " + change.name);
            schema->fields.erase(schema->fields.begin() + index);
            return Status::OK();
        }
        case Kind::kSetOption:
        case Kind::kRemoveOption: {
            for (std::string_view key : kImmutableOptions) {
                if (key == change.name) return Refuse("option '" + change.name + "' cannot be changed");
            }
            if (change.name.compare(0, kGeneratedPartitionOptionPrefix.size(), kGeneratedPartitionOptionPrefix) == 0) {
                return Refuse("option '" + change.name + "' records the partitioning and cannot be changed");
            }
            auto it = std::find_if(schema->options.begin(), schema->options.end(),
                                   [&](const auto& option) { return option.first == change.name; });
            if (change.kind == Kind::kRemoveOption) {
                if (it != schema->options.end()) schema->options.erase(it);
            } else if (it != schema->options.end()) {
                it->second = change.text.value_or("");
            } else {
                schema->options.emplace_back(change.name, change.text.value_or(""));
            }
            return Status::OK();
        }
        case Kind::kUpdateComment:
            schema->comment = change.text;
            return Status::OK();
    }
    return Refuse("unknown schema change");
}

}  // namespace

Result<TableSchema> ApplySchemaChanges(const TableSchema& base, const std::vector<SchemaChange>& changes) {
    TableSchema schema = base;
    schema.version = TableSchema::kCurrentVersion;
    schema.id = base.id + 1;
    schema.highest_field_id = std::max(schema.highest_field_id, MaxFieldId(schema.fields));
    for (const SchemaChange& change : changes) FL_RETURN_NOT_OK(Apply(change, &schema));
    return schema;
}

Result<TableSchema> AlterTable(io::FileSystem* fs, const std::string& table_path,
                               const std::vector<SchemaChange>& changes, const AlterTableOptions& options) {
    SchemaManager schemas(fs, table_path);
    for (int32_t attempt = 0;; ++attempt) {
        FL_ASSIGN_OR_RETURN(std::optional<TableSchema> latest, schemas.Latest());
        if (!latest) return Status(ErrorCode::kUnknownTable, "no table at " + table_path + " (it has no schema)");
        FL_ASSIGN_OR_RETURN(TableSchema next, ApplySchemaChanges(*latest, changes));
        next.time_millis = options.now_millis != 0 ? options.now_millis : WallClockMillis();
        Status created = schemas.Create(next);
        if (created.ok()) return next;
        if (created.code() != ErrorCode::kAlreadyExists || attempt >= options.max_retries) {
            return created.WithContext("alter table " + table_path);
        }
    }
}

}  // namespace flashlake::lake
