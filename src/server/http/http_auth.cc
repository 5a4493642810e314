#include "server/http/http_auth.h"

#include <algorithm>

#include "engine/access_control.h"
#include "engine/user_store.h"

namespace flashlake::server::http {

std::optional<HttpResponse> AuthenticateBasic(const HttpRequest& request, const engine::UserStore& users,
                                              std::string* user) {
    auto refuse = [](const std::string& why) {
        HttpResponse response = ErrorResponse(401, why);
        response.headers.emplace_back("WWW-Authenticate", "Basic realm=\"flashlake\"");
        return response;
    };
    const std::string* header = request.Header("Authorization");
    if (header == nullptr) return refuse("authentication required: HTTP Basic auth (curl -u USER:PASSWORD)");
    std::string_view value = *header;
    if (value.size() < 6 || (value.substr(0, 6) != "Basic " && value.substr(0, 6) != "basic ")) {
        return refuse("only HTTP Basic authentication is supported");
    }
    value.remove_prefix(6);
    while (!value.empty() && value.front() == ' ') value.remove_prefix(1);
    std::string decoded;
    if (!Base64Decode(value, decoded)) return refuse("malformed Basic credentials");
    size_t colon = decoded.find(':');
    std::string name = decoded.substr(0, colon);
    std::string password = colon == std::string::npos ? "" : decoded.substr(colon + 1);
    auto account = users.FindAccount(name, kHttpClientHost);
    if (!account || !users.CheckPassword(*account, password)) {
        return refuse("Access denied for user '" + name + "' (using password: " + (password.empty() ? "NO" : "YES") +
                      ")");
    }
    *user = name;
    return std::nullopt;
}

std::optional<HttpResponse> CheckLoadPrivilege(engine::UserStore& users, const std::string& user,
                                               const std::string& database, const std::string& table) {
    auto lower = [](std::string text) {
        std::transform(text.begin(), text.end(), text.begin(), [](unsigned char c) { return std::tolower(c); });
        return text;
    };
    engine::AccessControl access(engine::AccessContext{&users, user, kHttpClientHost, ""});
    Status allowed = access.Require(engine::kPrivInsert, lower(database), lower(table));
    if (allowed.ok()) return std::nullopt;
    return ErrorResponse(403, allowed.message());
}

}  // namespace flashlake::server::http
