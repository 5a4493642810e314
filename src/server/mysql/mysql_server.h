#pragma once

#include <atomic>
#include <cstdint>
#include <string>

#include "common/status.h"
#include "server/connection_threads.h"
#include "server/tcp_listener.h"
#include "server/mysql/connection_registry.h"
#include "server/mysql/mysql_connection.h"

namespace flashlake::engine {
class Engine;
}

namespace flashlake::server::mysql {

struct MysqlServerOptions {
    std::string bind_address = "127.0.0.1";
    uint16_t port = 9030;       // 0: any free port (see MysqlServer::port())
    std::string root_password;  // empty: root logs in without a password
    size_t max_connections = 1024;
    std::string server_version = "8.0.33-Flashlake";
    size_t max_allowed_packet = 64 << 20;
    size_t max_prepared_statements = 1024;  // per connection
    std::string ssl_cert;  // PEM files; both set: clients may switch to TLS (SSLRequest)
    std::string ssl_key;
    bool require_secure_transport = false;  // refuse clients that do not switch to TLS (error 3159)
};

// The MySQL protocol listener: accepts connections and runs each on its own thread until it ends
// or the server shuts down. A client beyond max_connections gets ERR 1040 after the handshake.
// Connection ids count up from 1.
//
// Threads: Serve() runs the accept loop on the caller's thread; Shutdown() may be called from any
// thread. Connection threads and their sockets are kept by threads_; the open connections that
// SHOW PROCESSLIST lists and KILL reaches by id by registry_.
class MysqlServer {
public:
    MysqlServer(engine::Engine& engine, MysqlServerOptions options);
    ~MysqlServer();

    // Binds and listens; fails with kIOError when the address is taken or invalid.
    Status Start();
    uint16_t port() const { return listener_.port(); }
    // Accepts connections until Shutdown(), then closes every connection, waits for their threads
    // (a statement already running finishes first) and returns.
    Status Serve();
    void Shutdown();

private:
    void RejectTooManyConnections(int fd);

    engine::Engine& engine_;
    MysqlServerOptions options_;
    ConnectionSettings settings_;
    ServerCounters counters_;
    ConnectionRegistry registry_;
    TcpListener listener_;  // a wake-up arrives when a connection ends or on Shutdown()
    uint32_t next_connection_id_ = 1;  // accept thread only
    std::atomic<bool> stopping_{false};
    ConnectionThreads threads_{listener_};  // last: its threads use the members above
};

}  // namespace flashlake::server::mysql
