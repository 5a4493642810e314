#include <gtest/gtest.h>

#include <cmath>
#include <limits>

#include "format/avro/binary_decoder.h"
#include "format/avro/binary_encoder.h"

namespace flashlake::format::avro {
namespace {

std::string EncodeLong(int64_t value) {
    std::string out;
    BinaryEncoder(&out).WriteLong(value);
    return out;
}

TEST(AvroBinaryTest, ZigzagVarintsMatchTheSpec) {
    // The table in the specification's "Binary Encoding" section.
    EXPECT_EQ(EncodeLong(0), std::string("\x00", 1));
    EXPECT_EQ(EncodeLong(-1), "\x01");
    EXPECT_EQ(EncodeLong(1), "\x02");
    EXPECT_EQ(EncodeLong(-2), "\x03");
    EXPECT_EQ(EncodeLong(2), "\x04");
    EXPECT_EQ(EncodeLong(-64), "\x7f");
    EXPECT_EQ(EncodeLong(64), "\x80\x01");
    EXPECT_EQ(EncodeLong(std::numeric_limits<int64_t>::max()).size(), 10u);
    EXPECT_EQ(EncodeLong(std::numeric_limits<int64_t>::min()).size(), 10u);
}

TEST(AvroBinaryTest, LongsRoundTrip) {
    std::vector<int64_t> values = {0,
                                   1,
                                   -1,
                                   63,
                                   -64,
                                   64,
                                   -65,
                                   8191,
                                   8192,
                                   INT32_MAX,
                                   INT32_MIN,
                                   int64_t(1) << 40,
                                   std::numeric_limits<int64_t>::max(),
                                   std::numeric_limits<int64_t>::min()};
    std::string buffer;
    BinaryEncoder encoder(&buffer);
    for (int64_t v : values) encoder.WriteLong(v);
    BinaryDecoder decoder(buffer);
    for (int64_t v : values) {
        int64_t read = 0;
        ASSERT_TRUE(decoder.ReadLong(&read).ok());
        EXPECT_EQ(read, v);
    }
    EXPECT_EQ(decoder.remaining(), 0u);
}

TEST(AvroBinaryTest, MalformedVarints) {
    int64_t value;
    BinaryDecoder truncated(std::string_view("\x80\x80", 2), 100);
    Status status = truncated.ReadLong(&value);
    EXPECT_EQ(status.code(), ErrorCode::kCorruption);
    EXPECT_EQ(status.message(), "truncated varint at byte 100");

    std::string eleven(10, '\x80');
    eleven += '\x01';
    EXPECT_EQ(BinaryDecoder(eleven).ReadLong(&value).message(), "varint overflows 64 bits at byte 0");
    std::string too_long(11, '\x80');
    EXPECT_EQ(BinaryDecoder(too_long).ReadLong(&value).code(), ErrorCode::kCorruption);
    std::string overflow(9, '\xff');
    overflow += '\x02';  // the 10th byte may only carry one bit
    EXPECT_EQ(BinaryDecoder(overflow).ReadLong(&value).message(), "varint overflows 64 bits at byte 0");
    EXPECT_EQ(BinaryDecoder(std::string_view()).ReadLong(&value).code(), ErrorCode::kCorruption);
}

TEST(AvroBinaryTest, IntRangeIsChecked) {
    int32_t value;
    EXPECT_TRUE(BinaryDecoder(EncodeLong(INT32_MIN)).ReadInt(&value).ok());
    EXPECT_EQ(value, INT32_MIN);
    Status status = BinaryDecoder(EncodeLong(int64_t(INT32_MAX) + 1)).ReadInt(&value);
    EXPECT_EQ(status.code(), ErrorCode::kCorruption);
    EXPECT_NE(status.message().find("out of range"), std::string::npos);
}

TEST(AvroBinaryTest, BooleansFloatsDoubles) {
    std::string buffer;
    BinaryEncoder e(&buffer);
    e.WriteBoolean(true);
    e.WriteBoolean(false);
    e.WriteFloat(1.5f);
    e.WriteDouble(-0.1);
    e.WriteDouble(std::numeric_limits<double>::infinity());
    EXPECT_EQ(buffer.substr(2, 4), std::string("\x00\x00\xc0\x3f", 4));  // little-endian IEEE 754
    BinaryDecoder d(buffer);
    bool b;
    float f;
    double x;
    ASSERT_TRUE(d.ReadBoolean(&b).ok());
    EXPECT_TRUE(b);
    ASSERT_TRUE(d.ReadBoolean(&b).ok());
    EXPECT_FALSE(b);
    ASSERT_TRUE(d.ReadFloat(&f).ok());
    EXPECT_EQ(f, 1.5f);
    ASSERT_TRUE(d.ReadDouble(&x).ok());
    EXPECT_EQ(x, -0.1);
    ASSERT_TRUE(d.ReadDouble(&x).ok());
    EXPECT_TRUE(std::isinf(x));
    EXPECT_EQ(d.ReadDouble(&x).code(), ErrorCode::kCorruption);
    EXPECT_EQ(BinaryDecoder("\x02").ReadBoolean(&b).message(), "boolean byte 2 is neither 0 nor 1 at byte 0");
    EXPECT_NE(BinaryDecoder("abc").ReadFloat(&f).message().find("truncated float"), std::string::npos);
}

TEST(AvroBinaryTest, BytesAndLengths) {
    std::string buffer;
    BinaryEncoder e(&buffer);
    e.WriteBytes("hello");
    e.WriteBytes("");
    BinaryDecoder d(buffer);
    std::string out;
    ASSERT_TRUE(d.ReadBytes(&out).ok());
    EXPECT_EQ(out, "hello");
    ASSERT_TRUE(d.ReadBytes(&out).ok());
    EXPECT_EQ(out, "");

    std::string negative = EncodeLong(-3) + "abc";
    EXPECT_EQ(BinaryDecoder(negative).ReadBytes(&out, "string").message(), "string length -3 is negative at byte 0");
    std::string huge = EncodeLong(int64_t(1) << 60) + "abc";
    Status status = BinaryDecoder(huge, 40).ReadBytes(&out);
    EXPECT_EQ(status.message(), "bytes length 1152921504606846976 exceeds the 3 bytes remaining at byte 40");
    std::string_view view;
    EXPECT_EQ(BinaryDecoder("ab").ReadFixedView(3, &view).code(), ErrorCode::kCorruption);
    BinaryDecoder skip("abcdef", 10);
    ASSERT_TRUE(skip.Skip(4, "x").ok());
    EXPECT_EQ(skip.offset(), 14u);
    EXPECT_FALSE(skip.Skip(3, "x").ok());
}

}  // namespace
}  // namespace flashlake::format::avro
