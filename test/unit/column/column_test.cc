#include "column/column.h"

#include <gtest/gtest.h>

#include "column/chunk.h"

namespace flashlake {
namespace {

TEST(ColumnTest, FlatWithNulls) {
    ColumnPtr column = Column::FromValues(LogicalType::BigInt(), {Value::BigInt(1), Value::Null(LogicalType::BigInt()),
                                                                  Value::BigInt(3)});
    EXPECT_EQ(column->size(), 3u);
    EXPECT_FALSE(column->IsNull(0));
    EXPECT_TRUE(column->IsNull(1));
    EXPECT_EQ(column->GetValue(2).GetInt64(), 3);
    EXPECT_EQ(column->validity().CountInvalid(3), 1u);
    EXPECT_EQ(column->Data<int64_t>()[0], 1);
}

TEST(ColumnTest, NoNullsMeansNoBitmap) {
    ColumnPtr column = Column::FromValues(LogicalType::Int(), {Value::Int(1), Value::Int(2)});
    EXPECT_TRUE(column->validity().AllValid());
}

TEST(ColumnTest, StringsInlineAndHeap) {
    std::string long_text(100, 'x');
    ColumnPtr column = Column::FromValues(LogicalType::Varchar(), {Value::Varchar("short"), Value::Varchar(long_text),
                                                                   Value::Null(LogicalType::Varchar())});
    EXPECT_TRUE(column->Data<StringView>()[0].IsInline());
    EXPECT_FALSE(column->Data<StringView>()[1].IsInline());
    EXPECT_EQ(column->GetValue(1).GetString(), long_text);
    EXPECT_TRUE(column->IsNull(2));
    // A selected copy shares the heap: its views stay valid after the source is gone.
    SelectionVector selection;
    selection.Append(1);
    ColumnPtr copy = column->Flatten(&selection);
    column.reset();
    EXPECT_EQ(copy->GetValue(0).GetString(), long_text);
}

TEST(ColumnTest, ConstantAndDictionary) {
    ColumnPtr constant = Column::MakeConstant(Value::Varchar("c"), 5);
    EXPECT_EQ(constant->size(), 5u);
    EXPECT_EQ(constant->GetValue(4).GetString(), "c");
    ColumnPtr null_constant = Column::MakeConstant(Value::Null(LogicalType::Int()), 3);
    EXPECT_TRUE(null_constant->IsNull(2));

    ColumnPtr dictionary = Column::FromValues(LogicalType::Varchar(), {Value::Varchar("red"), Value::Varchar("blue")});
    ColumnPtr encoded = Column::MakeDictionary(dictionary, {1, 0, 1, 1});
    EXPECT_EQ(encoded->encoding(), ColumnEncoding::kDictionary);
    EXPECT_EQ(encoded->GetValue(0).GetString(), "blue");
    ColumnPtr flat = encoded->Flatten();
    EXPECT_EQ(flat->encoding(), ColumnEncoding::kFlat);
    EXPECT_EQ(flat->GetValue(1).GetString(), "red");
    EXPECT_EQ(flat->GetValue(3).GetString(), "blue");
}

TEST(ColumnTest, AppendKeepsNulls) {
    ColumnPtr target = Column::FromValues(LogicalType::Int(), {Value::Int(7)});
    ColumnPtr source = Column::FromValues(LogicalType::Int(), {Value::Null(LogicalType::Int()), Value::Int(9)});
    target->Append(*source);
    ASSERT_EQ(target->size(), 3u);
    EXPECT_TRUE(target->IsNull(1));
    EXPECT_EQ(target->GetValue(2).GetInt64(), 9);
    target->Append(*Column::MakeConstant(Value::Int(5), 2000));
    EXPECT_EQ(target->size(), 2003u);
    EXPECT_EQ(target->GetValue(2002).GetInt64(), 5);
    EXPECT_TRUE(target->IsNull(1));
}

TEST(ChunkTest, SelectAndSlice) {
    Chunk chunk;
    chunk.AddColumn(Column::FromValues(LogicalType::Int(), {Value::Int(1), Value::Int(2), Value::Int(3)}));
    chunk.AddColumn(Column::FromValues(LogicalType::Varchar(), {Value::Varchar("a"), Value::Varchar("b"),
                                                                Value::Null(LogicalType::Varchar())}));
    SelectionVector selection;
    selection.Append(0);
    selection.Append(2);
    EXPECT_EQ(chunk.Select(selection).ToString(), "1 | a\n3 | NULL\n");
    EXPECT_EQ(chunk.Slice(1, 2).ToString(), "2 | b\n3 | NULL\n");
}

}  // namespace
}  // namespace flashlake
