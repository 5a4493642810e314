#include "lake/data_type.h"

#include <gtest/gtest.h>

#include "format/json/json_parser.h"
#include "format/json/json_writer.h"

namespace flashlake::lake {
namespace {

namespace json = format::json;

DataType MustParse(std::string_view text) {
    auto type = DataType::Parse(text);
    EXPECT_TRUE(type.ok()) << text << ": " << type.status().ToString();
    return type.ok() ? *type : DataType();
}

TEST(DataTypeTest, ParsesAndPrintsAtomicTypes) {
    // Text as Paimon writes it -> the same text back.
    for (const char* text : {"BOOLEAN",
                             "TINYINT",
                             "SMALLINT",
                             "INT",
                             "INT NOT NULL",
                             "BIGINT",
                             "FLOAT",
                             "DOUBLE",
                             "DECIMAL(10, 2)",
                             "DECIMAL(38, 0) NOT NULL",
                             "CHAR(5)",
                             "VARCHAR(20)",
                             "STRING",
                             "STRING NOT NULL",
                             "BINARY(3)",
                             "VARBINARY(9)",
                             "BYTES",
                             "DATE",
                             "TIME(0)",
                             "TIME(3)",
                             "TIMESTAMP(0)",
                             "TIMESTAMP(9)",
                             "TIMESTAMP(3) WITH LOCAL TIME ZONE",
                             "VARIANT",
                             "BLOB",
                             "BLOB NOT NULL"}) {
        EXPECT_EQ(MustParse(text).ToString(), text);
    }
}

TEST(DataTypeTest, AcceptsAliasesAndDefaults) {
    EXPECT_EQ(MustParse("VARCHAR(2147483647)"), DataType::String());
    EXPECT_EQ(MustParse("varbinary(2147483647)"), DataType::Bytes());
    EXPECT_EQ(MustParse("integer"), DataType::Int());
    EXPECT_EQ(MustParse("DECIMAL"), DataType::Decimal(10, 0));
    EXPECT_EQ(MustParse("NUMERIC(5)"), DataType::Decimal(5, 0));
    EXPECT_EQ(MustParse("TIMESTAMP"), DataType::Timestamp(6));
    EXPECT_EQ(MustParse("TIMESTAMP(3) WITHOUT TIME ZONE"), DataType::Timestamp(3));
    EXPECT_EQ(MustParse("TIMESTAMP_LTZ(9)"), DataType::TimestampLtz(9));
    EXPECT_EQ(MustParse("DOUBLE PRECISION NULL"), DataType::Double());
    EXPECT_EQ(MustParse("CHAR"), DataType::Char(1));
    EXPECT_FALSE(MustParse("int not null").nullable());
}

TEST(DataTypeTest, NestedTextForms) {
    DataType array = MustParse("ARRAY<INT>");
    EXPECT_EQ(array, DataType::Array(DataType::Int()));
    EXPECT_EQ(MustParse("ARRAY<INT NOT NULL> NOT NULL").ToString(), "ARRAY<INT NOT NULL> NOT NULL");
    EXPECT_EQ(MustParse("MAP<STRING, ARRAY<BIGINT>>").ToString(), "MAP<STRING, ARRAY<BIGINT>>");
    EXPECT_EQ(MustParse("MULTISET<DATE>").ToString(), "MULTISET<DATE>");
    DataType row = MustParse("ROW<`a b` INT 'the a', c STRING NOT NULL>");
    ASSERT_EQ(row.fields().size(), 2u);
    EXPECT_EQ(row.fields()[0].name, "a b");
    EXPECT_EQ(row.fields()[0].description, "the a");
    EXPECT_EQ(row.fields()[1].name, "c");
    EXPECT_FALSE(row.fields()[1].type.nullable());
    EXPECT_EQ(row.ToString(), "ROW<`a b` INT 'the a', `c` STRING NOT NULL>");
}

TEST(DataTypeTest, RejectsBadText) {
    for (const char* text : {"", "INTEGRAL", "DECIMAL(40, 2)", "DECIMAL(5, 6)", "TIMESTAMP(10)", "VARCHAR(0)",
                             "ARRAY<INT", "MAP<INT>", "INT NOT", "INT extra", "ROW<a>", "TIMESTAMP(3) WITH TIME"}) {
        auto type = DataType::Parse(text);
        EXPECT_FALSE(type.ok()) << text;
        if (!type.ok()) {
            EXPECT_EQ(type.status().code(), ErrorCode::kInvalidArgument) << text;
        }
    }
}

TEST(DataTypeTest, JsonForms) {
    auto doc = json::Parse(R"({"type": "ROW NOT NULL", "fields": [
        {"id": 5, "name": "f0", "type": "STRING"},
        {"id": 7, "name": "f2", "type": {"type": "ARRAY", "element": "INT"}},
        {"id": 8, "name": "m", "type": {"type": "MAP", "key": "INT NOT NULL", "value": {"type": "MULTISET", "element": "DATE"}}}]})");
    ASSERT_TRUE(doc.ok());
    auto type = DataType::FromJson(*doc);
    ASSERT_TRUE(type.ok()) << type.status().ToString();
    EXPECT_FALSE(type->nullable());
    EXPECT_EQ(type->fields()[1].type, DataType::Array(DataType::Int()));
    EXPECT_EQ(type->fields()[2].type.value().element(), DataType::Date());
    EXPECT_EQ(type->ToJson(), *doc);
    EXPECT_EQ(DataType::String().ToJson(), json::Value("STRING"));
    EXPECT_FALSE(DataType::FromJson(json::Value(3)).ok());
    EXPECT_FALSE(DataType::FromJson(*json::Parse(R"({"type": "ARRAY"})")).ok());
}

TEST(DataTypeTest, MapsToLogicalTypes) {
    EXPECT_EQ(*DataType::Timestamp(9).ToLogicalType(), LogicalType::DateTime());
    EXPECT_EQ(*DataType::TimestampLtz(3).ToLogicalType(), LogicalType::DateTime());
    EXPECT_EQ(*DataType::Decimal(30, 2).ToLogicalType(), LogicalType::Decimal(30, 2));
    EXPECT_EQ(DataType::Char(3).ToLogicalType()->id(), TypeId::kVarchar);
    EXPECT_EQ(*DataType::Bytes().ToLogicalType(), LogicalType::Varbinary());
    EXPECT_EQ(*DataType::Time(3).ToLogicalType(), LogicalType::Int());
    EXPECT_EQ(*DataType::Array(DataType::BigInt()).ToLogicalType(), LogicalType::Array(LogicalType::BigInt()));
    EXPECT_EQ(DataType::Map(DataType::Int(), DataType::Int()).ToLogicalType().status().code(),
              ErrorCode::kNotSupported);
    EXPECT_EQ(*DataType::FromLogicalType(LogicalType::DateTime()), DataType::Timestamp(6));
    EXPECT_EQ(*DataType::FromLogicalType(LogicalType::Bitmap()), DataType::Bytes());
    EXPECT_EQ(*DataType::FromLogicalType(LogicalType::Decimal(12, 3)), DataType::Decimal(12, 3));
    EXPECT_FALSE(DataType::FromLogicalType(LogicalType::LargeInt()).ok());
}

TEST(DataTypeTest, MaxFieldIdDescendsIntoNestedRows) {
    std::vector<DataField> fields = {
        {0, "a", DataType::Int(), std::nullopt},
        {1, "b", DataType::Array(DataType::Row({{9, "x", DataType::Int(), std::nullopt}})), std::nullopt},
        {4, "c", DataType::Row({{5, "y", DataType::Int(), std::nullopt}}), std::nullopt}};
    EXPECT_EQ(MaxFieldId(fields), 9);
    EXPECT_EQ(MaxFieldId({}), -1);
}

}  // namespace
}  // namespace flashlake::lake
