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

namespace {

std::string Errno(const char* what) {
    return std::string(what) + ": " + std::strerror(errno);
}

}  // namespace

HttpServer::HttpServer(HttpHandler& handler, HttpServerOptions options)
    : handler_(handler), options_(std::move(options)) {}

HttpServer::~HttpServer() {
    StopAllConnections();
    for (int fd : {listen_fd_, wake_read_fd_, wake_write_fd_}) {
        if (fd >= 0) ::close(fd);
    }
}

Status HttpServer::Start() {
    int pipe_fds[2];
    if (::pipe2(pipe_fds, O_CLOEXEC | O_NONBLOCK) != 0) return Status::IOError(Errno("pipe"));
    wake_read_fd_ = pipe_fds[0];
    wake_write_fd_ = pipe_fds[1];

    addrinfo hints{};
    hints.ai_family = AF_UNSPEC;
    hints.ai_socktype = SOCK_STREAM;
    hints.ai_flags = AI_PASSIVE | AI_NUMERICSERV;
    addrinfo* addresses = nullptr;
    std::string port = std::to_string(options_.port);
    int rc = ::getaddrinfo(options_.bind_address.c_str(), port.c_str(), &hints, &addresses);
    if (rc != 0) {
        return Status::IOError("cannot resolve bind address '" + options_.bind_address + "': " + gai_strerror(rc));
    }
    std::string last_error = "no address";
    for (addrinfo* a = addresses; a != nullptr && listen_fd_ < 0; a = a->ai_next) {
        int fd = ::socket(a->ai_family, a->ai_socktype | SOCK_CLOEXEC, a->ai_protocol);
        if (fd < 0) {
            last_error = Errno("socket");
            continue;
        }
        int one = 1;
        ::setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
        if (::bind(fd, a->ai_addr, a->ai_addrlen) != 0 || ::listen(fd, 128) != 0) {
            last_error = Errno("bind");
            ::close(fd);
            continue;
        }
        listen_fd_ = fd;
    }
    ::freeaddrinfo(addresses);
    if (listen_fd_ < 0) {
        return Status::IOError("cannot listen on " + options_.bind_address + ":" + port + " (HTTP): " + last_error);
    }
    sockaddr_storage bound{};
    socklen_t length = sizeof(bound);
    ::getsockname(listen_fd_, reinterpret_cast<sockaddr*>(&bound), &length);
    port_ = ntohs(bound.ss_family == AF_INET6 ? reinterpret_cast<sockaddr_in6*>(&bound)->sin6_port
                                              : reinterpret_cast<sockaddr_in*>(&bound)->sin_port);
    return Status::OK();
}

Status HttpServer::Serve() {
    if (listen_fd_ < 0) return Status::Internal("HttpServer::Serve before a successful Start");
    Status result;
    while (!stopping_.load()) {
        pollfd fds[2] = {{listen_fd_, POLLIN, 0}, {wake_read_fd_, POLLIN, 0}};
        if (::poll(fds, 2, -1) < 0) {
            if (errno == EINTR) continue;
            result = Status::IOError(Errno("poll"));
            break;
        }
        if (fds[1].revents & POLLIN) {
            char drain[64];
            while (::read(wake_read_fd_, drain, sizeof(drain)) > 0) {
            }
        }
        Reap();
        if (stopping_.load()) break;
        if (!(fds[0].revents & POLLIN)) continue;
        int fd = ::accept4(listen_fd_, nullptr, nullptr, SOCK_CLOEXEC);
        if (fd < 0) {
            if (errno != EINTR && errno != EAGAIN && errno != ECONNABORTED) {
                FL_LOG(kWarning, Errno("accept (HTTP)"));
                ::usleep(10000);
            }
            continue;
        }
        int one = 1;
        ::setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one));
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
            Wake();
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
    Wake();
}

void HttpServer::Wake() {
    if (wake_write_fd_ < 0) return;
    char byte = 'w';
    ssize_t ignored = ::write(wake_write_fd_, &byte, 1);  // a full pipe already holds a wake-up
    (void)ignored;
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
        pollfd wake{wake_read_fd_, POLLIN, 0};
        ::poll(&wake, 1, 100);
        char drain[64];
        while (::read(wake_read_fd_, drain, sizeof(drain)) > 0) {
        }
    }
}

}  // namespace flashlake::server::http
