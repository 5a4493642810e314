#include "format/avro/schema.h"

#include <map>
#include <set>

#include "format/json/json_parser.h"
#include "format/json/json_writer.h"

namespace flashlake::format::avro {

std::string_view TypeName(Type type) {
    switch (type) {
        case Type::kNull:
            return "null";
        case Type::kBoolean:
            return "boolean";
        case Type::kInt:
            return "int";
        case Type::kLong:
            return "long";
        case Type::kFloat:
            return "float";
        case Type::kDouble:
            return "double";
        case Type::kBytes:
            return "bytes";
        case Type::kString:
            return "string";
        case Type::kRecord:
            return "record";
        case Type::kEnum:
            return "enum";
        case Type::kArray:
            return "array";
        case Type::kMap:
            return "map";
        case Type::kUnion:
            return "union";
        case Type::kFixed:
            return "fixed";
    }
    return "unknown";
}

bool IsNamedType(Type type) {
    return type == Type::kRecord || type == Type::kEnum || type == Type::kFixed;
}

std::string_view Node::short_name() const {
    size_t dot = name.rfind('.');
    return dot == std::string::npos ? std::string_view(name) : std::string_view(name).substr(dot + 1);
}

std::string_view Node::name_space() const {
    size_t dot = name.rfind('.');
    return dot == std::string::npos ? std::string_view() : std::string_view(name).substr(0, dot);
}

int Node::FieldIndex(std::string_view field_name) const {
    for (size_t i = 0; i < fields.size(); ++i) {
        if (fields[i].name == field_name) return static_cast<int>(i);
    }
    return -1;
}

int Node::BranchIndex(Type branch_type) const {
    for (size_t i = 0; i < branches.size(); ++i) {
        if (branches[i]->type == branch_type) return static_cast<int>(i);
    }
    return -1;
}

NodePtr MakePrimitive(Type type, std::string logical_type) {
    auto node = std::make_shared<Node>();
    node->type = type;
    node->logical_type = std::move(logical_type);
    return node;
}

NodePtr MakeRecord(std::string full_name, std::vector<Field> fields) {
    auto node = std::make_shared<Node>();
    node->type = Type::kRecord;
    node->name = std::move(full_name);
    node->fields = std::move(fields);
    return node;
}

NodePtr MakeEnum(std::string full_name, std::vector<std::string> symbols) {
    auto node = std::make_shared<Node>();
    node->type = Type::kEnum;
    node->name = std::move(full_name);
    node->symbols = std::move(symbols);
    return node;
}

NodePtr MakeFixed(std::string full_name, int64_t size) {
    auto node = std::make_shared<Node>();
    node->type = Type::kFixed;
    node->name = std::move(full_name);
    node->fixed_size = size;
    return node;
}

NodePtr MakeArray(NodePtr items) {
    auto node = std::make_shared<Node>();
    node->type = Type::kArray;
    node->items = std::move(items);
    return node;
}

NodePtr MakeMap(NodePtr values) {
    auto node = std::make_shared<Node>();
    node->type = Type::kMap;
    node->items = std::move(values);
    return node;
}

NodePtr MakeUnion(std::vector<NodePtr> branches) {
    auto node = std::make_shared<Node>();
    node->type = Type::kUnion;
    node->branches = std::move(branches);
    return node;
}

NodePtr MakeNullable(NodePtr type) {
    return MakeUnion({MakePrimitive(Type::kNull), std::move(type)});
}

Field MakeField(std::string name, NodePtr type, std::optional<json::Value> default_value) {
    return Field{std::move(name), std::move(type), std::move(default_value), {}};
}

namespace {

Status SchemaError(const std::string& path, std::string_view what) {
    return Status::InvalidArgument("avro schema" + (path.empty() ? std::string() : " at " + path) + ": " +
                                   std::string(what));
}

std::optional<Type> PrimitiveType(std::string_view name) {
    static constexpr Type kPrimitives[] = {Type::kNull,  Type::kBoolean, Type::kInt,   Type::kLong,
                                           Type::kFloat, Type::kDouble,  Type::kBytes, Type::kString};
    for (Type type : kPrimitives) {
        if (TypeName(type) == name) return type;
    }
    return std::nullopt;
}

std::string FullName(std::string_view name, std::string_view name_space) {
    if (name.find('.') != std::string_view::npos || name_space.empty()) return std::string(name);
    return std::string(name_space) + "." + std::string(name);
}

// Checks the rules a tree must follow, whether parsed or built in code.
class Validator {
public:
    Status Check(const Node* node, const std::string& path) {
        if (node == nullptr) return SchemaError(path, "missing type");
        if (IsNamedType(node->type)) {
            if (node->short_name().empty())
                return SchemaError(path, std::string(TypeName(node->type)) + " without a name");
            auto [it, inserted] = named_.emplace(node->name, node);
            if (!inserted) {
                if (it->second == node) return Status::OK();  // a second reference to the same definition
                return SchemaError(path, "type '" + node->name + "' is defined twice");
            }
        }
        switch (node->type) {
            case Type::kRecord: {
                std::set<std::string_view> names;
                std::string record_path = path.empty() ? node->name : path;
                for (const Field& field : node->fields) {
                    std::string field_path = record_path + "." + field.name;
                    if (field.name.empty()) return SchemaError(record_path, "field without a name");
                    if (!names.insert(field.name).second) return SchemaError(field_path, "duplicate field name");
                    FL_RETURN_NOT_OK(Check(field.type.get(), field_path));
                }
                return Status::OK();
            }
            case Type::kEnum: {
                std::set<std::string_view> symbols;
                for (const std::string& symbol : node->symbols) {
                    if (symbol.empty() || !symbols.insert(symbol).second) {
                        return SchemaError(path, "enum symbol '" + symbol + "' is empty or repeated");
                    }
                }
                if (node->enum_default && !symbols.count(*node->enum_default)) {
                    return SchemaError(path, "enum default '" + *node->enum_default + "' is not a symbol");
                }
                return Status::OK();
            }
            case Type::kFixed:
                if (node->fixed_size < 0) return SchemaError(path, "fixed size is negative");
                return Status::OK();
            case Type::kArray:
            case Type::kMap:
                return Check(node->items.get(), path + (node->type == Type::kArray ? "[]" : "{}"));
            case Type::kUnion: {
                std::set<std::string> seen;
                for (size_t i = 0; i < node->branches.size(); ++i) {
                    const Node* branch = node->branches[i].get();
                    std::string branch_path = path + "<" + std::to_string(i) + ">";
                    if (branch == nullptr) return SchemaError(branch_path, "missing type");
                    if (branch->type == Type::kUnion)
                        return SchemaError(branch_path, "a union directly inside a union");
                    std::string key = IsNamedType(branch->type) ? branch->name : std::string(TypeName(branch->type));
                    if (!seen.insert(key).second)
                        return SchemaError(branch_path, "union has two branches of type " + key);
                    FL_RETURN_NOT_OK(Check(branch, branch_path));
                }
                return Status::OK();
            }
            default:
                return Status::OK();
        }
    }

private:
    std::map<std::string, const Node*> named_;
};

class Parser {
public:
    Result<NodePtr> Parse(const json::Value& json, const std::string& name_space, const std::string& path) {
        switch (json.type()) {
            case json::Type::kString:
                return ParseName(json.AsString(), name_space, path);
            case json::Type::kArray:
                return ParseUnion(json, name_space, path);
            case json::Type::kObject:
                return ParseObject(json, name_space, path);
            default:
                return SchemaError(path, "a schema must be a string, an array or an object");
        }
    }

private:
    Result<NodePtr> ParseName(const std::string& name, const std::string& name_space, const std::string& path) {
        if (std::optional<Type> primitive = PrimitiveType(name)) return MakePrimitive(*primitive);
        for (const std::string& candidate : {FullName(name, name_space), name}) {
            if (defining_.count(candidate)) {
                return Status::NotSupported("avro schema at " + path + ": recursive type '" + candidate +
                                            "' is not supported");
            }
            auto it = named_.find(candidate);
            if (it != named_.end()) return it->second;
        }
        return SchemaError(path, "unknown type '" + name + "'");
    }

    Result<NodePtr> ParseUnion(const json::Value& json, const std::string& name_space, const std::string& path) {
        std::vector<NodePtr> branches;
        for (size_t i = 0; i < json.size(); ++i) {
            FL_ASSIGN_OR_RETURN(NodePtr branch,
                                Parse(json.AsArray()[i], name_space, path + "<" + std::to_string(i) + ">"));
            branches.push_back(std::move(branch));
        }
        return MakeUnion(std::move(branches));
    }

    Result<NodePtr> ParseObject(const json::Value& json, const std::string& name_space, const std::string& path) {
        const json::Value* type = json.Find("type");
        if (type == nullptr) return SchemaError(path, "object without \"type\"");
        if (!type->is_string()) return Parse(*type, name_space, path);  // {"type": {...}} or {"type": [...]}
        const std::string& type_name = type->AsString();
        if (std::optional<Type> primitive = PrimitiveType(type_name)) {
            auto node = std::make_shared<Node>();
            node->type = *primitive;
            FL_RETURN_NOT_OK(ParseLogicalType(json, node.get(), path));
            return NodePtr(node);
        }
        if (type_name == "record" || type_name == "error") return ParseRecord(json, name_space, path);
        if (type_name == "enum") return ParseEnum(json, name_space, path);
        if (type_name == "fixed") return ParseFixed(json, name_space, path);
        if (type_name == "array" || type_name == "map") {
            const char* key = type_name == "array" ? "items" : "values";
            const json::Value* items = json.Find(key);
            if (items == nullptr) return SchemaError(path, type_name + " without \"" + key + "\"");
            FL_ASSIGN_OR_RETURN(NodePtr item_node, Parse(*items, name_space, path + (key[0] == 'i' ? "[]" : "{}")));
            return type_name == "array" ? MakeArray(std::move(item_node)) : MakeMap(std::move(item_node));
        }
        return ParseName(type_name, name_space, path);  // {"type": "some.Named"}
    }

    static Status ParseLogicalType(const json::Value& json, Node* node, const std::string& path) {
        const json::Value* logical = json.Find("logicalType");
        if (logical == nullptr) return Status::OK();
        if (!logical->is_string()) return SchemaError(path, "\"logicalType\" must be a string");
        node->logical_type = logical->AsString();
        for (auto [key, target] : {std::pair{"precision", &node->precision}, std::pair{"scale", &node->scale}}) {
            const json::Value* value = json.Find(key);
            if (value == nullptr) continue;
            if (!value->is_int() || value->AsInt() < 0 || value->AsInt() > INT32_MAX) {
                return SchemaError(path, std::string("\"") + key + "\" must be a non-negative integer");
            }
            *target = static_cast<int32_t>(value->AsInt());
        }
        return Status::OK();
    }

    // Sets the full name and namespace of a named type; returns the namespace its children use.
    Status ParseNamedHeader(const json::Value& json, const std::string& enclosing, const std::string& path, Node* node,
                            std::string* child_namespace) {
        auto name = json.GetString("name");
        if (!name.ok()) return SchemaError(path, "named type without a string \"name\"");
        std::string name_space = enclosing;
        if (const json::Value* ns = json.Find("namespace"); ns != nullptr && !ns->is_null()) {
            if (!ns->is_string()) return SchemaError(path, "\"namespace\" must be a string");
            name_space = ns->AsString();
        }
        node->name = FullName(*name, name_space);
        *child_namespace = std::string(node->name_space());
        if (named_.count(node->name) || defining_.count(node->name)) {
            return SchemaError(path, "type '" + node->name + "' is defined twice");
        }
        if (const json::Value* aliases = json.Find("aliases"); aliases != nullptr && aliases->is_array()) {
            for (const json::Value& alias : aliases->AsArray()) {
                if (alias.is_string()) node->aliases.push_back(FullName(alias.AsString(), *child_namespace));
            }
        }
        return Status::OK();
    }

    Result<NodePtr> ParseRecord(const json::Value& json, const std::string& enclosing, const std::string& path) {
        auto node = std::make_shared<Node>();
        node->type = Type::kRecord;
        std::string name_space;
        FL_RETURN_NOT_OK(ParseNamedHeader(json, enclosing, path, node.get(), &name_space));
        const json::Value* fields = json.Find("fields");
        if (fields == nullptr || !fields->is_array()) return SchemaError(path, "record without a \"fields\" array");
        std::string record_path = path.empty() ? node->name : path;
        defining_.insert(node->name);
        for (const json::Value& field_json : fields->AsArray()) {
            auto field_name = field_json.GetString("name");
            if (!field_json.is_object() || !field_name.ok()) {
                defining_.erase(node->name);
                return SchemaError(record_path, "field without a string \"name\"");
            }
            std::string field_path = record_path + "." + *field_name;
            const json::Value* field_type = field_json.Find("type");
            if (field_type == nullptr) {
                defining_.erase(node->name);
                return SchemaError(field_path, "field without \"type\"");
            }
            auto type = Parse(*field_type, name_space, field_path);
            if (!type.ok()) {
                defining_.erase(node->name);
                return type.status();
            }
            Field field{*field_name, std::move(type).value(), std::nullopt, {}};
            if (const json::Value* def = field_json.Find("default")) field.default_value = *def;
            if (const json::Value* aliases = field_json.Find("aliases"); aliases != nullptr && aliases->is_array()) {
                for (const json::Value& alias : aliases->AsArray()) {
                    if (alias.is_string()) field.aliases.push_back(alias.AsString());
                }
            }
            node->fields.push_back(std::move(field));
        }
        defining_.erase(node->name);
        named_[node->name] = node;
        return NodePtr(node);
    }

    Result<NodePtr> ParseEnum(const json::Value& json, const std::string& enclosing, const std::string& path) {
        auto node = std::make_shared<Node>();
        node->type = Type::kEnum;
        std::string name_space;
        FL_RETURN_NOT_OK(ParseNamedHeader(json, enclosing, path, node.get(), &name_space));
        const json::Value* symbols = json.Find("symbols");
        if (symbols == nullptr || !symbols->is_array()) return SchemaError(path, "enum without a \"symbols\" array");
        for (const json::Value& symbol : symbols->AsArray()) {
            if (!symbol.is_string()) return SchemaError(path, "enum symbols must be strings");
            node->symbols.push_back(symbol.AsString());
        }
        if (const json::Value* def = json.Find("default"); def != nullptr && def->is_string()) {
            node->enum_default = def->AsString();
        }
        named_[node->name] = node;
        return NodePtr(node);
    }

    Result<NodePtr> ParseFixed(const json::Value& json, const std::string& enclosing, const std::string& path) {
        auto node = std::make_shared<Node>();
        node->type = Type::kFixed;
        std::string name_space;
        FL_RETURN_NOT_OK(ParseNamedHeader(json, enclosing, path, node.get(), &name_space));
        auto size = json.GetInt("size");
        if (!size.ok() || *size < 0) return SchemaError(path, "fixed without a non-negative integer \"size\"");
        node->fixed_size = *size;
        FL_RETURN_NOT_OK(ParseLogicalType(json, node.get(), path));
        named_[node->name] = node;
        return NodePtr(node);
    }

    std::map<std::string, NodePtr> named_;  // full name -> definition
    std::set<std::string> defining_;        // records whose fields are being parsed
};

class Emitter {
public:
    json::Value Emit(const Node& node, const std::string& enclosing) {
        if (IsNamedType(node.type) && !emitted_.insert(node.name).second) {
            return json::Value(node.name_space() == enclosing ? std::string(node.short_name()) : node.name);
        }
        json::Value out = json::Value::MakeObject();
        switch (node.type) {
            case Type::kRecord:
            case Type::kEnum:
            case Type::kFixed: {
                out.Set("type", std::string(TypeName(node.type)));
                out.Set("name", std::string(node.short_name()));
                std::string name_space(node.name_space());
                if (name_space != enclosing) out.Set("namespace", name_space);
                if (!node.aliases.empty()) {
                    json::Value aliases = json::Value::MakeArray();
                    for (const std::string& alias : node.aliases) aliases.Append(alias);
                    out.Set("aliases", std::move(aliases));
                }
                if (node.type == Type::kRecord) {
                    json::Value fields = json::Value::MakeArray();
                    for (const Field& field : node.fields) fields.Append(EmitField(field, name_space));
                    out.Set("fields", std::move(fields));
                } else if (node.type == Type::kEnum) {
                    json::Value symbols = json::Value::MakeArray();
                    for (const std::string& symbol : node.symbols) symbols.Append(symbol);
                    out.Set("symbols", std::move(symbols));
                    if (node.enum_default) out.Set("default", *node.enum_default);
                } else {
                    out.Set("size", node.fixed_size);
                    AddLogicalType(node, &out);
                }
                return out;
            }
            case Type::kArray:
                out.Set("type", "array");
                out.Set("items", Emit(*node.items, enclosing));
                return out;
            case Type::kMap:
                out.Set("type", "map");
                out.Set("values", Emit(*node.items, enclosing));
                return out;
            case Type::kUnion: {
                json::Value branches = json::Value::MakeArray();
                for (const NodePtr& branch : node.branches) branches.Append(Emit(*branch, enclosing));
                return branches;
            }
            default:
                if (node.logical_type.empty()) return json::Value(std::string(TypeName(node.type)));
                out.Set("type", std::string(TypeName(node.type)));
                AddLogicalType(node, &out);
                return out;
        }
    }

private:
    json::Value EmitField(const Field& field, const std::string& name_space) {
        json::Value out = json::Value::MakeObject();
        out.Set("name", field.name);
        out.Set("type", Emit(*field.type, name_space));
        if (field.default_value) out.Set("default", *field.default_value);
        if (!field.aliases.empty()) {
            json::Value aliases = json::Value::MakeArray();
            for (const std::string& alias : field.aliases) aliases.Append(alias);
            out.Set("aliases", std::move(aliases));
        }
        return out;
    }

    static void AddLogicalType(const Node& node, json::Value* out) {
        if (node.logical_type.empty()) return;
        out->Set("logicalType", node.logical_type);
        if (node.logical_type == "decimal") {
            out->Set("precision", int64_t{node.precision});
            out->Set("scale", int64_t{node.scale});
        }
    }

    std::set<std::string> emitted_;
};

}  // namespace

Result<Schema> Schema::Make(NodePtr root) {
    FL_RETURN_NOT_OK(Validator().Check(root.get(), ""));
    return Schema(std::move(root));
}

Result<Schema> Schema::FromJson(const json::Value& json) {
    FL_ASSIGN_OR_RETURN(NodePtr root, Parser().Parse(json, "", ""));
    return Make(std::move(root));
}

Result<Schema> Schema::Parse(std::string_view json_text) {
    auto json = json::Parse(json_text);
    if (!json.ok()) return Status::InvalidArgument("avro schema: " + json.status().message());
    return FromJson(*json);
}

json::Value Schema::ToJsonValue() const {
    return Emitter().Emit(*root_, "");
}

std::string Schema::ToJson() const {
    return json::Write(ToJsonValue());
}

}  // namespace flashlake::format::avro
