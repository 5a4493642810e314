#pragma once

#include <memory>

#include "exec/operators/operator.h"

namespace flashlake::exec {

// A streaming operator with rows of its own to emit once all of its input has passed: the build
// rows no probe row matched in a RIGHT or FULL join. After the drivers of a pipeline finish,
// RunPipeline asks each such operator for a source of those rows and runs it through the
// operators that follow it into the same sink, before the sink's Finish.
class DrainingOperator : public StreamOperator {
public:
    // Null when there is nothing to emit. Called once, after every driver finished.
    virtual std::unique_ptr<SourceOperator> TakeRemaining(ExecContext& context) = 0;
};

}  // namespace flashlake::exec
