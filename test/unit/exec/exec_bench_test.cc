// Throughput measurements of the pipeline breakers on generated data. Disabled by default (they
// take seconds); run with
//   unit_exec --gtest_also_run_disabled_tests --gtest_filter='ExecBench*'
// FL_BENCH_ROWS overrides the row count (default 10M).

#include <sys/resource.h>

#include <chrono>
#include <cstdlib>
#include <random>

#include "exec/operators/hash_aggregate.h"
#include "exec/operators/hash_join_build.h"
#include "exec/operators/hash_join_probe.h"
#include "exec/operators/sort_operator.h"
#include "exec/operators/top_n_operator.h"
#include "exec_test_util.h"

namespace flashlake::exec {
namespace {

using namespace testing;

size_t BenchRows() {
    const char* rows = std::getenv("FL_BENCH_ROWS");
    return rows ? static_cast<size_t>(std::atoll(rows)) : 10'000'000;
}

// Columns: 0 = VARCHAR key of 20 values ("region-name-NN", 14 bytes), 1 = BIGINT with 1M
// distinct values, 2 = BIGINT amount, 3 = BIGINT key with 1M values.
std::vector<Chunk> BenchInput(size_t rows) {
    std::vector<Chunk> chunks;
    std::mt19937_64 random(42);
    std::vector<std::string> names;
    for (int i = 0; i < 20; ++i) names.push_back("region-name-" + std::to_string(10 + i));
    for (size_t start = 0; start < rows; start += kChunkSize) {
        size_t count = std::min(kChunkSize, rows - start);
        ColumnPtr key = Column::MakeFlat(LogicalType::Varchar(), count);
        for (size_t i = 0; i < count; ++i) key->MutableData<StringView>()[i] = key->strings().Add(names[random() % 20]);
        ColumnPtr user = Int64Column(count, [&](size_t) { return static_cast<int64_t>(random() % 1'000'000); });
        ColumnPtr amount = Int64Column(count, [&](size_t) { return static_cast<int64_t>(random() % 1000); });
        ColumnPtr big_key = Int64Column(count, [&](size_t) { return static_cast<int64_t>(random() % 1'000'000); });
        chunks.emplace_back(std::vector<ColumnPtr>{key, user, amount, big_key}, count);
    }
    return chunks;
}

const std::vector<Chunk>& Input() {
    static const std::vector<Chunk> input = BenchInput(BenchRows());
    return input;
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

// CPU seconds (user + system) of the process: on a shared machine wall time mostly measures the
// neighbours.
double CpuSeconds() {
    rusage usage;
    getrusage(RUSAGE_SELF, &usage);
    return usage.ru_utime.tv_sec + usage.ru_utime.tv_usec * 1e-6 + usage.ru_stime.tv_sec +
           usage.ru_stime.tv_usec * 1e-6;
}

double TimeAggregation(const std::vector<planner::BoundExprPtr>& groups,
                       const std::vector<planner::BoundAggregate>& aggregates, size_t parallelism, size_t* groups_out,
                       double* cpu_out) {
    ThreadPool pool(parallelism);
    ExecContext context;
    context.pool = &pool;
    context.parallelism = parallelism;
    ResultCollector collector;
    PipelineGraph graph;
    auto sink = std::make_unique<HashAggregateSink>(groups, aggregates);
    auto output = std::make_unique<Pipeline>();
    output->source = sink->MakeSource();
    output->sink = &collector;
    auto input = std::make_unique<Pipeline>();
    input->source = std::make_unique<ValuesSource>(Input());
    input->owned_sink = std::move(sink);
    input->sink = input->owned_sink.get();
    output->dependencies.push_back(input.get());
    graph.pipelines.push_back(std::move(input));
    graph.pipelines.push_back(std::move(output));
    auto start = std::chrono::steady_clock::now();
    double cpu_start = CpuSeconds();
    Status status = RunPipelineGraph(graph, context);
    double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    *cpu_out = CpuSeconds() - cpu_start;
    EXPECT_TRUE(status.ok()) << status.ToString();
    *groups_out = 0;
    for (const auto& chunk : collector.TakeChunks()) *groups_out += chunk.num_rows();
    return seconds;
}

void Report(const char* name, const std::vector<planner::BoundExprPtr>& groups,
            const std::vector<planner::BoundAggregate>& aggregates) {
    const char* only = std::getenv("FL_BENCH_CASE");
    if (only != nullptr && std::string(name).find(only) == std::string::npos) return;
    Input();
    for (size_t parallelism : {1, 2}) {
        size_t groups_out = 0;
        double best = 1e9, best_cpu = 1e9;
        for (int run = 0; run < 3; ++run) {
            double cpu = 0;
            best = std::min(best, TimeAggregation(groups, aggregates, parallelism, &groups_out, &cpu));
            best_cpu = std::min(best_cpu, cpu);
        }
        std::printf("%-56s dop=%zu groups=%-7zu wall %7.1f ms  cpu %7.1f ms  %6.1f Mrows/cpu-s\n", name, parallelism,
                    groups_out, best * 1e3, best_cpu * 1e3, BenchRows() / best_cpu / 1e6);
    }
}

TEST(ExecBench, DISABLED_Aggregation) {
    Report("GROUP BY str20: SUM(amount), COUNT(*)", Exprs(Col(0, LogicalType::Varchar())),
           Aggs(Agg("sum", Exprs(Col(2, LogicalType::BigInt()))), Agg("count", {})));
    Report("GROUP BY str20: SUM(amount), COUNT(DISTINCT user 1M)", Exprs(Col(0, LogicalType::Varchar())),
           Aggs(Agg("sum", Exprs(Col(2, LogicalType::BigInt()))),
                Agg("count", Exprs(Col(1, LogicalType::BigInt())), true)));
    Report("global: COUNT(DISTINCT user 1M)", {}, Aggs(Agg("count", Exprs(Col(1, LogicalType::BigInt())), true)));
    Report("global: SUM(amount), COUNT(*)", {},
           Aggs(Agg("sum", Exprs(Col(2, LogicalType::BigInt()))), Agg("count", {})));
    Report("GROUP BY bigint 1M groups: SUM(amount)", Exprs(Col(3, LogicalType::BigInt())),
           Aggs(Agg("sum", Exprs(Col(2, LogicalType::BigInt())))));
    Report("global: APPROX_COUNT_DISTINCT(user)", {},
           Aggs(Agg("approx_count_distinct", Exprs(Col(1, LogicalType::BigInt())))));
}

// Runs input -> sink, then the sink's output source -> collector; returns wall and CPU seconds.
template <typename Sink>
std::pair<double, double> TimeBreaker(std::unique_ptr<Sink> sink, std::vector<Chunk> input, size_t parallelism,
                                      std::unique_ptr<StreamOperator> probe, size_t* rows_out) {
    ThreadPool pool(parallelism);
    ExecContext context;
    context.pool = &pool;
    context.parallelism = parallelism;
    ResultCollector collector;
    PipelineGraph graph;
    auto output = std::make_unique<Pipeline>();
    if constexpr (requires { sink->MakeSource(); }) {
        output->source = sink->MakeSource();
    } else {
        output->source = std::make_unique<ValuesSource>(Input());
        output->operators.push_back(std::move(probe));
    }
    output->sink = &collector;
    auto first = std::make_unique<Pipeline>();
    first->source = std::make_unique<ValuesSource>(std::move(input));
    first->owned_sink = std::move(sink);
    first->sink = first->owned_sink.get();
    graph.pipelines.push_back(std::move(first));
    graph.pipelines.push_back(std::move(output));
    auto start = std::chrono::steady_clock::now();
    double cpu_start = CpuSeconds();
    Status status = RunPipelineGraph(graph, context);
    double wall = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    double cpu = CpuSeconds() - cpu_start;
    EXPECT_TRUE(status.ok()) << status.ToString();
    *rows_out = 0;
    for (const auto& chunk : collector.TakeChunks()) *rows_out += chunk.num_rows();
    return {wall, cpu};
}

void Print(const char* name, size_t parallelism, size_t rows_out, std::pair<double, double> time) {
    std::printf("%-56s dop=%zu rows=%-8zu wall %7.1f ms  cpu %7.1f ms  %6.1f Mrows/cpu-s\n", name, parallelism,
                rows_out, time.first * 1e3, time.second * 1e3, BenchRows() / time.second / 1e6);
}

TEST(ExecBench, DISABLED_SortAndTopN) {
    for (size_t parallelism : {1, 2}) {
        size_t rows = 0;
        auto sort = std::make_unique<SortSink>(List(OrderBy(Col(3, LogicalType::BigInt()), false)));
        Print("ORDER BY bigint DESC (all rows)", parallelism, rows,
              TimeBreaker(std::move(sort), Input(), parallelism, nullptr, &rows));
        auto top = std::make_unique<TopNSink>(
            List(OrderBy(Col(3, LogicalType::BigInt()), false), OrderBy(Col(0, LogicalType::Varchar()))), 100);
        Print("ORDER BY bigint DESC, str LIMIT 100", parallelism, rows,
              TimeBreaker(std::move(top), Input(), parallelism, nullptr, &rows));
    }
}

TEST(ExecBench, DISABLED_HashJoin) {
    // Fact (Input(), 10M rows) joined on column 3 (1M values) to a 1M-row dimension.
    std::vector<Chunk> dimension;
    for (size_t start = 0; start < 1'000'000; start += kChunkSize) {
        size_t count = std::min(kChunkSize, 1'000'000 - start);
        dimension.emplace_back(
            std::vector<ColumnPtr>{Int64Column(count, [&](size_t i) { return int64_t(start + i); }),
                                   Int64Column(count, [&](size_t i) { return int64_t((start + i) % 25); })},
            count);
    }
    for (size_t parallelism : {1, 2}) {
        size_t rows = 0;
        auto table =
            std::make_shared<JoinHashTable>(std::vector<LogicalType>{LogicalType::BigInt(), LogicalType::BigInt()},
                                            List(Col(0, LogicalType::BigInt())));
        auto probe =
            std::make_unique<HashJoinProbe>(table, planner::JoinType::kInner, List(Col(3, LogicalType::BigInt())),
                                            std::vector<planner::BoundExprPtr>{}, false,
                                            std::vector<LogicalType>{LogicalType::Varchar(), LogicalType::BigInt(),
                                                                     LogicalType::BigInt(), LogicalType::BigInt()});
        Print("fact 10M JOIN dim 1M ON bigint (build + probe)", parallelism, rows,
              TimeBreaker(std::make_unique<HashJoinBuildSink>(table, std::vector<HashJoinBuildSink::FilterOfKey>{}), dimension, parallelism, std::move(probe), &rows));
    }
}

}  // namespace
}  // namespace flashlake::exec
