#pragma once

#include <atomic>
#include <cstdint>
#include <optional>
#include <string>

#include "common/status.h"
#include "server/connection_threads.h"
#include "server/tcp_listener.h"
#include "server/http/http_message.h"

namespace flashlake::server::http {

// What the server asks of the application for each request.
class HttpHandler {
public:
    virtual ~HttpHandler() = default;
    // Called after the head, before the body is read (and before "100 Continue" is sent): a
    // response here (e.g. 401, 404) refuses the request without reading its body.
    virtual std::optional<HttpResponse> Precheck(const HttpRequest& request) = 0;
    // May take the request's body (e.g. move it into a load).
    virtual HttpResponse Handle(HttpRequest& request) = 0;
};

struct HttpServerOptions {
    std::string bind_address = "127.0.0.1";
    uint16_t port = 8030;  // 0: any free port (see HttpServer::port())
    HttpLimits limits;
    int idle_timeout_seconds = 300;  // a connection silent this long is closed
    size_t max_connections = 1024;
};

// An HTTP/1.1 listener: one thread per connection, keep-alive, Content-Length and chunked
// bodies, "Expect: 100-continue". Malformed requests get a 4xx response and the connection is
// closed; nothing a client sends can stop the server.
//
// Threads: Serve() runs the accept loop on the caller's thread; Shutdown() may be called from any
// thread. Connection threads and their sockets are kept by threads_.
class HttpServer {
public:
    HttpServer(HttpHandler& handler, HttpServerOptions options);
    ~HttpServer();

    Status Start();
    uint16_t port() const { return listener_.port(); }
    Status Serve();
    void Shutdown();

private:
    void RunConnection(int fd);

    HttpHandler& handler_;
    HttpServerOptions options_;
    TcpListener listener_;  // a wake-up arrives when a connection ends or on Shutdown()
    uint64_t next_id_ = 1;  // accept thread only
    std::atomic<bool> stopping_{false};
    ConnectionThreads threads_{listener_};  // last: its threads use the members above
};

}  // namespace flashlake::server::http
