// Edge cases of the LIKE and regular-expression kernels that SQL tests reach only one row at a
// time: a pattern column (one pattern per row, through the pattern cache), NULL rows, and the
// general LIKE matcher's backtracking.

#include <gtest/gtest.h>

#include "functions/cast_function.h"
#include "functions/function_registry.h"
#include "functions/scalar/calendar.h"

namespace flashlake::functions {
namespace {

class PatternFunctionsTest : public ::testing::Test {
protected:
    void SetUp() override { RegisterBuiltinFunctions(registry_); }

    ColumnPtr Call(const std::string& name, std::vector<ColumnPtr> arguments) {
        std::vector<LogicalType> types;
        for (const auto& argument : arguments) types.push_back(argument->type());
        auto bound = registry_.BindScalar(name, types);
        EXPECT_TRUE(bound.ok()) << bound.status().ToString();
        for (size_t i = 0; i < arguments.size(); ++i) {
            auto cast = BindCast(arguments[i]->type(), bound->argument_types[i], false);
            std::vector<ColumnPtr> one{arguments[i]};
            arguments[i] = (*cast)(KernelArgs{one, arguments[i]->size()});
        }
        return bound->kernel(KernelArgs{arguments, arguments[0]->size()});
    }

    static ColumnPtr Strings(const std::vector<const char*>& values) {
        std::vector<Value> out;
        for (const char* v : values) out.push_back(v ? Value::Varchar(v) : Value::Null(LogicalType::Varchar()));
        return Column::FromValues(LogicalType::Varchar(), out);
    }

    FunctionRegistry registry_;
};

TEST_F(PatternFunctionsTest, LikeWithAPatternPerRow) {
    auto text = Strings({"abc", "abc", "a%c", "xyz", nullptr, "abc", "日本語"});
    auto pattern = Strings({"a%", "_b_", "a\\%c", "%y", "%", nullptr, "_本_"});
    ColumnPtr result = Call("like", {text, pattern});
    EXPECT_TRUE(result->GetValue(0).GetBool());
    EXPECT_TRUE(result->GetValue(1).GetBool());
    EXPECT_TRUE(result->GetValue(2).GetBool());
    EXPECT_FALSE(result->GetValue(3).GetBool());
    EXPECT_TRUE(result->IsNull(4));
    EXPECT_TRUE(result->IsNull(5));
    EXPECT_TRUE(result->GetValue(6).GetBool());
}

TEST_F(PatternFunctionsTest, LikeGeneralMatcherBacktracks) {
    auto text = Strings({"aaaaaaaaaaaaaaaaaaaaaaaaaaaaab", "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", "abcbcbd", "ab"});
    ColumnPtr result = Call("like", {text, Column::MakeConstant(Value::Varchar("%a%a%a%b"), 4)});
    EXPECT_TRUE(result->GetValue(0).GetBool());
    EXPECT_FALSE(result->GetValue(1).GetBool());
    EXPECT_FALSE(result->GetValue(2).GetBool());
    EXPECT_FALSE(result->GetValue(3).GetBool());
    ColumnPtr other = Call("like", {text, Column::MakeConstant(Value::Varchar("a%bc_d"), 4)});
    EXPECT_TRUE(other->GetValue(2).GetBool());
    EXPECT_FALSE(other->GetValue(3).GetBool());
}

TEST_F(PatternFunctionsTest, ConstantPatternOverConstantTextStaysConstant) {
    ColumnPtr result = Call("not_like", {Column::MakeConstant(Value::Varchar("hello"), 100),
                                         Column::MakeConstant(Value::Varchar("he%"), 100)});
    EXPECT_EQ(result->encoding(), ColumnEncoding::kConstant);
    EXPECT_EQ(result->size(), 100u);
    EXPECT_FALSE(result->GetValue(99).GetBool());
}

TEST_F(PatternFunctionsTest, RegexpWithAPatternPerRowAndInvalidPatterns) {
    auto text = Strings({"abc123", "abc", "abc", "x"});
    auto pattern = Strings({"[0-9]+$", "^b", "(", "[0-9]+$"});
    ColumnPtr result = Call("regexp", {text, pattern});
    EXPECT_TRUE(result->GetValue(0).GetBool());
    EXPECT_FALSE(result->GetValue(1).GetBool());
    EXPECT_TRUE(result->IsNull(2));  // invalid pattern
    EXPECT_FALSE(result->GetValue(3).GetBool());
}

TEST_F(PatternFunctionsTest, RegexpReplaceRejectsBadRewrite) {
    ColumnPtr result = Call("regexp_replace", {Strings({"abc"}), Strings({"(b)"}), Strings({"\\2"})});
    EXPECT_TRUE(result->IsNull(0));  // \2 names a group the pattern does not have
    ColumnPtr ok = Call("regexp_replace", {Strings({"abc"}), Strings({"(b)"}), Strings({"[\\1]"})});
    EXPECT_EQ(ok->GetValue(0).GetString(), "a[b]c");
}

TEST_F(PatternFunctionsTest, LongStringsLandInTheResultHeap) {
    std::string long_text(100, 'x');
    ColumnPtr result = Call("lpad", {Strings({long_text.c_str()}),
                                     Column::FromValues(LogicalType::BigInt(), {Value::BigInt(105)}), Strings({"ab"})});
    EXPECT_EQ(result->GetValue(0).GetString(), "ababa" + long_text);
    ColumnPtr greatest = Call("greatest", {Strings({long_text.c_str(), "a"}), Strings({"b", "zzzzzzzzzzzzzzzzzzzz"})});
    EXPECT_EQ(greatest->GetValue(0).GetString(), long_text);
    EXPECT_EQ(greatest->GetValue(1).GetString(), "zzzzzzzzzzzzzzzzzzzz");
}

// MySQL's WEEK() documentation and its calendar for years starting on every weekday.
TEST(CalendarTest, MySqlWeekModes) {
    int32_t year;
    auto day = [](int y, int m, int d) { return date_time::DaysFromCivil(y, m, d); };
    EXPECT_EQ(calendar::MySqlWeek(day(2008, 2, 20), 0, &year), 7);
    EXPECT_EQ(calendar::MySqlWeek(day(2008, 2, 20), 1, &year), 8);
    EXPECT_EQ(calendar::MySqlWeek(day(2008, 12, 31), 1, &year), 53);
    EXPECT_EQ(calendar::MySqlWeek(day(2000, 1, 1), 0, &year), 0);
    EXPECT_EQ(calendar::MySqlWeek(day(2000, 1, 1), 2, &year), 52);
    EXPECT_EQ(year, 1999);
    // ISO weeks (mode 3): 2024-12-30 is week 1 of 2025; 2021-01-01 is week 53 of 2020.
    EXPECT_EQ(calendar::MySqlWeek(day(2024, 12, 30), 3, &year), 1);
    EXPECT_EQ(year, 2025);
    EXPECT_EQ(calendar::MySqlWeek(day(2021, 1, 1), 3, &year), 53);
    EXPECT_EQ(year, 2020);
}

}  // namespace
}  // namespace flashlake::functions
