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

HttpServer::~HttpServer() { StopAllConnections(); }

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
        Reap();
        if (stopping_.load()) {
            if (*accepted >= 0) ::close(*accepted);
            break;
        }
        int fd = *accepted;
        if (fd < 0) continue;
        std::lock_guard lock(mutex_);
        if (connections_.size() >= options_.max_connections) {
            static constexpr std::string_view kBusy =
                "HTTP/1.1 503 Service Unavailable\r\nContent-Length: 0\r\nConnection: close\r\n\r\n";
            ssize_t ignored = ::send(fd, kBusy.data(), kBusy.size(), MSG_NOSIGNAL | MSG_DONTWAIT);
            (void)ignored;
            ::close(fd);
            continue;
        }
        uint64_t id = next_id_++;
        Slot& slot = connections_[id];
        slot.fd = fd;
        slot.thread = std::thread([this, fd, id] {
            RunConnection(fd);
            // The descriptor stays open until Reap() so that Shutdown never touches a reused number.
            ::shutdown(fd, SHUT_RDWR);
            {
                std::lock_guard lock(mutex_);
                finished_.push_back(id);
            }
            listener_.Wake();
        });
    }
    StopAllConnections();
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

void HttpServer::Reap() {
    std::vector<Slot> done;
    {
        std::lock_guard lock(mutex_);
        for (uint64_t id : finished_) {
            auto it = connections_.find(id);
            if (it == connections_.end()) continue;
            done.push_back(std::move(it->second));
            connections_.erase(it);
        }
        finished_.clear();
    }
    for (Slot& slot : done) {
        slot.thread.join();
        ::close(slot.fd);
    }
}

void HttpServer::StopAllConnections() {
    {
        std::lock_guard lock(mutex_);
        for (auto& [id, slot] : connections_) ::shutdown(slot.fd, SHUT_RDWR);
    }
    while (true) {
        Reap();
        {
            std::lock_guard lock(mutex_);
            if (connections_.empty()) return;
            if (!finished_.empty()) continue;
        }
        listener_.WaitForWake(100);
    }
}

}  // namespace flashlake::server::http
