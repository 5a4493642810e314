#include "lake/data_type.h"

#include <algorithm>

#include "common/check.h"

namespace flashlake::lake {

namespace json = format::json;

DataType DataType::Sized(TypeRoot root, int32_t length) {
    DataType type(root);
    type.length_ = length;
    return type;
}

DataType DataType::Decimal(int precision, int scale) {
    DataType type(TypeRoot::kDecimal);
    type.length_ = precision;
    type.scale_ = scale;
    return type;
}

DataType DataType::Array(DataType element) {
    DataType type(TypeRoot::kArray);
    type.children_ = std::make_shared<const std::vector<DataType>>(std::vector<DataType>{std::move(element)});
    return type;
}

DataType DataType::Multiset(DataType element) {
    DataType type(TypeRoot::kMultiset);
    type.children_ = std::make_shared<const std::vector<DataType>>(std::vector<DataType>{std::move(element)});
    return type;
}

DataType DataType::Map(DataType key, DataType value) {
    DataType type(TypeRoot::kMap);
    type.children_ =
        std::make_shared<const std::vector<DataType>>(std::vector<DataType>{std::move(key), std::move(value)});
    return type;
}

DataType DataType::Row(std::vector<DataField> fields) {
    DataType type(TypeRoot::kRow);
    type.fields_ = std::make_shared<const std::vector<DataField>>(std::move(fields));
    return type;
}

DataType DataType::WithNullable(bool nullable) const {
    DataType copy = *this;
    copy.nullable_ = nullable;
    return copy;
}

const DataType& DataType::element() const {
    FL_CHECK(root_ == TypeRoot::kArray || root_ == TypeRoot::kMultiset, "element() of ", ToString());
    return (*children_)[0];
}

const DataType& DataType::key() const {
    FL_CHECK(root_ == TypeRoot::kMap, "key() of ", ToString());
    return (*children_)[0];
}

const DataType& DataType::value() const {
    FL_CHECK(root_ == TypeRoot::kMap, "value() of ", ToString());
    return (*children_)[1];
}

const std::vector<DataField>& DataType::fields() const {
    FL_CHECK(root_ == TypeRoot::kRow, "fields() of ", ToString());
    return *fields_;
}

bool DataType::IsNested() const {
    return root_ == TypeRoot::kArray || root_ == TypeRoot::kMap || root_ == TypeRoot::kMultiset ||
           root_ == TypeRoot::kRow;
}

bool DataType::IsBinaryLike() const {
    return root_ == TypeRoot::kBinary || root_ == TypeRoot::kVarbinary || root_ == TypeRoot::kBlob;
}

bool DataType::operator==(const DataType& other) const {
    if (root_ != other.root_ || nullable_ != other.nullable_ || length_ != other.length_ || scale_ != other.scale_) {
        return false;
    }
    if ((children_ != nullptr) != (other.children_ != nullptr)) return false;
    if (children_ && *children_ != *other.children_) return false;
    if ((fields_ != nullptr) != (other.fields_ != nullptr)) return false;
    return !fields_ || *fields_ == *other.fields_;
}

// ---------------------------------------------------------------------------------------------
// Printing

namespace {

std::string Suffix(const DataType& type) {
    return type.nullable() ? "" : " NOT NULL";
}

std::string AtomicName(const DataType& type) {
    auto sized = [](const char* name, int32_t n) { return std::string(name) + "(" + std::to_string(n) + ")"; };
    switch (type.root()) {
        case TypeRoot::kBoolean:
            return "BOOLEAN";
        case TypeRoot::kTinyInt:
            return "TINYINT";
        case TypeRoot::kSmallInt:
            return "SMALLINT";
        case TypeRoot::kInt:
            return "INT";
        case TypeRoot::kBigInt:
            return "BIGINT";
        case TypeRoot::kFloat:
            return "FLOAT";
        case TypeRoot::kDouble:
            return "DOUBLE";
        case TypeRoot::kDecimal:
            return "DECIMAL(" + std::to_string(type.precision()) + ", " + std::to_string(type.scale()) + ")";
        case TypeRoot::kChar:
            return sized("CHAR", type.length());
        case TypeRoot::kVarchar:
            return type.length() == DataType::kMaxLength ? "STRING" : sized("VARCHAR", type.length());
        case TypeRoot::kBinary:
            return sized("BINARY", type.length());
        case TypeRoot::kVarbinary:
            return type.length() == DataType::kMaxLength ? "BYTES" : sized("VARBINARY", type.length());
        case TypeRoot::kDate:
            return "DATE";
        case TypeRoot::kTime:
            return sized("TIME", type.precision());
        case TypeRoot::kTimestamp:
            return sized("TIMESTAMP", type.precision());
        case TypeRoot::kTimestampLtz:
            return sized("TIMESTAMP", type.precision()) + " WITH LOCAL TIME ZONE";
        case TypeRoot::kArray:
            return "ARRAY";
        case TypeRoot::kMap:
            return "MAP";
        case TypeRoot::kMultiset:
            return "MULTISET";
        case TypeRoot::kRow:
            return "ROW";
        case TypeRoot::kVariant:
            return "VARIANT";
        case TypeRoot::kBlob:
            return "BLOB";
    }
    return "?";
}

}  // namespace

std::string DataType::ToString() const {
    switch (root_) {
        case TypeRoot::kArray:
            return "ARRAY<" + element().ToString() + ">" + Suffix(*this);
        case TypeRoot::kMultiset:
            return "MULTISET<" + element().ToString() + ">" + Suffix(*this);
        case TypeRoot::kMap:
            return "MAP<" + key().ToString() + ", " + value().ToString() + ">" + Suffix(*this);
        case TypeRoot::kRow: {
            std::string text = "ROW<";
            for (size_t i = 0; i < fields_->size(); ++i) {
                const DataField& field = (*fields_)[i];
                if (i > 0) text += ", ";
                text += "`" + field.name + "` " + field.type.ToString();
                if (field.description) text += " '" + *field.description + "'";
            }
            return text + ">" + Suffix(*this);
        }
        default:
            return AtomicName(*this) + Suffix(*this);
    }
}

json::Value DataType::ToJson() const {
    if (!IsNested()) return json::Value(ToString());
    json::Value object = json::Value::MakeObject();
    object.Set("type", AtomicName(*this) + Suffix(*this));
    switch (root_) {
        case TypeRoot::kArray:
        case TypeRoot::kMultiset:
            object.Set("element", element().ToJson());
            break;
        case TypeRoot::kMap:
            object.Set("key", key().ToJson());
            object.Set("value", value().ToJson());
            break;
        default: {
            json::Value fields = json::Value::MakeArray();
            for (const DataField& field : *fields_) fields.Append(field.ToJson());
            object.Set("fields", std::move(fields));
        }
    }
    return object;
}

// ---------------------------------------------------------------------------------------------
// Mapping to and from Flashlake types

Result<LogicalType> DataType::ToLogicalType() const {
    switch (root_) {
        case TypeRoot::kBoolean:
            return LogicalType::Boolean();
        case TypeRoot::kTinyInt:
            return LogicalType::TinyInt();
        case TypeRoot::kSmallInt:
            return LogicalType::SmallInt();
        case TypeRoot::kInt:
            return LogicalType::Int();
        case TypeRoot::kBigInt:
            return LogicalType::BigInt();
        case TypeRoot::kFloat:
            return LogicalType::Float();
        case TypeRoot::kDouble:
            return LogicalType::Double();
        case TypeRoot::kDecimal:
            return LogicalType::Decimal(length_, scale_);
        case TypeRoot::kChar:
        case TypeRoot::kVarchar:
            return LogicalType::Varchar(length_);
        case TypeRoot::kBinary:
        case TypeRoot::kVarbinary:
        case TypeRoot::kBlob:
            return LogicalType::Varbinary();
        case TypeRoot::kDate:
            return LogicalType::Date();
        case TypeRoot::kTime:
            return LogicalType::Int();
        case TypeRoot::kTimestamp:
        case TypeRoot::kTimestampLtz:
            return LogicalType::DateTime();
        case TypeRoot::kArray: {
            FL_ASSIGN_OR_RETURN(LogicalType element_type, element().ToLogicalType());
            return LogicalType::Array(std::move(element_type));
        }
        default:
            return Status::NotSupported("Paimon type " + ToString() + " has no Flashlake type yet");
    }
}

Result<DataType> DataType::FromLogicalType(const LogicalType& type) {
    switch (type.id()) {
        case TypeId::kBoolean:
            return Boolean();
        case TypeId::kTinyInt:
            return TinyInt();
        case TypeId::kSmallInt:
            return SmallInt();
        case TypeId::kInt:
            return Int();
        case TypeId::kBigInt:
            return BigInt();
        case TypeId::kFloat:
            return Float();
        case TypeId::kDouble:
            return Double();
        case TypeId::kDecimal:
            return Decimal(type.precision(), type.scale());
        case TypeId::kDate:
            return Date();
        case TypeId::kDateTime:
            return Timestamp(6);
        case TypeId::kVarchar:
            return type.length() >= 1 ? Varchar(type.length()) : String();
        case TypeId::kVarbinary:
        case TypeId::kBitmap:
        case TypeId::kHll:
            return Bytes();
        case TypeId::kJson:
            return String();
        case TypeId::kArray: {
            FL_ASSIGN_OR_RETURN(DataType element_type, FromLogicalType(type.element()));
            return Array(std::move(element_type));
        }
        default:
            return Status::NotSupported("type " + type.ToString() + " cannot be stored in a Paimon table");
    }
}

// ---------------------------------------------------------------------------------------------
// DataField

Result<DataField> DataField::FromJson(const json::Value& json) {
    if (!json.is_object()) return Status::InvalidArgument("Paimon field: expected an object");
    DataField field;
    FL_ASSIGN_OR_RETURN(int64_t id, json.GetInt("id"));
    field.id = static_cast<int32_t>(id);
    FL_ASSIGN_OR_RETURN(field.name, json.GetString("name"));
    const json::Value* type = json.Find("type");
    if (type == nullptr) return Status::InvalidArgument("Paimon field " + field.name + ": missing \"type\"");
    auto parsed = DataType::FromJson(*type);
    if (!parsed.ok()) return parsed.status().WithContext("field " + field.name);
    field.type = std::move(parsed).value();
    if (const json::Value* description = json.Find("description"); description && description->is_string()) {
        field.description = description->AsString();
    }
    return field;
}

json::Value DataField::ToJson() const {
    json::Value object = json::Value::MakeObject();
    object.Set("id", static_cast<int64_t>(id));
    object.Set("name", name);
    object.Set("type", type.ToJson());
    if (description) object.Set("description", *description);
    return object;
}

int32_t MaxFieldId(const std::vector<DataField>& fields) {
    int32_t max_id = -1;
    for (const DataField& field : fields) {
        max_id = std::max(max_id, field.id);
        if (field.type.root() == TypeRoot::kRow) max_id = std::max(max_id, MaxFieldId(field.type.fields()));
        // ARRAY/MAP of ROW: descend through the containers.
        const DataType* inner = &field.type;
        while (inner->root() == TypeRoot::kArray || inner->root() == TypeRoot::kMultiset ||
               inner->root() == TypeRoot::kMap) {
            inner = inner->root() == TypeRoot::kMap ? &inner->value() : &inner->element();
        }
        if (inner != &field.type && inner->root() == TypeRoot::kRow) {
            max_id = std::max(max_id, MaxFieldId(inner->fields()));
        }
    }
    return max_id;
}

}  // namespace flashlake::lake
