#include "format/json/json_value.h"

#include "common/check.h"

namespace flashlake::format::json {

std::string_view TypeName(Type type) {
    switch (type) {
        case Type::kNull:
            return "null";
        case Type::kBool:
            return "boolean";
        case Type::kInt:
            return "integer";
        case Type::kDouble:
            return "number";
        case Type::kString:
            return "string";
        case Type::kArray:
            return "array";
        case Type::kObject:
            return "object";
    }
    return "unknown";
}

void Value::CheckType(Type expected) const {
    FL_CHECK(type() == expected, "JSON value is ", TypeName(type()), ", not ", TypeName(expected));
}

double Value::AsDouble() const {
    if (type() == Type::kInt) return static_cast<double>(std::get<int64_t>(storage_));
    return Get<double>(Type::kDouble);
}

size_t Value::size() const {
    if (is_array()) return std::get<Array>(storage_).size();
    if (is_object()) return std::get<Object>(storage_).size();
    return 0;
}

const Value* Value::Find(std::string_view key) const {
    if (!is_object()) return nullptr;
    for (const Member& member : std::get<Object>(storage_)) {
        if (member.first == key) return &member.second;
    }
    return nullptr;
}

Value& Value::Set(std::string key, Value value) {
    Object& object = AsObject();
    for (Member& member : object) {
        if (member.first == key) {
            member.second = std::move(value);
            return member.second;
        }
    }
    object.emplace_back(std::move(key), std::move(value));
    return object.back().second;
}

void Value::Append(Value value) {
    AsArray().push_back(std::move(value));
}

Result<const Value*> Value::Get(std::string_view key, Type type) const {
    if (!is_object())
        return Status::InvalidArgument("JSON " + std::string(TypeName(this->type())) + " has no key '" +
                                       std::string(key) + "', expected an object");
    const Value* member = Find(key);
    if (member == nullptr || member->is_null()) {
        return Status::InvalidArgument("JSON object has no key '" + std::string(key) + "'");
    }
    bool matches = member->type() == type || (type == Type::kDouble && member->is_int());
    if (!matches) {
        return Status::InvalidArgument("JSON key '" + std::string(key) + "' is " +
                                       std::string(TypeName(member->type())) + ", expected " +
                                       std::string(TypeName(type)));
    }
    return member;
}

Result<int64_t> Value::GetInt(std::string_view key) const {
    FL_ASSIGN_OR_RETURN(const Value* member, Get(key, Type::kInt));
    return member->AsInt();
}

Result<double> Value::GetDouble(std::string_view key) const {
    FL_ASSIGN_OR_RETURN(const Value* member, Get(key, Type::kDouble));
    return member->AsDouble();
}

Result<bool> Value::GetBool(std::string_view key) const {
    FL_ASSIGN_OR_RETURN(const Value* member, Get(key, Type::kBool));
    return member->AsBool();
}

Result<std::string> Value::GetString(std::string_view key) const {
    FL_ASSIGN_OR_RETURN(const Value* member, Get(key, Type::kString));
    return member->AsString();
}

}  // namespace flashlake::format::json
