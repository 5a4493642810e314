// BucketKeyHasher against the row-at-a-time BinaryRowWriter path (itself checked against
// Java-computed bucket ids in bucket_function_test.cc): every key type, NULLs, long and short
// strings, wide decimals and fine timestamps, any column encoding.
#include <gtest/gtest.h>

#include <random>

#include "lake/bucket_function.h"
#include "lake/write/bucket_key_hasher.h"
#include "write_test_util.h"

namespace flashlake::lake {
namespace {

using testing::Row;

Value RandomValue(const DataType& type, std::mt19937_64& rng) {
    std::uniform_int_distribution<int> pick(0, 9);
    if (pick(rng) == 0) return Value::Null(type.ToLogicalType().value());
    int64_t x = static_cast<int64_t>(rng());
    switch (type.root()) {
        case TypeRoot::kBoolean:
            return Value::Boolean(x & 1);
        case TypeRoot::kTinyInt:
            return Value::TinyInt(static_cast<int8_t>(x));
        case TypeRoot::kSmallInt:
            return Value::SmallInt(static_cast<int16_t>(x));
        case TypeRoot::kInt:
        case TypeRoot::kTime:
            return Value::Int(static_cast<int32_t>(x % 86400000));
        case TypeRoot::kDate:
            return Value::Date(static_cast<int32_t>(x % 100000));
        case TypeRoot::kBigInt:
            return Value::BigInt(x);
        case TypeRoot::kFloat:
            return Value::Float(static_cast<float>(x % 100000) / 7.0f);
        case TypeRoot::kDouble:
            return Value::Double(static_cast<double>(x % 1000000) / 13.0);
        case TypeRoot::kDecimal: {
            int128_t bound = 1;
            for (int i = 0; i < type.precision(); ++i) bound *= 10;
            int128_t wide = (static_cast<int128_t>(x) << 64) | rng();
            return Value::Decimal(wide % bound, type.precision(), type.scale());
        }
        case TypeRoot::kTimestamp:
            return Value::DateTime(x % 4000000000000000);
        case TypeRoot::kVarchar:
        case TypeRoot::kVarbinary: {
            std::string text(static_cast<size_t>(rng() % 24), 'a');
            for (char& c : text) c = static_cast<char>('a' + rng() % 26);
            return type.root() == TypeRoot::kVarchar ? Value::Varchar(text)
                                                     : Value::Binary(LogicalType::Varbinary(), text);
        }
        default:
            return Value();
    }
}

void ExpectMatchesRowWriter(const std::vector<DataType>& types, size_t rows, int32_t buckets, uint64_t seed) {
    std::mt19937_64 rng(seed);
    std::vector<LogicalType> logical;
    for (const DataType& type : types) logical.push_back(type.ToLogicalType().value());
    std::vector<Row> data;
    for (size_t r = 0; r < rows; ++r) {
        Row row;
        for (const DataType& type : types) row.push_back(RandomValue(type, rng));
        data.push_back(row);
    }
    Chunk chunk = testing::MakeChunk(logical, data);
    std::vector<int> columns(types.size());
    for (size_t i = 0; i < types.size(); ++i) columns[i] = static_cast<int>(i);
    BucketKeyHasher hasher(columns, types, buckets, false);
    std::vector<int32_t> hashes, bucket_ids;
    ASSERT_TRUE(hasher.HashCodes(chunk, &hashes).ok());
    ASSERT_TRUE(hasher.Buckets(chunk, &bucket_ids).ok());
    for (size_t r = 0; r < rows; ++r) {
        auto key = EncodeBinaryRow(data[r], types);
        ASSERT_TRUE(key.ok()) << key.status().ToString();
        ASSERT_EQ(hashes[r], key->HashCode()) << "row " << r;
        ASSERT_EQ(bucket_ids[r], DefaultBucket(*key, buckets)) << "row " << r;
    }
}

TEST(WriteBucketKeyHasherTest, SingleColumnsOfEveryType) {
    std::vector<DataType> types = {
        DataType::Boolean(),       DataType::TinyInt(),      DataType::SmallInt(),     DataType::Int(),
        DataType::BigInt(),        DataType::Float(),        DataType::Double(),       DataType::Date(),
        DataType::Time(),          DataType::Decimal(10, 2), DataType::Decimal(18, 4), DataType::Decimal(30, 5),
        DataType::Decimal(38, 0),  DataType::Timestamp(3),   DataType::Timestamp(6),   DataType::Timestamp(0),
        DataType::TimestampLtz(6), DataType::String(),       DataType::Varchar(10),    DataType::Bytes()};
    uint64_t seed = 1;
    for (const DataType& type : types) {
        SCOPED_TRACE(type.ToString());
        ExpectMatchesRowWriter({type}, 500, 7, seed++);
    }
}

TEST(WriteBucketKeyHasherTest, CompositeKeysWithVarPartsInFieldOrder) {
    ExpectMatchesRowWriter({DataType::String(), DataType::Decimal(25, 3), DataType::Timestamp(9), DataType::Int(),
                            DataType::Bytes(), DataType::String()},
                           2000, 13, 99);
    ExpectMatchesRowWriter({DataType::BigInt(), DataType::String()}, 2000, 1024, 7);
}

TEST(WriteBucketKeyHasherTest, ConstantAndDictionaryColumns) {
    Chunk chunk(std::vector<ColumnPtr>{Column::MakeConstant(Value::Varchar("a long constant value"), 5),
                                       Column::MakeDictionary(Column::FromValues(LogicalType::BigInt(),
                                                                                 {Value::BigInt(7), Value::BigInt(-3)}),
                                                              {0, 1, 1, 0, 1})},
                5);
    std::vector<DataType> types = {DataType::String(), DataType::BigInt()};
    BucketKeyHasher hasher({0, 1}, types, 4, false);
    std::vector<int32_t> hashes;
    ASSERT_TRUE(hasher.HashCodes(chunk, &hashes).ok());
    int64_t keys[] = {7, -3, -3, 7, -3};
    for (int r = 0; r < 5; ++r) {
        auto key = EncodeBinaryRow({Value::Varchar("a long constant value"), Value::BigInt(keys[r])}, types);
        EXPECT_EQ(hashes[r], key->HashCode());
    }
}

TEST(WriteBucketKeyHasherTest, ModFunction) {
    Chunk chunk =
        testing::MakeChunk({LogicalType::BigInt()}, {{Value::BigInt(10)}, {Value::BigInt(-7)}, {Value::BigInt(3)}});
    BucketKeyHasher hasher({0}, {DataType::BigInt()}, 4, true);
    std::vector<int32_t> buckets;
    ASSERT_TRUE(hasher.Buckets(chunk, &buckets).ok());
    EXPECT_EQ(buckets, (std::vector<int32_t>{2, 1, 3}));
    Chunk with_null = testing::MakeChunk({LogicalType::BigInt()}, {{Value::Null(LogicalType::BigInt())}});
    EXPECT_EQ(hasher.Buckets(with_null, &buckets).code(), ErrorCode::kInvalidArgument);
}

}  // namespace
}  // namespace flashlake::lake
