#pragma once

#include <optional>
#include <string>

#include "server/http/http_message.h"

namespace flashlake::engine {
class UserStore;
}

namespace flashlake::server::http {

// HTTP Basic authentication against the warehouse's users (engine/user_store.h). HTTP requests
// carry no client address here, so only accounts with host '%' can log in over HTTP.
// Returns a 401 response (with WWW-Authenticate) when the credentials are missing, malformed or
// wrong; otherwise nullopt and the account's user name in `user`.
std::optional<HttpResponse> AuthenticateBasic(const HttpRequest& request, const engine::UserStore& users,
                                              std::string* user);

// A 403 response unless `user` may INSERT into db.table (a stream load).
std::optional<HttpResponse> CheckLoadPrivilege(engine::UserStore& users, const std::string& user,
                                               const std::string& database, const std::string& table);

// The host HTTP users are matched against (see AuthenticateBasic).
constexpr const char* kHttpClientHost = "%";

}  // namespace flashlake::server::http
