#include "server/mysql/binary_protocol.h"

#include <gtest/gtest.h>

#include <cstring>

#include "column/chunk.h"
#include "exec/query_executor.h"
#include "server/mysql/wire_codec.h"
#include "types/date_time.h"

namespace flashlake::server::mysql {
namespace {

// A COM_STMT_EXECUTE parameter block: NULL bitmap, bound flag 1, the types, then `values`.
std::string Block(const std::vector<std::pair<ColumnType, bool>>& types, const std::vector<bool>& nulls,
                  const std::string& values) {
    WireWriter out;
    std::string bitmap((types.size() + 7) / 8, '\0');
    for (size_t i = 0; i < nulls.size(); ++i) {
        if (nulls[i]) bitmap[i / 8] = static_cast<char>(bitmap[i / 8] | (1 << (i % 8)));
    }
    out.Bytes(bitmap);
    out.Int1(1);
    for (auto [type, is_unsigned] : types) {
        out.Int1(static_cast<uint8_t>(type));
        out.Int1(is_unsigned ? 0x80 : 0);
    }
    out.Bytes(values);
    return out.Take();
}

TEST(BinaryProtocolTest, DecodesEveryParameterType) {
    WireWriter values;
    values.Int1(0xff);                      // TINY -1
    values.Int1(0xff);                      // TINY UNSIGNED 255
    values.Int2(0x8000);                    // SHORT -32768
    values.Int4(0xffffffff);                // LONG UNSIGNED 4294967295
    values.Int8(0xffffffffffffffffull);     // LONGLONG UNSIGNED 2^64-1
    values.Int8(0x8000000000000000ull);     // LONGLONG INT64_MIN
    float f = 1.5f;
    uint32_t fbits;
    std::memcpy(&fbits, &f, 4);
    values.Int4(fbits);
    double d = -0.25;
    uint64_t dbits;
    std::memcpy(&dbits, &d, 8);
    values.Int8(dbits);
    values.LenencString("-12.340");  // NEWDECIMAL
    values.LenencString("héllo");    // VAR_STRING
    values.Int1(4);                  // DATE 2024-02-29
    values.Int2(2024);
    values.Int1(2);
    values.Int1(29);
    values.Int1(11);  // DATETIME 1999-12-31 23:59:58.000123
    values.Int2(1999);
    values.Int1(12);
    values.Int1(31);
    values.Int1(23);
    values.Int1(59);
    values.Int1(58);
    values.Int4(123);
    values.Int1(8);  // TIME -26:03:04
    values.Int1(1);
    values.Int4(1);
    values.Int1(2);
    values.Int1(3);
    values.Int1(4);
    std::vector<std::pair<ColumnType, bool>> types = {
        {ColumnType::kTiny, false},     {ColumnType::kTiny, true},     {ColumnType::kShort, false},
        {ColumnType::kLong, true},      {ColumnType::kLongLong, true}, {ColumnType::kLongLong, false},
        {ColumnType::kFloat, false},    {ColumnType::kDouble, false},  {ColumnType::kNewDecimal, false},
        {ColumnType::kVarString, false}, {ColumnType::kDate, false},   {ColumnType::kDateTime, false},
        {ColumnType::kTime, false},     {ColumnType::kLong, false},  // the last is NULL: no bytes
    };
    std::vector<ParameterType> bound;
    std::vector<bool> nulls(types.size(), false);
    nulls.back() = true;
    auto decoded = DecodeExecuteParameters(Block(types, nulls, values.Take()), types.size(), bound, {});
    ASSERT_TRUE(decoded.ok()) << decoded.status().ToString();
    const auto& v = *decoded;
    ASSERT_EQ(v.size(), types.size());
    EXPECT_EQ(v[0], Value::TinyInt(-1));
    EXPECT_EQ(v[1], Value::SmallInt(255));
    EXPECT_EQ(v[2], Value::SmallInt(-32768));
    EXPECT_EQ(v[3], Value::BigInt(4294967295));
    EXPECT_EQ(v[4].type().id(), TypeId::kLargeInt);
    EXPECT_EQ(v[4].ToString(), "18446744073709551615");
    EXPECT_EQ(v[5], Value::BigInt(INT64_MIN));
    EXPECT_EQ(v[6], Value::Float(1.5f));
    EXPECT_EQ(v[7], Value::Double(-0.25));
    EXPECT_EQ(v[8].type(), LogicalType::Decimal(5, 3));
    EXPECT_EQ(v[8].ToString(), "-12.340");
    EXPECT_EQ(v[9], Value::Varchar("héllo"));
    EXPECT_EQ(v[10], Value::Date(date_time::DaysFromCivil(2024, 2, 29)));
    EXPECT_EQ(v[11].ToString(), "1999-12-31 23:59:58.000123");
    EXPECT_EQ(v[12], Value::Varchar("-26:03:04"));
    EXPECT_TRUE(v[13].is_null());
    ASSERT_EQ(bound.size(), types.size());
    EXPECT_TRUE(bound[1].is_unsigned);
}

TEST(BinaryProtocolTest, ReusesTypesAndTakesLongData) {
    std::vector<ParameterType> bound;
    WireWriter first;
    first.Int4(7);
    first.LenencString("x");
    auto decoded = DecodeExecuteParameters(
        Block({{ColumnType::kLong, false}, {ColumnType::kVarString, false}}, {false, false}, first.Take()), 2, bound,
        {});
    ASSERT_TRUE(decoded.ok());
    // Bound flag 0: the types of the first execution; parameter 1 comes from long data.
    WireWriter second;
    second.Int1(0);  // bitmap
    second.Int1(0);  // new-params-bound
    second.Int4(8);
    decoded = DecodeExecuteParameters(second.Take(), 2, bound, {{1, "long text"}});
    ASSERT_TRUE(decoded.ok()) << decoded.status().ToString();
    EXPECT_EQ((*decoded)[0], Value::Int(8));
    EXPECT_EQ((*decoded)[1], Value::Varchar("long text"));
}

TEST(BinaryProtocolTest, RejectsMalformedBlocks) {
    std::vector<ParameterType> bound;
    // Types never bound.
    EXPECT_FALSE(DecodeExecuteParameters(std::string("\x00\x00", 2), 1, bound, {}).ok());
    // A value cut short, a bad date, trailing bytes, an unknown type.
    auto error = DecodeExecuteParameters(Block({{ColumnType::kLongLong, false}}, {false}, "abc"), 1, bound, {});
    ASSERT_FALSE(error.ok());
    EXPECT_NE(error.status().message().find("parameter 1"), std::string::npos);
    WireWriter bad_date;
    bad_date.Int1(4);
    bad_date.Int2(2023);
    bad_date.Int1(2);
    bad_date.Int1(29);
    EXPECT_FALSE(DecodeExecuteParameters(Block({{ColumnType::kDate, false}}, {false}, bad_date.Take()), 1, bound, {}).ok());
    EXPECT_FALSE(DecodeExecuteParameters(Block({{ColumnType::kTiny, false}}, {false}, "\x01\x02"), 1, bound, {}).ok());
    EXPECT_FALSE(
        DecodeExecuteParameters(Block({{static_cast<ColumnType>(0x42), false}}, {false}, "\x01"), 1, bound, {}).ok());
    EXPECT_FALSE(DecodeExecuteParameters(Block({{ColumnType::kNewDecimal, false}}, {false}, std::string("\x03") + "1x2"), 1, bound, {}).ok());
}

TEST(BinaryProtocolTest, EncodesBinaryRows) {
    exec::QueryRows rows;
    rows.names = {"i", "s", "d", "dt", "n"};
    rows.types = {LogicalType::Int(), LogicalType::Varchar(), LogicalType::Double(), LogicalType::DateTime(),
                  LogicalType::BigInt()};
    std::vector<ColumnPtr> columns;
    for (const auto& type : rows.types) columns.push_back(Column::MakeFlat(type, 1));
    columns[0]->SetValue(0, Value::Int(-2));
    columns[1]->SetValue(0, Value::Varchar("ab"));
    columns[2]->SetValue(0, Value::Double(0.5));
    columns[3]->SetValue(0, Value::DateTime(date_time::DateToDateTime(date_time::DaysFromCivil(2024, 1, 2)) +
                                            3 * date_time::kMicrosPerHour));
    columns[4]->SetValue(0, Value::Null(LogicalType::BigInt()));
    rows.chunks.emplace_back(std::move(columns), 1);
    std::vector<std::string> packets;
    ASSERT_TRUE(EncodeBinaryResultSet(rows, true, 2, [&](std::string_view p) {
                    packets.emplace_back(p);
                    return Status::OK();
                }).ok());
    ASSERT_EQ(packets.size(), 1u + 5 + 1 + 1);  // count, definitions, one row, OK-as-EOF
    std::string expected("\x00", 1);
    expected += std::string("\x40", 1);  // column 4 NULL: bit 4+2 of the one-byte bitmap
    expected += std::string("\xfe\xff\xff\xff", 4);
    expected += "\x02"
                "ab";
    expected += std::string("\x00\x00\x00\x00\x00\x00\xe0\x3f", 8);
    expected += std::string("\x07\xe8\x07\x01\x02\x03\x00\x00", 8);
    EXPECT_EQ(packets[6], expected);
    EXPECT_EQ(static_cast<uint8_t>(packets[7][0]), 0xfe);
}

TEST(BinaryProtocolTest, PrepareResponse) {
    std::vector<std::string> packets;
    auto sink = [&](std::string_view p) {
        packets.emplace_back(p);
        return Status::OK();
    };
    ASSERT_TRUE(EncodePrepareResponse(5, 2, {DescribeColumn("x", LogicalType::Int())}, false, 2, sink).ok());
    // OK, 2 parameters, EOF, 1 column, EOF.
    ASSERT_EQ(packets.size(), 6u);
    EXPECT_EQ(packets[0], std::string("\x00\x05\x00\x00\x00\x01\x00\x02\x00\x00\x00\x00", 12));
    EXPECT_EQ(static_cast<uint8_t>(packets[3][0]), 0xfe);
    EXPECT_EQ(static_cast<uint8_t>(packets[5][0]), 0xfe);
}

}  // namespace
}  // namespace flashlake::server::mysql
