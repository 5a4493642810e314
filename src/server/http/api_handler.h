#pragma once

#include <atomic>
#include <cstdint>
#include <optional>
#include <string>

#include "common/result.h"
#include "ingest/load_request.h"
#include "ingest/stream_loader.h"
#include "server/http/http_server.h"
#include "server/http/load_error_log.h"

namespace flashlake::engine {
class Engine;
}

namespace flashlake::server::http {

struct ApiOptions {
    std::string root_password;                  // HTTP Basic auth: user root with the MySQL server's password
    std::string advertised_host = "127.0.0.1";  // for ErrorURL when the request has no Host header
};

// The HTTP API, StarRocks-compatible where StarRocks has the call:
//   PUT  /api/{db}/{table}/_stream_load   stream load (headers as StarRocks'; Basic auth)
//   GET  /api/_load_error_log?file=<id>   the rejected rows of a recent load (its ErrorURL)
//   GET  /api/health                      {"status": "OK"}
//   POST /api/query                       one SQL statement (the body, or {"query": .., "db": ..});
//                                         rows as JSON, errors with the MySQL errno (Basic auth)
class ApiHandler : public HttpHandler {
public:
    ApiHandler(engine::Engine& engine, ApiOptions options);

    // The port the server listens on, for ErrorURL (known after HttpServer::Start).
    void set_port(uint16_t port) { port_.store(port); }

    std::optional<HttpResponse> Precheck(const HttpRequest& request) override;
    HttpResponse Handle(HttpRequest& request) override;

private:
    std::optional<HttpResponse> CheckAuth(const HttpRequest& request) const;
    HttpResponse HandleStreamLoad(HttpRequest& request, const std::string& db, const std::string& table);
    HttpResponse HandleQuery(HttpRequest& request);
    HttpResponse HandleErrorLog(const HttpRequest& request) const;
    std::string ErrorUrl(const HttpRequest& request, const std::string& id) const;

    engine::Engine& engine_;
    ApiOptions options_;
    std::atomic<uint16_t> port_{0};
    ingest::StreamLoader loader_;
    LoadErrorLog error_log_;
};

// The LoadRequest the stream-load headers describe (names case-insensitive, as StarRocks'
// label, column_separator, row_delimiter, columns, where, max_filter_ratio, format,
// strip_outer_array, jsonpaths, timeout, skip_header, trim_space, enclose); the body is not set.
Result<ingest::LoadRequest> LoadRequestFromHeaders(const HttpRequest& request);

// The StarRocks stream-load response body for `result` (ErrorURL given when rows were rejected).
std::string LoadResultJson(const ingest::LoadResult& result, const std::string& error_url);

}  // namespace flashlake::server::http
