#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/result.h"
#include "format/json/json_value.h"

namespace flashlake::format::avro {

// Avro schemas (specification 1.11, "Schema Declaration"): the model, a parser from the JSON form
// and a writer back to it. Schemas are immutable trees of shared nodes; a named type referenced
// twice is the same node. Recursive types (a record containing itself) are not supported: Paimon
// never writes them and they would make the tree a graph.

enum class Type : uint8_t {
    kNull,
    kBoolean,
    kInt,
    kLong,
    kFloat,
    kDouble,
    kBytes,
    kString,
    kRecord,
    kEnum,
    kArray,
    kMap,
    kUnion,
    kFixed,
};

std::string_view TypeName(Type type);
bool IsNamedType(Type type);

struct Node;
using NodePtr = std::shared_ptr<const Node>;

struct Field {
    std::string name;
    NodePtr type;
    std::optional<json::Value> default_value;  // the JSON default, as written
    std::vector<std::string> aliases;
};

struct Node {
    Type type = Type::kNull;
    // Named types (record, enum, fixed): the full name ("namespace.name" or "name").
    std::string name;
    std::vector<std::string> aliases;  // full names
    // An annotation that does not change the encoding ("timestamp-millis", "decimal", ...).
    std::string logical_type;
    int32_t precision = 0;             // decimal
    int32_t scale = 0;                 // decimal
    std::vector<Field> fields;         // record
    std::vector<std::string> symbols;  // enum
    std::optional<std::string> enum_default;
    NodePtr items;                  // array items, map values
    std::vector<NodePtr> branches;  // union
    int64_t fixed_size = 0;         // fixed

    std::string_view short_name() const;  // the name without its namespace
    std::string_view name_space() const;  // "" when the name has none
    // Index of the record field called `field_name`, or -1.
    int FieldIndex(std::string_view field_name) const;
    // Index of the first union branch of type `branch_type`, or -1.
    int BranchIndex(Type branch_type) const;
};

// Builders for schemas written by code (Paimon manifests, tests).
NodePtr MakePrimitive(Type type, std::string logical_type = "");
NodePtr MakeRecord(std::string full_name, std::vector<Field> fields);
NodePtr MakeEnum(std::string full_name, std::vector<std::string> symbols);
NodePtr MakeFixed(std::string full_name, int64_t size);
NodePtr MakeArray(NodePtr items);
NodePtr MakeMap(NodePtr values);
NodePtr MakeUnion(std::vector<NodePtr> branches);
// ["null", type], the form Paimon uses for nullable columns.
NodePtr MakeNullable(NodePtr type);
Field MakeField(std::string name, NodePtr type, std::optional<json::Value> default_value = std::nullopt);

class Schema {
public:
    // Validates a tree built in code: unions (no nested unions, no duplicate branch types),
    // unique field names and symbols, unique named-type names, non-negative fixed sizes.
    static Result<Schema> Make(NodePtr root);
    // Parses the JSON form. Errors are kInvalidArgument naming the JSON path of the problem.
    static Result<Schema> Parse(std::string_view json_text);
    static Result<Schema> FromJson(const json::Value& json);

    const Node& root() const { return *root_; }
    const NodePtr& root_ptr() const { return root_; }

    // The JSON form, compact, with keys in the order Avro's Java implementation writes them
    // (so a schema read from a Java-written file prints back identically).
    std::string ToJson() const;
    json::Value ToJsonValue() const;

private:
    explicit Schema(NodePtr root) : root_(std::move(root)) {}
    NodePtr root_;
};

}  // namespace flashlake::format::avro
