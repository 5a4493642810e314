#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <utility>

#include "common/error_code.h"

namespace flashlake {

// The outcome of an operation that can fail for reasons outside the engine (files, bytes from
// the network, user input at a boundary). An OK Status holds no allocation; an error holds a
// code and a message that says what, where and why.
class [[nodiscard]] Status {
public:
    Status() = default;
    Status(ErrorCode code, std::string message);

    static Status OK() { return Status(); }
    static Status InvalidArgument(std::string msg) { return Status(ErrorCode::kInvalidArgument, std::move(msg)); }
    static Status NotSupported(std::string msg) { return Status(ErrorCode::kNotSupported, std::move(msg)); }
    static Status NotFound(std::string msg) { return Status(ErrorCode::kNotFound, std::move(msg)); }
    static Status AlreadyExists(std::string msg) { return Status(ErrorCode::kAlreadyExists, std::move(msg)); }
    static Status Internal(std::string msg) { return Status(ErrorCode::kInternal, std::move(msg)); }
    static Status IOError(std::string msg) { return Status(ErrorCode::kIOError, std::move(msg)); }
    static Status Corruption(std::string msg) { return Status(ErrorCode::kCorruption, std::move(msg)); }
    static Status Cancelled(std::string msg) { return Status(ErrorCode::kCancelled, std::move(msg)); }

    bool ok() const { return state_ == nullptr; }
    ErrorCode code() const { return state_ ? state_->code : ErrorCode::kOk; }
    const std::string& message() const;

    // "InvalidArgument: <message>", or "OK".
    std::string ToString() const;
    // A copy whose message is prefixed with `context: ` (e.g. the file or statement at fault).
    Status WithContext(std::string_view context) const;

    Status(const Status& other) : state_(other.state_ ? std::make_unique<State>(*other.state_) : nullptr) {}
    Status& operator=(const Status& other) {
        state_ = other.state_ ? std::make_unique<State>(*other.state_) : nullptr;
        return *this;
    }
    Status(Status&&) noexcept = default;
    Status& operator=(Status&&) noexcept = default;

private:
    struct State {
        ErrorCode code;
        std::string message;
    };
    std::unique_ptr<State> state_;
};

}  // namespace flashlake

#define FL_CONCAT_IMPL(a, b) a##b
#define FL_CONCAT(a, b) FL_CONCAT_IMPL(a, b)

// Returns the Status of `expr` from the enclosing function when it is an error.
#define FL_RETURN_NOT_OK(expr)                      \
    do {                                            \
        ::flashlake::Status _fl_status = (expr);    \
        if (!_fl_status.ok()) return _fl_status;    \
    } while (false)
