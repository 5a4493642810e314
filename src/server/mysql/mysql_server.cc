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
#include "server/mysql/tls.h"

namespace flashlake::server::mysql {

namespace {

constexpr size_t kMaxRejecting = 16;  // connections being refused with a handshake at one time

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
    settings_.max_prepared_statements = options_.max_prepared_statements;
    settings_.require_secure_transport = options_.require_secure_transport;
    settings_.rsa = std::make_shared<RsaKeyExchange>();
}

MysqlServer::~MysqlServer() { threads_.StopAll(); }

Status MysqlServer::Start() {
    if (!options_.ssl_cert.empty() || !options_.ssl_key.empty()) {
        if (options_.ssl_cert.empty() || options_.ssl_key.empty()) {
            return Status::InvalidArgument("TLS needs both ssl-cert and ssl-key");
        }
        FL_ASSIGN_OR_RETURN(settings_.tls, TlsContext::Load(options_.ssl_cert, options_.ssl_key));
    }
    if (options_.require_secure_transport && settings_.tls == nullptr) {
        return Status::InvalidArgument("require-secure-transport needs TLS: set ssl-cert and ssl-key");
    }
    return listener_.Listen(options_.bind_address, options_.port, "MySQL");
}

Status MysqlServer::Serve() {
    if (!listener_.listening()) return Status::Internal("MysqlServer::Serve before a successful Start");
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

        // Clients past the limit still get a handshake, then ERR 1040 in place of the login OK:
        // clients distrust errors that arrive before the handshake. Only a few at a time, though;
        // beyond that an error packet up front has to do.
        size_t rejecting = threads_.marked();
        bool over_limit = threads_.size() - rejecting >= options_.max_connections;
        if (over_limit && rejecting >= kMaxRejecting) {
            RejectTooManyConnections(fd);
            continue;
        }
        uint32_t id = next_connection_id_++;
        threads_.Start(id, fd, over_limit, [this, fd, id, over_limit, host = PeerHost(peer)] {
            MysqlConnection connection(engine_, settings_, counters_, registry_, fd, id, host);
            if (over_limit) connection.RejectAfterHandshake();
            connection.Run();
        });
    }
    threads_.StopAll();
    return result;
}

void MysqlServer::Shutdown() {
    stopping_.store(true);
    listener_.Wake();
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

}  // namespace flashlake::server::mysql
