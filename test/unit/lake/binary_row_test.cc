#include "lake/binary_row.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "lake/binary_row_converter.h"
#include "lake/binary_row_writer.h"

namespace flashlake::lake {
namespace {

std::string Hex(std::string_view bytes) {
    static const char* kDigits = "0123456789abcdef";
    std::string out;
    for (unsigned char c : bytes) {
        out += kDigits[c >> 4];
        out += kDigits[c & 15];
    }
    return out;
}

std::string Unhex(std::string_view hex) {
    std::string out;
    for (size_t i = 0; i + 1 < hex.size(); i += 2) {
        out += static_cast<char>(std::stoi(std::string(hex.substr(i, 2)), nullptr, 16));
    }
    return out;
}

TEST(BinaryRowTest, LayoutSizes) {
    EXPECT_EQ(BinaryRow::NullBitsSize(0), 8);
    EXPECT_EQ(BinaryRow::NullBitsSize(56), 8);
    EXPECT_EQ(BinaryRow::NullBitsSize(57), 16);
    EXPECT_EQ(BinaryRow::FixedPartSize(2), 24);
    BinaryRow empty;
    EXPECT_EQ(empty.arity(), 0);
    EXPECT_EQ(Hex(empty.Serialize()), "000000000000000000000000");
}

// The partition (p0=0, p1=1) of two INTs, as verified on a Java-written manifest.
TEST(BinaryRowTest, PartitionOfTwoInts) {
    BinaryRowWriter writer(2);
    writer.WriteInt(0, 0);
    writer.WriteInt(1, 1);
    BinaryRow row = writer.Finish();
    EXPECT_EQ(Hex(row.Serialize()),
              "00000002"
              "0000000000000000"
              "0000000000000000"
              "0100000000000000");
    auto back = BinaryRow::Deserialize(row.Serialize());
    ASSERT_TRUE(back.ok());
    EXPECT_EQ(*back, row);
    EXPECT_EQ(back->GetInt(1), 1);
}

TEST(BinaryRowTest, InlineAndLongStrings) {
    // Arity 8 puts the var part at 8 + 8 * 8 = 72, as in the reference's "elephant" example.
    BinaryRowWriter writer(8);
    writer.WriteBytes(0, "apple");
    writer.WriteBytes(1, "elephant");
    writer.WriteBytes(2, "");
    writer.WriteBytes(3, "1234567");
    for (int i = 4; i < 8; ++i) writer.SetNullAt(i);
    BinaryRow row = writer.Finish();
    EXPECT_EQ(Hex(row.bytes().substr(8, 8)), "6170706c65000085");
    EXPECT_EQ(Hex(row.bytes().substr(16, 8)), "0800000048000000");
    EXPECT_EQ(Hex(row.bytes().substr(24, 8)), "0000000000000080");
    EXPECT_EQ(row.bytes().size(), 80u);  // "elephant" fills one word
    EXPECT_EQ(*row.GetBytes(0), "apple");
    EXPECT_EQ(*row.GetBytes(1), "elephant");
    EXPECT_EQ(*row.GetBytes(2), "");
    EXPECT_EQ(*row.GetBytes(3), "1234567");
    EXPECT_FALSE(row.IsNullAt(3));
    EXPECT_TRUE(row.IsNullAt(4));
    EXPECT_EQ(static_cast<uint8_t>(row.bytes()[0]), 0);
    EXPECT_EQ(static_cast<uint8_t>(row.bytes()[1]), 0xF0);  // bits 12..15: fields 4..7
}

TEST(BinaryRowTest, VarPartIsPaddedWithZeros) {
    BinaryRowWriter writer(1);
    writer.WriteBytes(0, "123456789");
    BinaryRow row = writer.Finish();
    EXPECT_EQ(row.bytes().size(), 16u + 16u);
    EXPECT_EQ(Hex(row.bytes().substr(16)), "31323334353637383900000000000000");
}

TEST(BinaryRowTest, Decimals) {
    BinaryRowWriter writer(3);
    writer.WriteDecimal(0, -12345, 10);                          // compact: unscaled long
    writer.WriteDecimal(1, -1, 30);                              // 1 byte: ff
    writer.WriteDecimal(2, static_cast<int128_t>(1) << 70, 38);  // 9 bytes: 40 00 .. 00
    BinaryRow row = writer.Finish();
    EXPECT_EQ(row.GetLong(0), -12345);
    EXPECT_EQ(Hex(row.bytes().substr(16, 8)), "0100000020000000");  // len 1 at offset 32
    EXPECT_EQ(Hex(row.bytes().substr(32, 16)), "ff000000000000000000000000000000");
    EXPECT_EQ(Hex(row.bytes().substr(48, 16)), "40000000000000000000000000000000");
    EXPECT_EQ(*row.GetDecimal(0, 10), -12345);
    EXPECT_EQ(*row.GetDecimal(1, 30), -1);
    EXPECT_EQ(*row.GetDecimal(2, 38), static_cast<int128_t>(1) << 70);
    // 128 needs a leading zero byte to stay positive, -129 a leading 0xff.
    writer.WriteDecimal(0, 128, 20);
    writer.WriteDecimal(1, -129, 20);
    writer.WriteDecimal(2, 0, 20);
    row = writer.Finish();
    EXPECT_EQ(*row.GetDecimal(0, 20), 128);
    EXPECT_EQ(row.GetLong(0) & 0xFFFFFFFF, 2);
    EXPECT_EQ(*row.GetDecimal(1, 20), -129);
    EXPECT_EQ(*row.GetDecimal(2, 20), 0);
    EXPECT_EQ(row.GetLong(2) & 0xFFFFFFFF, 1);
}

TEST(BinaryRowTest, Timestamps) {
    BinaryRowWriter writer(2);
    PaimonTimestamp ts = PaimonTimestamp::FromNanos(-1'500'000'001);  // before the epoch
    EXPECT_EQ(ts.millis, -1501);
    EXPECT_EQ(ts.nano_of_milli, 999'999);
    writer.WriteTimestamp(0, ts, 3);
    writer.WriteTimestamp(1, ts, 9);
    BinaryRow row = writer.Finish();
    EXPECT_EQ(row.GetLong(0), -1501);
    EXPECT_EQ(*row.GetTimestamp(0, 3), (PaimonTimestamp{-1501, 0}));
    EXPECT_EQ(*row.GetTimestamp(1, 9), ts);
    EXPECT_EQ(static_cast<uint64_t>(row.GetLong(1)), (uint64_t{24} << 32) | 999'999);
    EXPECT_EQ(PaimonTimestamp::FromMicros(-1).millis, -1);
    EXPECT_EQ(PaimonTimestamp::FromMicros(-1).nano_of_milli, 999'000);
    EXPECT_EQ(PaimonTimestamp::FromMicros(-1).ToMicros(), -1);
}

TEST(BinaryRowTest, NullsOfVarPartTypesKeepTheirReservation) {
    BinaryRowWriter writer(2);
    writer.SetNullDecimal(0, 30);
    writer.SetNullTimestamp(1, 6);
    BinaryRow row = writer.Finish();
    EXPECT_TRUE(row.IsNullAt(0));
    EXPECT_TRUE(row.IsNullAt(1));
    EXPECT_EQ(row.bytes().size(), 24u + 16u + 8u);
    EXPECT_EQ(static_cast<uint64_t>(row.GetLong(0)), uint64_t{24} << 32);
    EXPECT_EQ(static_cast<uint64_t>(row.GetLong(1)), uint64_t{40} << 32);
}

TEST(BinaryRowTest, ValueRoundTripOfEveryType) {
    std::vector<DataType> types = {DataType::Boolean(),    DataType::TinyInt(),       DataType::SmallInt(),
                                   DataType::Int(),        DataType::BigInt(),        DataType::Float(),
                                   DataType::Double(),     DataType::Decimal(10, 2),  DataType::Decimal(38, 10),
                                   DataType::Char(3),      DataType::String(),        DataType::Bytes(),
                                   DataType::Date(),       DataType::Time(3),         DataType::Timestamp(3),
                                   DataType::Timestamp(6), DataType::TimestampLtz(9), DataType::Array(DataType::Int())};
    std::vector<Value> values = {
        Value::Boolean(true),
        Value::TinyInt(-5),
        Value::SmallInt(-300),
        Value::Int(123456),
        Value::BigInt(-(int64_t{1} << 40)),
        Value::Float(1.5f),
        Value::Double(-2.25),
        Value::Decimal(-12345, 10, 2),
        Value::Decimal(static_cast<int128_t>(-123456789012345678) * 1000000000000LL, 38, 10),
        Value::Varchar("abc"),
        Value::Varchar("a string longer than seven bytes"),
        Value::Binary(LogicalType::Varbinary(), std::string("\0\1\2", 3)),
        Value::Date(-700),
        Value::Int(3723004),
        Value::DateTime(1'700'000'000'123'000),
        Value::DateTime(-1'700'000'000'123'457),
        Value::DateTime(1'700'000'000'123'456),
        Value::Null(LogicalType::Array(LogicalType::Int())),
    };
    auto row = EncodeBinaryRow(values, types);
    ASSERT_TRUE(row.ok()) << row.status().ToString();
    auto back = BinaryRow::Deserialize(row->Serialize());
    ASSERT_TRUE(back.ok());
    auto decoded = DecodeBinaryRow(*back, types);
    ASSERT_TRUE(decoded.ok()) << decoded.status().ToString();
    ASSERT_EQ(decoded->size(), values.size());
    for (size_t i = 0; i < values.size(); ++i) {
        EXPECT_EQ((*decoded)[i], values[i]) << "field " << i << ": " << (*decoded)[i].ToString();
        EXPECT_EQ((*decoded)[i].is_null(), values[i].is_null()) << i;
    }
}

TEST(BinaryRowTest, ValueNullsAndCoercions) {
    std::vector<DataType> types = {DataType::BigInt(), DataType::Decimal(30, 4), DataType::String()};
    auto row = EncodeBinaryRow({Value::Int(7), Value::Decimal(15, 3, 1), Value::Null(LogicalType::Varchar())}, types);
    ASSERT_TRUE(row.ok()) << row.status().ToString();
    auto decoded = *DecodeBinaryRow(*row, types);
    EXPECT_EQ(decoded[0], Value::BigInt(7));
    EXPECT_EQ(decoded[1], Value::Decimal(15000, 30, 4));
    EXPECT_TRUE(decoded[2].is_null());
    EXPECT_EQ(decoded[2].type().id(), TypeId::kVarchar);
}

TEST(BinaryRowTest, LogicalTypeOverloads) {
    std::vector<LogicalType> types = {LogicalType::Int(), LogicalType::DateTime(), LogicalType::Varchar()};
    std::vector<Value> values = {Value::Int(1), Value::DateTime(1'234'567), Value::Varchar("x")};
    auto row = EncodeBinaryRow(values, types);
    ASSERT_TRUE(row.ok());
    // DATETIME is TIMESTAMP(6): millis in the var part.
    EXPECT_EQ(row->bytes().size(), 32u + 8u);
    EXPECT_EQ(*DecodeBinaryRow(*row, types), values);
}

TEST(BinaryRowTest, EncodeRejectsMismatches) {
    EXPECT_EQ(EncodeBinaryRow({Value::Int(1)}, std::vector<DataType>{}).status().code(), ErrorCode::kInvalidArgument);
    EXPECT_EQ(EncodeBinaryRow({Value::Varchar("x")}, {DataType::Int()}).status().code(), ErrorCode::kInvalidArgument);
    EXPECT_EQ(EncodeBinaryRow({Value::Int(300)}, {DataType::TinyInt()}).status().code(), ErrorCode::kInvalidArgument);
    EXPECT_EQ(EncodeBinaryRow({Value::Decimal(12345, 5, 0)}, {DataType::Decimal(4, 0)}).status().code(),
              ErrorCode::kInvalidArgument);
    EXPECT_EQ(EncodeBinaryRow({Value::Int(1)}, {DataType::Map(DataType::Int(), DataType::Int())}).status().code(),
              ErrorCode::kNotSupported);
}

TEST(BinaryRowTest, CorruptRowsAreRefused) {
    EXPECT_EQ(BinaryRow::Deserialize("\0\0").status().code(), ErrorCode::kCorruption);
    // Arity 2 needs 24 bytes.
    EXPECT_EQ(BinaryRow::Deserialize(Unhex("00000002") + std::string(16, '\0')).status().code(),
              ErrorCode::kCorruption);
    EXPECT_EQ(BinaryRow::Deserialize(Unhex("7fffffff")).status().code(), ErrorCode::kCorruption);
    // A string slot pointing past the end.
    std::string bytes(16, '\0');
    bytes[8] = 10;   // length 10
    bytes[12] = 64;  // offset 64
    auto row = BinaryRow::FromBytes(1, bytes);
    ASSERT_TRUE(row.ok());
    EXPECT_EQ(row->GetBytes(0).status().code(), ErrorCode::kCorruption);
    EXPECT_EQ(row->GetDecimal(0, 30).status().code(), ErrorCode::kCorruption);
    EXPECT_EQ(row->GetTimestamp(0, 9).status().code(), ErrorCode::kCorruption);
    EXPECT_EQ(DecodeBinaryRow(*row, {DataType::Int(), DataType::Int()}).status().code(), ErrorCode::kCorruption);
}

TEST(BinaryRowTest, HashIsMurmur3ByWords) {
    // Murmur3-32 of no bytes with seed 0 is fmix(0) = 0.
    EXPECT_EQ(HashBytesByWords("", 0, 0), 0);
    BinaryRow a = *EncodeBinaryRow({Value::Int(1)}, {DataType::Int()});
    BinaryRow b = *EncodeBinaryRow({Value::Int(2)}, {DataType::Int()});
    EXPECT_NE(a.HashCode(), b.HashCode());
    EXPECT_EQ(a.HashCode(), HashBytesByWords(a.bytes().data(), a.bytes().size(), 42));
}

}  // namespace
}  // namespace flashlake::lake
