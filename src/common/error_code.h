#pragma once

#include <cstdint>
#include <string_view>

namespace flashlake {

// Every error the engine reports has one of these codes. Each code carries the MySQL error
// number and SQLSTATE that clients see (the table lives in error_code.cc), so that the shell,
// the MySQL protocol and the HTTP API all report an error the same way.
enum class ErrorCode : uint16_t {
    kOk = 0,
    // Generic
    kInvalidArgument,
    kNotSupported,
    kNotFound,
    kAlreadyExists,
    kInternal,
    kCancelled,
    kTimeout,
    // Resources
    kOutOfMemory,
    kMemoryLimitExceeded,
    kTooManyConnections,
    // Storage and I/O
    kIOError,
    kNoSpace,
    kCorruption,
    kCommitConflict,
    // SQL: parse and bind
    kSyntaxError,
    kUnknownDatabase,
    kUnknownTable,
    kUnknownColumn,
    kAmbiguousColumn,
    kUnknownFunction,
    kWrongArguments,
    kTableExists,
    kDatabaseExists,
    kNoDatabaseSelected,
    // SQL: evaluation
    kTypeMismatch,
    kInvalidCast,
    kNumericOverflow,
    kDivisionByZero,
    kInvalidValue,
    // Access
    kAccessDenied,
    kTableAccessDenied,
    kDatabaseAccessDenied,
    // Loads
    kLabelAlreadyExists,
    kDataQuality,
    // Server
    kUnknownThread,  // KILL of a connection id that is not open
};

// Who caused an error: the user's input, the engine's resources, the outside world or a bug.
enum class ErrorCategory : uint8_t { kUser, kResource, kExternal, kInternal };

struct ErrorCodeInfo {
    std::string_view name;
    uint16_t mysql_errno;
    std::string_view sqlstate;
    ErrorCategory category;
};

const ErrorCodeInfo& GetErrorCodeInfo(ErrorCode code);

}  // namespace flashlake
