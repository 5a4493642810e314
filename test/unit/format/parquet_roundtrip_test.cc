// Writer -> reader round trips for every supported type, codec and encoding path, plus the
// metadata the writer promises: logical types, statistics, page index, bloom filters, pruning.

#include <gtest/gtest.h>

#include <random>

#include "format/parquet/column_statistics.h"
#include "format/parquet/parquet_reader.h"
#include "format/parquet/parquet_writer.h"
#include "io/memory_file_system.h"
#include "types/decimal.h"

namespace flashlake::format::parquet {
namespace {

using Kind = LogicalTypeAnnotation::Kind;

// Writes chunks to an in-memory file and opens a reader over it.
class RoundTrip {
public:
    Status Write(const std::vector<WriterColumn>& columns, const std::vector<Chunk>& chunks,
                 const WriterOptions& options = {}) {
        FL_ASSIGN_OR_RETURN(std::unique_ptr<io::WritableFile> file, fs_.OpenForWrite("t.parquet"));
        FL_ASSIGN_OR_RETURN(std::unique_ptr<ParquetWriter> writer,
                            ParquetWriter::Open(std::move(file), columns, options));
        for (const Chunk& chunk : chunks) FL_RETURN_NOT_OK(writer->Write(chunk));
        return writer->Close();
    }
    Result<std::unique_ptr<ParquetReader>> Open(const ReaderOptions& options = {}) {
        FL_ASSIGN_OR_RETURN(std::unique_ptr<io::RandomAccessFile> file, fs_.OpenForRead("t.parquet"));
        return ParquetReader::Open(std::shared_ptr<io::RandomAccessFile>(std::move(file)), options);
    }

private:
    io::MemoryFileSystem fs_;
};

std::vector<int> AllLeaves(const ParquetReader& reader) {
    std::vector<int> leaves;
    for (size_t i = 0; i < reader.schema().num_leaves(); ++i) leaves.push_back(static_cast<int>(i));
    return leaves;
}

// Every value of every row, row-major, as Values.
std::vector<std::vector<Value>> Rows(const std::vector<Chunk>& chunks) {
    std::vector<std::vector<Value>> rows;
    for (const Chunk& chunk : chunks) {
        for (size_t r = 0; r < chunk.num_rows(); ++r) {
            std::vector<Value>& row = rows.emplace_back();
            for (size_t c = 0; c < chunk.num_columns(); ++c) row.push_back(chunk.column(c)->GetValue(r));
        }
    }
    return rows;
}

void ExpectSameRows(const std::vector<Chunk>& written, const std::vector<Chunk>& read) {
    auto expected = Rows(written);
    auto actual = Rows(read);
    ASSERT_EQ(expected.size(), actual.size());
    for (size_t r = 0; r < expected.size(); ++r) {
        ASSERT_EQ(expected[r].size(), actual[r].size());
        for (size_t c = 0; c < expected[r].size(); ++c) {
            const Value& e = expected[r][c];
            const Value& a = actual[r][c];
            ASSERT_EQ(e.is_null(), a.is_null()) << "row " << r << " column " << c;
            if (e.is_null()) continue;
            if (e.type().IsFloating() && std::isnan(e.GetDouble())) {
                ASSERT_TRUE(std::isnan(a.GetDouble()));
                continue;
            }
            ASSERT_EQ(e.Compare(a), 0) << "row " << r << " column " << c << ": " << e.ToString() << " vs "
                                       << a.ToString();
        }
    }
}

// A column of `rows` values made by `make(i)`, NULL every `null_every` rows (0: never).
template <typename Make>
ColumnPtr MakeColumn(const LogicalType& type, size_t rows, size_t null_every, Make make) {
    std::vector<Value> values;
    for (size_t i = 0; i < rows; ++i) {
        values.push_back(null_every != 0 && i % null_every == 3 ? Value::Null(type) : make(i));
    }
    return Column::FromValues(type, values);
}

struct TypedCase {
    WriterColumn column;
    std::function<Value(size_t)> make;
};

std::vector<TypedCase> AllTypes() {
    auto text = [](size_t i) { return "value-" + std::to_string(i * 7919 % 1000) + std::string(i % 20, 'x'); };
    return {
        {{"b", LogicalType::Boolean()}, [](size_t i) { return Value::Boolean(i % 3 == 0); }},
        {{"i8", LogicalType::TinyInt()}, [](size_t i) { return Value::TinyInt(int8_t(i * 37)); }},
        {{"i16", LogicalType::SmallInt()}, [](size_t i) { return Value::SmallInt(int16_t(i * 1237)); }},
        {{"i32", LogicalType::Int()}, [](size_t i) { return Value::Int(int32_t(i * 2654435761u)); }},
        {{"i64", LogicalType::BigInt()},
         [](size_t i) { return Value::BigInt(int64_t(uint64_t(i) * 0x9E3779B97F4A7ULL - 77)); }},
        {{"i128", LogicalType::LargeInt()}, [](size_t i) { return Value::LargeInt(int128_t(i) * -1000000007 * 3); }},
        {{"f32", LogicalType::Float()}, [](size_t i) { return Value::Float(float(i) * 0.25f - 100.5f); }},
        {{"f64", LogicalType::Double()}, [](size_t i) { return Value::Double(double(i) / 3.0 - 1e6); }},
        {{"d4", LogicalType::Decimal(4, 2)}, [](size_t i) { return Value::Decimal(int(i % 19999) - 9999, 4, 2); }},
        {{"d18", LogicalType::Decimal(18, 6)},
         [](size_t i) { return Value::Decimal(int64_t(i) * 123456789012LL - 5, 18, 6); }},
        {{"d38", LogicalType::Decimal(38, 10)},
         [](size_t i) { return Value::Decimal(int128_t(i) * decimal::PowerOfTen(30) - 1, 38, 10); }},
        {{"d20", LogicalType::Decimal(20, 0)},
         [](size_t i) { return Value::Decimal(-int128_t(i) * decimal::PowerOfTen(16), 20, 0); }},
        {{"date", LogicalType::Date()}, [](size_t i) { return Value::Date(int32_t(i) * 13 - 3000); }},
        {{"ts", LogicalType::DateTime()}, [](size_t i) { return Value::DateTime(int64_t(i) * 3600000123LL - 7); }},
        {{"s", LogicalType::Varchar()}, [text](size_t i) { return Value::Varchar(text(i)); }},
        {{"bin", LogicalType::Varbinary()},
         [](size_t i) { return Value::Binary(LogicalType::Varbinary(), std::string(i % 17, char(i))); }},
        {{"json", LogicalType::Json()},
         [](size_t i) { return Value::Binary(LogicalType::Json(), "{\"k\":" + std::to_string(i) + "}"); }},
    };
}

Chunk MakeChunk(const std::vector<TypedCase>& cases, size_t rows, size_t offset, size_t null_every) {
    Chunk chunk;
    for (const TypedCase& c : cases) {
        chunk.AddColumn(MakeColumn(c.column.type, rows, null_every, [&](size_t i) { return c.make(i + offset); }));
    }
    return chunk;
}

std::vector<WriterColumn> Columns(const std::vector<TypedCase>& cases) {
    std::vector<WriterColumn> columns;
    for (const TypedCase& c : cases) columns.push_back(c.column);
    return columns;
}

// LARGEINT is written as DECIMAL(38,0) (Parquet has no 128-bit integer) and reads back as such.
LogicalType ReadBackType(const LogicalType& type) {
    return type.id() == TypeId::kLargeInt ? LogicalType::Decimal(38, 0) : type;
}

class CodecRoundTripTest : public ::testing::TestWithParam<CompressionCodec> {};

TEST_P(CodecRoundTripTest, AllTypesWithNulls) {
    auto cases = AllTypes();
    std::vector<Chunk> chunks = {MakeChunk(cases, 3000, 0, 7), MakeChunk(cases, 2500, 3000, 7)};
    WriterOptions options;
    options.codec = GetParam();
    options.page_rows = 1000;
    RoundTrip trip;
    ASSERT_TRUE(trip.Write(Columns(cases), chunks, options).ok());
    auto reader = trip.Open();
    ASSERT_TRUE(reader.ok()) << reader.status().ToString();
    ASSERT_EQ((*reader)->num_rows(), 5500);
    for (size_t i = 0; i < cases.size(); ++i) {
        EXPECT_EQ((*reader)->schema().leaf(i).type, ReadBackType(cases[i].column.type)) << cases[i].column.name;
        EXPECT_EQ((*reader)->column_metadata(0, int(i)).codec, GetParam());
    }
    auto read = (*reader)->ReadAll(AllLeaves(**reader));
    ASSERT_TRUE(read.ok()) << read.status().ToString();
    ExpectSameRows(chunks, *read);
}

INSTANTIATE_TEST_SUITE_P(Codecs, CodecRoundTripTest,
                         ::testing::Values(CompressionCodec::kUncompressed, CompressionCodec::kSnappy,
                                           CompressionCodec::kGzip, CompressionCodec::kZstd, CompressionCodec::kLz4Raw,
                                           CompressionCodec::kLz4, CompressionCodec::kBrotli),
                         [](const auto& info) { return std::string(CodecName(info.param)); });

TEST(ParquetRoundTripTest, PlainOnlyAndNoNulls) {
    auto cases = AllTypes();
    for (auto& c : cases) c.column.nullable = false;
    std::vector<Chunk> chunks = {MakeChunk(cases, 4097, 0, 0)};
    WriterOptions options;
    options.dictionary = false;
    RoundTrip trip;
    ASSERT_TRUE(trip.Write(Columns(cases), chunks, options).ok());
    auto reader = trip.Open();
    ASSERT_TRUE(reader.ok());
    for (size_t i = 0; i < cases.size(); ++i) {
        const ColumnMetaData& meta = (*reader)->column_metadata(0, int(i));
        EXPECT_FALSE(meta.dictionary_page_offset.has_value());
        EXPECT_EQ((*reader)->schema().leaf(i).max_definition_level, 0);
    }
    auto read = (*reader)->ReadAll(AllLeaves(**reader));
    ASSERT_TRUE(read.ok()) << read.status().ToString();
    ASSERT_EQ(read->size(), 2u);  // 4096 + 1 rows
    EXPECT_EQ((*read)[0].num_rows(), kChunkSize);
    ExpectSameRows(chunks, *read);
}

TEST(ParquetRoundTripTest, SchemaAnnotations) {
    RoundTrip trip;
    std::vector<WriterColumn> columns = {{"t", LogicalType::TinyInt()},        {"s", LogicalType::SmallInt()},
                                         {"d", LogicalType::Date()},           {"ts", LogicalType::DateTime()},
                                         {"d9", LogicalType::Decimal(9, 2)},   {"d18", LogicalType::Decimal(18, 2)},
                                         {"d19", LogicalType::Decimal(19, 2)}, {"v", LogicalType::Varchar(), false}};
    Chunk chunk;
    for (const WriterColumn& column : columns) chunk.AddColumn(Column::MakeFlat(column.type, 0));
    ASSERT_TRUE(trip.Write(columns, {chunk}).ok());
    auto reader = trip.Open();
    ASSERT_TRUE(reader.ok());
    const auto& schema = (*reader)->metadata().schema;
    ASSERT_EQ(schema.size(), 9u);
    EXPECT_EQ(schema[1].logical_type->kind, Kind::kInteger);
    EXPECT_EQ(schema[1].logical_type->bit_width, 8);
    EXPECT_EQ(schema[1].converted_type, ConvertedType::kInt8);
    EXPECT_EQ(schema[2].logical_type->bit_width, 16);
    EXPECT_EQ(schema[3].logical_type->kind, Kind::kDate);
    EXPECT_EQ(schema[4].logical_type->kind, Kind::kTimestamp);
    EXPECT_EQ(schema[4].logical_type->unit, TimeUnit::kMicros);
    EXPECT_FALSE(schema[4].logical_type->adjusted_to_utc);
    EXPECT_FALSE(schema[4].converted_type.has_value());
    EXPECT_EQ(schema[5].type, PhysicalKind::kInt32);
    EXPECT_EQ(schema[6].type, PhysicalKind::kInt64);
    EXPECT_EQ(schema[7].type, PhysicalKind::kFixedLenByteArray);
    EXPECT_EQ(schema[7].type_length, 9);
    EXPECT_EQ(schema[7].logical_type->decimal_precision, 19);
    EXPECT_EQ(schema[8].logical_type->kind, Kind::kString);
    EXPECT_EQ(schema[8].repetition_type, Repetition::kRequired);
    EXPECT_EQ((*reader)->num_rows(), 0);
    EXPECT_EQ((*reader)->num_row_groups(), 0);
}

TEST(ParquetRoundTripTest, DictionaryWhenItPaysAndKeptEncoded) {
    const size_t rows = 10000;
    auto low = MakeColumn(LogicalType::Varchar(), rows, 11,
                          [](size_t i) { return Value::Varchar("category-number-" + std::to_string(i % 5)); });
    auto high = MakeColumn(LogicalType::Varchar(), rows, 0,
                           [](size_t i) { return Value::Varchar("unique-" + std::to_string(i * 2654435761u)); });
    auto ints =
        MakeColumn(LogicalType::BigInt(), rows, 0, [](size_t i) { return Value::BigInt(int64_t(i % 3) << 40); });
    Chunk chunk({low, high, ints}, rows);
    RoundTrip trip;
    ASSERT_TRUE(
        trip.Write({{"low", LogicalType::Varchar()}, {"high", LogicalType::Varchar()}, {"ints", LogicalType::BigInt()}},
                   {chunk})
            .ok());
    auto reader = trip.Open();
    ASSERT_TRUE(reader.ok());
    auto has = [](const ColumnMetaData& meta, Encoding encoding) {
        return std::find(meta.encodings.begin(), meta.encodings.end(), encoding) != meta.encodings.end();
    };
    EXPECT_TRUE(has((*reader)->column_metadata(0, 0), Encoding::kRleDictionary));
    EXPECT_FALSE(has((*reader)->column_metadata(0, 1), Encoding::kRleDictionary));
    EXPECT_TRUE(has((*reader)->column_metadata(0, 2), Encoding::kRleDictionary));
    auto read = (*reader)->ReadAll({0, 1, 2});
    ASSERT_TRUE(read.ok()) << read.status().ToString();
    EXPECT_EQ((*read)[0].column(0)->encoding(), ColumnEncoding::kDictionary);
    EXPECT_EQ((*read)[0].column(1)->encoding(), ColumnEncoding::kFlat);
    EXPECT_EQ((*read)[0].column(2)->encoding(), ColumnEncoding::kFlat);  // only strings stay encoded
    ExpectSameRows({chunk}, *read);

    ReaderOptions flat;
    flat.columns.keep_dictionary = false;
    auto flat_reader = trip.Open(flat);
    ASSERT_TRUE(flat_reader.ok());
    auto flat_read = (*flat_reader)->ReadAll({0});
    ASSERT_TRUE(flat_read.ok());
    EXPECT_EQ((*flat_read)[0].column(0)->encoding(), ColumnEncoding::kFlat);
}

TEST(ParquetRoundTripTest, DictionaryOverflowFallsBackMidChunk) {
    // A small dictionary limit: the first pages are dictionary encoded, later ones PLAIN, and a
    // batch spanning both comes back flat with the right values.
    const size_t rows = 9000;
    auto strings = MakeColumn(LogicalType::Varchar(), rows, 13,
                              [](size_t i) { return Value::Varchar("s" + std::to_string(i < 3000 ? i % 40 : i)); });
    Chunk chunk({strings}, rows);
    WriterOptions options;
    options.page_rows = 1000;
    options.dictionary_page_size = 2000;
    RoundTrip trip;
    ASSERT_TRUE(trip.Write({{"s", LogicalType::Varchar()}}, {chunk}, options).ok());
    auto reader = trip.Open();
    ASSERT_TRUE(reader.ok());
    const ColumnMetaData& meta = (*reader)->column_metadata(0, 0);
    ASSERT_EQ(meta.encoding_stats.size(), 3u);  // dictionary page, dictionary data pages, plain pages
    auto read = (*reader)->ReadAll({0});
    ASSERT_TRUE(read.ok()) << read.status().ToString();
    ExpectSameRows({chunk}, *read);
}

TEST(ParquetRoundTripTest, ConstantAndDictionaryInputColumns) {
    ColumnPtr dictionary = Column::FromValues(
        LogicalType::Varchar(),
        {Value::Varchar("alpha-long-string-value"), Value::Null(LogicalType::Varchar()), Value::Varchar("beta")});
    ColumnPtr encoded = Column::MakeDictionary(dictionary, {0, 1, 2, 2, 0, 1});
    ColumnPtr constant = Column::MakeConstant(Value::Int(42), 6);
    ColumnPtr null_constant = Column::MakeConstant(Value::Null(LogicalType::Double()), 6);
    Chunk chunk({encoded, constant, null_constant}, 6);
    RoundTrip trip;
    ASSERT_TRUE(
        trip.Write({{"e", LogicalType::Varchar()}, {"c", LogicalType::Int()}, {"n", LogicalType::Double()}}, {chunk})
            .ok());
    auto reader = trip.Open();
    ASSERT_TRUE(reader.ok());
    auto read = (*reader)->ReadAll({0, 1, 2});
    ASSERT_TRUE(read.ok());
    ExpectSameRows({chunk}, *read);
}

TEST(ParquetRoundTripTest, NotNullColumnRejectsNull) {
    ColumnPtr column = Column::FromValues(LogicalType::Int(), {Value::Int(1), Value::Null(LogicalType::Int())});
    RoundTrip trip;
    Status status = trip.Write({{"x", LogicalType::Int(), false}}, {Chunk({column}, 2)});
    EXPECT_EQ(status.code(), ErrorCode::kInvalidArgument);
    EXPECT_NE(status.message().find("NOT NULL"), std::string::npos);
}

TEST(ParquetRoundTripTest, RejectsWrongChunkShape) {
    io::MemoryFileSystem fs;
    auto writer = ParquetWriter::Open(std::move(fs.OpenForWrite("x.parquet")).value(), {{"x", LogicalType::Int()}});
    ASSERT_TRUE(writer.ok());
    ColumnPtr strings = Column::FromValues(LogicalType::Varchar(), {Value::Varchar("a")});
    EXPECT_EQ((*writer)->Write(Chunk({strings}, 1)).code(), ErrorCode::kInvalidArgument);
    EXPECT_EQ((*writer)->Write(Chunk({strings, strings}, 1)).code(), ErrorCode::kInvalidArgument);
    EXPECT_EQ(ParquetWriter::Open(std::move(fs.OpenForWrite("y.parquet")).value(),
                                  {{"x", LogicalType::Array(LogicalType::Int())}})
                  .status()
                  .code(),
              ErrorCode::kNotSupported);
}

// Row groups of 1000 rows and pages of 100: statistics, the page index and pruning line up.
class ParquetLayoutTest : public ::testing::Test {
protected:
    void SetUp() override {
        const size_t rows = 3500;
        ids_ = MakeColumn(LogicalType::BigInt(), rows, 0, [](size_t i) { return Value::BigInt(int64_t(i)); });
        names_ = MakeColumn(LogicalType::Varchar(), rows, 10,
                            [](size_t i) { return Value::Varchar("name" + std::to_string(10000 + i)); });
        WriterOptions options;
        options.row_group_rows = 1000;
        options.page_rows = 100;
        options.bloom_filter_columns = {"name"};
        ASSERT_TRUE(trip_
                        .Write({{"id", LogicalType::BigInt()}, {"name", LogicalType::Varchar()}},
                               {Chunk({ids_, names_}, rows)}, options)
                        .ok());
        auto reader = trip_.Open();
        ASSERT_TRUE(reader.ok()) << reader.status().ToString();
        reader_ = std::move(reader).value();
    }

    RoundTrip trip_;
    ColumnPtr ids_, names_;
    std::unique_ptr<ParquetReader> reader_;
};

TEST_F(ParquetLayoutTest, RowGroupsAndStatistics) {
    ASSERT_EQ(reader_->num_row_groups(), 4);
    EXPECT_EQ(reader_->row_group_num_rows(3), 500);
    ColumnStatistics ids = reader_->Statistics(1, 0);
    ASSERT_TRUE(ids.min && ids.max);
    EXPECT_EQ(ids.min->GetInt64(), 1000);
    EXPECT_EQ(ids.max->GetInt64(), 1999);
    EXPECT_EQ(ids.null_count, 0);
    ColumnStatistics names = reader_->Statistics(0, 1);
    EXPECT_EQ(names.null_count, 100);
    EXPECT_EQ(names.min->GetString(), "name10000");
    EXPECT_EQ(names.max->GetString(), "name10999");
}

TEST_F(ParquetLayoutTest, PageIndex) {
    auto offsets = reader_->ReadOffsetIndex(2, 0);
    ASSERT_TRUE(offsets.ok()) << offsets.status().ToString();
    ASSERT_EQ(offsets->page_locations.size(), 10u);
    EXPECT_EQ(offsets->page_locations[3].first_row_index, 300);
    EXPECT_EQ(offsets->page_locations[0].offset, reader_->column_metadata(2, 0).data_page_offset);
    auto index = reader_->ReadColumnIndex(2, 0);
    ASSERT_TRUE(index.ok()) << index.status().ToString();
    ASSERT_EQ(index->min_values.size(), 10u);
    EXPECT_EQ(index->boundary_order, BoundaryOrder::kAscending);
    auto min = DecodeStatisticsValue(reader_->schema().leaf(0), index->min_values[4]);
    ASSERT_TRUE(min.ok());
    EXPECT_EQ(min->GetInt64(), 2400);
    auto name_index = reader_->ReadColumnIndex(0, 1);
    ASSERT_TRUE(name_index.ok());
    EXPECT_EQ(name_index->null_counts[0], 10);
}

TEST_F(ParquetLayoutTest, PruneRowGroupsByMinMax) {
    auto kept = [&](std::vector<ColumnPredicate> predicates) {
        auto result = reader_->PruneRowGroups(predicates, false);
        EXPECT_TRUE(result.ok());
        return *result;
    };
    EXPECT_EQ(kept({{0, CompareOp::kEqual, Value::BigInt(1500)}}), (std::vector<int>{1}));
    EXPECT_EQ(kept({{0, CompareOp::kLess, Value::BigInt(1000)}}), (std::vector<int>{0}));
    EXPECT_EQ(kept({{0, CompareOp::kGreaterEqual, Value::BigInt(2999)}}), (std::vector<int>{2, 3}));
    EXPECT_EQ(kept({{0, CompareOp::kGreater, Value::Int(5000)}}), (std::vector<int>{}));  // INT literal, exact
    EXPECT_EQ(kept({{0, CompareOp::kEqual, Value::Double(1500.5)}}), (std::vector<int>{0, 1, 2, 3}));  // inexact
    EXPECT_EQ(kept({{0, CompareOp::kGreater, Value::BigInt(100)}, {0, CompareOp::kLess, Value::BigInt(1200)}}),
              (std::vector<int>{0, 1}));
    EXPECT_EQ(kept({{1, CompareOp::kEqual, Value::Varchar("name12345")}}), (std::vector<int>{2}));
    EXPECT_EQ(kept({{1, CompareOp::kIsNull, Value()}}), (std::vector<int>{0, 1, 2, 3}));
    EXPECT_EQ(kept({{0, CompareOp::kIsNull, Value()}}), (std::vector<int>{}));
    EXPECT_EQ(reader_->PruneRowGroups({{7, CompareOp::kEqual, Value::BigInt(1)}}).status().code(),
              ErrorCode::kInvalidArgument);
}

TEST_F(ParquetLayoutTest, BloomFilters) {
    auto filter = reader_->ReadBloomFilter(1, 1);
    ASSERT_TRUE(filter.ok()) << filter.status().ToString();
    ASSERT_TRUE(filter->has_value());
    for (int i = 1000; i < 2000; ++i) {
        if (i % 10 == 3) continue;  // NULL rows
        EXPECT_TRUE((*filter)->MightContain("name" + std::to_string(10000 + i)));
    }
    int false_positives = 0;
    for (int i = 0; i < 1000; ++i) false_positives += (*filter)->MightContain("absent" + std::to_string(i));
    EXPECT_LT(false_positives, 50);
    auto none = reader_->ReadBloomFilter(1, 0);
    ASSERT_TRUE(none.ok());
    EXPECT_FALSE(none->has_value());
    // Row 1003 is NULL, so "name11003" lies inside row group 1's min/max but is absent: only the
    // bloom filter can drop the group.
    auto kept = reader_->PruneRowGroups({{1, CompareOp::kEqual, Value::Varchar("name11003")}}, true);
    ASSERT_TRUE(kept.ok());
    EXPECT_EQ(*kept, (std::vector<int>{}));
}

TEST_F(ParquetLayoutTest, ReadRowGroupInBatches) {
    ReaderOptions options;
    options.batch_size = 300;
    auto reader = trip_.Open(options);
    ASSERT_TRUE(reader.ok());
    auto group = (*reader)->OpenRowGroup(3, {1, 0});
    ASSERT_TRUE(group.ok());
    Chunk chunk;
    std::vector<size_t> sizes;
    int64_t expected_id = 3000;
    while (true) {
        auto more = (*group)->Next(&chunk);
        ASSERT_TRUE(more.ok());
        if (!*more) break;
        sizes.push_back(chunk.num_rows());
        for (size_t i = 0; i < chunk.num_rows(); ++i, ++expected_id) {
            ASSERT_EQ(chunk.column(1)->GetValue(i).GetInt64(), expected_id);
            ASSERT_EQ(chunk.column(0)->IsNull(i), expected_id % 10 == 3);
        }
    }
    EXPECT_EQ(sizes, (std::vector<size_t>{300, 200}));
}

TEST(ParquetRoundTripTest, PageIndexPrunesRowGroupsWithGaps) {
    // Row group 0 holds ids 0..99 and 1000..1099 (two pages of 100), row group 1 ids 2000..2199,
    // and string keys "key-<id>" cut to 5 bytes in the page bounds. A value between the pages of
    // row group 0 passes its chunk bounds but no page's: only the page index drops the group.
    std::vector<Value> ids, keys;
    for (int64_t i = 0; i < 100; ++i) ids.push_back(Value::BigInt(i));
    for (int64_t i = 1000; i < 1100; ++i) ids.push_back(Value::BigInt(i));
    for (int64_t i = 2000; i < 2200; ++i) ids.push_back(Value::BigInt(i));
    for (const Value& id : ids) keys.push_back(Value::Varchar("key-" + std::to_string(id.GetInt64())));
    ColumnPtr id_column = Column::FromValues(LogicalType::BigInt(), ids);
    ColumnPtr key_column = Column::FromValues(LogicalType::Varchar(), keys);
    WriterOptions options;
    options.row_group_rows = 200;
    options.page_rows = 100;
    options.statistics_truncate_length = 5;
    RoundTrip trip;
    ASSERT_TRUE(trip.Write({{"id", LogicalType::BigInt()}, {"key", LogicalType::Varchar()}},
                           {Chunk({id_column, key_column}, ids.size())}, options)
                    .ok());
    auto reader = trip.Open();
    ASSERT_TRUE(reader.ok()) << reader.status().ToString();
    auto kept = [&](std::vector<ColumnPredicate> predicates) {
        auto result = (*reader)->PruneRowGroups(predicates, false);
        EXPECT_TRUE(result.ok());
        return result.ok() ? *result : std::vector<int>{-1};
    };
    EXPECT_EQ(kept({{0, CompareOp::kEqual, Value::BigInt(500)}}), (std::vector<int>{}));
    EXPECT_EQ(kept({{0, CompareOp::kEqual, Value::BigInt(1050)}}), (std::vector<int>{0}));
    EXPECT_EQ(kept({{0, CompareOp::kEqual, Value::BigInt(99)}}), (std::vector<int>{0}));
    EXPECT_EQ(kept({{0, CompareOp::kGreater, Value::BigInt(1099)}}), (std::vector<int>{1}));
    EXPECT_EQ(kept({{0, CompareOp::kNotEqual, Value::BigInt(500)}}), (std::vector<int>{0, 1}));
    EXPECT_EQ(kept({{0, CompareOp::kIsNull, Value()}}), (std::vector<int>{}));
    // Strings: the page bounds are cut ("key-0".."key-a" and "key-1".."key-2"), so every real
    // key stays; "key-" sorts before every page and is ruled out.
    EXPECT_EQ(kept({{1, CompareOp::kEqual, Value::Varchar("key-1050")}}), (std::vector<int>{0}));
    EXPECT_EQ(kept({{1, CompareOp::kEqual, Value::Varchar("key-99")}}), (std::vector<int>{0}));
    EXPECT_EQ(kept({{1, CompareOp::kEqual, Value::Varchar("key-")}}), (std::vector<int>{}));
}

TEST(ParquetRoundTripTest, FloatStatisticsIgnoreNanAndOrderZeros) {
    ColumnPtr floats = Column::FromValues(LogicalType::Double(), {Value::Double(0.0), Value::Double(std::nan("")),
                                                                  Value::Double(-0.0), Value::Double(2)});
    RoundTrip trip;
    ASSERT_TRUE(trip.Write({{"f", LogicalType::Double()}}, {Chunk({floats}, 4)}).ok());
    auto reader = trip.Open();
    ASSERT_TRUE(reader.ok());
    const Statistics& raw = *(*reader)->column_metadata(0, 0).statistics;
    double min, max;
    std::memcpy(&min, raw.min_value->data(), 8);
    std::memcpy(&max, raw.max_value->data(), 8);
    EXPECT_EQ(min, 0.0);
    EXPECT_TRUE(std::signbit(min));
    EXPECT_EQ(max, 2.0);
    auto read = (*reader)->ReadAll({0});
    ASSERT_TRUE(read.ok());
    ExpectSameRows({Chunk({floats}, 4)}, *read);
}

TEST(ParquetRoundTripTest, LongStringStatisticsAreTruncated) {
    std::string low(100, 'a');
    std::string high = std::string(70, 'z') + "tail";
    ColumnPtr strings = Column::FromValues(LogicalType::Varchar(), {Value::Varchar(low), Value::Varchar(high)});
    RoundTrip trip;
    ASSERT_TRUE(trip.Write({{"s", LogicalType::Varchar()}}, {Chunk({strings}, 2)}).ok());
    auto reader = trip.Open();
    ASSERT_TRUE(reader.ok());
    ColumnStatistics stats = (*reader)->Statistics(0, 0);
    EXPECT_EQ(stats.min->GetString(), std::string(64, 'a'));
    EXPECT_EQ(stats.max->GetString(), std::string(63, 'z') + "{");
    EXPECT_FALSE(stats.min_exact);
    EXPECT_FALSE(stats.max_exact);
    // Bounds still bound the values, so pruning stays correct.
    auto kept = (*reader)->PruneRowGroups({{0, CompareOp::kEqual, Value::Varchar(high)}});
    ASSERT_TRUE(kept.ok());
    EXPECT_EQ(*kept, (std::vector<int>{0}));
}

TEST(ParquetRoundTripTest, ChecksumsAreWrittenAndVerified) {
    auto cases = AllTypes();
    std::vector<Chunk> chunks = {MakeChunk(cases, 500, 0, 5)};
    RoundTrip trip;
    ASSERT_TRUE(trip.Write(Columns(cases), chunks).ok());
    ReaderOptions options;
    options.columns.verify_checksums = true;
    auto reader = trip.Open(options);
    ASSERT_TRUE(reader.ok());
    auto read = (*reader)->ReadAll(AllLeaves(**reader));
    ASSERT_TRUE(read.ok()) << read.status().ToString();
    ExpectSameRows(chunks, *read);
}

TEST(ParquetRoundTripTest, RandomizedPagesAndGroups) {
    std::mt19937 random(7);
    auto cases = AllTypes();
    for (int round = 0; round < 5; ++round) {
        WriterOptions options;
        options.page_rows = 1 + random() % 700;
        options.row_group_rows = 1 + random() % 3000;
        options.dictionary = random() % 2 == 0;
        options.dictionary_page_size = 64 + random() % 4096;
        std::vector<Chunk> chunks;
        size_t offset = 0;
        for (int c = 0; c < 3; ++c) {
            size_t rows = random() % 2000;
            chunks.push_back(MakeChunk(cases, rows, offset, 2 + random() % 9));
            offset += rows;
        }
        RoundTrip trip;
        ASSERT_TRUE(trip.Write(Columns(cases), chunks, options).ok());
        ReaderOptions reader_options;
        reader_options.batch_size = 1 + random() % 5000;
        auto reader = trip.Open(reader_options);
        ASSERT_TRUE(reader.ok());
        auto read = (*reader)->ReadAll(AllLeaves(**reader));
        ASSERT_TRUE(read.ok()) << read.status().ToString();
        ExpectSameRows(chunks, *read);
    }
}

}  // namespace
}  // namespace flashlake::format::parquet
