// Reads every file of the Apache Parquet test set (../shared/testdata/parquet): values are checked
// against the *_expect.csv files where they exist and otherwise against per-column aggregates
// that DuckDB computed over the same files (non-null count, sum, min and max bytes); every file of
// bad_data must be refused with a clear error and no crash; randomly damaged copies of the good
// files must never crash the reader.

#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <limits>
#include <random>
#include <sstream>

#include "format/parquet/parquet_reader.h"
#include "io/memory_file_system.h"
#include "io/posix_file_system.h"

namespace flashlake::format::parquet {
namespace {

const std::string kDataDir = std::string(FL_SHARED_DIR) + "/testdata/parquet/data/";
const std::string kBadDataDir = std::string(FL_SHARED_DIR) + "/testdata/parquet/bad_data/";
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

struct ColumnExpectation {
    std::string name;
    int64_t non_null;
    double sum;           // numbers, booleans (0/1), days for DATE, microseconds for DATETIME; bytes for strings
    std::string min_hex;  // strings and binaries only
    std::string max_hex;
};

struct FileExpectation {
    std::string file;
    int64_t rows;
    std::vector<ColumnExpectation> columns;  // the top-level primitive columns
};

void PrintTo(const FileExpectation& expectation, std::ostream* out) {
    *out << expectation.file;
}

// Computed by DuckDB 1.x (count, sum(x::DOUBLE) or the days/microseconds for temporal types,
// sum(octet_length), hex(min), hex(max)). DuckDB cannot read the LZ4 (Hadoop) files: they hold
// the same data as lz4_raw_compressed.parquet, whose numbers they reuse.
const std::vector<FileExpectation>& Expectations() {
    static const std::vector<FileExpectation> expectations = {
        {"alltypes_dictionary.parquet",
         2,
         {{"id", 2, 1.0000000000000000, "", ""},
          {"bool_col", 2, 1.0000000000000000, "", ""},
          {"tinyint_col", 2, 1.0000000000000000, "", ""},
          {"smallint_col", 2, 1.0000000000000000, "", ""},
          {"int_col", 2, 1.0000000000000000, "", ""},
          {"bigint_col", 2, 10.000000000000000, "", ""},
          {"float_col", 2, 1.1000000238418579, "", ""},
          {"double_col", 2, 10.100000000000000, "", ""},
          {"date_string_col", 2, 16.000000000000000, "30312F30312F3039", "30312F30312F3039"},
          {"string_col", 2, 2.0000000000000000, "30", "31"},
          {"timestamp_col", 2, 2461536060000000.0, "", ""}}},
        {"alltypes_plain.parquet",
         8,
         {{"id", 8, 28.000000000000000, "", ""},
          {"bool_col", 8, 4.0000000000000000, "", ""},
          {"tinyint_col", 8, 4.0000000000000000, "", ""},
          {"smallint_col", 8, 4.0000000000000000, "", ""},
          {"int_col", 8, 4.0000000000000000, "", ""},
          {"bigint_col", 8, 40.000000000000000, "", ""},
          {"float_col", 8, 4.4000000953674316, "", ""},
          {"double_col", 8, 40.399999999999999, "", ""},
          {"date_string_col", 8, 64.000000000000000, "30312F30312F3039", "30342F30312F3039"},
          {"string_col", 8, 8.0000000000000000, "30", "31"},
          {"timestamp_col", 8, 9877248240000000.0, "", ""}}},
        {"alltypes_plain.snappy.parquet",
         2,
         {{"id", 2, 13.000000000000000, "", ""},
          {"bool_col", 2, 1.0000000000000000, "", ""},
          {"tinyint_col", 2, 1.0000000000000000, "", ""},
          {"smallint_col", 2, 1.0000000000000000, "", ""},
          {"int_col", 2, 1.0000000000000000, "", ""},
          {"bigint_col", 2, 10.000000000000000, "", ""},
          {"float_col", 2, 1.1000000238418579, "", ""},
          {"double_col", 2, 10.100000000000000, "", ""},
          {"date_string_col", 2, 16.000000000000000, "30342F30312F3039", "30342F30312F3039"},
          {"string_col", 2, 2.0000000000000000, "30", "31"},
          {"timestamp_col", 2, 2477088060000000.0, "", ""}}},
        {"alltypes_tiny_pages_plain.parquet",
         7300,
         {{"id", 7300, 26641350.000000000, "", ""},
          {"bool_col", 7300, 3650.0000000000000, "", ""},
          {"tinyint_col", 7300, 32850.000000000000, "", ""},
          {"smallint_col", 7300, 32850.000000000000, "", ""},
          {"int_col", 7300, 32850.000000000000, "", ""},
          {"bigint_col", 7300, 328500.00000000000, "", ""},
          {"float_col", 7300, 36134.999738931656, "", ""},
          {"double_col", 7300, 331785.00000000006, "", ""},
          {"date_string_col", 7300, 58400.000000000000, "30312F30312F3039", "31322F33312F3130"},
          {"string_col", 7300, 7300.0000000000000, "30", "39"},
          {"timestamp_col", 7300, 9.2145280364965202e+18, "", ""},
          {"year", 7300, 14669350.000000000, "", ""},
          {"month", 7300, 47640.000000000000, "", ""}}},
        {"binary.parquet", 12, {{"foo", 12, 12.000000000000000, "00", "0B"}}},
        {"binary_truncated_min_max.parquet",
         12,
         {{"utf8_full_truncation", 12, 149.00000000000000, "416C696365204A6F686E736F6E", "4B6576696E204261636F6E"},
          {"binary_full_truncation", 12, 149.00000000000000, "416C696365204A6F686E736F6E", "4B6576696E204261636F6E"},
          {"utf8_partial_truncation", 12, 153.00000000000000, "416C696365204A6F686E736F6E",
           "F09F9A804B6576696E204261636F6E"},
          {"binary_partial_truncation", 12, 142.00000000000000, "416C696365204A6F686E736F6E", "FFFF0102"},
          {"utf8_no_truncation", 12, 129.00000000000000, "416C", "4B65"},
          {"binary_no_truncation", 12, 129.00000000000000, "416C", "4B65"}}},
        {"byte_array_decimal.parquet", 24, {{"value", 24, 300.00000000000000, "", ""}}},
        {"byte_stream_split.zstd.parquet",
         300,
         {{"f32", 300, 8.2588729197159410, "", ""}, {"f64", 300, -41.229190227475577, "", ""}}},
        {"column_chunk_key_value_metadata.parquet",
         0,
         {{"column1", 0, 0.0000000000000000, "", ""}, {"column2", 0, 0.0000000000000000, "", ""}}},
        {"concatenated_gzip_members.parquet", 513, {{"long_col", 513, 131841.00000000000, "", ""}}},
        {"data_index_bloom_encoding_stats.parquet",
         14,
         {{"String", 14, 76.000000000000000, "48656C6C6F", "746F646179"}}},
        {"data_index_bloom_encoding_with_length.parquet",
         14,
         {{"String", 14, 76.000000000000000, "48656C6C6F", "746F646179"}}},
        {"datapage_v1-corrupt-checksum.parquet",
         5120,
         {{"a", 5120, 43118090496.000000, "", ""}, {"b", 5120, 129016190976.00000, "", ""}}},
        {"datapage_v1-snappy-compressed-checksum.parquet",
         5120,
         {{"a", 5120, 43118090240.000000, "", ""}, {"b", 5120, 129016125440.00000, "", ""}}},
        {"datapage_v1-uncompressed-checksum.parquet",
         5120,
         {{"a", 5120, 43118090240.000000, "", ""}, {"b", 5120, 129016125440.00000, "", ""}}},
        {"datapage_v2_empty_datapage.snappy.parquet", 1, {{"value", 0, 0.0000000000000000, "", ""}}},
        {"delta_binary_packed.parquet",
         200,
         {{"bitwidth0", 200, 1.2749257081465877e+21, "", ""},   {"bitwidth1", 200, -9728.0000000000000, "", ""},
          {"bitwidth2", 200, -8766.0000000000000, "", ""},      {"bitwidth3", 200, -10039.000000000000, "", ""},
          {"bitwidth4", 200, -12027.000000000000, "", ""},      {"bitwidth5", 200, -26793.000000000000, "", ""},
          {"bitwidth6", 200, 4779.0000000000000, "", ""},       {"bitwidth7", 200, 52828.000000000000, "", ""},
          {"bitwidth8", 200, -29983.000000000000, "", ""},      {"bitwidth9", 200, -149542.00000000000, "", ""},
          {"bitwidth10", 200, 340297.00000000000, "", ""},      {"bitwidth11", 200, 462652.00000000000, "", ""},
          {"bitwidth12", 200, -3082404.0000000000, "", ""},     {"bitwidth13", 200, 6188881.0000000000, "", ""},
          {"bitwidth14", 200, 7213886.0000000000, "", ""},      {"bitwidth15", 200, -7010558.0000000000, "", ""},
          {"bitwidth16", 200, -21756513.000000000, "", ""},     {"bitwidth17", 200, -139686246.00000000, "", ""},
          {"bitwidth18", 200, 34637336.000000000, "", ""},      {"bitwidth19", 200, 294290742.00000000, "", ""},
          {"bitwidth20", 200, -380190403.00000000, "", ""},     {"bitwidth21", 200, 1301625886.0000000, "", ""},
          {"bitwidth22", 200, -1169027614.0000000, "", ""},     {"bitwidth23", 200, -30984210.000000000, "", ""},
          {"bitwidth24", 200, 8529445311.0000000, "", ""},      {"bitwidth25", 200, 18922173847.000000, "", ""},
          {"bitwidth26", 200, 2345545854.0000000, "", ""},      {"bitwidth27", 200, -47769984174.000000, "", ""},
          {"bitwidth28", 200, 28419773284.000000, "", ""},      {"bitwidth29", 200, -311337343299.00000, "", ""},
          {"bitwidth30", 200, -588680191931.00000, "", ""},     {"bitwidth31", 200, 1588263898183.0000, "", ""},
          {"bitwidth32", 200, 2808074117521.0000, "", ""},      {"bitwidth33", 200, 1811114420908.0000, "", ""},
          {"bitwidth34", 200, -13900360002530.000, "", ""},     {"bitwidth35", 200, -7835763332617.0000, "", ""},
          {"bitwidth36", 200, -18643485838831.000, "", ""},     {"bitwidth37", 200, 9693485548298.0000, "", ""},
          {"bitwidth38", 200, 168074760870562.00, "", ""},      {"bitwidth39", 200, -277953268326264.00, "", ""},
          {"bitwidth40", 200, 38718573033446.000, "", ""},      {"bitwidth41", 200, -476541838487201.00, "", ""},
          {"bitwidth42", 200, 438227265865402.00, "", ""},      {"bitwidth43", 200, -66053691061282.000, "", ""},
          {"bitwidth44", 200, 6921180268351841.0, "", ""},      {"bitwidth45", 200, 13369703974771162, "", ""},
          {"bitwidth46", 200, -34483820326102400, "", ""},      {"bitwidth47", 200, -90920899613217344, "", ""},
          {"bitwidth48", 200, 45538039728293992, "", ""},       {"bitwidth49", 200, -1.1116537404584778e+17, "", ""},
          {"bitwidth50", 200, -6.3398332678001690e+17, "", ""}, {"bitwidth51", 200, -2.1060565747715766e+18, "", ""},
          {"bitwidth52", 200, 3.6831516103130195e+17, "", ""},  {"bitwidth53", 200, -1.5741804407150628e+18, "", ""},
          {"bitwidth54", 200, -8.7202163652717271e+18, "", ""}, {"bitwidth55", 200, 3.8162894225020133e+19, "", ""},
          {"bitwidth56", 200, 8.6443834484316684e+19, "", ""},  {"bitwidth57", 200, 1.5093805193215997e+20, "", ""},
          {"bitwidth58", 200, -1.1659182221121552e+20, "", ""}, {"bitwidth59", 200, -3.4808881937236610e+20, "", ""},
          {"bitwidth60", 200, 4.3458438846444392e+20, "", ""},  {"bitwidth61", 200, 7.0682463484732768e+20, "", ""},
          {"bitwidth62", 200, 7.6812689310075847e+20, "", ""},  {"bitwidth63", 200, -4.3372096902101172e+20, "", ""},
          {"bitwidth64", 200, -1.5174800804602741e+20, "", ""}, {"int_value", 200, -10114055485.000000, "", ""}}},
        {"delta_encoding_optional_column.parquet",
         100,
         {{"c_customer_sk", 100, 5050.0000000000000, "", ""},
          {"c_current_cdemo_sk", 97, 91166331.000000000, "", ""},
          {"c_current_hdemo_sk", 98, 347053.00000000000, "", ""},
          {"c_current_addr_sk", 100, 2874860.0000000000, "", ""},
          {"c_first_shipto_date_sk", 99, 242637572.00000000, "", ""},
          {"c_first_sales_date_sk", 99, 242632483.00000000, "", ""},
          {"c_birth_day", 97, 1471.0000000000000, "", ""},
          {"c_birth_month", 97, 656.00000000000000, "", ""},
          {"c_birth_year", 97, 189928.00000000000, "", ""},
          {"c_customer_id", 100, 1600.0000000000000, "41414141414141414142414141414141",
           "41414141414141415046414141414141"},
          {"c_salutation", 97, 312.00000000000000, "44722E", "536972"},
          {"c_first_name", 97, 560.00000000000000, "416C62657274", "57696C6C69616D"},
          {"c_last_name", 99, 619.00000000000000, "42616B6572", "596F756E67"},
          {"c_preferred_cust_flag", 96, 96.000000000000000, "4E", "59"},
          {"c_birth_country", 96, 922.00000000000000, "41464748414E495354414E", "57414C4C495320414E4420465554554E41"},
          {"c_email_address", 97, 2622.0000000000000, "416C626572742E4272756E736F6E4036322E636F6D",
           "57696C6C69616D2E5761726E6572407A65676E727A7572552E6F7267"},
          {"c_last_review_date", 97, 679.00000000000000, "32343532323933", "32343532363434"}}},
        {"delta_encoding_required_column.parquet",
         100,
         {{"c_customer_sk:", 100, 5408.0000000000000, "", ""},
          {"c_current_cdemo_sk:", 100, 95016412.000000000, "", ""},
          {"c_current_hdemo_sk:", 100, 357218.00000000000, "", ""},
          {"c_current_addr_sk:", 100, 2875436.0000000000, "", ""},
          {"c_first_shipto_date_sk:", 100, 245086852.00000000, "", ""},
          {"c_first_sales_date_sk:", 100, 245083852.00000000, "", ""},
          {"c_birth_day:", 100, 1502.0000000000000, "", ""},
          {"c_birth_month:", 100, 669.00000000000000, "", ""},
          {"c_birth_year:", 100, 195733.00000000000, "", ""},
          {"c_customer_id:", 100, 1600.0000000000000, "41414141414141414142414141414141",
           "41414141414141415046414141414141"},
          {"c_salutation:", 100, 321.00000000000000, "44722E", "536972"},
          {"c_first_name:", 100, 574.00000000000000, "416C62657274", "57696C6C69616D"},
          {"c_last_name:", 100, 619.00000000000000, "42616B6572", "596F756E67"},
          {"c_preferred_cust_flag:", 100, 100.00000000000000, "4E", "59"},
          {"c_birth_country:", 100, 971.00000000000000, "41464748414E495354414E", "57414C4C495320414E4420465554554E41"},
          {"c_email_address:", 100, 2704.0000000000000, "416C626572742E4272756E736F6E4036322E636F6D",
           "57696C6C69616D2E5761726E6572407A65676E727A7572552E6F7267"},
          {"c_last_review_date:", 100, 700.00000000000000, "32343532323933", "32343532363434"}}},
        {"delta_length_byte_array.parquet",
         1000,
         {{"FRUIT", 1000, 23537.000000000000, "6170706C655F62616E616E615F6D616E676F30",
           "6170706C655F62616E616E615F6D616E676F3939383536"}}},
        {"dict-page-offset-zero.parquet", 39, {{"l_partkey", 39, 60528.000000000000, "", ""}}},
        {"fixed_length_byte_array.parquet", 1000, {{"flba_field", 895, 3580.0000000000000, "00000001", "000003E8"}}},
        {"fixed_length_decimal.parquet", 24, {{"value", 24, 300.00000000000000, "", ""}}},
        {"float16_nonzeros_and_nans.parquet", 8, {{"x", 7, kNaN, "", ""}}},
        {"float16_zeros_and_nans.parquet", 3, {{"x", 2, kNaN, "", ""}}},
        {"floating_orders_nan_count.parquet",
         50,
         {{"float_ieee754", 50, kNaN, "", ""},
          {"float_typedef", 50, kNaN, "", ""},
          {"double_ieee754", 50, kNaN, "", ""},
          {"double_typedef", 50, kNaN, "", ""},
          {"float16_ieee754", 50, kNaN, "", ""},
          {"float16_typedef", 50, kNaN, "", ""}}},
        {"hadoop_lz4_compressed.parquet",
         4,
         {{"c0", 4, 6374419202.0000000, "", ""},
          {"c1", 4, 12.000000000000000, "616263", "646566"},
          {"v11", 4, 99.525000000000006, "", ""}}},
        {"incorrect_map_schema.parquet", 1, {}},
        {"int32_decimal.parquet", 24, {{"value", 24, 300.00000000000000, "", ""}}},
        {"int32_with_null_pages.parquet", 1000, {{"int32_field", 725, -12383254597.000000, "", ""}}},
        {"int64_decimal.parquet", 24, {{"value", 24, 300.00000000000000, "", ""}}},
        {"list_columns.parquet", 3, {}},
        {"lz4_raw_compressed.parquet",
         4,
         {{"c0", 4, 6374419202.0000000, "", ""},
          {"c1", 4, 12.000000000000000, "616263", "646566"},
          {"v11", 4, 99.525000000000006, "", ""}}},
        {"lz4_raw_compressed_larger.parquet",
         10000,
         {{"a", 10000, 360000.00000000000, "30303038376465372D313064662D343937392D393463662D373932373966393734356365",
           "66666666653661302D653063302D346536352D613964342D663766346331373661656132"}}},
        {"map_no_value.parquet", 3, {}},
        {"nan_in_stats.parquet", 2, {{"x", 2, kNaN, "", ""}}},
        {"nation.dict-malformed.parquet",
         25,
         {{"nation_key", 25, 300.00000000000000, "", ""},
          {"name", 25, 177.00000000000000, "414C4745524941", "564945544E414D"},
          {"region_key", 25, 50.000000000000000, "", ""},
          {"comment_col", 25, 1857.0000000000000,
           "20686167676C652E206361726566756C6C792066696E616C206465706F7369747320646574656374"
           "20736C796C792061676169",
           "792066696E616C207061636B616765732E20736C6F7720666F7865732063616A6F6C652071756963"
           "6B6C792E20717569636B6C792073696C656E7420706C6174656C657473206272656163682069726F"
           "6E6963206163636F756E74732E20756E757375616C2070696E746F206265"}}},
        {"nested_lists.snappy.parquet", 3, {{"b", 3, 3.0000000000000000, "", ""}}},
        {"nested_maps.snappy.parquet", 6, {{"b", 6, 6.0000000000000000, "", ""}, {"c", 6, 6.0000000000000000, "", ""}}},
        {"non_hadoop_lz4_compressed.parquet",
         4,
         {{"c0", 4, 6374419202.0000000, "", ""},
          {"c1", 4, 12.000000000000000, "616263", "646566"},
          {"v11", 4, 99.525000000000006, "", ""}}},
        {"nonnullable.impala.parquet", 1, {{"ID", 1, 8.0000000000000000, "", ""}}},
        {"null_list.parquet", 1, {}},
        {"nullable.impala.parquet", 7, {{"id", 7, 28.000000000000000, "", ""}}},
        {"nulls.snappy.parquet", 8, {}},
        {"old_list_structure.parquet", 1, {}},
        {"page_v2_empty_compressed.parquet", 10, {{"integer_column", 0, 0.0000000000000000, "", ""}}},
        {"plain-dict-uncompressed-checksum.parquet",
         1000,
         {{"long_field", 1000, 0.0000000000000000, "", ""},
          {"binary_field", 1000, 36000.000000000000,
           "61363535666430652D393934392D343035392D626361652D666436613030326134363532",
           "61363535666430652D393934392D343035392D626361652D666436613030326134363532"}}},
        {"repeated_no_annotation.parquet", 6, {{"id", 6, 21.000000000000000, "", ""}}},
        {"repeated_primitive_no_list.parquet", 4, {}},
        {"rle-dict-snappy-checksum.parquet",
         1000,
         {{"long_field", 1000, 0.0000000000000000, "", ""},
          {"binary_field", 1000, 36000.000000000000,
           "63393565323633612D663564342D343031662D383130372D356361373134366131663938",
           "63393565323633612D663564342D343031662D383130372D356361373134366131663938"}}},
        {"rle-dict-uncompressed-corrupt-checksum.parquet",
         1000,
         {{"long_field", 1000, 0.0000000000000000, "", ""},
          {"binary_field", 1000, 36000.000000000000,
           "36333235633332622D663431372D343161612D396530322D396238363031353432616666",
           "36333235633332622D663431372D343161612D396530322D396238363031353432616666"}}},
        {"rle_boolean_encoding.parquet", 68, {{"datatype_boolean", 62, 36.000000000000000, "", ""}}},
        {"single_nan.parquet", 1, {{"mycol", 0, 0.0000000000000000, "", ""}}},
        {"sort_columns.parquet", 6, {{"a", 4, 6.0000000000000000, "", ""}, {"b", 6, 6.0000000000000000, "61", "63"}}},
        {"unknown-logical-type.parquet",
         3,
         {{"column with known type", 3, 42.000000000000000, "6B6E6F776E20737472696E672031",
           "6B6E6F776E20737472696E672033"},
          {"column with unknown type", 3, 48.000000000000000, "756E6B6E6F776E20737472696E672031",
           "756E6B6E6F776E20737472696E672033"}}},
    };
    return expectations;
}

Result<std::unique_ptr<ParquetReader>> OpenFile(const std::string& path, const ReaderOptions& options = {}) {
    io::PosixFileSystem fs;
    return ParquetReader::Open(fs, path, options);
}

std::string Hex(const std::string& bytes) {
    static constexpr char kDigits[] = "0123456789ABCDEF";
    std::string out;
    for (unsigned char c : bytes) {
        out.push_back(kDigits[c >> 4]);
        out.push_back(kDigits[c & 15]);
    }
    return out;
}

// Reads one column of every row group into Values.
std::vector<Value> ReadColumn(const ParquetReader& reader, int leaf) {
    std::vector<Value> values;
    auto chunks = reader.ReadAll({leaf});
    EXPECT_TRUE(chunks.ok()) << chunks.status().ToString();
    if (!chunks.ok()) return values;
    for (const Chunk& chunk : *chunks) {
        for (size_t i = 0; i < chunk.num_rows(); ++i) values.push_back(chunk.column(0)->GetValue(i));
    }
    return values;
}

void CheckColumn(const ParquetReader& reader, const ColumnExpectation& expected) {
    SCOPED_TRACE("column " + expected.name);
    int leaf = reader.schema().FindLeaf(expected.name);
    ASSERT_GE(leaf, 0);
    std::vector<Value> values = ReadColumn(reader, leaf);
    int64_t non_null = 0;
    long double sum = 0;
    std::optional<std::string> min, max;
    const LogicalType& type = reader.schema().leaf(leaf).type;
    for (const Value& value : values) {
        if (value.is_null()) continue;
        ++non_null;
        if (type.IsBinaryBacked()) {
            const std::string& bytes = value.GetString();
            sum += bytes.size();
            if (!min || bytes < *min) min = bytes;
            if (!max || bytes > *max) max = bytes;
        } else if (type.id() == TypeId::kDate || type.id() == TypeId::kDateTime) {
            sum += value.GetInt64();
        } else if (type.id() == TypeId::kLargeInt) {
            sum += static_cast<long double>(value.GetInt128());
        } else {
            sum += value.GetDouble();
        }
    }
    EXPECT_EQ(non_null, expected.non_null);
    if (std::isnan(expected.sum)) {
        EXPECT_TRUE(std::isnan(static_cast<double>(sum)));
    } else {
        EXPECT_NEAR(static_cast<double>(sum), expected.sum, 1e-9 * std::max(1.0, std::fabs(expected.sum)));
    }
    if (type.IsBinaryBacked()) {
        EXPECT_EQ(min ? Hex(*min) : "", expected.min_hex);
        EXPECT_EQ(max ? Hex(*max) : "", expected.max_hex);
    }
}

TEST(ParquetTestDataTest, EveryFileHasAnExpectation) {
    std::set<std::string> known;
    for (const FileExpectation& e : Expectations()) known.insert(e.file);
    for (const auto& entry : std::filesystem::directory_iterator(kDataDir)) {
        if (entry.path().extension() != ".parquet") continue;
        EXPECT_TRUE(known.count(entry.path().filename().string())) << entry.path();
    }
}

class ParquetFileTest : public ::testing::TestWithParam<FileExpectation> {};

TEST_P(ParquetFileTest, MatchesDuckDB) {
    const FileExpectation& expected = GetParam();
    auto reader = OpenFile(kDataDir + expected.file);
    ASSERT_TRUE(reader.ok()) << reader.status().ToString();
    int64_t rows = 0;
    for (int g = 0; g < (*reader)->num_row_groups(); ++g) rows += (*reader)->row_group_num_rows(g);
    EXPECT_EQ(rows, expected.rows);
    for (const ColumnExpectation& column : expected.columns) CheckColumn(**reader, column);
    // Every leaf is either readable or refused as not supported (repeated fields), never corrupt.
    for (const LeafColumn& leaf : (*reader)->schema().leaves()) {
        auto chunks = (*reader)->ReadAll({leaf.index});
        if (leaf.supported) {
            EXPECT_TRUE(chunks.ok()) << leaf.name << ": " << chunks.status().ToString();
        } else {
            EXPECT_EQ(chunks.status().code(), ErrorCode::kNotSupported) << leaf.name;
        }
    }
}

INSTANTIATE_TEST_SUITE_P(Files, ParquetFileTest, ::testing::ValuesIn(Expectations()), [](const auto& info) {
    std::string name;
    for (char c : info.param.file) name.push_back(std::isalnum(static_cast<unsigned char>(c)) ? c : '_');
    return name;
});

// --- *_expect.csv files: every value of every row.

std::vector<std::vector<std::optional<std::string>>> ReadCsv(const std::string& path) {
    std::ifstream in(path);
    std::vector<std::vector<std::optional<std::string>>> rows;
    std::string line;
    std::getline(in, line);  // header
    while (std::getline(in, line)) {
        std::vector<std::optional<std::string>>& row = rows.emplace_back();
        size_t i = 0;
        while (i <= line.size()) {
            if (i < line.size() && line[i] == '"') {
                std::string field;
                ++i;
                while (i < line.size()) {
                    if (line[i] == '"' && i + 1 < line.size() && line[i + 1] == '"') {
                        field.push_back('"');
                        i += 2;
                    } else if (line[i] == '"') {
                        ++i;
                        break;
                    } else {
                        field.push_back(line[i++]);
                    }
                }
                row.push_back(field);
                ++i;  // the comma
            } else {
                size_t comma = line.find(',', i);
                if (comma == std::string::npos) comma = line.size();
                std::string field = line.substr(i, comma - i);
                if (field.empty()) {
                    row.push_back(std::nullopt);
                } else {
                    row.push_back(field);
                }
                i = comma + 1;
            }
        }
    }
    return rows;
}

void CheckAgainstCsv(const std::string& parquet, const std::string& csv) {
    auto reader = OpenFile(kDataDir + parquet);
    ASSERT_TRUE(reader.ok()) << reader.status().ToString();
    auto expected = ReadCsv(kDataDir + csv);
    const size_t columns = (*reader)->schema().num_leaves();
    std::vector<int> leaves;
    for (size_t i = 0; i < columns; ++i) leaves.push_back(static_cast<int>(i));
    auto chunks = (*reader)->ReadAll(leaves);
    ASSERT_TRUE(chunks.ok()) << chunks.status().ToString();
    size_t row = 0;
    for (const Chunk& chunk : *chunks) {
        for (size_t r = 0; r < chunk.num_rows(); ++r, ++row) {
            ASSERT_LT(row, expected.size());
            ASSERT_EQ(expected[row].size(), columns) << "csv row " << row;
            for (size_t c = 0; c < columns; ++c) {
                Value value = chunk.column(c)->GetValue(r);
                if (!expected[row][c]) {
                    EXPECT_TRUE(value.is_null()) << "row " << row << " column " << c;
                } else {
                    EXPECT_EQ(value.is_null() ? "NULL" : value.ToString(), *expected[row][c])
                        << "row " << row << " column " << c;
                }
            }
        }
    }
    EXPECT_EQ(row, expected.size());
}

TEST(ParquetExpectCsvTest, DeltaBinaryPacked) {
    CheckAgainstCsv("delta_binary_packed.parquet", "delta_binary_packed_expect.csv");
}
TEST(ParquetExpectCsvTest, DeltaEncodingOptionalColumn) {
    CheckAgainstCsv("delta_encoding_optional_column.parquet", "delta_encoding_optional_column_expect.csv");
}
TEST(ParquetExpectCsvTest, DeltaEncodingRequiredColumn) {
    CheckAgainstCsv("delta_encoding_required_column.parquet", "delta_encoding_required_column_expect.csv");
}

// --- Specific behaviours of individual files.

TEST(ParquetTestDataTest, TypesOfAnnotatedColumns) {
    struct Case {
        std::string file, column;
        LogicalType type;
    };
    std::vector<Case> cases = {
        {"alltypes_plain.parquet", "timestamp_col", LogicalType::DateTime()},  // INT96
        {"alltypes_tiny_pages_plain.parquet", "tinyint_col", LogicalType::TinyInt()},
        {"alltypes_tiny_pages_plain.parquet", "smallint_col", LogicalType::SmallInt()},
        {"byte_array_decimal.parquet", "value", LogicalType::Decimal(4, 2)},
        {"fixed_length_decimal.parquet", "value", LogicalType::Decimal(25, 2)},
        {"int32_decimal.parquet", "value", LogicalType::Decimal(4, 2)},
        {"int64_decimal.parquet", "value", LogicalType::Decimal(10, 2)},
        {"float16_nonzeros_and_nans.parquet", "x", LogicalType::Float()},
        {"concatenated_gzip_members.parquet", "long_col", LogicalType::LargeInt()},  // UINT64
        {"binary.parquet", "foo", LogicalType::Varbinary()},
        {"delta_length_byte_array.parquet", "FRUIT", LogicalType::Varchar()},
        {"unknown-logical-type.parquet", "column with unknown type", LogicalType::Varbinary()},
    };
    for (const Case& c : cases) {
        auto reader = OpenFile(kDataDir + c.file);
        ASSERT_TRUE(reader.ok()) << c.file;
        int leaf = (*reader)->schema().FindLeaf(c.column);
        ASSERT_GE(leaf, 0) << c.file << " " << c.column;
        EXPECT_EQ((*reader)->schema().leaf(leaf).type, c.type) << c.file << " " << c.column;
    }
}

TEST(ParquetTestDataTest, BinaryAsStringOption) {
    ReaderOptions options;
    options.schema.binary_as_string = true;
    auto reader = OpenFile(kDataDir + "alltypes_plain.parquet", options);
    ASSERT_TRUE(reader.ok());
    EXPECT_EQ((*reader)->schema().leaf((*reader)->schema().FindLeaf("string_col")).type, LogicalType::Varchar());
}

TEST(ParquetTestDataTest, Int96TimestampValues) {
    auto reader = OpenFile(kDataDir + "alltypes_plain.parquet");
    ASSERT_TRUE(reader.ok());
    std::vector<Value> values = ReadColumn(**reader, (*reader)->schema().FindLeaf("timestamp_col"));
    ASSERT_EQ(values.size(), 8u);
    EXPECT_EQ(values[0].ToString(), "2009-03-01 00:00:00");
    EXPECT_EQ(values[1].ToString(), "2009-03-01 00:01:00");
}

TEST(ParquetTestDataTest, DecimalValues) {
    for (const char* file : {"byte_array_decimal.parquet", "fixed_length_decimal.parquet", "int32_decimal.parquet",
                             "int64_decimal.parquet"}) {
        auto reader = OpenFile(kDataDir + file);
        ASSERT_TRUE(reader.ok());
        std::vector<Value> values = ReadColumn(**reader, 0);
        ASSERT_EQ(values.size(), 24u) << file;
        for (size_t i = 0; i < values.size(); ++i) {
            EXPECT_EQ(values[i].ToString(), std::to_string(i + 1) + ".00") << file;
        }
    }
}

TEST(ParquetTestDataTest, StatisticsOfTinyPagesFile) {
    auto reader = OpenFile(kDataDir + "alltypes_tiny_pages_plain.parquet");
    ASSERT_TRUE(reader.ok());
    const ParquetSchema& schema = (*reader)->schema();
    ColumnStatistics id = (*reader)->Statistics(0, schema.FindLeaf("id"));
    EXPECT_EQ(id.min->GetInt64(), 0);
    EXPECT_EQ(id.max->GetInt64(), 7299);
    ColumnStatistics dates = (*reader)->Statistics(0, schema.FindLeaf("date_string_col"));
    EXPECT_EQ(dates.min->GetString(), "01/01/09");
    EXPECT_EQ(dates.max->GetString(), "12/31/10");
    EXPECT_FALSE((*reader)->Statistics(0, schema.FindLeaf("timestamp_col")).min.has_value());  // INT96: no order
    // The page index is there and consistent with the data.
    auto offsets = (*reader)->ReadOffsetIndex(0, schema.FindLeaf("id"));
    ASSERT_TRUE(offsets.ok()) << offsets.status().ToString();
    EXPECT_GT(offsets->page_locations.size(), 100u);
    auto index = (*reader)->ReadColumnIndex(0, schema.FindLeaf("id"));
    ASSERT_TRUE(index.ok());
    EXPECT_EQ(index->min_values.size(), offsets->page_locations.size());
}

TEST(ParquetTestDataTest, NanStatisticsAreIgnored) {
    auto reader = OpenFile(kDataDir + "nan_in_stats.parquet");
    ASSERT_TRUE(reader.ok());
    ColumnStatistics stats = (*reader)->Statistics(0, 0);
    EXPECT_FALSE(stats.min.has_value());
    EXPECT_FALSE(stats.max.has_value());
    // No statistics: pruning keeps the row group.
    auto kept = (*reader)->PruneRowGroups({{0, CompareOp::kGreater, Value::Double(100)}});
    ASSERT_TRUE(kept.ok());
    EXPECT_EQ(kept->size(), 1u);
}

TEST(ParquetTestDataTest, BloomFiltersOfOtherWriters) {
    for (const char* file :
         {"data_index_bloom_encoding_stats.parquet", "data_index_bloom_encoding_with_length.parquet"}) {
        auto reader = OpenFile(kDataDir + file);
        ASSERT_TRUE(reader.ok());
        auto filter = (*reader)->ReadBloomFilter(0, 0);
        ASSERT_TRUE(filter.ok()) << file << ": " << filter.status().ToString();
        ASSERT_TRUE(filter->has_value()) << file;
        EXPECT_TRUE((*filter)->MightContain("Hello")) << file;
        EXPECT_TRUE((*filter)->MightContain("today")) << file;
        EXPECT_FALSE((*filter)->MightContain("not a word in this file")) << file;
        // Equality pruning uses it: "Hello" < "Hi" < "today" passes min/max, not the filter.
        auto kept = (*reader)->PruneRowGroups({{0, CompareOp::kEqual, Value::Varchar("Hi")}});
        ASSERT_TRUE(kept.ok());
        EXPECT_TRUE(kept->empty()) << file;
        kept = (*reader)->PruneRowGroups({{0, CompareOp::kEqual, Value::Varchar("Hello")}});
        ASSERT_TRUE(kept.ok());
        EXPECT_EQ(kept->size(), 1u) << file;
    }
}

TEST(ParquetTestDataTest, ChecksumVerification) {
    ReaderOptions verify;
    verify.columns.verify_checksums = true;
    for (const char* file :
         {"datapage_v1-uncompressed-checksum.parquet", "datapage_v1-snappy-compressed-checksum.parquet",
          "plain-dict-uncompressed-checksum.parquet", "rle-dict-snappy-checksum.parquet"}) {
        auto reader = OpenFile(kDataDir + file, verify);
        ASSERT_TRUE(reader.ok());
        EXPECT_TRUE((*reader)->ReadAll({0, 1}).ok()) << file;
    }
    for (const char* file :
         {"datapage_v1-corrupt-checksum.parquet", "rle-dict-uncompressed-corrupt-checksum.parquet"}) {
        auto reader = OpenFile(kDataDir + file, verify);
        ASSERT_TRUE(reader.ok());
        Status status = (*reader)->ReadAll({0, 1}).status();
        EXPECT_EQ(status.code(), ErrorCode::kCorruption) << file;
        EXPECT_NE(status.message().find("checksum"), std::string::npos) << status.ToString();
        // Without verification the (damaged) values are read as they are.
        auto lenient = OpenFile(kDataDir + file);
        EXPECT_TRUE((*lenient)->ReadAll({0, 1}).ok()) << file;
    }
}

TEST(ParquetTestDataTest, NestedColumnsAreRefusedByName) {
    auto reader = OpenFile(kDataDir + "nested_lists.snappy.parquet");
    ASSERT_TRUE(reader.ok());
    const LeafColumn& leaf = (*reader)->schema().leaf(0);
    EXPECT_EQ(leaf.name, "a.list.element.list.element.list.element");
    EXPECT_EQ(leaf.max_repetition_level, 3);
    Status status = (*reader)->ReadAll({0}).status();
    EXPECT_EQ(status.code(), ErrorCode::kNotSupported);
    EXPECT_NE(status.message().find("a.list.element"), std::string::npos);
    // Struct fields without repetition read as flattened leaves.
    auto structs = OpenFile(kDataDir + "nullable.impala.parquet");
    ASSERT_TRUE(structs.ok());
    std::vector<Value> values = ReadColumn(**structs, (*structs)->schema().FindLeaf("nested_struct.A"));
    ASSERT_EQ(values.size(), 7u);
    EXPECT_EQ(values[0].GetInt64(), 1);
    EXPECT_TRUE(values[1].is_null());
}

// --- Malformed files.

TEST(ParquetBadDataTest, EveryFileIsRefusedClearly) {
    for (const auto& entry : std::filesystem::directory_iterator(kBadDataDir)) {
        const std::string name = entry.path().filename().string();
        SCOPED_TRACE(name);
        auto reader = OpenFile(entry.path().string());
        Status status;
        if (!reader.ok()) {
            status = reader.status();
        } else {
            std::vector<int> leaves;
            for (size_t i = 0; i < (*reader)->schema().num_leaves(); ++i) leaves.push_back(static_cast<int>(i));
            status = (*reader)->ReadAll(leaves).status();
        }
        if (name == "ARROW-GH-43605.parquet") {
            // Not malformed: dictionary indices of bit width 0 in a bit-packed run (which crashed
            // another reader). Every value is the dictionary's only entry, 0.
            ASSERT_TRUE(status.ok()) << status.ToString();
            for (const Value& value : ReadColumn(**reader, 0)) ASSERT_EQ(value.GetInt64(), 0);
            continue;
        }
        ASSERT_FALSE(status.ok());
        EXPECT_TRUE(status.code() == ErrorCode::kCorruption || status.code() == ErrorCode::kNotSupported)
            << status.ToString();
        EXPECT_NE(status.message().find(name), std::string::npos) << status.ToString();
    }
}

// Random damage to real files: truncation, byte flips in the footer and in the pages. The reader
// may fail in any way but must not crash, hang or allocate without bound (run under ASan).
TEST(ParquetBadDataTest, DamagedFilesNeverCrash) {
    std::mt19937 random(12345);
    int failures = 0;
    int attempts = 0;
    for (const FileExpectation& expected : Expectations()) {
        std::ifstream in(kDataDir + expected.file, std::ios::binary);
        std::stringstream buffer;
        buffer << in.rdbuf();
        const std::string original = buffer.str();
        if (original.size() > 64 * 1024) continue;  // keep the test quick
        for (int round = 0; round < 40; ++round) {
            std::string damaged = original;
            int mode = static_cast<int>(random() % 3);
            if (mode == 0) {
                damaged.resize(random() % damaged.size());
            } else {
                int flips = 1 + static_cast<int>(random() % 8);
                for (int f = 0; f < flips; ++f) {
                    // Half the flips land in the footer, where one byte changes the most.
                    size_t footer = std::min<size_t>(damaged.size(), 512);
                    size_t position = mode == 1 ? damaged.size() - 1 - random() % footer : random() % damaged.size();
                    damaged[position] = static_cast<char>(damaged[position] ^ (1 << (random() % 8)));
                }
            }
            io::MemoryFileSystem fs;
            ASSERT_TRUE(fs.WriteFile("damaged.parquet", damaged).ok());
            auto file = fs.OpenForRead("damaged.parquet");
            ASSERT_TRUE(file.ok());
            ++attempts;
            auto reader = ParquetReader::Open(std::shared_ptr<io::RandomAccessFile>(std::move(file).value()));
            if (!reader.ok()) {
                ++failures;
                continue;
            }
            for (size_t leaf = 0; leaf < (*reader)->schema().num_leaves(); ++leaf) {
                if (!(*reader)->ReadAll({static_cast<int>(leaf)}).ok()) ++failures;
                for (int g = 0; g < (*reader)->num_row_groups(); ++g) {
                    (void)(*reader)->Statistics(g, static_cast<int>(leaf));
                    (void)(*reader)->ReadColumnIndex(g, static_cast<int>(leaf));
                    (void)(*reader)->ReadOffsetIndex(g, static_cast<int>(leaf));
                    (void)(*reader)->ReadBloomFilter(g, static_cast<int>(leaf));
                }
            }
        }
    }
    EXPECT_GT(attempts, 1000);
    EXPECT_GT(failures, 0);
}

}  // namespace
}  // namespace flashlake::format::parquet
