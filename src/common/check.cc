#include "common/check.h"

#include "common/query_error.h"

namespace flashlake {

void FailCheck(const char* file, int line, const char* condition, const std::string& message) {
    std::string text = "internal error: check failed at ";
    text += file;
    text += ":" + std::to_string(line) + ": " + condition;
    if (!message.empty()) text += " (" + message + ")";
    throw QueryError(ErrorCode::kInternal, std::move(text));
}

void ThrowIfError(const Status& status) {
    if (!status.ok()) throw QueryError(status.code(), status.message());
}

}  // namespace flashlake
