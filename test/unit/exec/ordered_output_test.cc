#include "exec/operators/ordered_output.h"

#include <gtest/gtest.h>

#include "common/query_error.h"
#include "exec/pipeline/exec_context.h"

namespace flashlake::exec {
namespace {

Chunk Numbers(size_t rows) {
    ColumnPtr column = Column::MakeFlat(LogicalType::BigInt(), rows);
    int64_t* data = column->MutableData<int64_t>();
    for (size_t i = 0; i < rows; ++i) data[i] = static_cast<int64_t>(i);
    return Chunk({column}, rows);
}

// A materialized branch or shared result charges what it keeps to the query's memory tracker,
// fails the query past the limit, and gives the bytes back when it is released.
TEST(OrderedOutputTest, KeptRowsAreChargedToTheQuery) {
    MemoryTracker tracker("query", 1 << 20);
    ExecContext context;
    context.memory = &tracker;
    {
        auto output = std::make_shared<OrderedOutput>();
        OrderedOutputSink sink(output);
        sink.Consume(context, Numbers(1000), ChunkOrder{});
        sink.Consume(context, Numbers(1000), ChunkOrder{});
        sink.Finish(context);
        EXPECT_GE(tracker.consumed(), 16000);
        SharedOutputSource first(output), second(output);  // each reader sees every chunk
        uint64_t index = 0;
        size_t chunks = 0;
        while (first.NextMorsel(context, index)) ++chunks;
        while (second.NextMorsel(context, index)) ++chunks;
        EXPECT_EQ(chunks, 4u);
    }
    EXPECT_EQ(tracker.consumed(), 0);

    MemoryTracker small("query", 4000);
    context.memory = &small;
    auto output = std::make_shared<OrderedOutput>();
    OrderedOutputSink sink(output);
    try {
        sink.Consume(context, Numbers(1000), ChunkOrder{});
        FAIL() << "8000 bytes kept under a 4000-byte limit";
    } catch (const QueryError& error) {
        EXPECT_EQ(error.ToStatus().code(), ErrorCode::kMemoryLimitExceeded);
    }
}

}  // namespace
}  // namespace flashlake::exec
