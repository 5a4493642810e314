#include "server/mysql/wire_codec.h"

#include <gtest/gtest.h>

namespace flashlake::server::mysql {
namespace {

std::string Lenenc(uint64_t value) {
    WireWriter out;
    out.LenencInt(value);
    return out.Take();
}

TEST(WireCodecTest, LenencIntBoundaries) {
    EXPECT_EQ(Lenenc(0), std::string(1, '\0'));
    EXPECT_EQ(Lenenc(250), "\xfa");
    EXPECT_EQ(Lenenc(251), std::string("\xfc\xfb\x00", 3));
    EXPECT_EQ(Lenenc(0xffff), "\xfc\xff\xff");
    EXPECT_EQ(Lenenc(0x10000), std::string("\xfd\x00\x00\x01", 4));
    EXPECT_EQ(Lenenc(0xffffff), "\xfd\xff\xff\xff");
    EXPECT_EQ(Lenenc(0x1000000), std::string("\xfe\x00\x00\x00\x01\x00\x00\x00\x00", 9));
    for (uint64_t value : {0ull, 250ull, 251ull, 0xffffull, 0x10000ull, 0xffffffull, 0x1000000ull, ~0ull}) {
        std::string bytes = Lenenc(value);
        EXPECT_EQ(bytes.size(), LenencIntSize(value)) << value;
        WireReader in(bytes);
        auto read = in.LenencInt();
        ASSERT_TRUE(read.has_value()) << value;
        EXPECT_EQ(*read, value);
        EXPECT_TRUE(in.AtEnd());
    }
}

TEST(WireCodecTest, FixedIntegersAreLittleEndian) {
    WireWriter out;
    out.Int1(0x01);
    out.Int2(0x0302);
    out.Int3(0x060504);
    out.Int4(0x0a090807);
    out.Int8(0x1211100f0e0d0c0bull);
    EXPECT_EQ(out.data(), "\x01\x02\x03\x04\x05\x06\x07\x08\x09\x0a\x0b\x0c\x0d\x0e\x0f\x10\x11\x12");
    WireReader in(out.data());
    EXPECT_EQ(in.Int1(), 0x01);
    EXPECT_EQ(in.Int2(), 0x0302);
    EXPECT_EQ(in.IntN(3), 0x060504u);
    EXPECT_EQ(in.Int4(), 0x0a090807u);
    EXPECT_EQ(in.IntN(8), 0x1211100f0e0d0c0bull);
    EXPECT_TRUE(in.ok());
    EXPECT_TRUE(in.AtEnd());
}

TEST(WireCodecTest, Strings) {
    WireWriter out;
    out.LenencString("abc");
    out.LenencString("");
    out.NulString("root");
    out.LenencString(std::string(300, 'x'));
    WireReader in(out.data());
    EXPECT_EQ(in.LenencString(), "abc");
    EXPECT_EQ(in.LenencString(), "");
    EXPECT_EQ(in.NulString(), "root");
    EXPECT_EQ(in.LenencString(), std::string(300, 'x'));
    EXPECT_TRUE(in.ok());
    EXPECT_TRUE(in.AtEnd());
}

TEST(WireCodecTest, ShortInputFailsAndStaysFailed) {
    WireReader in(
        std::string_view("\x05"
                         "ab",
                         3));
    EXPECT_FALSE(in.LenencString().has_value());
    EXPECT_FALSE(in.ok());
    EXPECT_FALSE(in.Int1().has_value());  // once failed, every read fails

    WireReader no_nul("abc");
    EXPECT_FALSE(no_nul.NulString().has_value());

    WireReader short_int(std::string_view("\xfe\x01\x02", 3));
    EXPECT_FALSE(short_int.LenencInt().has_value());

    WireReader huge(std::string_view("\xfe\xff\xff\xff\xff\xff\xff\xff\x7f", 9));
    EXPECT_FALSE(huge.LenencString().has_value());  // a length past the end, not an allocation
}

TEST(WireCodecTest, NullAndErrMarkersAreNotIntegers) {
    WireReader null_marker("\xfb");
    EXPECT_FALSE(null_marker.LenencInt().has_value());
    WireReader err_marker("\xff");
    EXPECT_FALSE(err_marker.LenencInt().has_value());
}

}  // namespace
}  // namespace flashlake::server::mysql
