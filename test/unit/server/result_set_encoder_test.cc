#include "server/mysql/result_set_encoder.h"

#include <gtest/gtest.h>

#include <vector>

#include "column/chunk.h"
#include "exec/query_executor.h"
#include "server/mysql/wire_codec.h"

namespace flashlake::server::mysql {
namespace {

struct DecodedColumn {
    std::string name;
    uint16_t charset = 0;
    uint32_t length = 0;
    uint8_t type = 0;
    uint16_t flags = 0;
    uint8_t decimals = 0;
};

DecodedColumn DecodeColumn(std::string_view payload) {
    WireReader in(payload);
    DecodedColumn column;
    EXPECT_EQ(in.LenencString(), "def");
    for (int i = 0; i < 3; ++i) in.LenencString();  // schema, table, org_table
    column.name = std::string(in.LenencString().value_or("?"));
    EXPECT_EQ(in.LenencString(), column.name);
    EXPECT_EQ(in.LenencInt(), 0x0cu);
    column.charset = in.Int2().value_or(0);
    column.length = in.Int4().value_or(0);
    column.type = in.Int1().value_or(0);
    column.flags = in.Int2().value_or(0);
    column.decimals = in.Int1().value_or(0);
    EXPECT_EQ(in.Int2(), 0);
    EXPECT_TRUE(in.ok());
    EXPECT_TRUE(in.AtEnd());
    return column;
}

std::vector<std::string> Encode(const exec::QueryRows& rows, bool deprecate_eof, uint16_t status) {
    std::vector<std::string> packets;
    Status result = EncodeResultSet(rows, deprecate_eof, status, [&](std::string_view payload) {
        packets.emplace_back(payload);
        return Status::OK();
    });
    EXPECT_TRUE(result.ok());
    return packets;
}

exec::QueryRows SampleRows() {
    exec::QueryRows rows;
    rows.names = {"n", "s", "d", "z"};
    rows.types = {LogicalType::BigInt(), LogicalType::Varchar(), LogicalType::Date(), LogicalType::Null()};
    std::vector<ColumnPtr> columns = {
        Column::FromValues(LogicalType::BigInt(), {Value::BigInt(2), Value::Null(LogicalType::BigInt())}),
        Column::FromValues(LogicalType::Varchar(), {Value::Varchar("abc"), Value::Varchar("")}),
        Column::FromValues(LogicalType::Date(), {Value::Date(19723), Value::Date(0)}),
        Column::MakeConstant(Value(), 2),
    };
    rows.chunks.emplace_back(std::move(columns), 2);
    return rows;
}

TEST(ResultSetEncoderTest, ColumnTypes) {
    struct Case {
        LogicalType type;
        ColumnType mysql;
        uint16_t charset;
        uint8_t decimals;
    };
    std::vector<Case> cases = {
        {LogicalType::Boolean(), ColumnType::kTiny, kCharsetBinary, 0},
        {LogicalType::TinyInt(), ColumnType::kTiny, kCharsetBinary, 0},
        {LogicalType::SmallInt(), ColumnType::kShort, kCharsetBinary, 0},
        {LogicalType::Int(), ColumnType::kLong, kCharsetBinary, 0},
        {LogicalType::BigInt(), ColumnType::kLongLong, kCharsetBinary, 0},
        {LogicalType::LargeInt(), ColumnType::kNewDecimal, kCharsetBinary, 0},
        {LogicalType::Float(), ColumnType::kFloat, kCharsetBinary, 31},
        {LogicalType::Double(), ColumnType::kDouble, kCharsetBinary, 31},
        {LogicalType::Decimal(12, 2), ColumnType::kNewDecimal, kCharsetBinary, 2},
        {LogicalType::Date(), ColumnType::kDate, kCharsetBinary, 0},
        {LogicalType::DateTime(), ColumnType::kDateTime, kCharsetBinary, 6},
        {LogicalType::Varchar(10), ColumnType::kVarString, kCharsetUtf8mb4GeneralCi, 0},
        {LogicalType::Varbinary(), ColumnType::kBlob, kCharsetBinary, 0},
        {LogicalType::Null(), ColumnType::kNull, kCharsetBinary, 0},
    };
    for (const Case& c : cases) {
        DecodedColumn column = DecodeColumn(EncodeColumnDefinition(DescribeColumn("c", c.type)));
        EXPECT_EQ(column.type, static_cast<uint8_t>(c.mysql)) << c.type.ToString();
        EXPECT_EQ(column.charset, c.charset) << c.type.ToString();
        EXPECT_EQ(column.decimals, c.decimals) << c.type.ToString();
    }
    DecodedColumn decimal = DecodeColumn(EncodeColumnDefinition(DescribeColumn("c", LogicalType::Decimal(12, 2))));
    EXPECT_EQ(decimal.length, 14u);  // 12 digits, sign, point
    EXPECT_TRUE(decimal.flags & kFlagNum);
    DecodedColumn varchar = DecodeColumn(EncodeColumnDefinition(DescribeColumn("c", LogicalType::Varchar(10))));
    EXPECT_EQ(varchar.length, 40u);  // utf8mb4: four bytes a character
    EXPECT_FALSE(varchar.flags & kFlagBinary);
    DecodedColumn blob = DecodeColumn(EncodeColumnDefinition(DescribeColumn("c", LogicalType::Varbinary())));
    EXPECT_TRUE(blob.flags & kFlagBinary);
}

TEST(ResultSetEncoderTest, ResultSetWithEof) {
    std::vector<std::string> packets = Encode(SampleRows(), false, kStatusAutocommit);
    // count, 4 definitions, EOF, 2 rows, EOF
    ASSERT_EQ(packets.size(), 9u);
    EXPECT_EQ(packets[0], "\x04");
    EXPECT_EQ(DecodeColumn(packets[1]).name, "n");
    EXPECT_EQ(DecodeColumn(packets[1]).type, static_cast<uint8_t>(ColumnType::kLongLong));
    EXPECT_EQ(DecodeColumn(packets[2]).name, "s");
    EXPECT_EQ(DecodeColumn(packets[3]).type, static_cast<uint8_t>(ColumnType::kDate));
    EXPECT_EQ(packets[5], std::string("\xfe\x00\x00\x02\x00", 5));
    EXPECT_EQ(packets[6], std::string("\x01"
                                      "2"
                                      "\x03"
                                      "abc"
                                      "\x0a"
                                      "2024-01-01"
                                      "\xfb"));
    EXPECT_EQ(packets[7], std::string("\xfb"
                                      "\x00"
                                      "\x0a"
                                      "1970-01-01"
                                      "\xfb",
                                      14));
    EXPECT_EQ(packets[8], std::string("\xfe\x00\x00\x02\x00", 5));
}

TEST(ResultSetEncoderTest, DeprecateEofEndsWithOkAndCarriesMoreResults) {
    std::vector<std::string> packets = Encode(SampleRows(), true, kStatusAutocommit | kStatusMoreResultsExist);
    // count, 4 definitions, 2 rows, OK with an EOF header: no EOF after the definitions.
    ASSERT_EQ(packets.size(), 8u);
    EXPECT_EQ(packets[5][0], '\x01');
    EXPECT_EQ(packets[7], std::string("\xfe\x00\x00\x0a\x00\x00\x00", 7));
    EXPECT_LT(packets[7].size(), 9u);  // short enough not to be read as a row
}

TEST(ResultSetEncoderTest, EmptyAndWideValues) {
    exec::QueryRows rows;
    rows.names = {"t", "x"};
    rows.types = {LogicalType::Varchar(), LogicalType::Double()};
    std::string wide(300, 'w');
    rows.chunks.emplace_back(std::vector<ColumnPtr>{Column::FromValues(LogicalType::Varchar(), {Value::Varchar(wide)}),
                                                    Column::FromValues(LogicalType::Double(), {Value::Double(0.5)})},
                             1);
    std::vector<std::string> packets = Encode(rows, true, kStatusAutocommit);
    ASSERT_EQ(packets.size(), 5u);
    WireReader row(packets[3]);
    EXPECT_EQ(row.LenencString(), wide);  // 300 bytes: a 3-byte length
    EXPECT_EQ(row.LenencString(), "0.5");
    EXPECT_TRUE(row.AtEnd());

    exec::QueryRows none;
    none.names = {"a"};
    none.types = {LogicalType::Int()};
    EXPECT_EQ(Encode(none, true, kStatusAutocommit).size(), 3u);
}

TEST(ResultSetEncoderTest, DictionaryColumnsPrintTheirValues) {
    exec::QueryRows rows;
    rows.names = {"s"};
    rows.types = {LogicalType::Varchar()};
    ColumnPtr dictionary = Column::FromValues(LogicalType::Varchar(), {Value::Varchar("red"), Value::Varchar("blue")});
    rows.chunks.emplace_back(std::vector<ColumnPtr>{Column::MakeDictionary(dictionary, {1, 0, 1})}, 3);
    std::vector<std::string> packets = Encode(rows, true, kStatusAutocommit);
    ASSERT_EQ(packets.size(), 6u);
    EXPECT_EQ(packets[2],
              "\x04"
              "blue");
    EXPECT_EQ(packets[3],
              "\x03"
              "red");
    EXPECT_EQ(packets[4],
              "\x04"
              "blue");
}

}  // namespace
}  // namespace flashlake::server::mysql
