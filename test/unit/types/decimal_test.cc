#include "types/decimal.h"

#include <gtest/gtest.h>

namespace flashlake {
namespace {

TEST(DecimalTest, ParseAndFormat) {
    EXPECT_EQ(decimal::Parse("12.345", 10, 3).value(), 12345);
    EXPECT_EQ(decimal::Parse("-0.5", 5, 2).value(), -50);
    EXPECT_EQ(decimal::Parse("  7 ", 5, 2).value(), 700);
    EXPECT_EQ(decimal::Parse("1.005", 5, 2).value(), 101);   // half away from zero
    EXPECT_EQ(decimal::Parse("-1.005", 5, 2).value(), -101);
    EXPECT_EQ(decimal::Parse("1.5e2", 6, 1).value(), 1500);
    EXPECT_EQ(decimal::Format(1230, 2), "12.30");
    EXPECT_EQ(decimal::Format(-5, 3), "-0.005");
    EXPECT_EQ(decimal::Format(42, 0), "42");
    EXPECT_FALSE(decimal::Parse("abc", 5, 2).ok());
    EXPECT_FALSE(decimal::Parse("1.2.3", 5, 2).ok());
    EXPECT_FALSE(decimal::Parse("", 5, 2).ok());
}

TEST(DecimalTest, OverflowIsReported) {
    auto too_big = decimal::Parse("1000.00", 5, 2);
    ASSERT_FALSE(too_big.ok());
    EXPECT_EQ(too_big.status().code(), ErrorCode::kNumericOverflow);
    EXPECT_NE(too_big.status().message().find("DECIMAL(5,2)"), std::string::npos);
    EXPECT_TRUE(decimal::Parse("999.99", 5, 2).ok());
    EXPECT_FALSE(decimal::Rescale(99999, 0, 2, 6).ok());
    EXPECT_EQ(decimal::Rescale(12345, 3, 1, 10).value(), 123);
    int128_t out;
    int128_t max38 = decimal::MaxUnscaled(38);
    EXPECT_FALSE(decimal::AddOverflows(max38, 1, &out));  // fits int128, but not 38 digits:
    EXPECT_FALSE(decimal::FitsPrecision(out, 38));
    EXPECT_TRUE(decimal::MultiplyOverflows(max38, max38, &out));
    EXPECT_FALSE(decimal::Parse("123456789012345678901234567890123456789", 38, 0).ok());
    EXPECT_TRUE(decimal::Parse("12345678901234567890123456789012345678", 38, 0).ok());
}

TEST(DecimalTest, Doubles) {
    EXPECT_DOUBLE_EQ(decimal::ToDouble(1234, 2), 12.34);
    EXPECT_EQ(decimal::FromDouble(12.345, 10, 2).value(), 1235);
    EXPECT_FALSE(decimal::FromDouble(1e30, 10, 2).ok());
}

}  // namespace
}  // namespace flashlake
