#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "common/status.h"
#include "server/mysql/binary_protocol.h"
#include "server/mysql/handshake.h"
#include "server/mysql/packet_channel.h"
#include "server/mysql/rsa_key_exchange.h"
#include "server/mysql/tls.h"

namespace flashlake::engine {
class Engine;
class Session;
struct PreparedStatement;
struct StatementResult;
}  // namespace flashlake::engine

namespace flashlake::server::mysql {

// What every connection of one server shares: fixed settings and counters.
struct ConnectionSettings {
    std::string server_version;
    std::string root_password_hash;  // NativePasswordHash of root's password; "" for none
    size_t max_allowed_packet = 64 << 20;
    std::chrono::seconds handshake_timeout{10};
    size_t max_prepared_statements = 1024;  // open at once, per connection
    std::shared_ptr<TlsContext> tls;        // set: CLIENT_SSL is offered (--ssl-cert, --ssl-key)
    bool require_secure_transport = false;  // clients without TLS get error 3159
    std::shared_ptr<RsaKeyExchange> rsa;    // caching_sha2_password's key exchange without TLS
};

struct ServerCounters {
    std::chrono::steady_clock::time_point started = std::chrono::steady_clock::now();
    std::atomic<int64_t> connections{0};  // currently open
    std::atomic<int64_t> questions{0};    // statements received
};

class ConnectionEntry;
class ConnectionRegistry;

// One client connection, run on its own thread: the handshake and mysql_native_password
// authentication, then commands until the client quits, breaks the protocol or is killed. Owns
// an engine Session and the prepared statements; is listed in the server's ConnectionRegistry
// while logged in; does not own the socket (the server closes it after Run returns).
class MysqlConnection {
public:
    MysqlConnection(engine::Engine& engine, const ConnectionSettings& settings, ServerCounters& counters,
                    ConnectionRegistry& registry, int fd, uint32_t connection_id, std::string peer_host);
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
    Status HandleProcessKill(std::string_view payload);
    // Checks `request`'s answer to the handshake's scramble; on success starts the logged-in
    // state afresh (registry entry, session, no prepared statements, the database it names). A
    // refusal has been answered with its ERR packet (not flushed); the connection should end.
    Status LogIn(const HandshakeResponse& request);
    // COM_CHANGE_USER: LogIn as the new user; a malformed packet or a refusal ends the connection.
    Status HandleChangeUser(std::string_view body, bool& quit);
    // A fresh session for this connection (after login and COM_RESET_CONNECTION).
    void StartSession();
    // Prepared statements (prepared_statement_commands.cc).
    Status HandleStmtPrepare(std::string_view sql);
    Status HandleStmtExecute(std::string_view payload);
    Status HandleStmtFetch(std::string_view payload);
    Status HandleStmtSendLongData(std::string_view payload);
    Status HandleStmtClose(std::string_view payload);
    Status HandleStmtReset(std::string_view payload);
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
    std::string scramble_;  // the handshake's; COM_CHANGE_USER answers it too
    bool reject_too_many_ = false;
    uint32_t capabilities_ = 0;  // negotiated: the client's request within what the server offers
    std::unique_ptr<TlsStream> tls_;  // after an SSLRequest; before channel_, which uses it
    PacketChannel channel_;
    ConnectionRegistry& registry_;
    std::shared_ptr<ConnectionEntry> entry_;  // set while logged in
    std::unique_ptr<engine::Session> session_;

    struct StatementSlot {
        std::unique_ptr<engine::PreparedStatement> prepared;
        std::vector<ParameterType> types;             // as last bound by the client
        std::map<uint16_t, std::string> long_data;    // COM_STMT_SEND_LONG_DATA, until the execution
        size_t long_data_bytes = 0;
        std::unique_ptr<BinaryRowCursor> cursor;      // open after an execution with a cursor type
    };
    std::map<uint32_t, StatementSlot> statements_;
    uint32_t next_statement_id_ = 1;
};

}  // namespace flashlake::server::mysql
