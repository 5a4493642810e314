#pragma once

#include <utility>
#include <variant>

#include "common/check.h"
#include "common/status.h"

namespace flashlake {

// Either a value or an error Status. Accessing the value of an error is an invariant violation.
template <typename T>
class [[nodiscard]] Result {
public:
    Result(T value) : storage_(std::move(value)) {}  // NOLINT(google-explicit-constructor)
    Result(Status status) : storage_(std::move(status)) {  // NOLINT(google-explicit-constructor)
        FL_CHECK(!std::get<Status>(storage_).ok(), "Result constructed from an OK Status");
    }

    bool ok() const { return std::holds_alternative<T>(storage_); }
    Status status() const { return ok() ? Status::OK() : std::get<Status>(storage_); }

    const T& value() const& {
        CheckOk();
        return std::get<T>(storage_);
    }
    T& value() & {
        CheckOk();
        return std::get<T>(storage_);
    }
    T&& value() && {
        CheckOk();
        return std::get<T>(std::move(storage_));
    }
    T ValueOr(T fallback) const { return ok() ? std::get<T>(storage_) : std::move(fallback); }

    const T& operator*() const& { return value(); }
    T& operator*() & { return value(); }
    const T* operator->() const { return &value(); }
    T* operator->() { return &value(); }

private:
    void CheckOk() const { FL_CHECK(ok(), "value() of an error Result: ", std::get<Status>(storage_).ToString()); }

    std::variant<T, Status> storage_;
};

}  // namespace flashlake

// Assigns the value of a Result expression to `lhs`, or returns its error Status.
#define FL_ASSIGN_OR_RETURN(lhs, expr) FL_ASSIGN_OR_RETURN_IMPL(FL_CONCAT(_fl_result_, __LINE__), lhs, expr)
#define FL_ASSIGN_OR_RETURN_IMPL(tmp, lhs, expr) \
    auto tmp = (expr);                           \
    if (!tmp.ok()) return tmp.status();          \
    lhs = std::move(tmp).value()
