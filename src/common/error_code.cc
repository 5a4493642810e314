#include "common/error_code.h"

#include <array>

namespace flashlake {

namespace {

using enum ErrorCategory;

// Indexed by ErrorCode; the static_assert below keeps the two in step.
constexpr std::array kErrorCodeInfos = {
    ErrorCodeInfo{"OK", 0, "00000", kUser},
    ErrorCodeInfo{"InvalidArgument", 1210, "HY000", kUser},
    ErrorCodeInfo{"NotSupported", 1235, "42000", kUser},
    ErrorCodeInfo{"NotFound", 1105, "HY000", kUser},
    ErrorCodeInfo{"AlreadyExists", 1105, "HY000", kUser},
    ErrorCodeInfo{"Internal", 1105, "HY000", kInternal},
    ErrorCodeInfo{"Cancelled", 1317, "70100", kUser},
    ErrorCodeInfo{"Timeout", 3024, "HY000", kResource},
    ErrorCodeInfo{"OutOfMemory", 1037, "HY001", kResource},
    ErrorCodeInfo{"MemoryLimitExceeded", 1038, "HY001", kResource},
    ErrorCodeInfo{"TooManyConnections", 1040, "08004", kResource},
    ErrorCodeInfo{"IOError", 1105, "HY000", kExternal},
    ErrorCodeInfo{"NoSpace", 1021, "HY000", kExternal},
    ErrorCodeInfo{"Corruption", 1105, "HY000", kExternal},
    ErrorCodeInfo{"CommitConflict", 1213, "40001", kExternal},
    ErrorCodeInfo{"SyntaxError", 1064, "42000", kUser},
    ErrorCodeInfo{"UnknownDatabase", 1049, "42000", kUser},
    ErrorCodeInfo{"UnknownTable", 1146, "42S02", kUser},
    ErrorCodeInfo{"UnknownColumn", 1054, "42S22", kUser},
    ErrorCodeInfo{"AmbiguousColumn", 1052, "23000", kUser},
    ErrorCodeInfo{"UnknownFunction", 1305, "42000", kUser},
    ErrorCodeInfo{"WrongArguments", 1582, "42000", kUser},
    ErrorCodeInfo{"TableExists", 1050, "42S01", kUser},
    ErrorCodeInfo{"DatabaseExists", 1007, "HY000", kUser},
    ErrorCodeInfo{"NoDatabaseSelected", 1046, "3D000", kUser},
    ErrorCodeInfo{"TypeMismatch", 1210, "HY000", kUser},
    ErrorCodeInfo{"InvalidCast", 1292, "22007", kUser},
    ErrorCodeInfo{"NumericOverflow", 1690, "22003", kUser},
    ErrorCodeInfo{"DivisionByZero", 1365, "22012", kUser},
    ErrorCodeInfo{"InvalidValue", 1366, "HY000", kUser},
    ErrorCodeInfo{"AccessDenied", 1045, "28000", kUser},
    ErrorCodeInfo{"TableAccessDenied", 1142, "42000", kUser},
    ErrorCodeInfo{"DatabaseAccessDenied", 1044, "42000", kUser},
    ErrorCodeInfo{"LabelAlreadyExists", 1105, "HY000", kUser},
    ErrorCodeInfo{"DataQuality", 1105, "HY000", kUser},
    ErrorCodeInfo{"UnknownThread", 1094, "HY000", kUser},
};
static_assert(kErrorCodeInfos.size() == static_cast<size_t>(ErrorCode::kUnknownThread) + 1,
              "kErrorCodeInfos must list every ErrorCode in order");

}  // namespace

const ErrorCodeInfo& GetErrorCodeInfo(ErrorCode code) {
    auto index = static_cast<size_t>(code);
    return index < kErrorCodeInfos.size() ? kErrorCodeInfos[index] : kErrorCodeInfos[static_cast<size_t>(ErrorCode::kInternal)];
}

}  // namespace flashlake
