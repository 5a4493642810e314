#include <gtest/gtest.h>

#include "common/query_error.h"
#include "functions/cast_function.h"
#include "functions/function_registry.h"

namespace flashlake::functions {
namespace {

class ScalarFunctionsTest : public ::testing::Test {
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

    FunctionRegistry registry_;
};

TEST_F(ScalarFunctionsTest, AddPropagatesNullsAndWidens) {
    auto a = Column::FromValues(LogicalType::Int(), {Value::Int(1), Value::Null(LogicalType::Int()), Value::Int(INT32_MAX)});
    auto b = Column::MakeConstant(Value::Int(1), 3);
    ColumnPtr sum = Call("add", {a, b});
    EXPECT_EQ(sum->type(), LogicalType::BigInt());
    EXPECT_EQ(sum->GetValue(0).GetInt64(), 2);
    EXPECT_TRUE(sum->IsNull(1));
    EXPECT_EQ(sum->GetValue(2).GetInt64(), int64_t{INT32_MAX} + 1);
}

TEST_F(ScalarFunctionsTest, ConstantInputsGiveConstantOutput) {
    ColumnPtr product = Call("multiply", {Column::MakeConstant(Value::Int(6), 4096), Column::MakeConstant(Value::Int(7), 4096)});
    EXPECT_EQ(product->encoding(), ColumnEncoding::kConstant);
    EXPECT_EQ(product->size(), 4096u);
    EXPECT_EQ(product->GetValue(4095).GetInt64(), 42);
}

TEST_F(ScalarFunctionsTest, ComparisonOfStringsAndDictionaries) {
    auto dictionary = Column::FromValues(LogicalType::Varchar(), {Value::Varchar("app"), Value::Varchar("web-long-channel-name")});
    auto channel = Column::MakeDictionary(dictionary, {0, 1, 1, 0})->Flatten();
    ColumnPtr equal = Call("eq", {channel, Column::MakeConstant(Value::Varchar("web-long-channel-name"), 4)});
    EXPECT_EQ(equal->GetValue(0).GetBool(), false);
    EXPECT_EQ(equal->GetValue(1).GetBool(), true);
    EXPECT_EQ(equal->GetValue(3).GetBool(), false);
}

TEST_F(ScalarFunctionsTest, UnknownFunctionAndWrongArgumentsAreNamed) {
    auto unknown = registry_.BindScalar("no_such_fn", {LogicalType::Int()});
    ASSERT_FALSE(unknown.ok());
    EXPECT_EQ(unknown.status().code(), ErrorCode::kUnknownFunction);
    auto wrong = registry_.BindScalar("add", {LogicalType::Bitmap(), LogicalType::Int()});
    ASSERT_FALSE(wrong.ok());
    EXPECT_EQ(wrong.status().code(), ErrorCode::kWrongArguments);
    EXPECT_NE(wrong.status().message().find("add(BITMAP, INT)"), std::string::npos) << wrong.status().message();
}

TEST_F(ScalarFunctionsTest, StrictCastNamesTheValue) {
    auto kernel = BindCast(LogicalType::Varchar(), LogicalType::Int(), true);
    ASSERT_TRUE(kernel.ok());
    std::vector<ColumnPtr> input{Column::FromValues(LogicalType::Varchar(), {Value::Varchar("12"), Value::Varchar("x1")})};
    try {
        (*kernel)(KernelArgs{input, 2});
        FAIL() << "strict cast accepted 'x1'";
    } catch (const QueryError& error) {
        EXPECT_EQ(error.code(), ErrorCode::kInvalidCast);
        EXPECT_NE(std::string(error.what()).find("'x1'"), std::string::npos);
    }
}

}  // namespace
}  // namespace flashlake::functions
