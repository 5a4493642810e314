#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "common/status.h"
#include "server/mysql/packet_channel.h"
#include "server/mysql/tls.h"

namespace flashlake::engine {
class Engine;
class Session;
struct StatementResult;
}  // namespace flashlake::engine

namespace flashlake::server::mysql {

// What every connection of one server shares: fixed settings and counters.
struct ConnectionSettings {
    std::string server_version;
    std::string root_password_hash;  // NativePasswordHash of root's password; "" for none
    size_t max_allowed_packet = 64 << 20;
    std::chrono::seconds handshake_timeout{10};
    std::shared_ptr<TlsContext> tls;  // set: CLIENT_SSL is offered (--ssl-cert, --ssl-key)
};

struct ServerCounters {
    std::chrono::steady_clock::time_point started = std::chrono::steady_clock::now();
    std::atomic<int64_t> connections{0};  // currently open
    std::atomic<int64_t> questions{0};    // statements received
};

// One client connection, run on its own thread: the handshake and mysql_native_password
// authentication, then commands until the client quits or breaks the protocol. Owns an engine
// Session; does not own the socket (the server closes it after Run returns).
class MysqlConnection {
public:
    MysqlConnection(engine::Engine& engine, const ConnectionSettings& settings, ServerCounters& counters, int fd,
                    uint32_t connection_id, std::string peer_host);
    ~MysqlConnection();

    // Makes Run() answer the client's handshake response with ERR 1040 (Too many connections).
    void RejectAfterHandshake() { reject_too_many_ = true; }
    // Runs the connection to its end. Never throws; protocol errors are logged and end it.
    void Run();

private:
    Status Handshake();
    // Handles one command; sets `quit` when the connection should end normally.
    Status DispatchCommand(std::string_view payload, bool& quit);
    Status HandleQuery(std::string_view sql);
    Status HandleInitDb(std::string_view database);
    Status HandleSetOption(std::string_view payload);
    Status HandleStatistics();
    Status SendStatementResult(const engine::StatementResult& result, bool more_results);
    Status SendOk(uint64_t affected_rows = 0, std::string info = {}, bool more_results = false);
    Status SendError(uint16_t error_number, std::string_view sqlstate, std::string_view message);
    Status SendError(const Status& status);
    uint16_t StatusFlags(bool more_results) const;
    bool deprecate_eof() const;

    engine::Engine& engine_;
    const ConnectionSettings& settings_;
    ServerCounters& counters_;
    int fd_;
    uint32_t connection_id_;
    std::string peer_host_;
    std::string user_;
    bool reject_too_many_ = false;
    uint32_t capabilities_ = 0;  // negotiated: the client's request within what the server offers
    std::unique_ptr<TlsStream> tls_;  // after an SSLRequest; before channel_, which uses it
    PacketChannel channel_;
    std::unique_ptr<engine::Session> session_;
};

}  // namespace flashlake::server::mysql
