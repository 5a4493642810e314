#include "lake/bucket_function.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "format/json/json_parser.h"
#include "lake/binary_row_converter.h"
#include "lake/binary_row_writer.h"
#include "types/date_time.h"
#include "types/decimal.h"

namespace flashlake::lake {
namespace {

constexpr int32_t kBuckets = 12345;

std::string DataPath(const std::string& name) {
    return std::string(FL_SHARED_DIR) + "/testdata/paimon/" + name;
}

// One line of a *_for_bucket_id.data file: "[v0, v1, ..., bucket]," split into raw tokens.
// Strings are JSON string literals and may contain ", ", so the split respects quotes.
std::vector<std::string> SplitLine(const std::string& line) {
    size_t begin = line.find('[');
    size_t end = line.rfind(']');
    std::vector<std::string> tokens;
    std::string current;
    bool in_string = false;
    for (size_t i = begin + 1; i < end; ++i) {
        char c = line[i];
        if (in_string) {
            current += c;
            if (c == '\\') {
                current += line[++i];
            } else if (c == '"') {
                in_string = false;
            }
        } else if (c == '"') {
            in_string = true;
            current += c;
        } else if (c == ',') {
            tokens.push_back(current);
            current.clear();
        } else if (c != ' ') {
            current += c;
        }
    }
    tokens.push_back(current);
    return tokens;
}

std::vector<std::vector<std::string>> ReadRows(const std::string& name) {
    std::ifstream in(DataPath(name));
    EXPECT_TRUE(in.good()) << DataPath(name);
    std::vector<std::vector<std::string>> rows;
    std::string line;
    while (std::getline(in, line)) {
        if (line.find('[') != std::string::npos) rows.push_back(SplitLine(line));
    }
    return rows;
}

std::string Unquote(const std::string& token) {
    auto parsed = format::json::Parse(token);
    EXPECT_TRUE(parsed.ok() && parsed->is_string()) << token;
    return parsed->AsString();
}

// "1812-09-26T13:12:15.631" (0 to 9 fraction digits) as a UTC timestamp. As Java's
// LocalDateTime.toString(), zero seconds are left out: "2073-07-11T03:08".
PaimonTimestamp ParseIsoTimestamp(const std::string& text) {
    int year, month, day, hour, minute, second = 0;
    EXPECT_GE(std::sscanf(text.c_str(), "%d-%d-%dT%d:%d:%d", &year, &month, &day, &hour, &minute, &second), 5) << text;
    int64_t nanos_of_second = 0;
    size_t dot = text.find('.');
    if (dot != std::string::npos) {
        std::string fraction = text.substr(dot + 1);
        fraction.resize(9, '0');
        nanos_of_second = std::stoll(fraction);
    }
    int64_t days = date_time::DaysFromCivil(year, month, day);
    int64_t millis =
        days * 86'400'000 + hour * 3'600'000LL + minute * 60'000LL + second * 1000LL + nanos_of_second / 1'000'000;
    return {millis, static_cast<int32_t>(nanos_of_second % 1'000'000)};
}

// Writes the token of one field; `type` decides the encoding.
void WriteToken(BinaryRowWriter* writer, int32_t pos, const DataType& type, const std::string& token) {
    if (token == "null") {
        if (type.root() == TypeRoot::kDecimal) {
            writer->SetNullDecimal(pos, type.precision());
        } else if (type.IsTimestamp()) {
            writer->SetNullTimestamp(pos, type.precision());
        } else {
            writer->SetNullAt(pos);
        }
        return;
    }
    switch (type.root()) {
        case TypeRoot::kBoolean:
            writer->WriteBoolean(pos, token == "true");
            break;
        case TypeRoot::kTinyInt:
            writer->WriteTinyInt(pos, static_cast<int8_t>(std::stoi(token)));
            break;
        case TypeRoot::kSmallInt:
            writer->WriteSmallInt(pos, static_cast<int16_t>(std::stoi(token)));
            break;
        case TypeRoot::kInt:
        case TypeRoot::kDate:
            writer->WriteInt(pos, static_cast<int32_t>(std::stol(token)));
            break;
        case TypeRoot::kBigInt:
            writer->WriteLong(pos, std::stoll(token));
            break;
        // strtof, not via double: the text is Java's shortest form of the float.
        case TypeRoot::kFloat:
            writer->WriteFloat(pos, std::strtof(token.c_str(), nullptr));
            break;
        case TypeRoot::kDouble:
            writer->WriteDouble(pos, std::strtod(token.c_str(), nullptr));
            break;
        case TypeRoot::kDecimal: {
            auto unscaled = decimal::Parse(Unquote(token), type.precision(), type.scale());
            ASSERT_TRUE(unscaled.ok()) << token;
            writer->WriteDecimal(pos, *unscaled, type.precision());
            break;
        }
        case TypeRoot::kVarchar:
        case TypeRoot::kVarbinary:
            writer->WriteBytes(pos, Unquote(token));
            break;
        case TypeRoot::kTimestamp:
        case TypeRoot::kTimestampLtz:
            if (token[0] == '"') {
                writer->WriteTimestamp(pos, ParseIsoTimestamp(Unquote(token)), type.precision());
            } else {
                writer->WriteTimestamp(pos, PaimonTimestamp::FromNanos(std::stoll(token)), type.precision());
            }
            break;
        default:
            FAIL() << "unexpected type " << type.ToString();
    }
}

// Asserts every row of a golden file: the bucket of the row's BinaryRow equals the last value.
void CheckGoldenFile(const std::string& name, const std::vector<DataType>& types) {
    auto rows = ReadRows(name);
    ASSERT_EQ(rows.size(), 5000u);
    BinaryRowWriter writer(static_cast<int32_t>(types.size()));
    int mismatches = 0;
    for (size_t r = 0; r < rows.size(); ++r) {
        const auto& row = rows[r];
        ASSERT_EQ(row.size(), types.size() + 1) << name << " row " << r;
        for (size_t i = 0; i < types.size(); ++i) WriteToken(&writer, static_cast<int32_t>(i), types[i], row[i]);
        BinaryRow key = writer.Finish();
        int32_t expected = std::stoi(row.back());
        int32_t actual = DefaultBucket(key, kBuckets);
        if (actual != expected && ++mismatches <= 5) {
            ADD_FAILURE() << name << " row " << r << ": bucket " << actual << ", Java says " << expected;
        }
    }
    EXPECT_EQ(mismatches, 0) << name;
}

std::vector<DataType> AllTypes(std::vector<DataType> decimals) {
    std::vector<DataType> types = {DataType::Boolean(), DataType::TinyInt(), DataType::SmallInt(),
                                   DataType::Int(),     DataType::BigInt(),  DataType::Float(),
                                   DataType::Double(),  DataType::Date(),    DataType::Timestamp(9)};
    for (auto& d : decimals) types.push_back(d);
    types.push_back(DataType::String());
    types.push_back(DataType::Bytes());
    return types;
}

TEST(BucketFunctionTest, MatchesJavaOnAllTypes) {
    CheckGoldenFile("record_for_bucket_id.data", AllTypes({DataType::Decimal(30, 20)}));
}

TEST(BucketFunctionTest, MatchesJavaWithNulls) {
    CheckGoldenFile("record_with_null_for_bucket_id.data",
                    AllTypes({DataType::Decimal(5, 2), DataType::Decimal(30, 2)}));
}

TEST(BucketFunctionTest, MatchesJavaOnTimestampPrecisions) {
    std::vector<DataType> types;
    for (int p : {0, 3, 6, 9}) types.push_back(DataType::Timestamp(p));
    for (int p : {0, 3, 6, 9}) types.push_back(DataType::TimestampLtz(p));
    CheckGoldenFile("record_with_timestamp_for_bucket_id.data", types);
}

// The Value path (EncodeBinaryRow) must produce the same rows as the writer path: the golden
// file's TIMESTAMP(9) values are whole milliseconds, so DATETIME loses nothing.
TEST(BucketFunctionTest, ValueEncodingMatchesJava) {
    auto types = AllTypes({DataType::Decimal(30, 20)});
    auto rows = ReadRows("record_for_bucket_id.data");
    ASSERT_EQ(rows.size(), 5000u);
    for (size_t r = 0; r < rows.size(); ++r) {
        const auto& row = rows[r];
        std::vector<Value> values = {
            Value::Boolean(row[0] == "true"),
            Value::TinyInt(static_cast<int8_t>(std::stoi(row[1]))),
            Value::SmallInt(static_cast<int16_t>(std::stoi(row[2]))),
            Value::Int(static_cast<int32_t>(std::stol(row[3]))),
            Value::BigInt(std::stoll(row[4])),
            Value::Float(std::strtof(row[5].c_str(), nullptr)),
            Value::Double(std::strtod(row[6].c_str(), nullptr)),
            Value::Date(static_cast<int32_t>(std::stol(row[7]))),
            Value::DateTime(std::stoll(row[8]) / 1000),
            Value::Decimal(*decimal::Parse(Unquote(row[9]), 30, 20), 30, 20),
            Value::Varchar(Unquote(row[10])),
            Value::Binary(LogicalType::Varbinary(), Unquote(row[11])),
        };
        auto key = EncodeBinaryRow(values, types);
        ASSERT_TRUE(key.ok()) << key.status().ToString();
        ASSERT_EQ(DefaultBucket(*key, kBuckets), std::stoi(row.back())) << "row " << r;
        auto decoded = DecodeBinaryRow(*key, types);
        ASSERT_TRUE(decoded.ok()) << decoded.status().ToString();
        for (size_t i = 0; i < values.size(); ++i) ASSERT_EQ((*decoded)[i], values[i]) << "row " << r << " field " << i;
    }
}

TEST(BucketFunctionTest, HashOfKnownRows) {
    // Java: Math.abs(x % n) with a negative hash still lands in [0, n).
    BinaryRowWriter writer(1);
    for (int32_t i = -1000; i < 1000; ++i) {
        writer.WriteInt(0, i);
        int32_t bucket = DefaultBucket(writer.Finish(), 7);
        EXPECT_GE(bucket, 0);
        EXPECT_LT(bucket, 7);
    }
}

TEST(BucketFunctionTest, ModBucket) {
    BinaryRowWriter writer(1);
    writer.WriteInt(0, -7);
    auto bucket = ModBucket(writer.Finish(), false, 5);
    ASSERT_TRUE(bucket.ok());
    EXPECT_EQ(*bucket, 3);  // floorMod(-7, 5)
    writer.WriteLong(0, 12);
    EXPECT_EQ(*ModBucket(writer.Finish(), true, 5), 2);
    writer.SetNullAt(0);
    EXPECT_FALSE(ModBucket(writer.Finish(), false, 5).ok());
}

TEST(BucketFunctionTest, ParseType) {
    EXPECT_EQ(*ParseBucketFunctionType("DEFAULT"), BucketFunctionType::kDefault);
    EXPECT_EQ(*ParseBucketFunctionType("mod"), BucketFunctionType::kMod);
    EXPECT_EQ(ParseBucketFunctionType("hive").status().code(), ErrorCode::kNotSupported);
}

}  // namespace
}  // namespace flashlake::lake
