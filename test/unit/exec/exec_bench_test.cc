// Throughput measurements of the pipeline breakers on generated data. Disabled by default (they
// take seconds); run with
//   unit_exec --gtest_also_run_disabled_tests --gtest_filter='ExecBench*'
// FL_BENCH_ROWS overrides the row count (default 10M).

#include <chrono>
#include <cstdlib>
#include <random>

#include <sys/resource.h>

#include "exec/operators/hash_aggregate.h"
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
    return usage.ru_utime.tv_sec + usage.ru_utime.tv_usec * 1e-6 + usage.ru_stime.tv_sec + usage.ru_stime.tv_usec * 1e-6;
}

double TimeAggregation(const std::vector<planner::BoundExprPtr>& groups,
                       const std::vector<planner::BoundAggregate>& aggregates, size_t parallelism, size_t* groups_out, double* cpu_out) {
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
           Aggs(Agg("sum", Exprs(Col(2, LogicalType::BigInt()))), Agg("count", Exprs(Col(1, LogicalType::BigInt())), true)));
    Report("global: COUNT(DISTINCT user 1M)", {}, Aggs(Agg("count", Exprs(Col(1, LogicalType::BigInt())), true)));
    Report("global: SUM(amount), COUNT(*)", {}, Aggs(Agg("sum", Exprs(Col(2, LogicalType::BigInt()))), Agg("count", {})));
    Report("GROUP BY bigint 1M groups: SUM(amount)", Exprs(Col(3, LogicalType::BigInt())),
           Aggs(Agg("sum", Exprs(Col(2, LogicalType::BigInt())))));
    Report("global: APPROX_COUNT_DISTINCT(user)", {}, Aggs(Agg("approx_count_distinct", Exprs(Col(1, LogicalType::BigInt())))));
}

}  // namespace
}  // namespace flashlake::exec
