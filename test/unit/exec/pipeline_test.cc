#include <gtest/gtest.h>

#include "common/query_error.h"
#include "exec/operators/limit_operator.h"
#include "exec/operators/result_collector.h"
#include "exec/operators/values_source.h"
#include "exec/pipeline/pipeline.h"

namespace flashlake::exec {
namespace {

std::vector<Chunk> NumberedChunks(size_t count, size_t rows_per_chunk) {
    std::vector<Chunk> chunks;
    for (size_t c = 0; c < count; ++c) {
        ColumnPtr column = Column::MakeFlat(LogicalType::BigInt(), rows_per_chunk);
        for (size_t r = 0; r < rows_per_chunk; ++r) column->MutableData<int64_t>()[r] = static_cast<int64_t>(c * rows_per_chunk + r);
        chunks.emplace_back(std::vector<ColumnPtr>{column}, rows_per_chunk);
    }
    return chunks;
}

// Fails on the chunk holding a given value, to test error propagation across drivers.
class FailingOperator : public StreamOperator {
public:
    bool Process(ExecContext& context, Chunk& chunk) override {
        if (chunk.column(0)->GetValue(0).GetInt64() == 500) ThrowQueryError(ErrorCode::kNumericOverflow, "boom at 500");
        return true;
    }
};

TEST(PipelineTest, ParallelDriversKeepSourceOrder) {
    ThreadPool pool(2);
    ExecContext context;
    context.pool = &pool;
    context.parallelism = 4;
    ResultCollector collector;
    Pipeline pipeline;
    pipeline.source = std::make_unique<ValuesSource>(NumberedChunks(64, 100));
    pipeline.sink = &collector;
    ASSERT_TRUE(RunPipeline(pipeline, context).ok());
    std::vector<Chunk> chunks = collector.TakeChunks();
    ASSERT_EQ(chunks.size(), 64u);
    int64_t expected = 0;
    for (const auto& chunk : chunks) {
        for (size_t r = 0; r < chunk.num_rows(); ++r) ASSERT_EQ(chunk.column(0)->GetValue(r).GetInt64(), expected++);
    }
}

TEST(PipelineTest, LimitStopsEarlyWithExactRowCount) {
    ThreadPool pool(2);
    ExecContext context;
    context.pool = &pool;
    context.parallelism = 2;
    ResultCollector collector;
    Pipeline pipeline;
    pipeline.source = std::make_unique<ValuesSource>(NumberedChunks(1000, 10));
    pipeline.operators.push_back(std::make_unique<LimitOperator>(25, 5));
    pipeline.sink = &collector;
    ASSERT_TRUE(RunPipeline(pipeline, context).ok());
    size_t rows = 0;
    for (const auto& chunk : collector.TakeChunks()) rows += chunk.num_rows();
    EXPECT_EQ(rows, 25u);
}

TEST(PipelineTest, FirstErrorCancelsAndIsReturned) {
    ThreadPool pool(2);
    ExecContext context;
    context.pool = &pool;
    context.parallelism = 2;
    ResultCollector collector;
    Pipeline pipeline;
    pipeline.source = std::make_unique<ValuesSource>(NumberedChunks(100, 10));
    pipeline.operators.push_back(std::make_unique<FailingOperator>());
    pipeline.sink = &collector;
    Status status = RunPipeline(pipeline, context);
    ASSERT_FALSE(status.ok());
    EXPECT_EQ(status.code(), ErrorCode::kNumericOverflow);
    EXPECT_EQ(status.message(), "boom at 500");
    EXPECT_TRUE(context.IsCancelled());
}

}  // namespace
}  // namespace flashlake::exec
