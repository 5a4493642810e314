#include "server/http/http_server.h"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "common/logging.h"
#include "server/http/http_connection.h"

namespace flashlake::server::http {

HttpServer::HttpServer(HttpHandler& handler, HttpServerOptions options)
    : handler_(handler), options_(std::move(options)) {}

HttpServer::~HttpServer() { threads_.StopAll(); }

Status HttpServer::Start() { return listener_.Listen(options_.bind_address, options_.port, "HTTP"); }

Status HttpServer::Serve() {
    if (!listener_.listening()) return Status::Internal("HttpServer::Serve before a successful Start");
    Status result;
    while (!stopping_.load()) {
        sockaddr_storage peer{};
        auto accepted = listener_.Accept(&peer);
        if (!accepted.ok()) {
            result = accepted.status();
            break;
        }
        threads_.Reap();
        if (stopping_.load()) {
            if (*accepted >= 0) ::close(*accepted);
            break;
        }
        int fd = *accepted;
        if (fd < 0) continue;
        if (threads_.size() >= options_.max_connections) {
            static constexpr std::string_view kBusy =
                "HTTP/1.1 503 Service Unavailable\r\nContent-Length: 0\r\nConnection: close\r\n\r\n";
            ssize_t ignored = ::send(fd, kBusy.data(), kBusy.size(), MSG_NOSIGNAL | MSG_DONTWAIT);
            (void)ignored;
            ::close(fd);
            continue;
        }
        threads_.Start(next_id_++, fd, false, [this, fd] { RunConnection(fd); });
    }
    threads_.StopAll();
    return result;
}

void HttpServer::RunConnection(int fd) {
    HttpConnection connection(fd, handler_, options_);
    connection.Run();
}

void HttpServer::Shutdown() {
    stopping_.store(true);
    listener_.Wake();
}

}  // namespace flashlake::server::http
