// Encoding Datums and decoding them back, with and without schema resolution.

#include <gtest/gtest.h>

#include <limits>

#include "format/avro/datum_reader.h"
#include "format/avro/datum_writer.h"
#include "format/avro/default_value.h"
#include "format/json/json_parser.h"

namespace flashlake::format::avro {
namespace {

Schema S(std::string_view json) {
    auto schema = Schema::Parse(json);
    EXPECT_TRUE(schema.ok()) << schema.status().ToString();
    return std::move(schema).value();
}

std::string Encode(const Schema& schema, const Datum& datum) {
    std::string out;
    BinaryEncoder encoder(&out);
    Status status = EncodeDatum(schema.root(), datum, &encoder);
    EXPECT_TRUE(status.ok()) << status.ToString();
    return out;
}

Result<Datum> Decode(const Schema& writer, const Schema& reader, std::string_view bytes) {
    FL_ASSIGN_OR_RETURN(DatumReader datum_reader, DatumReader::Make(writer, reader));
    BinaryDecoder decoder(bytes);
    Datum out;
    FL_RETURN_NOT_OK(datum_reader.Read(&decoder, &out));
    if (decoder.remaining() != 0) return Status::Corruption("trailing bytes");
    return out;
}

const char* kAllTypes = R"({"type": "record", "name": "All", "fields": [
    {"name": "n", "type": "null"},
    {"name": "b", "type": "boolean"},
    {"name": "i", "type": "int"},
    {"name": "l", "type": "long"},
    {"name": "f", "type": "float"},
    {"name": "d", "type": "double"},
    {"name": "by", "type": "bytes"},
    {"name": "s", "type": "string"},
    {"name": "e", "type": {"type": "enum", "name": "E", "symbols": ["A", "B", "C"]}},
    {"name": "fx", "type": {"type": "fixed", "name": "F", "size": 3}},
    {"name": "arr", "type": {"type": "array", "items": "long"}},
    {"name": "m", "type": {"type": "map", "values": "string"}},
    {"name": "u", "type": ["null", "string", "long"]},
    {"name": "rec", "type": {"type": "record", "name": "Inner", "fields": [{"name": "x", "type": "int"}]}},
    {"name": "nested", "type": {"type": "array", "items": {"type": "map", "values": ["null", "Inner"]}}}
]})";

Datum AllTypesValue(int seed) {
    return Datum::Record({
        Datum::Null(),
        Datum::Boolean(seed % 2 == 0),
        Datum::Int(seed == 0 ? std::numeric_limits<int32_t>::min() : seed),
        Datum::Long(seed == 0 ? std::numeric_limits<int64_t>::max() : -int64_t(seed) * 1000000007),
        Datum::Float(1.25f * seed),
        Datum::Double(-0.1 * seed),
        Datum::Bytes(std::string("\x00\xff\x01", 3)),
        Datum::String("h\xc3\xa9llo " + std::to_string(seed)),
        Datum::Enum(seed % 3),
        Datum::Fixed("abc"),
        Datum::Array(seed == 1 ? std::vector<Datum>{} : std::vector<Datum>{Datum::Long(1), Datum::Long(-2)}),
        Datum::Map({"k1", "k2"}, {Datum::String("v1"), Datum::String("")}),
        seed % 3 == 0   ? Datum::Null().WithBranch(0)
        : seed % 3 == 1 ? Datum::String("u").WithBranch(1)
                        : Datum::Long(7).WithBranch(2),
        Datum::Record({Datum::Int(seed)}),
        Datum::Array(
            {Datum::Map({"a", "b"}, {Datum::Null().WithBranch(0), Datum::Record({Datum::Int(5)}).WithBranch(1)})}),
    });
}

TEST(AvroDatumTest, AllTypesRoundTrip) {
    Schema schema = S(kAllTypes);
    for (int seed = 0; seed < 6; ++seed) {
        Datum value = AllTypesValue(seed);
        std::string bytes = Encode(schema, value);
        auto decoded = Decode(schema, schema, bytes);
        ASSERT_TRUE(decoded.ok()) << decoded.status().ToString();
        EXPECT_EQ(*decoded, value) << decoded->ToString() << "\n" << value.ToString();
        EXPECT_EQ(decoded->field(12).branch(), seed % 3);  // union branches are reported
        EXPECT_EQ(decoded->field(2).branch(), -1);
    }
}

TEST(AvroDatumTest, DecodingReusesTheDatum) {
    Schema schema = S(kAllTypes);
    auto reader = DatumReader::Make(schema).value();
    std::string bytes = Encode(schema, AllTypesValue(2)) + Encode(schema, AllTypesValue(1));
    BinaryDecoder decoder(bytes);
    Datum out;
    ASSERT_TRUE(reader.Read(&decoder, &out).ok());
    EXPECT_EQ(out, AllTypesValue(2));
    ASSERT_TRUE(reader.Read(&decoder, &out).ok());
    EXPECT_EQ(out, AllTypesValue(1));  // the shorter array replaced the longer one
}

TEST(AvroDatumTest, EncodeChecksTheValue) {
    Schema schema = S(kAllTypes);
    std::string out = "prefix";
    BinaryEncoder encoder(&out);
    Datum bad = AllTypesValue(1);
    bad.mutable_items()[9] = Datum::Fixed("toolong");
    Status status = EncodeDatum(schema.root(), bad, &encoder);
    EXPECT_EQ(status.code(), ErrorCode::kInvalidArgument);
    EXPECT_EQ(status.message(), "avro encode at All.fx: fixed value of 7 bytes, not 3");
    EXPECT_EQ(out, "prefix");  // nothing appended

    bad = AllTypesValue(1);
    bad.mutable_items()[10] = Datum::Array({Datum::Long(1), Datum::String("x")});
    EXPECT_EQ(EncodeDatum(schema.root(), bad, &encoder).message(),
              "avro encode at All.arr[1]: a string value does not fit type long");
    bad = AllTypesValue(1);
    bad.mutable_items().pop_back();
    EXPECT_NE(EncodeDatum(schema.root(), bad, &encoder).message().find("has 15 fields, the value 14"),
              std::string::npos);
    bad = AllTypesValue(1);
    bad.mutable_items()[12] = Datum::Double(1.0);
    EXPECT_NE(EncodeDatum(schema.root(), bad, &encoder).message().find("no union branch for a double"),
              std::string::npos);
    bad = AllTypesValue(1);
    bad.mutable_items()[8] = Datum::Enum(3);
    EXPECT_NE(EncodeDatum(schema.root(), bad, &encoder).message().find("enum index 3"), std::string::npos);
}

TEST(AvroDatumTest, UnionBranchFromTheValueType) {
    Schema schema = S(R"(["null", "long", "string"])");
    EXPECT_EQ(Encode(schema, Datum::Null()), std::string("\x00", 1));
    EXPECT_EQ(Encode(schema, Datum::Long(1)), "\x02\x02");
    EXPECT_EQ(Encode(schema, Datum::Int(1)), "\x02\x02");  // an int widens into the long branch
    EXPECT_EQ(Encode(schema, Datum::String("a")),
              "\x04\x02"
              "a");
    EXPECT_EQ(Encode(schema, Datum::Long(1).WithBranch(2)), "\x02\x02");  // a wrong branch is corrected
}

TEST(AvroResolutionTest, FieldsMatchedByName) {
    Schema writer = S(R"({"type":"record","name":"W","fields":[
        {"name":"a","type":"int"},
        {"name":"dropped","type":{"type":"array","items":{"type":"map","values":["null","string",
            {"type":"record","name":"X","fields":[{"name":"f","type":{"type":"fixed","name":"F","size":2}}]}]}}},
        {"name":"c","type":"long"},
        {"name":"also_dropped","type":["null","double"]},
        {"name":"s","type":"string"}]})");
    Schema reader = S(R"({"type":"record","name":"R","fields":[
        {"name":"c","type":"long"},
        {"name":"renamed","aliases":["s"],"type":"bytes"},
        {"name":"missing_optional","type":["null","string"]},
        {"name":"a","type":"double"},
        {"name":"with_default","type":"int","default":7},
        {"name":"list_default","type":{"type":"array","items":"string"},"default":["x","y"]}]})");
    Datum written = Datum::Record({Datum::Int(3),
                                   Datum::Array({Datum::Map({"k", "l", "m"}, {Datum::Null(), Datum::String("v"),
                                                                              Datum::Record({Datum::Fixed("ab")})})}),
                                   Datum::Long(-9), Datum::Double(2.5), Datum::String("str")});
    auto decoded = Decode(writer, reader, Encode(writer, written));
    ASSERT_TRUE(decoded.ok()) << decoded.status().ToString();
    Datum expected = Datum::Record({Datum::Long(-9), Datum::Bytes("str"), Datum::Null(), Datum::Double(3.0),
                                    Datum::Int(7), Datum::Array({Datum::String("x"), Datum::String("y")})});
    EXPECT_EQ(*decoded, expected) << decoded->ToString();
    EXPECT_EQ(decoded->field(2).branch(), 0);  // the null branch of the reader's union
}

TEST(AvroResolutionTest, Promotions) {
    struct Case {
        const char* writer;
        Datum value;
        const char* reader;
        Datum expected;
    };
    std::vector<Case> cases = {
        {R"("int")", Datum::Int(-5), R"("long")", Datum::Long(-5)},
        {R"("int")", Datum::Int(3), R"("float")", Datum::Float(3)},
        {R"("int")", Datum::Int(3), R"("double")", Datum::Double(3)},
        {R"("long")", Datum::Long(1LL << 40), R"("float")", Datum::Float(float(1LL << 40))},
        {R"("long")", Datum::Long(-7), R"("double")", Datum::Double(-7)},
        {R"("float")", Datum::Float(0.5f), R"("double")", Datum::Double(0.5)},
        {R"("string")", Datum::String("s"), R"("bytes")", Datum::Bytes("s")},
        {R"("bytes")", Datum::Bytes("b"), R"("string")", Datum::String("b")},
        {R"("long")", Datum::Long(4), R"(["null","long"])", Datum::Long(4)},
        {R"("int")", Datum::Int(4), R"(["null","string","long"])", Datum::Long(4)},
        {R"(["null","int"])", Datum::Int(4), R"(["long","null"])", Datum::Long(4)},
        {R"(["null","int"])", Datum::Null(), R"(["long","null"])", Datum::Null()},
        {R"(["null","long"])", Datum::Long(8), R"("long")", Datum::Long(8)},
    };
    for (const Case& c : cases) {
        SCOPED_TRACE(std::string(c.writer) + " -> " + c.reader);
        Schema writer = S(c.writer), reader = S(c.reader);
        auto decoded = Decode(writer, reader, Encode(writer, c.value));
        ASSERT_TRUE(decoded.ok()) << decoded.status().ToString();
        EXPECT_EQ(*decoded, c.expected) << decoded->ToString();
    }
    // The branch a reader union value lands in.
    auto decoded =
        Decode(S(R"(["null","int"])"), S(R"(["long","null"])"), Encode(S(R"(["null","int"])"), Datum::Null()));
    EXPECT_EQ(decoded->branch(), 1);
}

TEST(AvroResolutionTest, UnreadableUnionBranchFailsOnlyWhenTaken) {
    Schema writer = S(R"(["null","string","long"])");
    Schema reader = S(R"("long")");
    EXPECT_TRUE(Decode(writer, reader, Encode(writer, Datum::Long(1))).ok());
    auto failed = Decode(writer, reader, Encode(writer, Datum::String("x")));
    EXPECT_EQ(failed.status().code(), ErrorCode::kInvalidArgument);
    EXPECT_NE(failed.status().message().find("writer type string cannot be read as long"), std::string::npos)
        << failed.status().message();
}

TEST(AvroResolutionTest, Enums) {
    Schema writer = S(R"({"type":"enum","name":"K","symbols":["ADD","DELETE","UPDATE"]})");
    Schema reader = S(R"({"type":"enum","name":"K","symbols":["DELETE","ADD","OTHER"],"default":"OTHER"})");
    EXPECT_EQ(Decode(writer, reader, Encode(writer, Datum::Enum(0))).value(), Datum::Enum(1));
    EXPECT_EQ(Decode(writer, reader, Encode(writer, Datum::Enum(1))).value(), Datum::Enum(0));
    EXPECT_EQ(Decode(writer, reader, Encode(writer, Datum::Enum(2))).value(), Datum::Enum(2));  // default
    Schema strict = S(R"({"type":"enum","name":"K","symbols":["ADD","DELETE"]})");
    EXPECT_EQ(Decode(writer, strict, Encode(writer, Datum::Enum(2))).status().code(), ErrorCode::kInvalidArgument);
}

TEST(AvroResolutionTest, IncompatibleSchemasFailAtMake) {
    auto error = [](std::string_view writer, std::string_view reader) {
        auto made = DatumReader::Make(S(writer), S(reader));
        EXPECT_FALSE(made.ok());
        EXPECT_EQ(made.status().code(), ErrorCode::kInvalidArgument);
        return made.ok() ? "" : made.status().message();
    };
    EXPECT_EQ(error(R"({"type":"record","name":"R","fields":[{"name":"a","type":"string"}]})",
                    R"({"type":"record","name":"R","fields":[{"name":"a","type":"long"}]})"),
              "avro schema resolution at R.a: writer type string cannot be read as long");
    EXPECT_EQ(error(R"({"type":"record","name":"R","fields":[]})",
                    R"({"type":"record","name":"R","fields":[{"name":"req","type":"long"}]})"),
              "avro schema resolution at R.req: the writer has no such field and the reader gives no default");
    EXPECT_NE(error(R"({"type":"fixed","name":"F","size":4})", R"({"type":"fixed","name":"F","size":8})")
                  .find("fixed sizes differ"),
              std::string::npos);
    EXPECT_NE(error(R"("double")", R"("float")").find("cannot be read as float"), std::string::npos);
    EXPECT_NE(error(R"("long")", R"(["null","string"])").find("matches no reader union branch"), std::string::npos);
    EXPECT_NE(error(R"({"type":"record","name":"R","fields":[]})",
                    R"({"type":"record","name":"R","fields":[{"name":"x","type":"int","default":"str"}]})")
                  .find("bad default"),
              std::string::npos);
}

TEST(AvroResolutionTest, DefaultValues) {
    auto d = [](std::string_view schema, std::string_view json) {
        return DefaultDatum(S(schema).root(), json::Parse(json).value());
    };
    EXPECT_EQ(d(R"("null")", "null").value(), Datum::Null());
    EXPECT_EQ(d(R"("boolean")", "true").value(), Datum::Boolean(true));
    EXPECT_EQ(d(R"("int")", "-3").value(), Datum::Int(-3));
    EXPECT_FALSE(d(R"("int")", "3000000000").ok());
    EXPECT_EQ(d(R"("long")", "3000000000").value(), Datum::Long(3000000000));
    EXPECT_EQ(d(R"("float")", "1").value(), Datum::Float(1));
    EXPECT_EQ(d(R"("double")", "1.5").value(), Datum::Double(1.5));
    EXPECT_EQ(d(R"("string")", R"("x")").value(), Datum::String("x"));
    EXPECT_EQ(d(R"("bytes")", R"("\u0000\u00ff")").value(), Datum::Bytes(std::string("\x00\xff", 2)));
    EXPECT_FALSE(d(R"("bytes")", R"("\u0100")").ok());
    EXPECT_EQ(d(R"({"type":"fixed","name":"F","size":2})", R"("ab")").value(), Datum::Fixed("ab"));
    EXPECT_FALSE(d(R"({"type":"fixed","name":"F","size":2})", R"("abc")").ok());
    EXPECT_EQ(d(R"({"type":"enum","name":"E","symbols":["A","B"]})", R"("B")").value(), Datum::Enum(1));
    EXPECT_EQ(d(R"({"type":"map","values":"int"})", R"({"a":1})").value(), Datum::Map({"a"}, {Datum::Int(1)}));
    EXPECT_EQ(
        d(R"({"type":"record","name":"R","fields":[{"name":"a","type":"int"},{"name":"b","type":"int","default":2}]})",
          R"({"a":1})")
            .value(),
        Datum::Record({Datum::Int(1), Datum::Int(2)}));
    auto first = d(R"(["null","long"])", "null");
    EXPECT_EQ(first->branch(), 0);
    auto lenient = d(R"(["null","long"])", "5");  // not the first branch, accepted leniently
    EXPECT_EQ(lenient.value(), Datum::Long(5));
    EXPECT_EQ(lenient->branch(), 1);
    EXPECT_FALSE(d(R"("int")", R"("1")").ok());
}

TEST(AvroMalformedDataTest, ErrorsNameTheOffset) {
    Schema schema = S(R"({"type":"record","name":"R","fields":[
        {"name":"u","type":["null","long"]},
        {"name":"e","type":{"type":"enum","name":"E","symbols":["A"]}},
        {"name":"a","type":{"type":"array","items":"long"}}]})");
    auto read = [&](std::string_view bytes) { return Decode(schema, schema, bytes); };
    EXPECT_EQ(read(std::string("\x06", 1)).status().message(), "union branch 3 out of range for 2 branches at byte 0");
    EXPECT_EQ(read(std::string("\x00\x02", 2)).status().message(), "enum index 1 out of range for 1 symbols at byte 1");
    // An array claiming 2^40 longs in a few bytes is refused before anything is allocated.
    std::string huge("\x00\x00", 2);
    BinaryEncoder(&huge).WriteLong(int64_t(1) << 40);
    auto status = read(huge).status();
    EXPECT_EQ(status.code(), ErrorCode::kCorruption);
    EXPECT_NE(status.message().find("block of 1099511627776 items exceeds the 0 bytes remaining"), std::string::npos)
        << status.message();
    // A negative count carries a byte size, which must fit.
    std::string sized("\x00\x00", 2);
    BinaryEncoder(&sized).WriteLong(-1);
    BinaryEncoder(&sized).WriteLong(100);
    EXPECT_NE(read(sized).status().message().find("byte size 100 is invalid"), std::string::npos);
    std::string good("\x00\x00", 2);
    BinaryEncoder(&good).WriteLong(-1);
    BinaryEncoder(&good).WriteLong(1);
    BinaryEncoder(&good).WriteLong(42);
    BinaryEncoder(&good).WriteLong(0);
    EXPECT_EQ(read(good).value().field(2), Datum::Array({Datum::Long(42)}));
}

TEST(AvroMalformedDataTest, ZeroSizeItemsAreCapped) {
    Schema nulls = S(R"({"type":"array","items":"null"})");
    std::string bytes;
    BinaryEncoder(&bytes).WriteLong(int64_t(1) << 40);
    BinaryEncoder(&bytes).WriteLong(0);
    auto status = Decode(nulls, nulls, bytes).status();
    EXPECT_EQ(status.code(), ErrorCode::kCorruption);
    EXPECT_NE(status.message().find("zero-size items"), std::string::npos);
    // Skipping such an array (a writer field the reader drops) is capped the same way.
    Schema writer = S(R"({"type":"record","name":"R","fields":[{"name":"x","type":{"type":"array","items":"null"}}]})");
    Schema reader = S(R"({"type":"record","name":"R","fields":[]})");
    EXPECT_EQ(Decode(writer, reader, bytes).status().code(), ErrorCode::kCorruption);
    std::string small;
    BinaryEncoder(&small).WriteLong(1000);
    BinaryEncoder(&small).WriteLong(0);
    EXPECT_EQ(Decode(nulls, nulls, small).value().items().size(), 1000u);
}

TEST(AvroMalformedDataTest, EveryTruncationOfAValueIsRefused) {
    Schema schema = S(kAllTypes);
    std::string bytes = Encode(schema, AllTypesValue(4));
    for (size_t size = 0; size < bytes.size(); ++size) {
        auto decoded = Decode(schema, schema, std::string_view(bytes).substr(0, size));
        ASSERT_FALSE(decoded.ok()) << size;
        EXPECT_EQ(decoded.status().code(), ErrorCode::kCorruption) << decoded.status().ToString();
    }
}

}  // namespace
}  // namespace flashlake::format::avro
