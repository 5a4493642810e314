#include "exec/operators/hash_aggregate.h"

#include <map>
#include <set>

#include "common/memory_tracker.h"
#include "exec_test_util.h"

namespace flashlake::exec {
namespace {

using namespace testing;

Value I(int64_t v) {
    return Value::Int(static_cast<int32_t>(v));
}
Value B(int64_t v) {
    return Value::BigInt(v);
}
Value S(const std::string& v) {
    return Value::Varchar(v);
}
Value NullInt() {
    return Value::Null(LogicalType::Int());
}
Value NullStr() {
    return Value::Null(LogicalType::Varchar());
}

template <typename... E>
std::vector<planner::BoundExprPtr> Exprs(E... e) {
    std::vector<planner::BoundExprPtr> list;
    (list.push_back(std::move(e)), ...);
    return list;
}

template <typename... A>
std::vector<planner::BoundAggregate> Aggs(A... a) {
    std::vector<planner::BoundAggregate> list;
    (list.push_back(std::move(a)), ...);
    return list;
}

class HashAggregateTest : public ExecTest {};

TEST_F(HashAggregateTest, GroupByWithNullKeyGroup) {
    auto values =
        Values({LogicalType::Int(), LogicalType::Int()},
               {{I(1), I(10)}, {I(2), I(20)}, {I(1), NullInt()}, {NullInt(), I(5)}, {NullInt(), I(6)}, {I(2), I(1)}});
    auto plan = Aggregate(std::move(values), Exprs(Col(0, LogicalType::Int())),
                          Aggs(Agg("sum", Exprs(Col(1, LogicalType::Int()))), Agg("count", {}),
                               Agg("count", Exprs(Col(1, LogicalType::Int())))));
    EXPECT_EQ(Lines(*plan), (std::vector<std::string>{"1 | 10 | 2 | 1", "2 | 21 | 2 | 2", "NULL | 11 | 2 | 2"}));
    EXPECT_EQ(Lines(*plan, true, 1),
              (std::vector<std::string>{"1 | 10 | 2 | 1", "2 | 21 | 2 | 2", "NULL | 11 | 2 | 2"}));
}

TEST_F(HashAggregateTest, GlobalAggregateOverEmptyInputGivesOneRow) {
    auto values = Values({LogicalType::Int()}, {});
    auto plan = Aggregate(
        std::move(values), {},
        Aggs(Agg("count", {}), Agg("sum", Exprs(Col(0, LogicalType::Int()))),
             Agg("max", Exprs(Col(0, LogicalType::Int()))), Agg("count", Exprs(Col(0, LogicalType::Int())), true)));
    EXPECT_EQ(Lines(*plan), (std::vector<std::string>{"0 | NULL | NULL | 0"}));
    EXPECT_EQ(Lines(*plan, true, 1), (std::vector<std::string>{"0 | NULL | NULL | 0"}));
}

TEST_F(HashAggregateTest, GroupByOverEmptyInputGivesNoRows) {
    auto plan = Aggregate(Values({LogicalType::Int()}, {}), Exprs(Col(0, LogicalType::Int())), Aggs(Agg("count", {})));
    EXPECT_TRUE(Lines(*plan).empty());
}

TEST_F(HashAggregateTest, MultipleKeysOfMixedTypes) {
    const std::string long_a = "a-string-longer-than-twelve-bytes";
    auto values = Values({LogicalType::Varchar(), LogicalType::Int(), LogicalType::Double()},
                         {{S(long_a), I(1), Value::Double(1.5)},
                          {S("short"), I(1), Value::Double(2)},
                          {S(long_a), I(1), Value::Double(3)},
                          {S(long_a), I(2), Value::Double(4)},
                          {NullStr(), I(2), Value::Double(5)},
                          {NullStr(), NullInt(), Value::Double(6)},
                          {NullStr(), NullInt(), Value::Double(7)}});
    auto plan = Aggregate(
        std::move(values), Exprs(Col(0, LogicalType::Varchar()), Col(1, LogicalType::Int())),
        Aggs(Agg("sum", Exprs(Col(2, LogicalType::Double()))), Agg("min", Exprs(Col(0, LogicalType::Varchar())))));
    EXPECT_EQ(Lines(*plan), (std::vector<std::string>{
                                "NULL | 2 | 5 | NULL",
                                "NULL | NULL | 13 | NULL",
                                long_a + " | 1 | 4.5 | " + long_a,
                                long_a + " | 2 | 4 | " + long_a,
                                "short | 1 | 2 | short",
                            }));
}

TEST_F(HashAggregateTest, DistinctAggregatesGroupedAndGlobal) {
    std::vector<std::vector<Value>> rows = {
        {S("x"), I(1), I(7)}, {S("x"), I(1), I(7)}, {S("x"), I(2), I(7)},           {S("x"), NullInt(), I(8)},
        {S("y"), I(5), I(1)}, {S("y"), I(5), I(2)}, {S("z"), NullInt(), NullInt()},
    };
    auto types = std::vector<LogicalType>{LogicalType::Varchar(), LogicalType::Int(), LogicalType::Int()};
    auto grouped = Aggregate(
        Values(types, rows), Exprs(Col(0, LogicalType::Varchar())),
        Aggs(Agg("count", Exprs(Col(1, LogicalType::Int())), true), Agg("sum", Exprs(Col(1, LogicalType::Int())), true),
             Agg("sum", Exprs(Col(1, LogicalType::Int()))),
             Agg("count", Exprs(Col(1, LogicalType::Int()), Col(2, LogicalType::Int())), true),
             Agg("count", Exprs(Col(2, LogicalType::Int())), true)));
    std::vector<std::string> expected = {"x | 2 | 3 | 4 | 2 | 2", "y | 1 | 5 | 10 | 2 | 2",
                                         "z | 0 | NULL | NULL | 0 | 0"};
    EXPECT_EQ(Lines(*grouped), expected);
    EXPECT_EQ(Lines(*grouped, true, 1), expected);

    auto global = Aggregate(Values(types, rows), {},
                            Aggs(Agg("count", Exprs(Col(1, LogicalType::Int())), true),
                                 Agg("sum", Exprs(Col(2, LogicalType::Int())), true), Agg("count", {})));
    EXPECT_EQ(Lines(*global), (std::vector<std::string>{"3 | 18 | 7"}));
}

TEST_F(HashAggregateTest, GroupConcatDistinctAndApproxCount) {
    auto values = Values({LogicalType::Int(), LogicalType::Varchar()},
                         {{I(1), S("a")}, {I(1), S("a")}, {I(1), S("b")}, {I(2), NullStr()}});
    auto plan = Aggregate(std::move(values), Exprs(Col(0, LogicalType::Int())),
                          Aggs(Agg("approx_count_distinct", Exprs(Col(1, LogicalType::Varchar()))),
                               Agg("count", Exprs(Col(1, LogicalType::Varchar())), true)));
    EXPECT_EQ(Lines(*plan), (std::vector<std::string>{"1 | 2 | 2", "2 | 0 | 0"}));
}

// Runs an aggregation over ready chunks with a pipeline per side, as the executor connects them.
std::vector<Chunk> RunAggregation(ThreadPool& pool, std::vector<Chunk> input,
                                  const std::vector<planner::BoundExprPtr>& groups,
                                  const std::vector<planner::BoundAggregate>& aggregates, size_t parallelism,
                                  MemoryTracker* memory = nullptr, Status* status_out = nullptr) {
    ExecContext context;
    context.pool = &pool;
    context.parallelism = parallelism;
    context.memory = memory;
    ResultCollector collector;
    PipelineGraph graph;
    auto sink = std::make_unique<HashAggregateSink>(groups, aggregates);
    auto output = std::make_unique<Pipeline>();
    output->source = sink->MakeSource();
    output->sink = &collector;
    auto input_pipeline = std::make_unique<Pipeline>();
    input_pipeline->source = std::make_unique<ValuesSource>(std::move(input));
    input_pipeline->owned_sink = std::move(sink);
    input_pipeline->sink = input_pipeline->owned_sink.get();
    output->dependencies.push_back(input_pipeline.get());
    graph.pipelines.push_back(std::move(input_pipeline));
    graph.pipelines.push_back(std::move(output));
    Status status = RunPipelineGraph(graph, context);
    if (status_out != nullptr)
        *status_out = status;
    else
        EXPECT_TRUE(status.ok()) << status.ToString();
    return collector.TakeChunks();
}

// key = i % groups (NULL every 1000th row), value = i; distinct values dup every other row.
std::vector<Chunk> ManyGroupsInput(size_t rows, size_t groups) {
    std::vector<Chunk> chunks;
    for (size_t start = 0; start < rows; start += kChunkSize) {
        size_t count = std::min(kChunkSize, rows - start);
        ColumnPtr key = Int64Column(count, [&](size_t i) { return static_cast<int64_t>((start + i) % groups); });
        for (size_t i = 0; i < count; ++i) {
            if ((start + i) % 1000 == 999) key->SetNull(i);
        }
        ColumnPtr value = Int64Column(count, [&](size_t i) { return static_cast<int64_t>((start + i) / 2); });
        chunks.emplace_back(std::vector<ColumnPtr>{key, value}, count);
    }
    return chunks;
}

TEST_F(HashAggregateTest, ManyGroupsWithParallelDriversMatchReference) {
    const size_t rows = 300000, groups = 70000;
    std::vector<Chunk> input = ManyGroupsInput(rows, groups);
    std::map<int64_t, std::pair<int64_t, std::set<int64_t>>> reference;  // key (-1 = NULL) -> sum, distinct
    for (size_t i = 0; i < rows; ++i) {
        int64_t key = i % 1000 == 999 ? -1 : static_cast<int64_t>(i % groups);
        reference[key].first += static_cast<int64_t>(i / 2);
        reference[key].second.insert(static_cast<int64_t>(i / 2));
    }
    auto groups_list = Exprs(Col(0, LogicalType::BigInt()));
    auto aggregates = Aggs(Agg("sum", Exprs(Col(1, LogicalType::BigInt()))), Agg("count", {}),
                           Agg("count", Exprs(Col(1, LogicalType::BigInt())), true));
    for (size_t parallelism : {1, 4}) {
        std::vector<Chunk> output = RunAggregation(pool_, input, groups_list, aggregates, parallelism);
        size_t seen = 0;
        for (const auto& chunk : output) {
            for (size_t r = 0; r < chunk.num_rows(); ++r, ++seen) {
                int64_t key = chunk.column(0)->IsNull(r) ? -1 : chunk.column(0)->GetValue(r).GetInt64();
                auto it = reference.find(key);
                ASSERT_NE(it, reference.end()) << key;
                EXPECT_EQ(chunk.column(1)->GetValue(r).GetInt64(), it->second.first);
                EXPECT_EQ(chunk.column(3)->GetValue(r).GetInt64(), static_cast<int64_t>(it->second.second.size()));
            }
        }
        EXPECT_EQ(seen, reference.size());
    }
}

TEST_F(HashAggregateTest, GlobalCountDistinctAcrossDrivers) {
    const size_t rows = 200000;
    std::vector<Chunk> input = ManyGroupsInput(rows, 10);
    auto aggregates = Aggs(Agg("count", Exprs(Col(1, LogicalType::BigInt())), true),
                           Agg("sum", Exprs(Col(1, LogicalType::BigInt())), true), Agg("count", {}));
    std::vector<Chunk> output = RunAggregation(pool_, input, {}, aggregates, 4);
    ASSERT_EQ(output.size(), 1u);
    ASSERT_EQ(output[0].num_rows(), 1u);
    EXPECT_EQ(output[0].column(0)->GetValue(0).GetInt64(), 100000);
    EXPECT_EQ(output[0].column(1)->GetValue(0).GetInt64(), 99999LL * 100000 / 2);
    EXPECT_EQ(output[0].column(2)->GetValue(0).GetInt64(), 200000);
}

TEST_F(HashAggregateTest, MemoryLimitFailsTheQueryWithLimitAndUsage) {
    MemoryTracker tracker("query", 1 << 20);
    Status status;
    RunAggregation(pool_, ManyGroupsInput(200000, 200000), Exprs(Col(0, LogicalType::BigInt())),
                   Aggs(Agg("sum", Exprs(Col(1, LogicalType::BigInt())))), 2, &tracker, &status);
    ASSERT_FALSE(status.ok());
    EXPECT_EQ(status.code(), ErrorCode::kMemoryLimitExceeded);
    EXPECT_NE(status.message().find("limit 1.00 MB"), std::string::npos) << status.message();
    EXPECT_EQ(tracker.consumed(), 0);  // everything released when the query's operators died
}

TEST_F(HashAggregateTest, OverflowInAggregateFailsTheQuery) {
    auto values = Values({LogicalType::BigInt()}, {{B(INT64_MAX)}, {B(1)}});
    auto plan = Aggregate(std::move(values), {}, Aggs(Agg("sum", Exprs(Col(0, LogicalType::BigInt())))));
    auto result = Run(*plan);
    ASSERT_FALSE(result.ok());
    EXPECT_EQ(result.status().code(), ErrorCode::kNumericOverflow);
}

}  // namespace
}  // namespace flashlake::exec
