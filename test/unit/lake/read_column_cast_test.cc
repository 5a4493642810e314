// Schema-evolution casts (Paimon's CastExecutors as column kernels).
#include <gtest/gtest.h>

#include "lake/read/column_cast.h"
#include "types/date_time.h"

namespace flashlake::lake {
namespace {

DataType T(const std::string& text) {
    return DataType::Parse(text).value();
}

// Casts `values` (of `from`) and returns the results as text.
std::vector<std::string> Cast(const std::string& from, const std::string& to, const std::vector<Value>& values) {
    ColumnPtr column = Column::FromValues(T(from).ToLogicalType().value(), values);
    auto cast = CastColumn(column, T(from), T(to));
    EXPECT_TRUE(cast.ok()) << from << " -> " << to << ": " << cast.status().ToString();
    std::vector<std::string> out;
    if (!cast.ok()) return out;
    EXPECT_EQ((*cast)->type(), T(to).ToLogicalType().value());
    for (size_t i = 0; i < (*cast)->size(); ++i) out.push_back((*cast)->GetValue(i).ToString());
    return out;
}

using Texts = std::vector<std::string>;

Value Micros(const std::string& text) {
    return Value::DateTime(date_time::ParseDateTime(text).value());
}

TEST(ReadColumnCast, Integers) {
    EXPECT_EQ(Cast("INT", "BIGINT", {Value::Int(-7), Value(), Value::Int(2147483647)}),
              (Texts{"-7", "NULL", "2147483647"}));
    EXPECT_EQ(Cast("BIGINT", "INT", {Value::BigInt(4294967297LL)}), (Texts{"1"}));  // wraps as Java
    EXPECT_EQ(Cast("DOUBLE", "INT", {Value::Double(110.9), Value::Double(-11.9), Value::Double(1e20)}),
              (Texts{"110", "-11", "2147483647"}));
    EXPECT_EQ(Cast("INT", "DOUBLE", {Value::Int(3)}), (Texts{"3"}));
    EXPECT_EQ(Cast("STRING", "INT", {Value::Varchar(" 150 "), Value::Varchar("x")}), (Texts{"150", "NULL"}));
    EXPECT_EQ(Cast("DECIMAL(6, 2)", "INT", {Value::Decimal(-12345, 6, 2)}), (Texts{"-123"}));
    EXPECT_EQ(Cast("BOOLEAN", "TINYINT", {Value::Boolean(true), Value::Boolean(false)}), (Texts{"1", "0"}));
}

TEST(ReadColumnCast, Decimals) {
    EXPECT_EQ(Cast("DECIMAL(5, 2)", "DECIMAL(6, 3)", {Value::Decimal(2, 5, 2), Value::Decimal(-99942, 5, 2)}),
              (Texts{"0.020", "-999.420"}));
    EXPECT_EQ(Cast("DECIMAL(6, 3)", "DECIMAL(3, 1)", {Value::Decimal(1255, 6, 3), Value::Decimal(999999, 6, 3)}),
              (Texts{"1.3", "NULL"}));  // half up; does not fit -> NULL
    EXPECT_EQ(Cast("INT", "DECIMAL(4, 1)", {Value::Int(12), Value::Int(12345)}), (Texts{"12.0", "NULL"}));
    EXPECT_EQ(Cast("STRING", "DECIMAL(10, 2)", {Value::Varchar("3.14159")}), (Texts{"3.14"}));
    EXPECT_EQ(Cast("DECIMAL(10, 2)", "DOUBLE", {Value::Decimal(314, 10, 2)}), (Texts{"3.14"}));
}

TEST(ReadColumnCast, Booleans) {
    EXPECT_EQ(Cast("STRING", "BOOLEAN",
                   {Value::Varchar("True"), Value::Varchar("1"), Value::Varchar("nO"), Value::Varchar("0"),
                    Value::Varchar("Yes"), Value::Varchar("maybe")}),
              (Texts{"1", "1", "0", "0", "1", "NULL"}));
    EXPECT_EQ(Cast("INT", "BOOLEAN", {Value::Int(0), Value::Int(-3)}), (Texts{"0", "1"}));
}

TEST(ReadColumnCast, ToString) {
    EXPECT_EQ(Cast("BOOLEAN", "STRING", {Value::Boolean(false), Value::Boolean(true)}), (Texts{"false", "true"}));
    EXPECT_EQ(Cast("DOUBLE", "STRING",
                   {Value::Double(11.1), Value::Double(110), Value::Double(1e10), Value::Double(0.0001),
                    Value::Double(-2.5)}),
              (Texts{"11.1", "110.0", "1.0E10", "1.0E-4", "-2.5"}));
    EXPECT_EQ(Cast("FLOAT", "STRING", {Value::Float(3.1f)}), (Texts{"3.1"}));
    EXPECT_EQ(Cast("DECIMAL(6, 3)", "STRING", {Value::Decimal(-77022, 6, 3)}), (Texts{"-77.022"}));
    EXPECT_EQ(Cast("DATE", "STRING", {Value::Date(4)}), (Texts{"1970-01-05"}));
    // Timestamps keep at least `precision` fractional digits.
    EXPECT_EQ(Cast("TIMESTAMP(9)", "STRING", {Micros("2024-11-26 06:38:56.001"), Micros("2024-11-26 15:28:31")}),
              (Texts{"2024-11-26 06:38:56.001000000", "2024-11-26 15:28:31.000000000"}));
    EXPECT_EQ(Cast("TIMESTAMP(3)", "STRING", {Micros("2024-11-26 06:38:56.5"), Micros("2024-11-26 06:38:56.000123")}),
              (Texts{"2024-11-26 06:38:56.500", "2024-11-26 06:38:56.000123"}));
    EXPECT_EQ(Cast("TIMESTAMP(0)", "STRING", {Micros("2024-11-26 06:38:56")}), (Texts{"2024-11-26 06:38:56"}));
    EXPECT_EQ(Cast("STRING", "VARCHAR(3)", {Value::Varchar("abcdef"), Value::Varchar("ab")}), (Texts{"abc", "ab"}));
}

TEST(ReadColumnCast, Temporal) {
    EXPECT_EQ(Cast("DATE", "TIMESTAMP(9)", {Value::Date(4), Value::Date(-44)}),
              (Texts{"1970-01-05 00:00:00", "1969-11-18 00:00:00"}));
    EXPECT_EQ(Cast("TIMESTAMP(3)", "DATE", {Micros("1969-12-31 23:59:59.5")}), (Texts{"1969-12-31"}));
    EXPECT_EQ(Cast("TIMESTAMP(0)", "INT", {Micros("1970-01-01 00:00:03"), Micros("1969-12-31 23:59:59.5")}),
              (Texts{"3", "-1"}));
    EXPECT_EQ(Cast("INT", "TIMESTAMP(0)", {Value::Int(-1)}), (Texts{"1969-12-31 23:59:59"}));
    EXPECT_EQ(Cast("TIMESTAMP(6)", "TIMESTAMP(3)", {Micros("2024-01-01 00:00:00.123456")}),
              (Texts{"2024-01-01 00:00:00.123000"}));
    EXPECT_EQ(Cast("TIMESTAMP(9)", "TIMESTAMP(9) WITH LOCAL TIME ZONE", {Micros("2024-01-01 10:00:00")}),
              (Texts{"2024-01-01 10:00:00"}));
    EXPECT_EQ(Cast("STRING", "TIMESTAMP(3)", {Value::Varchar("2024-11-26 15:28:31"), Value::Varchar("I'm strange")}),
              (Texts{"2024-11-26 15:28:31", "NULL"}));
    EXPECT_EQ(Cast("STRING", "DATE", {Value::Varchar("2024-02-29")}), (Texts{"2024-02-29"}));
    EXPECT_EQ(Cast("TIME(3)", "STRING", {Value::Int(3723004)}), (Texts{"01:02:03.004"}));
}

TEST(ReadColumnCast, Binary) {
    EXPECT_EQ(Cast("STRING", "BYTES", {Value::Varchar("see")}), (Texts{"see"}));
    EXPECT_EQ(Cast("BYTES", "STRING", {Value::Binary(LogicalType::Varbinary(), "you")}), (Texts{"you"}));
}

TEST(ReadColumnCast, RefusesWhatPaimonCannotCast) {
    ColumnPtr column = Column::FromValues(LogicalType::Date(), {Value::Date(1)});
    EXPECT_EQ(CastColumn(column, T("DATE"), T("BYTES")).status().code(), ErrorCode::kNotSupported);
    EXPECT_FALSE(CanCastColumn(T("DATE"), T("INT")));
    EXPECT_FALSE(CanCastColumn(T("ARRAY<INT>"), T("STRING")));
    EXPECT_TRUE(SameStorage(T("VARCHAR(10)"), T("STRING")));
    EXPECT_FALSE(SameStorage(T("STRING"), T("VARCHAR(10)")));
    EXPECT_TRUE(SameStorage(T("INT NOT NULL"), T("INT")));
    EXPECT_FALSE(SameStorage(T("DECIMAL(5, 2)"), T("DECIMAL(6, 3)")));
}

TEST(ReadColumnCast, DictionaryAndConstantInputs) {
    ColumnPtr dictionary = Column::FromValues(LogicalType::Varchar(), {Value::Varchar("1"), Value::Varchar("22")});
    ColumnPtr encoded = Column::MakeDictionary(dictionary, {1, 0, 1});
    auto cast = CastColumn(encoded, T("STRING"), T("INT"));
    ASSERT_TRUE(cast.ok());
    EXPECT_EQ((*cast)->GetValue(0).ToString(), "22");
    EXPECT_EQ((*cast)->GetValue(1).ToString(), "1");
    auto constant = CastColumn(Column::MakeConstant(Value::Int(5), 3), T("INT"), T("BIGINT"));
    ASSERT_TRUE(constant.ok());
    EXPECT_EQ((*constant)->size(), 3u);
    EXPECT_EQ((*constant)->GetValue(2).ToString(), "5");
}

}  // namespace
}  // namespace flashlake::lake
