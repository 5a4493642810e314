// Which filter conjuncts become lake scan predicates (ToScanPredicate): only forms whose meaning
// the scan's statistics can judge exactly; everything else stays a plain filter.
#include "planner/optimizer/scan_predicates.h"

#include <gtest/gtest.h>

namespace flashlake::planner {
namespace {

const std::vector<std::string> kColumns = {"id", "dt", "name", "amount", "small"};

BoundExprPtr Column(size_t index, LogicalType type) {
    return MakeColumnRef(index, std::move(type), kColumns[index]);
}

BoundExprPtr Call(const std::string& name, BoundExprPtr a, BoundExprPtr b = nullptr) {
    auto call = std::make_unique<BoundExpression>();
    call->kind = BoundExprKind::kFunction;
    call->type = LogicalType::Boolean();
    call->function.name = name;
    call->children.push_back(std::move(a));
    if (b) call->children.push_back(std::move(b));
    return call;
}

BoundExprPtr CastTo(BoundExprPtr child, LogicalType type) {
    auto cast = std::make_unique<BoundExpression>();
    cast->kind = BoundExprKind::kCast;
    cast->type = std::move(type);
    cast->children.push_back(std::move(child));
    return cast;
}

std::string Text(const BoundExprPtr& expression) {
    auto predicate = ToScanPredicate(*expression, kColumns);
    return predicate ? predicate->ToString() : "none";
}

TEST(ScanPredicates, ComparisonsWithConstants) {
    EXPECT_EQ(Text(Call("eq", Column(0, LogicalType::BigInt()), MakeConstant(Value::BigInt(5)))), "id = 5");
    EXPECT_EQ(Text(Call("ge", Column(1, LogicalType::Date()), MakeConstant(Value::Date(19000)))), "dt >= 2022-01-08");
    EXPECT_EQ(Text(Call("ne", Column(2, LogicalType::Varchar()), MakeConstant(Value::Varchar("x")))), "name <> x");
    // constant op column is mirrored
    EXPECT_EQ(Text(Call("lt", MakeConstant(Value::BigInt(5)), Column(0, LogicalType::BigInt()))), "id > 5");
    EXPECT_EQ(Text(Call("ge", MakeConstant(Value::BigInt(5)), Column(0, LogicalType::BigInt()))), "id <= 5");
    EXPECT_EQ(Text(Call("is_null", Column(3, LogicalType::Decimal(12, 2)))), "amount IS NULL");
    EXPECT_EQ(Text(Call("is_not_null", Column(3, LogicalType::Decimal(12, 2)))), "amount IS NOT NULL");
}

TEST(ScanPredicates, InListsFromOrsOfEqualities) {
    auto in = Call("or", Call("eq", Column(0, LogicalType::BigInt()), MakeConstant(Value::BigInt(1))),
                   Call("or", Call("eq", Column(0, LogicalType::BigInt()), MakeConstant(Value::BigInt(7))),
                        Call("eq", MakeConstant(Value::BigInt(3)), Column(0, LogicalType::BigInt()))));
    EXPECT_EQ(Text(in), "id IN (1, 7, 3)");
    // Two columns, or a non-equality branch: no predicate (an OR across columns cannot prune).
    EXPECT_EQ(Text(Call("or", Call("eq", Column(0, LogicalType::BigInt()), MakeConstant(Value::BigInt(1))),
                        Call("eq", Column(4, LogicalType::Int()), MakeConstant(Value::Int(1))))),
              "none");
    EXPECT_EQ(Text(Call("or", Call("eq", Column(0, LogicalType::BigInt()), MakeConstant(Value::BigInt(1))),
                        Call("gt", Column(0, LogicalType::BigInt()), MakeConstant(Value::BigInt(9))))),
              "none");
}

TEST(ScanPredicates, OnlyExactWideningCasts) {
    // INT widened to BIGINT, DATE to DATETIME: exact and order-preserving.
    EXPECT_EQ(
        Text(Call("eq", CastTo(Column(4, LogicalType::Int()), LogicalType::BigInt()), MakeConstant(Value::BigInt(2)))),
        "small = 2");
    EXPECT_EQ(Text(Call("lt", CastTo(Column(4, LogicalType::Int()), LogicalType::Decimal(12, 2)),
                        MakeConstant(Value::Int(2)))),
              "small < 2");
    EXPECT_EQ(Text(Call("lt", CastTo(Column(4, LogicalType::Int()), LogicalType::Decimal(9, 2)),
                        MakeConstant(Value::Int(2)))),
              "none");  // not every INT fits DECIMAL(9, 2)
    // Narrowing, to floating point or to text changes order or values: not pushed.
    EXPECT_EQ(
        Text(Call("eq", CastTo(Column(0, LogicalType::BigInt()), LogicalType::Int()), MakeConstant(Value::Int(2)))),
        "none");
    EXPECT_EQ(Text(Call("eq", CastTo(Column(0, LogicalType::BigInt()), LogicalType::Double()),
                        MakeConstant(Value::Double(2)))),
              "none");
    EXPECT_EQ(Text(Call("lt", CastTo(Column(0, LogicalType::BigInt()), LogicalType::Varchar()),
                        MakeConstant(Value::Varchar("2")))),
              "none");
}

TEST(ScanPredicates, OtherFormsAreNotPushed) {
    // NULL constants, column-to-column comparisons, functions of columns, LIKE.
    EXPECT_EQ(Text(Call("eq", Column(0, LogicalType::BigInt()), MakeConstant(Value::Null(LogicalType::BigInt())))),
              "none");
    EXPECT_EQ(Text(Call("eq", Column(0, LogicalType::BigInt()), Column(4, LogicalType::Int()))), "none");
    EXPECT_EQ(Text(Call("eq", Call("abs", Column(0, LogicalType::BigInt())), MakeConstant(Value::BigInt(1)))), "none");
    EXPECT_EQ(Text(Call("like", Column(2, LogicalType::Varchar()), MakeConstant(Value::Varchar("a%")))), "none");
    EXPECT_EQ(Text(Call("not", Call("eq", Column(0, LogicalType::BigInt()), MakeConstant(Value::BigInt(1))))), "none");
}

TEST(ScanPredicates, AttachedToScansUnderFilters) {
    auto scan = std::make_unique<LogicalOperator>(LogicalOperatorKind::kTableScan);
    auto spec = std::make_shared<TableScanSpec>();
    spec->table_name = "db.t";
    spec->columns = kColumns;
    scan->table_scan = spec;
    auto filter = std::make_unique<LogicalOperator>(LogicalOperatorKind::kFilter);
    filter->expressions.push_back(Call("gt", Column(0, LogicalType::BigInt()), MakeConstant(Value::BigInt(10))));
    filter->expressions.push_back(Call("like", Column(2, LogicalType::Varchar()), MakeConstant(Value::Varchar("a%"))));
    filter->children.push_back(std::move(scan));
    LogicalOperatorPtr plan = std::move(filter);
    AttachScanPredicates(plan);
    // The filter keeps both conjuncts; the scan gets the one it can prune with, in a new spec.
    ASSERT_EQ(plan->kind, LogicalOperatorKind::kFilter);
    EXPECT_EQ(plan->expressions.size(), 2u);
    const TableScanSpec& attached = *plan->children[0]->table_scan;
    ASSERT_EQ(attached.predicates.size(), 1u);
    EXPECT_EQ(attached.predicates[0].ToString(), "id > 10");
    EXPECT_TRUE(spec->predicates.empty());
    EXPECT_NE(plan->ToString().find("TABLE_SCAN db.t PRUNE BY [id > 10]"), std::string::npos) << plan->ToString();
}

// A table partitioned by date_trunc('month', dt): conditions on dt also prune the generated
// column's partitions; the filter above the scan is unchanged.
TEST(ScanPredicates, ConditionsOnAGeneratedPartitionSourcePruneItsPartitions) {
    auto scan = std::make_unique<LogicalOperator>(LogicalOperatorKind::kTableScan);
    auto spec = std::make_shared<TableScanSpec>();
    spec->table_name = "db.t";
    spec->columns = kColumns;
    spec->generated_partitions = {{"__partition_month_dt", lake::TruncUnit::kMonth, "dt", LogicalType::Date()}};
    scan->table_scan = spec;
    auto filter = std::make_unique<LogicalOperator>(LogicalOperatorKind::kFilter);
    auto date = [](int32_t days) { return MakeConstant(Value::Date(days)); };
    // 2024-02-10 is day 19763, 2024-03-01 day 19783.
    filter->expressions.push_back(Call("ge", Column(1, LogicalType::Date()), date(19763)));
    filter->expressions.push_back(Call("lt", Column(1, LogicalType::Date()), date(19783)));
    filter->children.push_back(std::move(scan));
    LogicalOperatorPtr plan = std::move(filter);
    AttachScanPredicates(plan);
    EXPECT_EQ(plan->expressions.size(), 2u);
    const TableScanSpec& attached = *plan->children[0]->table_scan;
    std::string text;
    for (const auto& predicate : attached.predicates) text += (text.empty() ? "" : ", ") + predicate.ToString();
    EXPECT_EQ(text,
              "dt >= 2024-02-10, dt < 2024-03-01, __partition_month_dt >= 2024-02-01, __partition_month_dt < 2024-03-01");
}

}  // namespace
}  // namespace flashlake::planner
