// The LSM merge machinery on synthetic sorted runs: sort merge by (key, sequence), interval
// partition, and the four merge engines with their options.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>

#include "lake/lsm/interval_partition.h"
#include "lake/lsm/merge_function.h"
#include "lake/lsm/sort_merge_reader.h"

namespace flashlake::lake::lsm {
namespace {

constexpr int8_t kI = static_cast<int8_t>(RowKind::kInsert);
constexpr int8_t kUB = static_cast<int8_t>(RowKind::kUpdateBefore);
constexpr int8_t kUA = static_cast<int8_t>(RowKind::kUpdateAfter);
constexpr int8_t kD = static_cast<int8_t>(RowKind::kDelete);

// One version: key, sequence number, kind and the value columns v (BIGINT) and s (VARCHAR).
struct Version {
    int64_t key;
    int64_t sequence;
    int8_t kind;
    Value v;
    Value s;
};

Value I(int64_t v) {
    return Value::BigInt(v);
}
Value S(std::string s) {
    return Value::Varchar(std::move(s));
}
Value N() {
    return Value();
}

// Layout of the synthetic chunks: k (key), v BIGINT, s VARCHAR.
MergeLayout Layout(std::string v_type = "BIGINT", std::string s_type = "STRING") {
    MergeLayout layout;
    layout.columns = {{0, "k", DataType::BigInt().WithNullable(false), std::nullopt},
                      {1, "v", DataType::Parse(v_type).value(), std::nullopt},
                      {2, "s", DataType::Parse(s_type).value(), std::nullopt}};
    layout.is_key = {true, false, false};
    layout.outputs = {0, 1, 2};
    return layout;
}

KeyValueChunkPtr MakeChunk(const std::vector<Version>& versions, const MergeLayout& layout,
                           const std::vector<int>& order_columns = {}) {
    auto chunk = std::make_shared<KeyValueChunk>();
    std::vector<Value> k, v, s;
    for (const Version& version : versions) {
        k.push_back(I(version.key));
        v.push_back(version.v);
        s.push_back(version.s);
        chunk->sequence.push_back(version.sequence);
        chunk->kinds.push_back(version.kind);
    }
    std::vector<ColumnPtr> columns = {Column::FromValues(LogicalType::BigInt(), k),
                                      Column::FromValues(layout.columns[1].type.ToLogicalType().value(), v),
                                      Column::FromValues(layout.columns[2].type.ToLogicalType().value(), s)};
    chunk->columns = Chunk(std::move(columns), versions.size());
    chunk->keys = NormalizedKeys::Encode(chunk->columns, {0});
    if (!order_columns.empty()) chunk->order_keys = NormalizedKeys::Encode(chunk->columns, order_columns);
    return chunk;
}

class VectorSource final : public KeyValueSource {
public:
    explicit VectorSource(std::vector<KeyValueChunkPtr> chunks) : chunks_(std::move(chunks)) {}
    Result<KeyValueChunkPtr> Next() override {
        if (next_ == chunks_.size()) return KeyValueChunkPtr();
        return chunks_[next_++];
    }

private:
    std::vector<KeyValueChunkPtr> chunks_;
    size_t next_ = 0;
};

// A run given as chunks of versions.
using SortedRun = std::vector<std::vector<Version>>;

std::string KindText(int8_t kind) {
    static const char* kNames[] = {"+I", "-U", "+U", "-D"};
    return kNames[kind];
}

// Merges `runs` with `options` in batches of `batch_groups` keys; rows as "kind k, v, s".
Result<std::vector<std::string>> Merge(
    const std::vector<SortedRun>& runs, const MergeOptions& options, const MergeLayout& layout = Layout(),
    size_t batch_groups = 4096, const FieldAggregatorRegistry& registry = FieldAggregatorRegistry::WithBuiltins(),
    std::vector<int> order_columns = {}) {
    std::vector<std::unique_ptr<KeyValueSource>> sources;
    for (const SortedRun& run : runs) {
        std::vector<KeyValueChunkPtr> chunks;
        for (const auto& versions : run) chunks.push_back(MakeChunk(versions, layout, order_columns));
        sources.push_back(std::make_unique<VectorSource>(std::move(chunks)));
    }
    SortMergeReader reader(std::move(sources), !order_columns.empty());
    FL_ASSIGN_OR_RETURN(std::unique_ptr<MergeFunction> function, MakeMergeFunction(options, layout, registry));
    std::vector<std::string> rows;
    MergeBatch batch;
    MergeOutput out;
    while (true) {
        FL_ASSIGN_OR_RETURN(bool more, reader.NextBatch(batch_groups, &batch));
        if (!more) break;
        if (batch.num_groups() > batch_groups) return Status::Internal("batch too large");
        FL_RETURN_NOT_OK(function->Merge(batch, &out));
        for (size_t r = 0; r < out.num_rows(); ++r) {
            std::string row = KindText(out.kinds[r]) + " ";
            for (size_t c = 0; c < out.columns.size(); ++c) {
                if (c > 0) row += ", ";
                row += out.columns[c]->GetValue(r).ToString();
            }
            rows.push_back(row);
        }
    }
    return rows;
}

MergeOptions Engine(MergeEngine engine) {
    MergeOptions options;
    options.engine = engine;
    return options;
}

using Rows = std::vector<std::string>;

TEST(ReadSortMerge, MergesRunsByKeyThenSequence) {
    // Three runs; key 2 has versions in all of them, out of sequence order across runs.
    std::vector<SortedRun> runs = {
        {{{1, 1, kI, I(10), S("a")}, {2, 7, kI, I(27), S("b")}}, {{5, 2, kI, I(50), S("c")}}},
        {{{2, 3, kI, I(23), S("d")}, {3, 4, kI, I(30), S("e")}}},
        {{{0, 9, kI, I(0), S("f")}, {2, 5, kI, I(25), S("g")}, {6, 6, kI, I(60), S("h")}}},
    };
    auto rows = Merge(runs, Engine(MergeEngine::kDeduplicate));
    ASSERT_TRUE(rows.ok()) << rows.status().ToString();
    EXPECT_EQ(*rows, (Rows{"+I 0, 0, f", "+I 1, 10, a", "+I 2, 27, b", "+I 3, 30, e", "+I 5, 50, c", "+I 6, 60, h"}));
    // First-row keeps the oldest version of key 2 (sequence 3).
    rows = Merge(runs, Engine(MergeEngine::kFirstRow));
    ASSERT_TRUE(rows.ok());
    EXPECT_EQ((*rows)[2], "+I 2, 23, d");
}

TEST(ReadSortMerge, GroupsNeverSpanBatchesAndChunkBoundaries) {
    // 10,000 keys in two runs of chunks of 333 rows; every key has two versions; batches of 7
    // keys force groups to straddle both chunk and batch boundaries.
    std::vector<Version> older, newer;
    for (int64_t k = 0; k < 10000; ++k) {
        older.push_back({k, k, kI, I(k), S("old")});
        newer.push_back({k, 100000 + k, k % 3 == 0 ? kD : kUA, I(-k), S("new")});
    }
    auto chunked = [](const std::vector<Version>& versions, size_t size) {
        SortedRun run;
        for (size_t i = 0; i < versions.size(); i += size) {
            run.emplace_back(versions.begin() + i, versions.begin() + std::min(versions.size(), i + size));
        }
        return run;
    };
    for (size_t batch : {size_t{7}, size_t{4096}}) {
        auto rows =
            Merge({chunked(older, 333), chunked(newer, 500)}, Engine(MergeEngine::kDeduplicate), Layout(), batch);
        ASSERT_TRUE(rows.ok());
        ASSERT_EQ(rows->size(), 6666u);
        EXPECT_EQ(rows->front(), "+U 1, -1, new");
        EXPECT_EQ(rows->back(), "+U 9998, -9998, new");
    }
}

TEST(ReadSortMerge, SequenceFieldOrdersVersionsBeforeSequenceNumbers) {
    // `sequence.field = v`: the version with the largest v wins whatever its sequence number;
    // equal v falls back to the sequence number.
    std::vector<SortedRun> runs = {
        {{{1, 1, kI, I(30), S("first")}, {2, 1, kI, I(5), S("first")}}},
        {{{1, 2, kI, I(20), S("second")}, {2, 2, kI, I(5), S("second")}}},
        {{{1, 3, kI, N(), S("third")}}},  // NULL orders first
    };
    MergeOptions options = Engine(MergeEngine::kDeduplicate);
    options.sequence_fields = {"v"};
    auto rows = Merge(runs, options, Layout(), 4096, FieldAggregatorRegistry::WithBuiltins(), {1});
    ASSERT_TRUE(rows.ok());
    EXPECT_EQ(*rows, (Rows{"+I 1, 30, first", "+I 2, 5, second"}));
}

TEST(ReadMergeEngine, DeduplicateDropsDeletedKeys) {
    std::vector<SortedRun> runs = {
        {{{1, 1, kI, I(1), S("a")}, {2, 2, kI, I(2), S("b")}, {3, 3, kI, I(3), S("c")}}},
        {{{1, 4, kUB, I(1), S("a")}, {2, 5, kD, I(2), S("b")}}},
        {{{1, 6, kUA, I(11), S("aa")}, {4, 7, kD, I(4), S("d")}}},
    };
    auto rows = Merge(runs, Engine(MergeEngine::kDeduplicate));
    ASSERT_TRUE(rows.ok());
    EXPECT_EQ(*rows, (Rows{"+U 1, 11, aa", "+I 3, 3, c"}));
    // ignore-delete: retractions are skipped, so key 2 survives with its insert.
    MergeOptions ignore = Engine(MergeEngine::kDeduplicate);
    ignore.ignore_delete = true;
    rows = Merge(runs, ignore);
    ASSERT_TRUE(rows.ok());
    EXPECT_EQ(*rows, (Rows{"+U 1, 11, aa", "+I 2, 2, b", "+I 3, 3, c"}));
}

TEST(ReadMergeEngine, FirstRowIgnoresLaterVersionsAndDeletes) {
    std::vector<SortedRun> runs = {
        {{{1, 5, kI, I(15), S("late")}, {2, 6, kD, I(2), S("x")}}},
        {{{1, 1, kI, I(11), S("early")}, {2, 2, kI, I(2), S("keep")}, {3, 3, kD, I(3), S("gone")}}},
    };
    auto rows = Merge(runs, Engine(MergeEngine::kFirstRow));
    ASSERT_TRUE(rows.ok());
    EXPECT_EQ(*rows, (Rows{"+I 1, 11, early", "+I 2, 2, keep"}));
}

TEST(ReadMergeEngine, PartialUpdateTakesNewestNonNullFieldValues) {
    std::vector<SortedRun> runs = {
        {{{1, 1, kI, I(1), N()}, {2, 2, kI, N(), S("only")}}},
        {{{1, 3, kI, N(), S("s1")}}},
        {{{1, 4, kI, I(4), N()}, {3, 5, kI, N(), N()}}},
    };
    auto rows = Merge(runs, Engine(MergeEngine::kPartialUpdate));
    ASSERT_TRUE(rows.ok()) << rows.status().ToString();
    EXPECT_EQ(*rows, (Rows{"+I 1, 4, s1", "+I 2, NULL, only", "+I 3, NULL, NULL"}));
}

TEST(ReadMergeEngine, PartialUpdateDeletes) {
    std::vector<SortedRun> runs = {
        {{{1, 1, kI, I(1), S("a")}, {2, 2, kI, I(2), S("b")}}},
        {{{1, 3, kD, I(1), S("a")}, {2, 4, kD, N(), N()}}},
        {{{1, 5, kI, N(), S("after")}}},
    };
    // Without an option, retractions cannot be merged.
    auto rows = Merge(runs, Engine(MergeEngine::kPartialUpdate));
    ASSERT_FALSE(rows.ok());
    EXPECT_EQ(rows.status().code(), ErrorCode::kNotSupported);
    // ignore-delete: the deletes are skipped.
    MergeOptions ignore = Engine(MergeEngine::kPartialUpdate);
    ignore.ignore_delete = true;
    rows = Merge(runs, ignore);
    ASSERT_TRUE(rows.ok());
    EXPECT_EQ(*rows, (Rows{"+I 1, 1, after", "+I 2, 2, b"}));
    // remove-record-on-delete: a -D drops what came before; a final -D deletes the key.
    MergeOptions remove = Engine(MergeEngine::kPartialUpdate);
    remove.remove_record_on_delete = true;
    rows = Merge(runs, remove);
    ASSERT_TRUE(rows.ok());
    EXPECT_EQ(*rows, (Rows{"+I 1, NULL, after"}));
}

TEST(ReadMergeEngine, AggregationFunctions) {
    std::vector<SortedRun> runs = {
        {{{1, 1, kI, I(5), S("b")}, {2, 2, kI, N(), N()}}},
        {{{1, 3, kI, I(7), S("a")}, {3, 4, kI, I(1), S("z")}}},
        {{{1, 5, kI, N(), S("c")}}},
    };
    struct Case {
        std::string v_function;
        std::string s_function;
        Rows expected;
    };
    std::vector<Case> cases = {
        {"sum", "max", {"+I 1, 12, c", "+I 2, NULL, NULL", "+I 3, 1, z"}},
        {"min", "min", {"+I 1, 5, a", "+I 2, NULL, NULL", "+I 3, 1, z"}},
        {"max", "last_value", {"+I 1, 7, c", "+I 2, NULL, NULL", "+I 3, 1, z"}},
        {"count", "last_non_null_value", {"+I 1, 2, c", "+I 2, NULL, NULL", "+I 3, 1, z"}},
        {"last_value", "first_value", {"+I 1, NULL, b", "+I 2, NULL, NULL", "+I 3, 1, z"}},
        {"last_non_null_value", "first_non_null_value", {"+I 1, 7, b", "+I 2, NULL, NULL", "+I 3, 1, z"}},
        {"first_value", "first_value", {"+I 1, 5, b", "+I 2, NULL, NULL", "+I 3, 1, z"}},
    };
    for (const Case& c : cases) {
        MergeOptions options = Engine(MergeEngine::kAggregation);
        options.field_aggregates = {{"v", c.v_function}, {"s", c.s_function}};
        auto rows = Merge(runs, options);
        ASSERT_TRUE(rows.ok()) << c.v_function << ": " << rows.status().ToString();
        EXPECT_EQ(*rows, c.expected) << c.v_function << " / " << c.s_function;
    }
    // Without a function the default is last_non_null_value; fields.default-aggregate-function
    // changes it.
    MergeOptions defaults = Engine(MergeEngine::kAggregation);
    auto rows = Merge(runs, defaults);
    ASSERT_TRUE(rows.ok());
    EXPECT_EQ((*rows)[0], "+I 1, 7, c");
    defaults.default_aggregate = "first_non_null_value";
    rows = Merge(runs, defaults);
    ASSERT_TRUE(rows.ok());
    EXPECT_EQ((*rows)[0], "+I 1, 5, b");
}

TEST(ReadMergeEngine, AggregationBooleans) {
    MergeLayout layout = Layout("BOOLEAN", "BOOLEAN");
    std::vector<SortedRun> runs = {
        {{{1, 1, kI, Value::Boolean(true), Value::Boolean(false)}}},
        {{{1, 2, kI, Value::Boolean(false), Value::Boolean(true)}, {2, 3, kI, Value::Boolean(true), N()}}},
    };
    MergeOptions options = Engine(MergeEngine::kAggregation);
    options.field_aggregates = {{"v", "bool_and"}, {"s", "bool_or"}};
    auto rows = Merge(runs, options, layout);
    ASSERT_TRUE(rows.ok()) << rows.status().ToString();
    EXPECT_EQ(*rows, (Rows{"+I 1, 0, 1", "+I 2, 1, NULL"}));
    // bool_and of a BIGINT column is refused when the merge function is made.
    options.field_aggregates = {{"v", "bool_and"}};
    rows = Merge(runs, options, Layout());
    ASSERT_FALSE(rows.ok());
    EXPECT_EQ(rows.status().code(), ErrorCode::kNotSupported);
}

TEST(ReadMergeEngine, AggregationDecimalAndDoubleSums) {
    MergeLayout layout = Layout("DECIMAL(10, 2)", "DOUBLE");
    std::vector<SortedRun> runs = {
        {{{1, 1, kI, Value::Decimal(150, 10, 2), Value::Double(0.5)}}},
        {{{1, 2, kI, Value::Decimal(275, 10, 2), Value::Double(1.25)}}},
        {{{1, 3, kUB, Value::Decimal(100, 10, 2), Value::Double(0.25)}}},
    };
    MergeOptions options = Engine(MergeEngine::kAggregation);
    options.field_aggregates = {{"v", "sum"}, {"s", "sum"}};
    auto rows = Merge(runs, options, layout);
    ASSERT_TRUE(rows.ok()) << rows.status().ToString();
    EXPECT_EQ(*rows, (Rows{"+I 1, 3.25, 1.5"}));
}

TEST(ReadMergeEngine, AggregationRetractions) {
    std::vector<SortedRun> runs = {
        {{{1, 1, kI, I(10), S("x")}, {2, 2, kI, I(3), S("y")}}},
        {{{1, 3, kUB, I(4), S("x")}, {2, 4, kD, I(3), S("y")}}},
    };
    // sum retracts; last_non_null_value retracts to NULL.
    MergeOptions options = Engine(MergeEngine::kAggregation);
    options.field_aggregates = {{"v", "sum"}};
    auto rows = Merge(runs, options);
    ASSERT_TRUE(rows.ok()) << rows.status().ToString();
    EXPECT_EQ(*rows, (Rows{"+I 1, 6, NULL", "+I 2, 0, NULL"}));
    // max cannot retract unless told to ignore retractions.
    options.field_aggregates = {{"v", "max"}};
    rows = Merge(runs, options);
    ASSERT_FALSE(rows.ok());
    EXPECT_EQ(rows.status().code(), ErrorCode::kNotSupported);
    EXPECT_NE(rows.status().message().find("fields.v.ignore-retract"), std::string::npos);
    options.ignore_retract_fields = {"v"};
    rows = Merge(runs, options);
    ASSERT_TRUE(rows.ok());
    EXPECT_EQ(*rows, (Rows{"+I 1, 10, NULL", "+I 2, 3, NULL"}));
    // remove-record-on-delete: key 2 ends with -D and disappears.
    MergeOptions remove = Engine(MergeEngine::kAggregation);
    remove.field_aggregates = {{"v", "sum"}};
    remove.remove_record_on_delete = true;
    rows = Merge(runs, remove);
    ASSERT_TRUE(rows.ok());
    EXPECT_EQ(*rows, (Rows{"+I 1, 6, NULL"}));
    // ignore-delete drops every retraction before aggregating.
    MergeOptions ignore = Engine(MergeEngine::kAggregation);
    ignore.field_aggregates = {{"v", "sum"}};
    ignore.ignore_delete = true;
    rows = Merge(runs, ignore);
    ASSERT_TRUE(rows.ok());
    EXPECT_EQ(*rows, (Rows{"+I 1, 10, x", "+I 2, 3, y"}));
}

TEST(ReadMergeEngine, BinaryMergeHook) {
    // A stand-in for a bitmap union: the sorted set of the characters of all values.
    FieldAggregatorRegistry registry = FieldAggregatorRegistry::WithBuiltins();
    registry.RegisterBinaryMerge("char_union", [](const std::vector<std::string_view>& values, std::string* out) {
        std::string all;
        for (std::string_view value : values) all += value;
        std::sort(all.begin(), all.end());
        all.erase(std::unique(all.begin(), all.end()), all.end());
        *out = all;
        return Status::OK();
    });
    MergeLayout layout = Layout("BIGINT", "BYTES");
    std::vector<SortedRun> runs = {
        {{{1, 1, kI, I(1), Value::Binary(LogicalType::Varbinary(), "cab")}}},
        {{{1, 2, kI, I(2), Value::Binary(LogicalType::Varbinary(), "dba")},
          {2, 3, kI, I(3), Value::Binary(LogicalType::Varbinary(), "zz")}}},
        {{{1, 3, kI, I(3), Value()}}},
    };
    MergeOptions options = Engine(MergeEngine::kAggregation);
    options.field_aggregates = {{"s", "char_union"}, {"v", "sum"}};
    auto rows = Merge(runs, options, layout, 4096, registry);
    ASSERT_TRUE(rows.ok()) << rows.status().ToString();
    EXPECT_EQ(*rows, (Rows{"+I 1, 6, abcd", "+I 2, 3, zz"}));
    // On a non-binary column, and for an unknown function, creation fails.
    options.field_aggregates = {{"v", "char_union"}};
    EXPECT_EQ(Merge(runs, options, layout, 4096, registry).status().code(), ErrorCode::kNotSupported);
    options.field_aggregates = {{"v", "rbm64"}};
    EXPECT_EQ(Merge(runs, options, layout, 4096, registry).status().code(), ErrorCode::kNotSupported);
}

TEST(ReadMergeEngine, OptionsFromSchema) {
    TableSchema schema;
    schema.options = {{"merge-engine", "aggregation"},
                      {"fields.v.aggregate-function", "sum"},
                      {"fields.default-aggregate-function", "max"},
                      {"fields.s.ignore-retract", "true"},
                      {"sequence.field", "a, b"},
                      {"ignore-delete", "TRUE"}};
    auto options = MergeOptions::FromSchema(schema);
    ASSERT_TRUE(options.ok());
    EXPECT_EQ(options->engine, MergeEngine::kAggregation);
    EXPECT_EQ(options->AggregateOf("v"), "sum");
    EXPECT_EQ(options->AggregateOf("other"), "max");
    EXPECT_TRUE(options->ignore_retract_fields.count("s"));
    EXPECT_EQ(options->sequence_fields, (std::vector<std::string>{"a", "b"}));
    EXPECT_TRUE(options->ignore_delete);
    schema.options = {{"merge-engine", "partial-update"}, {"fields.g.sequence-group", "a,b"}};
    EXPECT_EQ(MergeOptions::FromSchema(schema).status().code(), ErrorCode::kNotSupported);
    schema.options = {{"merge-engine", "lsm-magic"}};
    EXPECT_EQ(MergeOptions::FromSchema(schema).status().code(), ErrorCode::kNotSupported);
}

TEST(ReadIntervalPartition, PaimonExample) {
    // [1,2] [3,4] [5,180] [5,190] [200,600] [210,700], keys as normalized BIGINTs.
    auto key = [](int64_t v) {
        Chunk chunk({Column::FromValues(LogicalType::BigInt(), {Value::BigInt(v)})}, 1);
        return std::string(NormalizedKeys::Encode(chunk, {0}).Get(0));
    };
    std::vector<KeyRange> ranges = {{key(200), key(600)}, {key(1), key(2)},   {key(5), key(190)},
                                    {key(3), key(4)},     {key(5), key(180)}, {key(210), key(700)}};
    std::vector<Section> sections = IntervalPartition(ranges);
    ASSERT_EQ(sections.size(), 4u);
    EXPECT_EQ(sections[0].runs, (std::vector<std::vector<size_t>>{{1}}));
    EXPECT_EQ(sections[1].runs, (std::vector<std::vector<size_t>>{{3}}));
    EXPECT_EQ(sections[2].runs, (std::vector<std::vector<size_t>>{{4}, {2}}));
    EXPECT_EQ(sections[3].runs, (std::vector<std::vector<size_t>>{{0}, {5}}));
    // Non-overlapping files of one section share a run.
    ranges = {{key(1), key(10)}, {key(2), key(3)}, {key(4), key(5)}, {key(11), key(12)}};
    sections = IntervalPartition(ranges);
    ASSERT_EQ(sections.size(), 2u);
    EXPECT_EQ(sections[0].runs, (std::vector<std::vector<size_t>>{{0}, {1, 2}}));
}

TEST(ReadNormalizedKeys, OrderMatchesTypedOrder) {
    // Multi-column keys: (INT, VARCHAR, DOUBLE) with NULLs, negative numbers, prefixes and
    // embedded zero bytes must sort as the typed tuples do.
    std::vector<std::vector<Value>> rows = {
        {Value::Int(-5), Value::Varchar("b"), Value::Double(1.5)},
        {Value::Int(-5), Value::Varchar("ab"), Value::Double(-0.0)},
        {Value::Int(-5), Value::Varchar("a"), Value::Double(2)},
        {Value::Int(-5), Value::Varchar(std::string("a\0b", 3)), Value::Double(2)},
        {Value::Int(3), Value::Varchar("a"), Value::Double(-7.5)},
        {Value::Int(3), Value::Varchar("a"), Value::Double(0.0)},
        {Value::Null(LogicalType::Int()), Value::Varchar("z"), Value::Double(0)},
        {Value::Int(2147483647), Value::Null(LogicalType::Varchar()), Value::Double(0)},
    };
    std::vector<Value> a, b, c;
    for (const auto& row : rows) {
        a.push_back(row[0]);
        b.push_back(row[1]);
        c.push_back(row[2]);
    }
    Chunk chunk({Column::FromValues(LogicalType::Int(), a), Column::FromValues(LogicalType::Varchar(), b),
                 Column::FromValues(LogicalType::Double(), c)},
                rows.size());
    NormalizedKeys keys = NormalizedKeys::Encode(chunk, {0, 1, 2});
    auto typed_less = [&](size_t x, size_t y) {
        for (size_t col = 0; col < 3; ++col) {
            const Value& l = rows[x][col];
            const Value& r = rows[y][col];
            if (l.is_null() != r.is_null()) return l.is_null();
            if (l.is_null()) continue;
            if (col == 2 && l.GetDouble() == r.GetDouble() &&
                std::signbit(l.GetDouble()) != std::signbit(r.GetDouble())) {
                return std::signbit(l.GetDouble());
            }
            int order = l.Compare(r);
            if (order != 0) return order < 0;
        }
        return false;
    };
    for (size_t x = 0; x < rows.size(); ++x) {
        for (size_t y = 0; y < rows.size(); ++y) {
            EXPECT_EQ(keys.Get(x) < keys.Get(y), typed_less(x, y)) << x << " vs " << y;
        }
    }
}

}  // namespace
}  // namespace flashlake::lake::lsm
