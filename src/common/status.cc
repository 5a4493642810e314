#include "common/status.h"

namespace flashlake {

Status::Status(ErrorCode code, std::string message) {
    if (code != ErrorCode::kOk) state_ = std::make_unique<State>(State{code, std::move(message)});
}

const std::string& Status::message() const {
    static const std::string kEmpty;
    return state_ ? state_->message : kEmpty;
}

std::string Status::ToString() const {
    if (ok()) return "OK";
    std::string out(GetErrorCodeInfo(code()).name);
    out += ": ";
    out += state_->message;
    return out;
}

Status Status::WithContext(std::string_view context) const {
    if (ok()) return *this;
    std::string message(context);
    message += ": ";
    message += state_->message;
    return Status(state_->code, std::move(message));
}

}  // namespace flashlake
