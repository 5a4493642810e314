#include <gtest/gtest.h>

#include "format/avro/schema.h"

namespace flashlake::format::avro {
namespace {

Schema MustParse(std::string_view json) {
    auto schema = Schema::Parse(json);
    EXPECT_TRUE(schema.ok()) << schema.status().ToString();
    return schema.ok() ? *schema : Schema::Make(MakePrimitive(Type::kNull)).value();
}

std::string ParseError(std::string_view json) {
    auto schema = Schema::Parse(json);
    EXPECT_FALSE(schema.ok()) << json;
    return schema.ok() ? "" : schema.status().message();
}

TEST(AvroSchemaTest, Primitives) {
    for (const char* name : {"null", "boolean", "int", "long", "float", "double", "bytes", "string"}) {
        Schema quoted = MustParse(std::string("\"") + name + "\"");
        Schema object = MustParse(std::string(R"({"type":")") + name + "\"}");
        EXPECT_EQ(TypeName(quoted.root().type), name);
        EXPECT_EQ(object.root().type, quoted.root().type);
        EXPECT_EQ(quoted.ToJson(), std::string("\"") + name + "\"");
    }
}

TEST(AvroSchemaTest, AllComplexTypesAndNames) {
    Schema schema = MustParse(R"({
      "type": "record", "name": "Entry", "namespace": "org.example",
      "aliases": ["OldEntry"],
      "fields": [
        {"name": "id", "type": "long"},
        {"name": "kind", "type": {"type": "enum", "name": "Kind", "symbols": ["ADD", "DELETE"], "default": "ADD"}},
        {"name": "hash", "type": {"type": "fixed", "name": "other.Hash", "size": 16}},
        {"name": "tags", "type": {"type": "array", "items": "string"}, "default": []},
        {"name": "props", "type": {"type": "map", "values": ["null", "long"]}},
        {"name": "again", "type": "Kind"},
        {"name": "hash2", "type": "other.Hash"},
        {"name": "ts", "type": ["null", {"type": "long", "logicalType": "timestamp-millis"}], "default": null},
        {"name": "amount", "type": {"type": "bytes", "logicalType": "decimal", "precision": 10, "scale": 2}},
        {"name": "nested", "type": {"type": "record", "name": "Inner", "fields": [{"name": "x", "type": "int", "aliases": ["y"]}]}}
      ]})");
    const Node& root = schema.root();
    EXPECT_EQ(root.type, Type::kRecord);
    EXPECT_EQ(root.name, "org.example.Entry");
    EXPECT_EQ(root.short_name(), "Entry");
    EXPECT_EQ(root.name_space(), "org.example");
    EXPECT_EQ(root.aliases, std::vector<std::string>{"org.example.OldEntry"});
    ASSERT_EQ(root.fields.size(), 10u);
    EXPECT_EQ(root.FieldIndex("tags"), 3);
    EXPECT_EQ(root.FieldIndex("nope"), -1);
    const Node& kind = *root.fields[1].type;
    EXPECT_EQ(kind.name, "org.example.Kind");
    EXPECT_EQ(kind.symbols, (std::vector<std::string>{"ADD", "DELETE"}));
    EXPECT_EQ(kind.enum_default, "ADD");
    EXPECT_EQ(root.fields[5].type.get(), &kind);  // a reference is the same node
    EXPECT_EQ(root.fields[2].type->name, "other.Hash");
    EXPECT_EQ(root.fields[2].type->fixed_size, 16);
    EXPECT_EQ(root.fields[6].type.get(), root.fields[2].type.get());
    EXPECT_EQ(root.fields[3].type->items->type, Type::kString);
    EXPECT_EQ(root.fields[3].default_value, json::Value::MakeArray());
    EXPECT_EQ(root.fields[4].type->items->type, Type::kUnion);
    EXPECT_EQ(root.fields[7].type->BranchIndex(Type::kLong), 1);
    EXPECT_EQ(root.fields[7].type->branches[1]->logical_type, "timestamp-millis");
    EXPECT_EQ(root.fields[8].type->logical_type, "decimal");
    EXPECT_EQ(root.fields[8].type->precision, 10);
    EXPECT_EQ(root.fields[8].type->scale, 2);
    EXPECT_EQ(root.fields[9].type->name, "org.example.Inner");  // inherits the namespace
    EXPECT_EQ(root.fields[9].type->fields[0].aliases, std::vector<std::string>{"y"});

    // Printing and parsing again gives the same schema, printed the same way.
    std::string printed = schema.ToJson();
    EXPECT_EQ(MustParse(printed).ToJson(), printed);
    EXPECT_NE(printed.find(R"({"name":"again","type":"Kind"})"), std::string::npos) << printed;
    EXPECT_NE(printed.find(R"({"name":"hash2","type":"other.Hash"})"), std::string::npos) << printed;
}

TEST(AvroSchemaTest, PrintsLikeJava) {
    // The exact text Paimon's Java writer stores for a manifest list.
    std::string java =
        R"({"type":"record","name":"record","namespace":"org.apache.paimon.avro.generated","fields":[{"name":"_VERSION","type":"int"},{"name":"_FILE_NAME","type":"string"},{"name":"_FILE_SIZE","type":"long"},{"name":"_NUM_ADDED_FILES","type":"long"},{"name":"_NUM_DELETED_FILES","type":"long"},{"name":"_PARTITION_STATS","type":{"type":"record","name":"record__PARTITION_STATS","fields":[{"name":"_MIN_VALUES","type":"bytes"},{"name":"_MAX_VALUES","type":"bytes"},{"name":"_NULL_COUNTS","type":["null",{"type":"array","items":["null","long"]}],"default":null}]}},{"name":"_SCHEMA_ID","type":"long"},{"name":"_MIN_BUCKET","type":["null","int"],"default":null},{"name":"_MAX_BUCKET","type":["null","int"],"default":null},{"name":"_MIN_LEVEL","type":["null","int"],"default":null},{"name":"_MAX_LEVEL","type":["null","int"],"default":null}]})";
    EXPECT_EQ(MustParse(java).ToJson(), java);
}

TEST(AvroSchemaTest, BuiltInCode) {
    auto record = MakeRecord("ns.R", {MakeField("a", MakePrimitive(Type::kInt)),
                                      MakeField("b", MakeNullable(MakePrimitive(Type::kString)), json::Value())});
    auto schema = Schema::Make(record);
    ASSERT_TRUE(schema.ok());
    EXPECT_EQ(schema->ToJson(), R"({"type":"record","name":"R","namespace":"ns","fields":[{"name":"a","type":"int"},)"
                                R"({"name":"b","type":["null","string"],"default":null}]})");
}

TEST(AvroSchemaTest, InvalidSchemas) {
    EXPECT_NE(ParseError("\"strin\"").find("unknown type 'strin'"), std::string::npos);
    EXPECT_NE(ParseError("{").find("JSON line 1, column 2"), std::string::npos);
    EXPECT_NE(ParseError("42").find("must be a string, an array or an object"), std::string::npos);
    EXPECT_NE(ParseError(R"({"fields": []})").find("without \"type\""), std::string::npos);
    EXPECT_NE(ParseError(R"({"type": "record", "fields": []})").find("without a string \"name\""), std::string::npos);
    EXPECT_NE(ParseError(R"({"type": "record", "name": "R"})").find("\"fields\""), std::string::npos);
    EXPECT_EQ(
        ParseError(R"({"type":"record","name":"R","fields":[{"name":"a","type":"int"},{"name":"a","type":"long"}]})"),
        "avro schema at R.a: duplicate field name");
    EXPECT_EQ(ParseError(R"({"type":"record","name":"R","fields":[{"name":"a","type":"nope"}]})"),
              "avro schema at R.a: unknown type 'nope'");
    EXPECT_NE(ParseError(R"(["int", "int"])").find("two branches of type int"), std::string::npos);
    EXPECT_NE(ParseError(R"(["null", ["int"]])").find("a union directly inside a union"), std::string::npos);
    EXPECT_NE(ParseError(R"({"type":"enum","name":"E","symbols":["A","A"]})").find("repeated"), std::string::npos);
    EXPECT_NE(ParseError(R"({"type":"enum","name":"E","symbols":["A"],"default":"B"})").find("not a symbol"),
              std::string::npos);
    EXPECT_NE(ParseError(R"({"type":"fixed","name":"F","size":-1})").find("size"), std::string::npos);
    EXPECT_NE(ParseError(R"({"type":"array"})").find("\"items\""), std::string::npos);
    EXPECT_NE(ParseError(R"({"type":"map","values":"what"})").find("unknown type 'what'"), std::string::npos);
    EXPECT_NE(ParseError(R"(["null",{"type":"fixed","name":"F","size":1},{"type":"fixed","name":"F","size":2}])")
                  .find("defined twice"),
              std::string::npos);
    auto recursive =
        Schema::Parse(R"({"type":"record","name":"Node","fields":[{"name":"next","type":["null","Node"]}]})");
    EXPECT_EQ(recursive.status().code(), ErrorCode::kNotSupported);
    EXPECT_NE(recursive.status().message().find("recursive"), std::string::npos);
}

TEST(AvroSchemaTest, MakeValidatesCodeBuiltTrees) {
    EXPECT_FALSE(Schema::Make(MakeUnion({MakePrimitive(Type::kNull), MakePrimitive(Type::kNull)})).ok());
    EXPECT_FALSE(Schema::Make(MakeRecord("", {})).ok());
    EXPECT_FALSE(Schema::Make(MakeArray(nullptr)).ok());
    auto shared = MakeFixed("F", 4);
    EXPECT_TRUE(Schema::Make(MakeRecord("R", {MakeField("a", shared), MakeField("b", shared)})).ok());
    EXPECT_FALSE(
        Schema::Make(MakeRecord("R", {MakeField("a", MakeFixed("F", 4)), MakeField("b", MakeFixed("F", 4))})).ok());
}

}  // namespace
}  // namespace flashlake::format::avro
