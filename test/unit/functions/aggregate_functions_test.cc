#include <gtest/gtest.h>

#include <cmath>
#include <cstdlib>

#include "common/query_error.h"
#include "functions/aggregate/aggregate_registry.h"

namespace flashlake::functions {
namespace {

// Runs a bound aggregate the way the hash aggregation drives it: rows are split into `parts`
// contiguous pieces, each folded into its own states (as drivers do), the partial states are
// combined into the first piece's, and one value per group is finalized.
class AggregateHarness {
public:
    explicit AggregateHarness(BoundAggregateFunction function) : function_(std::move(function)) {}

    ColumnPtr Run(const std::vector<ColumnPtr>& arguments, size_t num_rows, const std::vector<size_t>& groups,
                  size_t num_groups, size_t parts = 1) {
        std::vector<std::vector<uint8_t*>> part_states(parts);
        // Frees the states however Run ends (an overflow throws out of update).
        struct StateRelease {
            std::vector<std::vector<uint8_t*>>& part_states;
            const BoundAggregateFunction& function;
            size_t num_groups;
            ~StateRelease() {
                for (auto& states : part_states) {
                    if (function.destroy && states.size() == num_groups) function.destroy(states.data(), num_groups);
                    for (uint8_t* state : states) std::free(state);
                }
            }
        } release{part_states, function_, num_groups};
        for (auto& states : part_states) {
            for (size_t g = 0; g < num_groups; ++g) {
                auto* state = static_cast<uint8_t*>(std::aligned_alloc(16, (function_.state_size + 15) / 16 * 16));
                function_.initialize(state);
                states.push_back(state);
            }
        }
        size_t per_part = (num_rows + parts - 1) / std::max<size_t>(parts, 1);
        for (size_t p = 0; p < parts; ++p) {
            size_t begin = std::min(num_rows, p * per_part), end = std::min(num_rows, begin + per_part);
            if (begin == end) continue;
            SelectionVector selection;
            for (size_t r = begin; r < end; ++r) selection.Append(static_cast<uint32_t>(r));
            std::vector<ColumnPtr> sliced;
            for (const auto& argument : arguments) {
                if (argument->encoding() == ColumnEncoding::kConstant) {
                    sliced.push_back(Column::MakeConstant(argument->GetValue(0), end - begin));
                } else {
                    sliced.push_back(argument->Flatten(&selection));
                }
            }
            std::vector<uint8_t*> row_states;
            for (size_t r = begin; r < end; ++r) row_states.push_back(part_states[p][groups[r]]);
            function_.update(row_states.data(), sliced, end - begin);
        }
        for (size_t p = 1; p < parts; ++p) function_.combine(part_states[0].data(), part_states[p].data(), num_groups);
        ColumnPtr result = Column::MakeFlat(function_.return_type, num_groups);
        function_.finalize(part_states[0].data(), num_groups, *result);
        return result;
    }

    // One group over all rows.
    Value RunOne(const std::vector<ColumnPtr>& arguments, size_t num_rows, size_t parts = 1) {
        std::vector<size_t> groups(num_rows, 0);
        return Run(arguments, num_rows, groups, 1, parts)->GetValue(0);
    }

    const BoundAggregateFunction& function() const { return function_; }

private:
    BoundAggregateFunction function_;
};

class AggregateFunctionsTest : public ::testing::Test {
protected:
    void SetUp() override { RegisterBuiltinAggregates(registry_); }

    AggregateHarness Bind(const std::string& name, std::vector<LogicalType> types, bool distinct = false) {
        auto bound = registry_.BindAggregate(name, types, distinct);
        EXPECT_TRUE(bound.ok()) << bound.status().ToString();
        return AggregateHarness(std::move(bound).value());
    }

    AggregateRegistry registry_;
};

ColumnPtr Ints(LogicalType type, const std::vector<std::optional<int64_t>>& values) {
    std::vector<Value> out;
    for (const auto& v : values) {
        if (!v) {
            out.push_back(Value::Null(type));
            continue;
        }
        switch (type.id()) {
            case TypeId::kTinyInt:
                out.push_back(Value::TinyInt(static_cast<int8_t>(*v)));
                break;
            case TypeId::kInt:
                out.push_back(Value::Int(static_cast<int32_t>(*v)));
                break;
            case TypeId::kDate:
                out.push_back(Value::Date(static_cast<int32_t>(*v)));
                break;
            default:
                out.push_back(Value::BigInt(*v));
                break;
        }
    }
    return Column::FromValues(type, out);
}

ColumnPtr Strings(const std::vector<std::optional<std::string>>& values) {
    std::vector<Value> out;
    for (const auto& v : values) out.push_back(v ? Value::Varchar(*v) : Value::Null(LogicalType::Varchar()));
    return Column::FromValues(LogicalType::Varchar(), out);
}

ColumnPtr Doubles(const std::vector<std::optional<double>>& values) {
    std::vector<Value> out;
    for (const auto& v : values) out.push_back(v ? Value::Double(*v) : Value::Null(LogicalType::Double()));
    return Column::FromValues(LogicalType::Double(), out);
}

ColumnPtr Decimals(int precision, int scale, const std::vector<std::optional<int64_t>>& unscaled) {
    std::vector<Value> out;
    for (const auto& v : unscaled) {
        out.push_back(v ? Value::Decimal(*v, precision, scale) : Value::Null(LogicalType::Decimal(precision, scale)));
    }
    return Column::FromValues(LogicalType::Decimal(precision, scale), out);
}

TEST_F(AggregateFunctionsTest, CountStarCountsEveryRowAndZeroOverNothing) {
    auto count = Bind("count", {});
    EXPECT_EQ(count.function().return_type, LogicalType::BigInt());
    EXPECT_EQ(count.RunOne({}, 0).GetInt64(), 0);
    EXPECT_EQ(count.RunOne({}, 5000, 3).GetInt64(), 5000);
    ColumnPtr result = count.Run({}, 6, {0, 1, 1, 2, 2, 2}, 4, 2);
    EXPECT_EQ(result->GetValue(0).GetInt64(), 1);
    EXPECT_EQ(result->GetValue(2).GetInt64(), 3);
    EXPECT_EQ(result->GetValue(3).GetInt64(), 0);  // a group that saw no rows
}

TEST_F(AggregateFunctionsTest, CountOfValuesSkipsNulls) {
    auto count = Bind("COUNT", {LogicalType::Int()});
    ColumnPtr values = Ints(LogicalType::Int(), {1, std::nullopt, 3, std::nullopt, 5});
    EXPECT_EQ(count.RunOne({values}, 5, 2).GetInt64(), 3);
    EXPECT_EQ(count.RunOne({Column::MakeConstant(Value::Null(LogicalType::Int()), 7)}, 7).GetInt64(), 0);
    EXPECT_EQ(count.RunOne({Column::MakeConstant(Value::Int(4), 7)}, 7).GetInt64(), 7);

    auto count2 = Bind("count", {LogicalType::Int(), LogicalType::Varchar()});
    ColumnPtr strings = Strings({"a", "b", std::nullopt, "d", "e"});
    EXPECT_EQ(count2.RunOne({values, strings}, 5).GetInt64(), 2);  // rows 0 and 4
}

TEST_F(AggregateFunctionsTest, SumTypesFollowStarRocks) {
    EXPECT_EQ(Bind("sum", {LogicalType::Int()}).function().return_type, LogicalType::BigInt());
    EXPECT_EQ(Bind("sum", {LogicalType::TinyInt()}).function().return_type, LogicalType::BigInt());
    EXPECT_EQ(Bind("sum", {LogicalType::BigInt()}).function().return_type, LogicalType::BigInt());
    EXPECT_EQ(Bind("sum", {LogicalType::LargeInt()}).function().return_type, LogicalType::LargeInt());
    EXPECT_EQ(Bind("sum", {LogicalType::Float()}).function().return_type, LogicalType::Double());
    EXPECT_EQ(Bind("sum", {LogicalType::Decimal(10, 2)}).function().return_type, LogicalType::Decimal(38, 2));
    EXPECT_EQ(Bind("avg", {LogicalType::Int()}).function().return_type, LogicalType::Double());
    EXPECT_EQ(Bind("avg", {LogicalType::Decimal(10, 2)}).function().return_type, LogicalType::Decimal(38, 8));
    EXPECT_EQ(Bind("avg", {LogicalType::Decimal(20, 10)}).function().return_type, LogicalType::Decimal(38, 12));
    EXPECT_EQ(Bind("avg", {LogicalType::Decimal(30, 14)}).function().return_type, LogicalType::Decimal(38, 14));
    auto bad = registry_.BindAggregate("sum", {LogicalType::Varchar()}, false);
    ASSERT_FALSE(bad.ok());
    EXPECT_EQ(bad.status().code(), ErrorCode::kWrongArguments);
}

TEST_F(AggregateFunctionsTest, SumOfIntegersWithNullsAndEmptyGroups) {
    auto sum = Bind("sum", {LogicalType::Int()});
    ColumnPtr values = Ints(LogicalType::Int(), {1, std::nullopt, 2147483647, 2147483647, std::nullopt, 10});
    ColumnPtr result = sum.Run({values}, 6, {0, 1, 0, 0, 1, 2}, 4, 2);
    EXPECT_EQ(result->GetValue(0).GetInt64(), 1 + 2 * int64_t{2147483647});
    EXPECT_TRUE(result->IsNull(1));  // only NULLs
    EXPECT_EQ(result->GetValue(2).GetInt64(), 10);
    EXPECT_TRUE(result->IsNull(3));  // no rows
    EXPECT_TRUE(sum.RunOne({values}, 0).is_null());
}

TEST_F(AggregateFunctionsTest, SumOfBigIntOverflowIsAnError) {
    auto sum = Bind("sum", {LogicalType::BigInt()});
    ColumnPtr values = Ints(LogicalType::BigInt(), {INT64_MAX, 1});
    try {
        sum.RunOne({values}, 2);
        FAIL() << "no overflow error";
    } catch (const QueryError& error) {
        EXPECT_EQ(error.code(), ErrorCode::kNumericOverflow);
    }
    // Overflow found while combining partial sums too.
    try {
        sum.RunOne({values}, 2, 2);
        FAIL() << "no overflow error";
    } catch (const QueryError& error) {
        EXPECT_EQ(error.code(), ErrorCode::kNumericOverflow);
    }
}

TEST_F(AggregateFunctionsTest, SumAndAvgOfDecimalsAndDoubles) {
    auto sum = Bind("sum", {LogicalType::Decimal(10, 2)});
    ColumnPtr decimals = Decimals(10, 2, {125, std::nullopt, -25, 1});  // 1.25, NULL, -0.25, 0.01
    Value total = sum.RunOne({decimals}, 4, 2);
    EXPECT_EQ(total.ToString(), "1.01");
    auto avg = Bind("avg", {LogicalType::Decimal(10, 2)});
    EXPECT_EQ(avg.RunOne({decimals}, 4, 2).ToString(), "0.33666667");  // 1.01 / 3 rounded half up

    auto sum_double = Bind("sum", {LogicalType::Double()});
    EXPECT_DOUBLE_EQ(sum_double.RunOne({Doubles({1.5, std::nullopt, 2.25})}, 3).GetDouble(), 3.75);
    auto avg_int = Bind("avg", {LogicalType::Int()});
    EXPECT_DOUBLE_EQ(avg_int.RunOne({Ints(LogicalType::Int(), {1, 2, std::nullopt, 4})}, 4, 3).GetDouble(), 7.0 / 3);
    EXPECT_TRUE(avg_int.RunOne({Ints(LogicalType::Int(), {std::nullopt})}, 1).is_null());
}

TEST_F(AggregateFunctionsTest, MinMaxOfEveryKindOfValue) {
    ColumnPtr ints = Ints(LogicalType::Int(), {5, std::nullopt, -3, 9, 0});
    EXPECT_EQ(Bind("min", {LogicalType::Int()}).RunOne({ints}, 5, 2).GetInt64(), -3);
    EXPECT_EQ(Bind("max", {LogicalType::Int()}).RunOne({ints}, 5, 2).GetInt64(), 9);

    ColumnPtr dates = Ints(LogicalType::Date(), {19000, 18000, std::nullopt, 20000});
    auto min_date = Bind("min", {LogicalType::Date()});
    EXPECT_EQ(min_date.function().return_type, LogicalType::Date());
    EXPECT_EQ(min_date.RunOne({dates}, 4, 2), Value::Date(18000));

    // Long strings must survive the chunk they came from: the state copies their bytes.
    ColumnPtr strings = Strings({"pear-and-a-long-suffix-xx", std::nullopt, "apple-with-long-suffix-yy", "zebra", "b"});
    EXPECT_EQ(Bind("min", {LogicalType::Varchar()}).RunOne({strings}, 5, 3).GetString(), "apple-with-long-suffix-yy");
    EXPECT_EQ(Bind("max", {LogicalType::Varchar()}).RunOne({strings}, 5, 3).GetString(), "zebra");

    ColumnPtr wide = Decimals(30, 3, {1000, -5000, std::nullopt});
    EXPECT_EQ(Bind("max", {LogicalType::Decimal(30, 3)}).RunOne({wide}, 3, 2).ToString(), "1.000");
    EXPECT_EQ(Bind("min", {LogicalType::Decimal(30, 3)}).RunOne({wide}, 3, 2).ToString(), "-5.000");

    ColumnPtr nulls = Ints(LogicalType::Int(), {std::nullopt, std::nullopt});
    EXPECT_TRUE(Bind("max", {LogicalType::Int()}).RunOne({nulls}, 2).is_null());
    EXPECT_TRUE(Bind("min", {LogicalType::Varchar()}).RunOne({Strings({})}, 0).is_null());
}

TEST_F(AggregateFunctionsTest, AnyValueTakesANonNullValue) {
    auto any = Bind("any_value", {LogicalType::Varchar()});
    Value value = any.RunOne({Strings({std::nullopt, "first-long-string-value", "x"})}, 3, 2);
    EXPECT_TRUE(value.GetString() == "first-long-string-value" || value.GetString() == "x");
    EXPECT_TRUE(any.RunOne({Strings({std::nullopt})}, 1).is_null());
}

TEST_F(AggregateFunctionsTest, MaxByAndMinBy) {
    ColumnPtr names = Strings({"alice-has-a-long-name", "bob", std::nullopt, "dave"});
    ColumnPtr scores = Ints(LogicalType::Int(), {10, 30, 50, std::nullopt});
    auto max_by = Bind("max_by", {LogicalType::Varchar(), LogicalType::Int()});
    EXPECT_EQ(max_by.function().return_type, LogicalType::Varchar());
    EXPECT_TRUE(max_by.RunOne({names, scores}, 4, 2).is_null());  // the max row's x is NULL
    auto min_by = Bind("min_by", {LogicalType::Varchar(), LogicalType::Int()});
    EXPECT_EQ(min_by.RunOne({names, scores}, 4, 3).GetString(), "alice-has-a-long-name");

    ColumnPtr amounts = Decimals(12, 2, {100, 200, 300});
    ColumnPtr keys = Strings({"b", "c-is-the-largest-key-here", "a"});
    auto by_string = Bind("max_by", {LogicalType::Decimal(12, 2), LogicalType::Varchar()});
    EXPECT_EQ(by_string.RunOne({amounts, keys}, 3, 2).ToString(), "2.00");
    EXPECT_TRUE(by_string.RunOne({amounts, keys}, 0).is_null());
}

TEST_F(AggregateFunctionsTest, VarianceFamily) {
    ColumnPtr values = Doubles({1, 2, std::nullopt, 3, 4});
    EXPECT_DOUBLE_EQ(Bind("var_pop", {LogicalType::Double()}).RunOne({values}, 5, 2).GetDouble(), 1.25);
    EXPECT_DOUBLE_EQ(Bind("variance", {LogicalType::Double()}).RunOne({values}, 5, 3).GetDouble(), 1.25);
    EXPECT_NEAR(Bind("var_samp", {LogicalType::Double()}).RunOne({values}, 5, 2).GetDouble(), 5.0 / 3, 1e-12);
    EXPECT_NEAR(Bind("stddev", {LogicalType::Double()}).RunOne({values}, 5).GetDouble(), std::sqrt(1.25), 1e-12);
    EXPECT_NEAR(Bind("stddev_samp", {LogicalType::Double()}).RunOne({values}, 5, 2).GetDouble(), std::sqrt(5.0 / 3),
                1e-12);
    ColumnPtr one = Doubles({7});
    EXPECT_TRUE(Bind("var_samp", {LogicalType::Double()}).RunOne({one}, 1).is_null());
    EXPECT_DOUBLE_EQ(Bind("var_pop", {LogicalType::Double()}).RunOne({one}, 1).GetDouble(), 0);
    EXPECT_TRUE(Bind("stddev_pop", {LogicalType::Double()}).RunOne({Doubles({})}, 0).is_null());
    // Decimals are scaled to their value: 1.00, 3.00 -> variance 1.
    EXPECT_DOUBLE_EQ(Bind("var_pop", {LogicalType::Decimal(5, 2)}).RunOne({Decimals(5, 2, {100, 300})}, 2).GetDouble(),
                     1.0);
    // Large offsets do not destroy precision.
    ColumnPtr shifted = Doubles({1e9 + 1, 1e9 + 2, 1e9 + 3, 1e9 + 4});
    EXPECT_NEAR(Bind("var_pop", {LogicalType::Double()}).RunOne({shifted}, 4, 2).GetDouble(), 1.25, 1e-6);
}

TEST_F(AggregateFunctionsTest, ApproxCountDistinctIsClose) {
    auto ndv = Bind("approx_count_distinct", {LogicalType::BigInt()});
    EXPECT_EQ(ndv.function().return_type, LogicalType::BigInt());
    EXPECT_EQ(ndv.RunOne({Ints(LogicalType::BigInt(), {})}, 0).GetInt64(), 0);
    std::vector<std::optional<int64_t>> small = {1, 2, 3, 1, 2, 3, std::nullopt, 10, 11, 12};
    EXPECT_EQ(ndv.RunOne({Ints(LogicalType::BigInt(), small)}, small.size(), 2).GetInt64(), 6);

    const size_t n = 200000;
    ColumnPtr values = Column::MakeFlat(LogicalType::BigInt(), n);
    for (size_t i = 0; i < n; ++i) values->MutableData<int64_t>()[i] = static_cast<int64_t>(i % 100000) * 7919;
    int64_t estimate = ndv.RunOne({values}, n, 4).GetInt64();
    EXPECT_NEAR(static_cast<double>(estimate), 100000.0, 100000.0 * 0.03);

    auto ndv_strings = Bind("ndv", {LogicalType::Varchar()});
    ColumnPtr strings = Column::MakeFlat(LogicalType::Varchar(), 20000);
    for (size_t i = 0; i < 20000; ++i) {
        strings->SetValue(i, Value::Varchar("user-" + std::to_string(i % 5000) + "-with-a-long-suffix"));
    }
    EXPECT_NEAR(static_cast<double>(ndv_strings.RunOne({strings}, 20000, 3).GetInt64()), 5000.0, 5000 * 0.03);
}

TEST_F(AggregateFunctionsTest, ApproxCountDistinctManyGroupsStaySparse) {
    auto ndv = Bind("approx_count_distinct", {LogicalType::Int()});
    const size_t n = 30000, groups = 10000;
    ColumnPtr values = Column::MakeFlat(LogicalType::Int(), n);
    std::vector<size_t> group_of(n);
    for (size_t i = 0; i < n; ++i) {
        values->MutableData<int32_t>()[i] = static_cast<int32_t>(i);
        group_of[i] = i % groups;
    }
    ColumnPtr result = ndv.Run({values}, n, group_of, groups, 2);
    for (size_t g = 0; g < groups; g += 997) EXPECT_EQ(result->GetValue(g).GetInt64(), 3);
}

TEST_F(AggregateFunctionsTest, GroupConcatJoinsValues) {
    auto concat = Bind("group_concat", {LogicalType::Varchar()});
    EXPECT_EQ(concat.function().return_type, LogicalType::Varchar());
    ColumnPtr values = Strings({"a", std::nullopt, "bb", "a-long-value-over-twelve"});
    EXPECT_EQ(concat.RunOne({values}, 4).GetString(), "a,bb,a-long-value-over-twelve");
    EXPECT_EQ(concat.RunOne({values}, 4, 2).GetString(), "a,bb,a-long-value-over-twelve");
    EXPECT_TRUE(concat.RunOne({Strings({std::nullopt})}, 1).is_null());

    auto with_separator = Bind("group_concat", {LogicalType::Varchar(), LogicalType::Varchar()});
    ColumnPtr separator = Column::MakeConstant(Value::Varchar(" | "), 4);
    EXPECT_EQ(with_separator.RunOne({values, separator}, 4, 3).GetString(), "a | bb | a-long-value-over-twelve");
}

TEST_F(AggregateFunctionsTest, RegistryErrorsAndNames) {
    auto unknown = registry_.BindAggregate("no_such_agg", {LogicalType::Int()}, false);
    ASSERT_FALSE(unknown.ok());
    EXPECT_EQ(unknown.status().code(), ErrorCode::kUnknownFunction);
    auto distinct_star = registry_.BindAggregate("count", {}, true);
    ASSERT_FALSE(distinct_star.ok());
    EXPECT_EQ(distinct_star.status().code(), ErrorCode::kWrongArguments);
    auto wrong = registry_.BindAggregate("max_by", {LogicalType::Int()}, false);
    ASSERT_FALSE(wrong.ok());
    EXPECT_EQ(wrong.status().code(), ErrorCode::kWrongArguments);
    EXPECT_TRUE(registry_.BindAggregate("count", {LogicalType::Int()}, true).ok());
    for (const char* name : {"count", "sum", "avg", "min", "max", "any_value", "max_by", "min_by", "stddev", "std",
                             "stddev_pop", "stddev_samp", "variance", "var_pop", "var_samp", "variance_samp",
                             "approx_count_distinct", "ndv", "group_concat"}) {
        EXPECT_TRUE(registry_.HasAggregate(name)) << name;
    }
    EXPECT_TRUE(registry_.HasAggregate("SUM"));
}

}  // namespace
}  // namespace flashlake::functions
