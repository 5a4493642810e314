#include "lake/partition_path.h"

#include <gtest/gtest.h>

#include "lake/binary_row_converter.h"
#include "lake/binary_row_writer.h"
#include "lake/table_schema.h"

namespace flashlake::lake {
namespace {

std::string PathOf(const std::vector<Value>& values, const std::vector<DataField>& fields,
                   const PartitionPathOptions& options = {}) {
    std::vector<DataType> types;
    for (const DataField& field : fields) types.push_back(field.type);
    auto row = EncodeBinaryRow(values, types);
    EXPECT_TRUE(row.ok()) << row.status().ToString();
    auto path = PartitionPath(*row, fields, options);
    EXPECT_TRUE(path.ok()) << path.status().ToString();
    return path.ok() ? *path : "";
}

DataField Field(const char* name, DataType type) {
    return {0, name, std::move(type), std::nullopt};
}

TEST(PartitionPathTest, LegacyNames) {
    std::vector<DataField> fields = {Field("dt", DataType::Date()), Field("s", DataType::String()),
                                     Field("b", DataType::Boolean()), Field("d", DataType::Decimal(5, 2)),
                                     Field("n", DataType::BigInt())};
    EXPECT_EQ(PathOf({Value::Date(19723), Value::Varchar("x y"), Value::Boolean(false), Value::Decimal(-5, 5, 2),
                      Value::BigInt(-7)},
                     fields),
              "dt=19723/s=x y/b=false/d=-0.05/n=-7");
    PartitionPathOptions modern;
    modern.legacy_name = false;
    EXPECT_EQ(PathOf({Value::Date(19723), Value::Varchar("x"), Value::Boolean(true), Value::Decimal(12345, 5, 2),
                      Value::BigInt(0)},
                     fields, modern),
              "dt=2024-01-01/s=x/b=true/d=123.45/n=0");
}

TEST(PartitionPathTest, NullsBlanksAndEscapes) {
    std::vector<DataField> fields = {Field("a", DataType::String()), Field("b", DataType::String()),
                                     Field("c=d", DataType::String())};
    EXPECT_EQ(PathOf({Value::Null(LogicalType::Varchar()), Value::Varchar("  "), Value::Varchar("x/y:z%#")}, fields),
              "a=__DEFAULT_PARTITION__/b=__DEFAULT_PARTITION__/c%3Dd=x%2Fy%3Az%25%23");
    PartitionPathOptions options;
    options.default_name = "none";
    EXPECT_EQ(
        PathOf({Value::Null(LogicalType::Varchar()), Value::Varchar("v"), Value::Varchar("\x01")}, fields, options),
        "a=none/b=v/c%3Dd=%01");
    EXPECT_EQ(EscapePathName("{a}[b]^'*?\\\x7f\""), "%7Ba}%5Bb%5D%5E%27%2A%3F%5C%7F%22");
    EXPECT_EQ(PathOf({}, {}), "");
}

TEST(PartitionPathTest, TimestampsAndFloats) {
    BinaryRowWriter writer(4);
    writer.WriteTimestamp(0, PaimonTimestamp{1'704'067'200'000, 0}, 3);        // 2024-01-01T00:00
    writer.WriteTimestamp(1, PaimonTimestamp{1'704'067'230'500, 0}, 3);        // ...:30.5
    writer.WriteTimestamp(2, PaimonTimestamp{1'704'067'200'000, 123'400}, 9);  // .0001234
    writer.WriteDouble(3, 1e7);
    BinaryRow row = writer.Finish();
    std::vector<DataField> fields = {Field("t0", DataType::Timestamp(3)), Field("t1", DataType::Timestamp(3)),
                                     Field("t2", DataType::Timestamp(9)), Field("f", DataType::Double())};
    auto values = PartitionValueStrings(row, fields, {});
    ASSERT_TRUE(values.ok()) << values.status().ToString();
    EXPECT_EQ((*values)[0], "2024-01-01T00:00");
    EXPECT_EQ((*values)[1], "2024-01-01T00:00:30.500");
    EXPECT_EQ((*values)[2], "2024-01-01T00:00:00.000123400");
    EXPECT_EQ((*values)[3], "1.0E7");
    PartitionPathOptions modern;
    modern.legacy_name = false;
    EXPECT_EQ((*PartitionValueStrings(row, fields, modern))[1], "2024-01-01 00:00:30.5");

    std::vector<DataField> doubles = {Field("a", DataType::Double()), Field("b", DataType::Float()),
                                      Field("c", DataType::Double()), Field("d", DataType::Double())};
    writer = BinaryRowWriter(4);
    writer.WriteDouble(0, 12.5);
    writer.WriteFloat(1, 0.1f);
    writer.WriteDouble(2, 0.0001);
    writer.WriteDouble(3, -100.0);
    auto texts = *PartitionValueStrings(writer.Finish(), doubles, {});
    EXPECT_EQ(texts[0], "12.5");
    EXPECT_EQ(texts[1], "0.1");
    EXPECT_EQ(texts[2], "1.0E-4");
    EXPECT_EQ(texts[3], "-100.0");
}

TEST(PartitionPathTest, UnsupportedTypesAndArity) {
    BinaryRowWriter writer(1);
    writer.WriteBytes(0, "ab");
    BinaryRow row = writer.Finish();
    EXPECT_EQ(PartitionPath(row, {Field("b", DataType::Bytes())}, {}).status().code(), ErrorCode::kNotSupported);
    EXPECT_EQ(PartitionPath(row, {}, {}).status().code(), ErrorCode::kCorruption);
}

TEST(PartitionPathTest, OptionsFromSchema) {
    TableSchema schema;
    schema.options = {{"partition.default-name", "xx"}, {"partition.legacy-name", "false"}};
    PartitionPathOptions options = PartitionPathOptions::FromSchema(schema);
    EXPECT_EQ(options.default_name, "xx");
    EXPECT_FALSE(options.legacy_name);
}

}  // namespace
}  // namespace flashlake::lake
