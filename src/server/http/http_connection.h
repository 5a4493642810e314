#pragma once

#include <string>

#include "server/http/http_message.h"

namespace flashlake::server::http {

class HttpHandler;
struct HttpServerOptions;

// Serves the requests of one client connection, in order, until the client closes it, asks to
// close it, sends something malformed (answered with a 4xx first) or stays idle too long.
// Does not own `fd`.
class HttpConnection {
public:
    HttpConnection(int fd, HttpHandler& handler, const HttpServerOptions& options);
    void Run();

private:
    // Reads more bytes into buffer_; false on EOF, error or timeout.
    bool Receive();
    bool Send(std::string_view bytes);
    // Refuses the request with `response` and ends the connection without reading the body.
    void Refuse(const HttpResponse& response);
    // Reads the body framed as the head says; false when the connection must end (after
    // answering, if there is anything to say).
    bool ReadBody(HttpRequest& request);

    int fd_;
    HttpHandler& handler_;
    const HttpServerOptions& options_;
    std::string buffer_;  // received and not yet consumed
};

}  // namespace flashlake::server::http
