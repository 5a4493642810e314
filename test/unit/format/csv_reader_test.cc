#include "format/csv/csv_reader.h"

#include <gtest/gtest.h>

namespace flashlake::format::csv {
namespace {

CsvReader EventsReader(CsvOptions options = {}) {
    return CsvReader({"id", "name", "amount", "dt", "ts"},
                     {LogicalType::BigInt(), LogicalType::Varchar(), LogicalType::Decimal(12, 2), LogicalType::Date(),
                      LogicalType::DateTime()},
                     options);
}

std::string Rows(const CsvParseResult& result) {
    std::string out;
    for (const auto& chunk : result.chunks) out += chunk.ToString();
    return out;
}

TEST(CsvReaderTest, ParsesTypedRowsQuotesAndNulls) {
    CsvOptions options;
    options.skip_header = 1;
    auto result = EventsReader(options).Parse(
        "id,name,amount,dt,ts\n"
        "1,alice,12.50,2026-11-11,2026-11-11 10:00:00\n"
        "2,\"bob, jr\",\\N,2026-11-12,2026-11-12 00:00:01\r\n"
        "3,\"say \"\"hi\"\"\",,2026-11-13,2026-11-13 23:59:59\n");
    EXPECT_TRUE(result.errors.empty()) << result.errors[0].reason;
    EXPECT_EQ(result.rows_read, 3);
    EXPECT_EQ(Rows(result),
              "1 | alice | 12.50 | 2026-11-11 | 2026-11-11 10:00:00\n"
              "2 | bob, jr | NULL | 2026-11-12 | 2026-11-12 00:00:01\n"
              "3 | say \"hi\" | NULL | 2026-11-13 | 2026-11-13 23:59:59\n");
}

TEST(CsvReaderTest, BadRowsAreRejectedWithLineAndReason) {
    auto result = EventsReader().Parse(
        "1,a,1.00,2026-01-01,2026-01-01 00:00:00\n"
        "x,b,1.00,2026-01-01,2026-01-01 00:00:00\n"
        "3,c,1.00\n"
        "4,d,12345678901.999,2026-01-01,2026-01-01 00:00:00\n"
        "5,e,2.00,2026-02-30,2026-01-01 00:00:00\n"
        "6,\"f,2.00,2026-01-01,2026-01-01 00:00:00\n"
        "7,g,3.00,2026-01-01,2026-01-01 00:00:00\n");
    EXPECT_EQ(result.rows_read, 6);
    ASSERT_EQ(result.errors.size(), 5u);
    EXPECT_EQ(result.errors[0].line, 2);
    EXPECT_EQ(result.errors[0].reason, "column 1 (id BIGINT): bad value 'x'");
    EXPECT_EQ(result.errors[1].reason, "expected 5 columns, found 3");
    EXPECT_NE(result.errors[2].reason.find("out of range"), std::string::npos);
    EXPECT_EQ(result.errors[3].line, 5);
    EXPECT_EQ(result.errors[3].row, "5,e,2.00,2026-02-30,2026-01-01 00:00:00");
    // An opened quote runs to the end of the input: rows 6 and 7 come back as one rejected row,
    // whose text shows both, so nothing is lost without a report.
    EXPECT_EQ(result.errors[4].line, 6);
    EXPECT_EQ(result.errors[4].reason, "unbalanced quotes or text after a closing quote");
    EXPECT_NE(result.errors[4].row.find("7,g"), std::string::npos);
    EXPECT_EQ(Rows(result), "1 | a | 1.00 | 2026-01-01 | 2026-01-01 00:00:00\n");
}

TEST(CsvReaderTest, ManyRowsSpanChunks) {
    std::string data;
    for (int i = 0; i < 10000; ++i) data += std::to_string(i) + ",n" + std::to_string(i) + ",1.00,2026-01-01,2026-01-01 00:00:00\n";
    auto result = EventsReader().Parse(data);
    EXPECT_EQ(result.chunks.size(), 3u);
    size_t rows = 0;
    for (const auto& chunk : result.chunks) rows += chunk.num_rows();
    EXPECT_EQ(rows, 10000u);
    EXPECT_EQ(result.chunks[2].column(1)->GetValue(result.chunks[2].num_rows() - 1).GetString(), "n9999");
}

TEST(CsvReaderTest, CustomSeparatorAndTrim) {
    CsvOptions options;
    options.column_separator = '|';
    options.trim_space = true;
    CsvReader reader({"a", "b"}, {LogicalType::Int(), LogicalType::Varchar()}, options);
    auto result = reader.Parse(" 1 | x \n2|y");
    EXPECT_TRUE(result.errors.empty());
    EXPECT_EQ(Rows(result), "1 | x\n2 | y\n");
}

TEST(CsvReaderTest, InfersSchemaFromHeaderAndValues) {
    CsvOptions options;
    auto columns = InferCsvSchema(
        "id,price,day,at,flag,name\n1,2.5,2026-01-01,2026-01-01 10:00:00,true,a\n2,3,2026-01-02,2026-01-02 "
        "11:00:00,false,\n",
        options, true);
    ASSERT_TRUE(columns.ok()) << columns.status().ToString();
    ASSERT_EQ(columns->size(), 6u);
    EXPECT_EQ((*columns)[0].name, "id");
    EXPECT_EQ((*columns)[0].type, LogicalType::BigInt());
    EXPECT_EQ((*columns)[1].type, LogicalType::Double());
    EXPECT_EQ((*columns)[2].type, LogicalType::Date());
    EXPECT_EQ((*columns)[3].type, LogicalType::DateTime());
    EXPECT_EQ((*columns)[4].type, LogicalType::Boolean());
    EXPECT_EQ((*columns)[5].type, LogicalType::Varchar());
}

}  // namespace
}  // namespace flashlake::format::csv
