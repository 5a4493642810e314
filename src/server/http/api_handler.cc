#include "server/http/api_handler.h"

#include <vector>

#include "engine/engine.h"
#include "server/http/http_auth.h"

namespace flashlake::server::http {

namespace {

std::vector<std::string> SplitPath(const std::string& path) {
    std::vector<std::string> parts;
    size_t start = 1;
    while (start <= path.size()) {
        size_t slash = path.find('/', start);
        if (slash == std::string::npos) slash = path.size();
        parts.push_back(path.substr(start, slash - start));
        start = slash + 1;
    }
    while (!parts.empty() && parts.back().empty()) parts.pop_back();  // a trailing slash
    return parts;
}

bool IsStreamLoad(const std::vector<std::string>& parts) {
    return parts.size() == 4 && parts[0] == "api" && parts[3] == "_stream_load" && !parts[1].empty() &&
           !parts[2].empty();
}

HttpResponse MethodNotAllowed(const char* allowed) {
    HttpResponse response = ErrorResponse(405, std::string("method not allowed; use ") + allowed);
    response.headers.emplace_back("Allow", allowed);
    return response;
}

}  // namespace

ApiHandler::ApiHandler(engine::Engine& engine, ApiOptions options)
    : engine_(engine),
      options_(std::move(options)),
      loader_(ingest::LoadEnvironment{&engine.file_system(), &engine.catalog(), &engine.functions(),
                                      engine.commit_user(), [&engine] { return engine.NextCommitIdentifier(); },
                                      &engine.ingest()}) {}

std::optional<HttpResponse> ApiHandler::CheckAuth(const HttpRequest& request) const {
    std::string user;
    return AuthenticateBasic(request, engine_.users(), &user);
}

std::optional<HttpResponse> ApiHandler::Precheck(const HttpRequest& request) {
    std::vector<std::string> parts = SplitPath(request.path);
    if (IsStreamLoad(parts)) {
        if (request.method != "PUT") return MethodNotAllowed("PUT");
        // Refused before the body is read: the password, then INSERT on the table.
        std::string user;
        if (auto refusal = AuthenticateBasic(request, engine_.users(), &user)) return refusal;
        return CheckLoadPrivilege(engine_.users(), user, parts[1], parts[2]);
    }
    if (request.path == "/api/query") {
        if (request.method != "POST") return MethodNotAllowed("POST");
        return CheckAuth(request);
    }
    if (request.path == "/api/health" || request.path == "/api/_load_error_log") {
        return ErrorResponse(400, "this call takes no request body");
    }
    return ErrorResponse(404, "no such API: " + request.method + " " + request.path);
}

HttpResponse ApiHandler::Handle(HttpRequest& request) {
    std::vector<std::string> parts = SplitPath(request.path);
    if (IsStreamLoad(parts) || request.path == "/api/query") {
        // Requests with a body were checked before it was read; those without one are checked here.
        if (auto refusal = Precheck(request)) return *refusal;
        if (request.path == "/api/query") return HandleQuery(request);
        return HandleStreamLoad(request, parts[1], parts[2]);
    }
    if (request.path == "/api/health") {
        if (request.method != "GET") return MethodNotAllowed("GET");
        HttpResponse response;
        response.body = "{\"status\": \"OK\"}\n";
        return response;
    }
    if (request.path == "/api/_load_error_log") {
        if (request.method != "GET") return MethodNotAllowed("GET");
        return HandleErrorLog(request);
    }
    return ErrorResponse(404, "no such API: " + request.method + " " + request.path);
}

HttpResponse ApiHandler::HandleErrorLog(const HttpRequest& request) const {
    std::string id = request.QueryParam("file");
    auto text = error_log_.Get(id);
    if (!text) return ErrorResponse(404, "no load error log '" + id + "' (only recent loads keep theirs)");
    HttpResponse response;
    response.content_type = "text/plain; charset=utf-8";
    response.body = std::move(*text);
    return response;
}

std::string ApiHandler::ErrorUrl(const HttpRequest& request, const std::string& id) const {
    const std::string* host = request.Header("Host");
    std::string authority =
        host != nullptr && !host->empty() ? *host : options_.advertised_host + ":" + std::to_string(port_.load());
    return "http://" + authority + "/api/_load_error_log?file=" + id;
}

}  // namespace flashlake::server::http
