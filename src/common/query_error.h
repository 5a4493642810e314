#pragma once

#include <stdexcept>
#include <string>

#include "common/error_code.h"
#include "common/status.h"

namespace flashlake {

// An error that ends a query, thrown inside sql/, planner/, exec/ and functions/. The statement
// path catches it and converts it to a Status exactly once (ToStatus); it never crosses a thread
// or the storage boundary unconverted.
class QueryError : public std::runtime_error {
public:
    QueryError(ErrorCode code, std::string message) : std::runtime_error(std::move(message)), code_(code) {}

    ErrorCode code() const { return code_; }
    ErrorCategory category() const { return GetErrorCodeInfo(code_).category; }
    Status ToStatus() const { return Status(code_, what()); }

private:
    ErrorCode code_;
};

// Throws a QueryError with the message made of the given parts.
template <typename... Parts>
[[noreturn]] void ThrowQueryError(ErrorCode code, const Parts&... parts);

// Converts a non-OK Status from a lower layer into a QueryError.
void ThrowIfError(const Status& status);

}  // namespace flashlake

#include "common/check.h"

namespace flashlake {

template <typename... Parts>
[[noreturn]] void ThrowQueryError(ErrorCode code, const Parts&... parts) {
    throw QueryError(code, ConcatParts(parts...));
}

}  // namespace flashlake
