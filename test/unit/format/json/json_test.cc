#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "format/json/json_parser.h"
#include "format/json/json_value.h"
#include "format/json/json_writer.h"

namespace flashlake::format::json {
namespace {

Value MustParse(std::string_view text) {
    auto value = Parse(text);
    EXPECT_TRUE(value.ok()) << value.status().ToString();
    return value.ok() ? *value : Value();
}

std::string ParseError(std::string_view text) {
    auto value = Parse(text);
    EXPECT_FALSE(value.ok()) << "parsed: " << text;
    if (value.ok()) return "";
    EXPECT_EQ(value.status().code(), ErrorCode::kInvalidArgument);
    return value.status().message();
}

TEST(JsonParseTest, Scalars) {
    EXPECT_TRUE(MustParse("null").is_null());
    EXPECT_EQ(MustParse(" true ").AsBool(), true);
    EXPECT_EQ(MustParse("false").AsBool(), false);
    EXPECT_EQ(MustParse("0").AsInt(), 0);
    EXPECT_EQ(MustParse("-42").AsInt(), -42);
    EXPECT_EQ(MustParse("9223372036854775807").AsInt(), INT64_MAX);
    EXPECT_EQ(MustParse("-9223372036854775808").AsInt(), INT64_MIN);
    Value big = MustParse("9223372036854775808");
    EXPECT_EQ(big.type(), Type::kDouble);
    EXPECT_DOUBLE_EQ(big.AsDouble(), 9223372036854775808.0);
    EXPECT_DOUBLE_EQ(MustParse("11.1").AsDouble(), 11.1);
    EXPECT_DOUBLE_EQ(MustParse("-1.5e3").AsDouble(), -1500.0);
    EXPECT_DOUBLE_EQ(MustParse("2E-2").AsDouble(), 0.02);
    EXPECT_EQ(MustParse("1e400").AsDouble(), HUGE_VAL);
    EXPECT_EQ(MustParse("-1e400").AsDouble(), -HUGE_VAL);
    EXPECT_EQ(MustParse("1e-400").AsDouble(), 0.0);
    EXPECT_EQ(MustParse("1" + std::string(400, '0')).AsDouble(), HUGE_VAL);
    EXPECT_EQ(MustParse("0." + std::string(400, '0') + "1").AsDouble(), 0.0);
    EXPECT_EQ(MustParse(R"("a\"b\\c\/d\n\t\u0041\u00e9\u20ac\ud83d\ude00")").AsString(),
              "a\"b\\c/d\n\tA\xc3\xa9\xe2\x82\xac\xf0\x9f\x98\x80");
    EXPECT_EQ(MustParse("\"raw \xc3\xa9 utf8\"").AsString(), "raw \xc3\xa9 utf8");
}

TEST(JsonParseTest, ObjectsKeepOrderAndArraysNest) {
    Value v = MustParse(R"({"z": 1, "a": [1, 2.5, "x", null, {"k": []}], "m": {}})");
    ASSERT_TRUE(v.is_object());
    ASSERT_EQ(v.size(), 3u);
    EXPECT_EQ(v.AsObject()[0].first, "z");
    EXPECT_EQ(v.AsObject()[1].first, "a");
    EXPECT_EQ(v.AsObject()[2].first, "m");
    const Value* a = v.Find("a");
    ASSERT_NE(a, nullptr);
    ASSERT_EQ(a->size(), 5u);
    EXPECT_EQ(a->AsArray()[1].AsDouble(), 2.5);
    EXPECT_TRUE(a->AsArray()[4].Find("k")->is_array());
    EXPECT_EQ(v.Find("missing"), nullptr);
    EXPECT_EQ(a->Find("z"), nullptr);  // not an object
}

TEST(JsonParseTest, ErrorsGiveLineAndColumn) {
    EXPECT_EQ(ParseError("{\n  \"a\": 1,\n  \"b\" 2\n}"), "JSON line 3, column 7: expected ':' after an object key");
    EXPECT_EQ(ParseError("[1, 2,]"), "JSON line 1, column 7: unexpected character ']', expected a value");
    EXPECT_EQ(ParseError(""), "JSON line 1, column 1: unexpected end of input, expected a value");
    EXPECT_EQ(ParseError("{\"a\":1} x"), "JSON line 1, column 9: unexpected text after the JSON value");
    EXPECT_EQ(ParseError("\"abc"), "JSON line 1, column 1: unterminated string");
    EXPECT_NE(ParseError("01").find("leading zeros"), std::string::npos);
    EXPECT_NE(ParseError("1.").find("after '.'"), std::string::npos);
    EXPECT_NE(ParseError("-").find("expected a digit"), std::string::npos);
    EXPECT_NE(ParseError("1e+").find("exponent"), std::string::npos);
    EXPECT_NE(ParseError("tru").find("'true'"), std::string::npos);
    EXPECT_NE(ParseError("\"a\nb\"").find("control character"), std::string::npos);
    EXPECT_NE(ParseError(R"("\x")").find("invalid escape"), std::string::npos);
    EXPECT_NE(ParseError(R"("\u12")").find("\\u"), std::string::npos);
    EXPECT_NE(ParseError(R"("\ud800")").find("surrogate"), std::string::npos);
    EXPECT_NE(ParseError(R"("\udc00")").find("surrogate"), std::string::npos);
    EXPECT_NE(ParseError("{1:2}").find("string key"), std::string::npos);
    EXPECT_NE(ParseError("[1 2]").find("',' or ']'"), std::string::npos);
    EXPECT_NE(ParseError("{\"a\":1 \"b\":2}").find("',' or '}'"), std::string::npos);
    EXPECT_NE(ParseError("NaN").find("unexpected character"), std::string::npos);
}

TEST(JsonParseTest, DepthIsBounded) {
    std::string deep(100000, '[');
    EXPECT_NE(ParseError(deep).find("nesting deeper than 256"), std::string::npos);
    std::string ok = std::string(200, '[') + std::string(200, ']');
    EXPECT_TRUE(Parse(ok).ok());
    ParseOptions shallow;
    shallow.max_depth = 2;
    EXPECT_FALSE(Parse("[[[1]]]", shallow).ok());
    EXPECT_TRUE(Parse("[[1]]", shallow).ok());
}

TEST(JsonParseTest, TruncatedInputsNeverCrash) {
    std::string doc = R"({"a": [1, -2.5e3, "x\u00e9\"", true, false, null, {"b": {}}], "c": "\ud83d\ude00"})";
    ASSERT_TRUE(Parse(doc).ok());
    for (size_t n = 0; n < doc.size(); ++n) EXPECT_FALSE(Parse(doc.substr(0, n)).ok()) << n;
}

TEST(JsonValueTest, TypedGettersValidate) {
    Value v = MustParse(R"({"id": 3, "name": "t", "ok": true, "ratio": 0.5, "none": null})");
    EXPECT_EQ(v.GetInt("id").value(), 3);
    EXPECT_EQ(v.GetString("name").value(), "t");
    EXPECT_EQ(v.GetBool("ok").value(), true);
    EXPECT_EQ(v.GetDouble("ratio").value(), 0.5);
    EXPECT_EQ(v.GetDouble("id").value(), 3.0);  // integers are numbers too
    EXPECT_EQ(v.GetInt("name").status().message(), "JSON key 'name' is string, expected integer");
    EXPECT_EQ(v.GetInt("none").status().message(), "JSON object has no key 'none'");
    EXPECT_EQ(v.GetInt("absent").status().code(), ErrorCode::kInvalidArgument);
    EXPECT_FALSE(Value(1).GetInt("x").ok());
}

TEST(JsonValueTest, BuildAndSet) {
    Value obj = Value::MakeObject();
    obj.Set("b", 1);
    obj.Set("a", "x");
    obj.Set("b", 2);  // replaces in place
    Value arr = Value::MakeArray();
    arr.Append(true);
    arr.Append(Value());
    obj.Set("list", std::move(arr));
    EXPECT_EQ(Write(obj), R"({"b":2,"a":"x","list":[true,null]})");
    EXPECT_EQ(MustParse(Write(obj)), obj);
}

TEST(JsonWriteTest, CompactEscapesAndNumbers) {
    Value v(Value::Array{Value("q\"b\\s\n\x01\x1f/\xc3\xa9"), Value(1.0), Value(0.1), Value(-2.5e-10), Value(1e21),
                         Value(int64_t{-7}), Value(std::nan("")), Value(INFINITY)});
    EXPECT_EQ(Write(v), R"(["q\"b\\s\n\u0001\u001f/)"
                        "\xc3\xa9"
                        R"(",1.0,0.1,-2.5e-10,1e+21,-7,null,null])");
    EXPECT_EQ(Quote("tab\there"), R"("tab\there")");
    for (double d : {0.1, 1.0 / 3, 123456789.125, 5e-324, 1.7976931348623157e308}) {
        EXPECT_EQ(MustParse(Write(Value(d))).AsDouble(), d);
    }
}

TEST(JsonWriteTest, PrettyMatchesJacksonStyle) {
    Value v = MustParse(R"({"version":3,"fields":[{"id":0,"name":"f0"},{"id":1,"name":"f1"}],
        "partitionKeys":["f1"],"primaryKeys":[],"options":{"bucket":"2"},"logOffsets":{},"x":null})");
    WriteOptions pretty;
    pretty.pretty = true;
    EXPECT_EQ(Write(v, pretty), R"({
  "version" : 3,
  "fields" : [ {
    "id" : 0,
    "name" : "f0"
  }, {
    "id" : 1,
    "name" : "f1"
  } ],
  "partitionKeys" : [ "f1" ],
  "primaryKeys" : [ ],
  "options" : {
    "bucket" : "2"
  },
  "logOffsets" : { },
  "x" : null
})");
}

// Every schema and snapshot file that Paimon's Java writer produced in the shared test data
// parses, and pretty-printing it gives back the identical bytes.
TEST(JsonWriteTest, RoundTripsPaimonMetadataFilesByteForByte) {
    namespace fs = std::filesystem;
    fs::path root = fs::path(FL_SHARED_DIR) / "testdata" / "paimon";
    if (!fs::exists(root)) GTEST_SKIP() << "no shared test data at " << root;
    int files = 0;
    WriteOptions pretty;
    pretty.pretty = true;
    for (const auto& entry : fs::recursive_directory_iterator(root)) {
        if (!entry.is_regular_file()) continue;
        std::string dir = entry.path().parent_path().filename().string();
        std::string name = entry.path().filename().string();
        bool metadata = (dir == "schema" && name.rfind("schema-", 0) == 0) ||
                        (dir == "snapshot" && name.rfind("snapshot-", 0) == 0);
        if (!metadata) continue;
        std::ifstream in(entry.path(), std::ios::binary);
        std::stringstream buffer;
        buffer << in.rdbuf();
        std::string text = buffer.str();
        auto parsed = Parse(text);
        ASSERT_TRUE(parsed.ok()) << entry.path() << ": " << parsed.status().ToString();
        EXPECT_EQ(Write(*parsed, pretty), text) << entry.path();
        ++files;
    }
    EXPECT_GT(files, 100);
}

}  // namespace
}  // namespace flashlake::format::json
