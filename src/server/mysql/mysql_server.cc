#include "server/mysql/mysql_server.h"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "common/logging.h"
#include "server/mysql/native_password.h"
#include "server/mysql/packet_channel.h"
#include "server/mysql/protocol.h"
#include "server/mysql/response_packets.h"

namespace flashlake::server::mysql {

namespace {

constexpr char kWakeConnectionEnded = 'e';
constexpr char kWakeShutdown = 's';
constexpr size_t kMaxRejecting = 16;  // connections being refused with a handshake at one time

std::string Errno(const char* what) {
    return std::string(what) + ": " + std::strerror(errno);
}

std::string PeerHost(const sockaddr_storage& address) {
    char host[NI_MAXHOST] = "unknown";
    ::getnameinfo(reinterpret_cast<const sockaddr*>(&address), sizeof(address), host, sizeof(host), nullptr, 0,
                  NI_NUMERICHOST);
    return host;
}

}  // namespace

MysqlServer::MysqlServer(engine::Engine& engine, MysqlServerOptions options)
    : engine_(engine), options_(std::move(options)) {
    settings_.server_version = options_.server_version;
    settings_.root_password_hash = NativePasswordHash(options_.root_password);
    settings_.max_allowed_packet = options_.max_allowed_packet;
}

MysqlServer::~MysqlServer() {
    StopAllConnections();
    for (int fd : {listen_fd_, wake_read_fd_, wake_write_fd_}) {
        if (fd >= 0) ::close(fd);
    }
}

Status MysqlServer::Start() {
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
        return Status::IOError("cannot listen on " + options_.bind_address + ":" + port + ": " + last_error);
    }
    sockaddr_storage bound{};
    socklen_t length = sizeof(bound);
    ::getsockname(listen_fd_, reinterpret_cast<sockaddr*>(&bound), &length);
    port_ = ntohs(bound.ss_family == AF_INET6 ? reinterpret_cast<sockaddr_in6*>(&bound)->sin6_port
                                              : reinterpret_cast<sockaddr_in*>(&bound)->sin_port);
    return Status::OK();
}

Status MysqlServer::Serve() {
    if (listen_fd_ < 0) return Status::Internal("MysqlServer::Serve before a successful Start");
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

        sockaddr_storage peer{};
        socklen_t peer_length = sizeof(peer);
        int fd = ::accept4(listen_fd_, reinterpret_cast<sockaddr*>(&peer), &peer_length, SOCK_CLOEXEC);
        if (fd < 0) {
            // Out of descriptors or an aborted handshake: log, back off, keep serving.
            if (errno != EINTR && errno != EAGAIN && errno != ECONNABORTED) {
                FL_LOG(kWarning, Errno("accept"));
                ::usleep(10000);
            }
            continue;
        }
        int one = 1;
        ::setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one));

        std::unique_lock lock(mutex_);
        // Clients past the limit still get a handshake, then ERR 1040 in place of the login OK:
        // clients distrust errors that arrive before the handshake. Only a few at a time, though;
        // beyond that an error packet up front has to do.
        bool over_limit = connections_.size() - rejecting_ >= options_.max_connections;
        if (over_limit && rejecting_ >= kMaxRejecting) {
            lock.unlock();
            RejectTooManyConnections(fd);
            continue;
        }
        uint32_t id = next_connection_id_++;
        Slot& slot = connections_[id];
        slot.fd = fd;
        slot.rejecting = over_limit;
        rejecting_ += over_limit ? 1 : 0;
        slot.thread = std::thread([this, fd, id, over_limit, host = PeerHost(peer)] {
            MysqlConnection connection(engine_, settings_, counters_, fd, id, host);
            if (over_limit) connection.RejectAfterHandshake();
            connection.Run();
            // The descriptor stays open until Reap() so that Shutdown never touches a reused number.
            ::shutdown(fd, SHUT_RDWR);
            {
                std::lock_guard lock(mutex_);
                finished_.push_back(id);
            }
            Wake(kWakeConnectionEnded);
        });
    }
    StopAllConnections();
    return result;
}

void MysqlServer::Shutdown() {
    stopping_.store(true);
    Wake(kWakeShutdown);
}

void MysqlServer::Wake(char reason) {
    if (wake_write_fd_ < 0) return;
    // A full pipe already holds a wake-up; nothing is lost by dropping this one.
    ssize_t ignored = ::write(wake_write_fd_, &reason, 1);
    (void)ignored;
}

void MysqlServer::Reap() {
    std::vector<Slot> done;
    {
        std::lock_guard lock(mutex_);
        for (uint32_t id : finished_) {
            auto it = connections_.find(id);
            if (it == connections_.end()) continue;
            rejecting_ -= it->second.rejecting ? 1 : 0;
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

void MysqlServer::RejectTooManyConnections(int fd) {
    // The error takes the handshake's place; a short send timeout keeps a stuck client from
    // holding up the accept loop.
    timeval timeout{1, 0};
    ::setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &timeout, sizeof(timeout));
    PacketChannel channel(fd, 0);
    (void)channel.WritePacket(EncodeErr(kErTooManyConnections, "08004", "Too many connections"));
    (void)channel.Flush();
    ::shutdown(fd, SHUT_RDWR);
    ::close(fd);
    FL_LOG(kWarning, "refused a connection: max_connections (", options_.max_connections, ") reached");
}

void MysqlServer::StopAllConnections() {
    {
        std::lock_guard lock(mutex_);
        for (auto& [id, slot] : connections_) ::shutdown(slot.fd, SHUT_RDWR);
    }
    // Threads finish (and report to finished_) once their socket reads fail.
    while (true) {
        Reap();
        {
            std::lock_guard lock(mutex_);
            if (connections_.empty()) return;
            if (!finished_.empty()) continue;
        }
        // Sleep until a connection ends: it writes to the wake pipe.
        pollfd wake{wake_read_fd_, POLLIN, 0};
        ::poll(&wake, 1, 100);
        char drain[64];
        while (::read(wake_read_fd_, drain, sizeof(drain)) > 0) {
        }
    }
}

}  // namespace flashlake::server::mysql
