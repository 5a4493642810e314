#include "types/cast.h"

#include <gtest/gtest.h>

#include "types/type_coercion.h"

namespace flashlake {
namespace {

Value Cast(const Value& value, const LogicalType& type) { return CastValue(value, type, false).value(); }

TEST(CastTest, StringsToNumbers) {
    EXPECT_EQ(Cast(Value::Varchar("42"), LogicalType::Int()).GetInt64(), 42);
    EXPECT_EQ(Cast(Value::Varchar(" -7 "), LogicalType::BigInt()).GetInt64(), -7);
    EXPECT_EQ(Cast(Value::Varchar("12.7"), LogicalType::Int()).GetInt64(), 12);
    EXPECT_TRUE(Cast(Value::Varchar("abc"), LogicalType::Int()).is_null());   // StarRocks: NULL
    EXPECT_TRUE(Cast(Value::Varchar("300"), LogicalType::TinyInt()).is_null());
    EXPECT_DOUBLE_EQ(Cast(Value::Varchar("2.5"), LogicalType::Double()).GetDouble(), 2.5);
    EXPECT_EQ(Cast(Value::Varchar("12.345"), LogicalType::Decimal(5, 2)).ToString(), "12.35");
}

TEST(CastTest, StrictCastsReportValueAndType) {
    auto bad = CastValue(Value::Varchar("abc"), LogicalType::Int(), true);
    ASSERT_FALSE(bad.ok());
    EXPECT_EQ(bad.status().code(), ErrorCode::kInvalidCast);
    EXPECT_NE(bad.status().message().find("'abc'"), std::string::npos);
    EXPECT_NE(bad.status().message().find("INT"), std::string::npos);
    EXPECT_FALSE(CastValue(Value::Int(1000), LogicalType::Decimal(3, 1), true).ok());
}

TEST(CastTest, NullsStayNullWithTargetType) {
    Value null = Cast(Value::Null(LogicalType::Varchar()), LogicalType::Date());
    EXPECT_TRUE(null.is_null());
    EXPECT_EQ(null.type(), LogicalType::Date());
    EXPECT_EQ(null.ToString(), "NULL");
}

TEST(CastTest, Temporal) {
    EXPECT_EQ(Cast(Value::Varchar("2024-01-01"), LogicalType::Date()).ToString(), "2024-01-01");
    EXPECT_EQ(Cast(Value::Varchar("2024-01-01 10:00:00"), LogicalType::DateTime()).ToString(), "2024-01-01 10:00:00");
    Value date = Cast(Value::Varchar("2024-03-04"), LogicalType::Date());
    EXPECT_EQ(Cast(date, LogicalType::DateTime()).ToString(), "2024-03-04 00:00:00");
    EXPECT_EQ(Cast(date, LogicalType::BigInt()).GetInt64(), 20240304);
    EXPECT_EQ(Cast(Value::Int(20240304), LogicalType::Date()).ToString(), "2024-03-04");
    EXPECT_TRUE(Cast(Value::Varchar("2024-02-30"), LogicalType::Date()).is_null());
}

TEST(CastTest, NumbersToText) {
    EXPECT_EQ(Cast(Value::Double(0.1), LogicalType::Varchar()).GetString(), "0.1");
    EXPECT_EQ(Cast(Value::Double(1e20), LogicalType::Varchar()).GetString(), "1e+20");
    EXPECT_EQ(Cast(Value::Decimal(-1234, 8, 3), LogicalType::Varchar()).GetString(), "-1.234");
    EXPECT_EQ(Cast(Value::LargeInt(static_cast<int128_t>(1) << 100), LogicalType::Varchar()).GetString(),
              "1267650600228229401496703205376");
    EXPECT_EQ(Cast(Value::Decimal(1999, 8, 3), LogicalType::Int()).GetInt64(), 1);  // truncates
}

TEST(TypeCoercionTest, CommonSuperTypes) {
    EXPECT_EQ(*CommonSuperType(LogicalType::Int(), LogicalType::BigInt()), LogicalType::BigInt());
    EXPECT_EQ(*CommonSuperType(LogicalType::Int(), LogicalType::Double()), LogicalType::Double());
    EXPECT_EQ(*CommonSuperType(LogicalType::Int(), LogicalType::Decimal(5, 2)), LogicalType::Decimal(12, 2));
    EXPECT_EQ(*CommonSuperType(LogicalType::Date(), LogicalType::DateTime()), LogicalType::DateTime());
    EXPECT_EQ(*CommonSuperType(LogicalType::Varchar(), LogicalType::Date()), LogicalType::Date());
    EXPECT_EQ(*CommonSuperType(LogicalType::Null(), LogicalType::Varchar()), LogicalType::Varchar());
    EXPECT_FALSE(CommonSuperType(LogicalType::Bitmap(), LogicalType::Int()).has_value());
}

}  // namespace
}  // namespace flashlake
