#include "server/tcp_listener.h"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "common/logging.h"

namespace flashlake::server {

namespace {

std::string Errno(const char* what) { return std::string(what) + ": " + std::strerror(errno); }

}  // namespace

TcpListener::~TcpListener() {
    for (int fd : {listen_fd_, wake_read_fd_, wake_write_fd_}) {
        if (fd >= 0) ::close(fd);
    }
}

Status TcpListener::Listen(const std::string& bind_address, uint16_t port, const char* what) {
    what_ = what;
    int pipe_fds[2];
    if (::pipe2(pipe_fds, O_CLOEXEC | O_NONBLOCK) != 0) return Status::IOError(Errno("pipe"));
    wake_read_fd_ = pipe_fds[0];
    wake_write_fd_ = pipe_fds[1];

    addrinfo hints{};
    hints.ai_family = AF_UNSPEC;
    hints.ai_socktype = SOCK_STREAM;
    hints.ai_flags = AI_PASSIVE | AI_NUMERICSERV;
    addrinfo* addresses = nullptr;
    std::string port_text = std::to_string(port);
    int rc = ::getaddrinfo(bind_address.c_str(), port_text.c_str(), &hints, &addresses);
    if (rc != 0) return Status::IOError("cannot resolve bind address '" + bind_address + "': " + gai_strerror(rc));
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
        return Status::IOError("cannot listen on " + bind_address + ":" + port_text + " (" + what_ + "): " + last_error);
    }
    sockaddr_storage bound{};
    socklen_t length = sizeof(bound);
    ::getsockname(listen_fd_, reinterpret_cast<sockaddr*>(&bound), &length);
    port_ = ntohs(bound.ss_family == AF_INET6 ? reinterpret_cast<sockaddr_in6*>(&bound)->sin6_port
                                              : reinterpret_cast<sockaddr_in*>(&bound)->sin_port);
    return Status::OK();
}

Result<int> TcpListener::Accept(sockaddr_storage* peer) {
    pollfd fds[2] = {{listen_fd_, POLLIN, 0}, {wake_read_fd_, POLLIN, 0}};
    if (::poll(fds, 2, -1) < 0) {
        if (errno == EINTR) return -1;
        return Status::IOError(Errno("poll"));
    }
    if (fds[1].revents & POLLIN) {
        DrainWakeups();
        return -1;
    }
    if (!(fds[0].revents & POLLIN)) return -1;
    socklen_t peer_length = sizeof(*peer);
    int fd = ::accept4(listen_fd_, reinterpret_cast<sockaddr*>(peer), &peer_length, SOCK_CLOEXEC);
    if (fd < 0) {
        // Out of descriptors or an aborted handshake: log, back off, keep serving.
        if (errno != EINTR && errno != EAGAIN && errno != ECONNABORTED) {
            FL_LOG(kWarning, Errno(("accept (" + what_ + ")").c_str()));
            ::usleep(10000);
        }
        return -1;
    }
    int one = 1;
    ::setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one));
    return fd;
}

void TcpListener::Wake() {
    if (wake_write_fd_ < 0) return;
    char byte = 'w';
    // A full pipe already holds a wake-up; nothing is lost by dropping this one.
    ssize_t ignored = ::write(wake_write_fd_, &byte, 1);
    (void)ignored;
}

void TcpListener::WaitForWake(int millis) {
    if (wake_read_fd_ < 0) return;
    pollfd wake{wake_read_fd_, POLLIN, 0};
    ::poll(&wake, 1, millis);
    DrainWakeups();
}

void TcpListener::DrainWakeups() {
    char drain[64];
    while (::read(wake_read_fd_, drain, sizeof(drain)) > 0) {
    }
}

}  // namespace flashlake::server
