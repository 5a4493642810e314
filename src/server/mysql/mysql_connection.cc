#include "server/mysql/mysql_connection.h"

#include <sys/socket.h>
#include <sys/time.h>

#include <exception>
#include <optional>

#include "common/logging.h"
#include "engine/engine.h"
#include "engine/session.h"
#include "server/mysql/connection_registry.h"
#include "server/mysql/handshake.h"
#include "server/mysql/handshake_auth.h"
#include "server/mysql/native_password.h"
#include "server/mysql/protocol.h"
#include "server/mysql/response_packets.h"
#include "server/mysql/result_set_encoder.h"
#include "server/mysql/wire_codec.h"
#include "sql/parser/script_splitter.h"

namespace flashlake::server::mysql {

namespace {

constexpr size_t kMaxHandshakePacket = 64 * 1024;  // before authentication a client gets little room

void SetReceiveTimeout(int fd, std::chrono::seconds timeout) {
    timeval tv{};
    tv.tv_sec = static_cast<time_t>(timeout.count());
    ::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv));
}

std::string QuoteIdentifier(std::string_view name) {
    std::string quoted = "`";
    for (char c : name) {
        if (c == '`') quoted += '`';
        quoted += c;
    }
    return quoted + "`";
}

const char* CommandName(uint8_t command) {
    switch (command) {
        case 0x05:
            return "COM_CREATE_DB";
        case 0x06:
            return "COM_DROP_DB";
        case 0x08:
            return "COM_SHUTDOWN";
        case 0x0a:
            return "COM_PROCESS_INFO";
        case 0x12:
            return "COM_BINLOG_DUMP";
        default:
            return "";
    }
}

}  // namespace

MysqlConnection::MysqlConnection(engine::Engine& engine, const ConnectionSettings& settings, ServerCounters& counters,
                                 ConnectionRegistry& registry, int fd, uint32_t connection_id, std::string peer_host)
    : engine_(engine),
      settings_(settings),
      counters_(counters),
      fd_(fd),
      connection_id_(connection_id),
      peer_host_(std::move(peer_host)),
      channel_(fd, kMaxHandshakePacket),
      registry_(registry) {}

MysqlConnection::~MysqlConnection() = default;

void MysqlConnection::Run() {
    ++counters_.connections;
    std::string where = "connection " + std::to_string(connection_id_) + " from " + peer_host_;
    try {
        Status status = Handshake();
        std::string payload;
        bool quit = false;
        while (status.ok() && !quit) {
            channel_.ResetSequence();
            status = channel_.ReadPacket(payload);
            if (status.code() == ErrorCode::kInvalidArgument) {
                // Tell the client why before dropping it; it cannot resynchronise anyway.
                (void)SendError(kErPacketTooLarge, "08S01", "Got a packet bigger than 'max_allowed_packet' bytes");
                (void)channel_.Flush();
            }
            if (status.ok()) status = DispatchCommand(payload, quit);
            if (status.ok()) status = channel_.Flush();
        }
        if (entry_ && entry_->closed()) {
            FL_LOG(kInfo, where, ": killed");
        } else if (status.code() == ErrorCode::kAccessDenied || status.code() == ErrorCode::kUnknownDatabase ||
            status.code() == ErrorCode::kTooManyConnections) {
            FL_LOG(kWarning, where, ": ", status.message());
        } else if (!status.ok() && status.code() != ErrorCode::kCancelled) {
            FL_LOG(kError, where, ": dropped: ", status.ToString());
        } else {
            FL_LOG(kDebug, where, ": closed");
        }
    } catch (const std::exception& error) {
        FL_LOG(kError, where, ": dropped after an internal error: ", error.what());
    }
    if (entry_) {
        // Off the list before the session goes, so that no KILL reaches a dead session.
        entry_->SetSession(nullptr);
        registry_.Remove(connection_id_);
    }
    --counters_.connections;
}

Status MysqlConnection::Handshake() {
    SetReceiveTimeout(fd_, settings_.handshake_timeout);
    scramble_ = GenerateScramble();
    HandshakeV10 handshake;
    handshake.server_version = settings_.server_version;
    handshake.connection_id = connection_id_;
    handshake.scramble = scramble_;
    uint32_t offered = kServerCapabilities | (settings_.tls ? kClientSsl : 0u);
    handshake.capabilities = offered;
    handshake.charset = kCharsetUtf8mb4GeneralCi;
    handshake.status = kStatusAutocommit;
    FL_RETURN_NOT_OK(channel_.WritePacket(EncodeHandshakeV10(handshake)));
    FL_RETURN_NOT_OK(channel_.Flush());

    std::string payload;
    channel_.set_exact_reads(true);
    FL_RETURN_NOT_OK(channel_.ReadPacket(payload));
    if (settings_.tls && IsSslRequest(payload)) {
        // The TLS handshake, then the full response over TLS (its sequence id continues).
        FL_ASSIGN_OR_RETURN(tls_, TlsStream::Accept(*settings_.tls, fd_));
        channel_.StartTls(tls_.get());
        FL_RETURN_NOT_OK(channel_.ReadPacket(payload));
    }
    channel_.set_exact_reads(false);
    auto response = ParseHandshakeResponse(payload);
    if (!response.ok()) {
        (void)SendError(kErHandshake, "08S01", "Bad handshake: " + response.status().message());
        (void)channel_.Flush();
        return response.status();
    }
    if (reject_too_many_) {
        (void)SendError(kErTooManyConnections, "08004", "Too many connections");
        (void)channel_.Flush();
        return Status(ErrorCode::kTooManyConnections, "refused: max_connections reached");
    }
    if (settings_.require_secure_transport && !channel_.tls()) {
        (void)SendError(kErSecureTransportRequired, "HY000",
                        "Connections using insecure transport are prohibited while --require_secure_transport=ON.");
        (void)channel_.Flush();
        return Status(ErrorCode::kAccessDenied, "refused: a connection without TLS (require_secure_transport)");
    }
    capabilities_ = response->capabilities & offered;
    if (Status logged_in = LogIn(*response); !logged_in.ok()) {
        (void)channel_.Flush();
        return logged_in;
    }
    SetReceiveTimeout(fd_, std::chrono::seconds(0));
    channel_.set_max_payload(settings_.max_allowed_packet);
    FL_RETURN_NOT_OK(SendOk());
    return channel_.Flush();
}

Status MysqlConnection::DispatchCommand(std::string_view payload, bool& quit) {
    if (payload.empty()) return Status::InvalidArgument("empty command packet");
    uint8_t command = static_cast<uint8_t>(payload[0]);
    std::string_view body = payload.substr(1);
    switch (static_cast<Command>(command)) {
        case Command::kQuit:
            quit = true;
            return Status::OK();
        case Command::kQuery:
            return HandleQuery(body);
        case Command::kInitDb:
            return HandleInitDb(body);
        case Command::kPing:
            return SendOk();
        case Command::kFieldList:
            // Column completion is optional for clients; an empty list ends the command.
            return channel_.WritePacket(deprecate_eof() ? EncodeOkAsEof(StatusFlags(false), 0)
                                                        : EncodeEof(StatusFlags(false), 0));
        case Command::kChangeUser:
            return HandleChangeUser(body, quit);
        case Command::kResetConnection:
            statements_.clear();
            StartSession();
            return SendOk();
        case Command::kProcessKill:
            return HandleProcessKill(body);
        case Command::kStmtPrepare:
            return HandleStmtPrepare(body);
        case Command::kStmtExecute:
            return HandleStmtExecute(body);
        case Command::kStmtFetch:
            return HandleStmtFetch(body);
        case Command::kStmtSendLongData:
            return HandleStmtSendLongData(body);
        case Command::kStmtClose:
            return HandleStmtClose(body);
        case Command::kStmtReset:
            return HandleStmtReset(body);
        case Command::kSetOption:
            return HandleSetOption(body);
        case Command::kStatistics:
            return HandleStatistics();
        default:
            break;
    }
    char hex[8];
    std::snprintf(hex, sizeof(hex), "0x%02x", command);
    std::string name = CommandName(command);
    return SendError(kErUnknownCommand, "08S01",
                     "unsupported command " + std::string(hex) + (name.empty() ? "" : " (" + name + ")"));
}

Status MysqlConnection::HandleQuery(std::string_view sql) {
    ++counters_.questions;
    if (!(capabilities_ & kClientMultiStatements) && sql::SplitScript(sql).size() > 1) {
        return SendError(Status(ErrorCode::kSyntaxError,
                                "the query holds several statements, but the client did not enable "
                                "multi-statements (CLIENT_MULTI_STATEMENTS)"));
    }
    // A result is sent once the next statement has run, so that it can say whether more follow.
    std::optional<Result<engine::StatementResult>> pending;
    Status sent;
    entry_->BeginCommand("Query", std::string(sql), session_->current_database());
    (void)session_->ExecuteScript(sql, [&](const Result<engine::StatementResult>& result) {
        if (pending && sent.ok()) sent = SendStatementResult(**pending, true);
        pending.emplace(result);
    });
    entry_->EndCommand(session_->current_database());
    FL_RETURN_NOT_OK(sent);
    if (!pending) return SendError(kErEmptyQuery, "42000", "Query was empty");
    if (!pending->ok()) return SendError(pending->status());
    return SendStatementResult(**pending, false);
}

Status MysqlConnection::SendStatementResult(const engine::StatementResult& result, bool more_results) {
    if (!result.has_rows) {
        return SendOk(result.affected_rows > 0 ? static_cast<uint64_t>(result.affected_rows) : 0, result.message,
                      more_results);
    }
    return EncodeResultSet(result.rows, deprecate_eof(), StatusFlags(more_results),
                           [this](std::string_view payload) { return channel_.WritePacket(payload); });
}

Status MysqlConnection::HandleInitDb(std::string_view database) {
    auto used = session_->Execute("USE " + QuoteIdentifier(database));
    entry_->EndCommand(session_->current_database());
    if (!used.ok()) return SendError(used.status());
    return SendOk();
}

Status MysqlConnection::LogIn(const HandshakeResponse& request) {
    Status authenticated = AuthenticateClient(channel_, engine_.users(), request, scramble_, capabilities_, peer_host_,
                                              channel_.tls(), settings_.rsa.get());
    if (authenticated.code() == ErrorCode::kAccessDenied) {
        (void)SendError(kErAccessDenied, "28000", authenticated.message());
    }
    FL_RETURN_NOT_OK(authenticated);
    user_ = request.user;
    statements_.clear();
    if (entry_) {
        entry_->SetSession(nullptr);
        registry_.Remove(connection_id_);
    }
    entry_ = registry_.Add(connection_id_, fd_, user_, peer_host_);
    StartSession();
    if (!request.database.empty()) {
        auto used = session_->Execute("USE " + QuoteIdentifier(request.database));
        if (!used.ok()) {
            (void)SendError(used.status());
            return used.status();
        }
    }
    return Status::OK();
}

Status MysqlConnection::HandleChangeUser(std::string_view body, bool& quit) {
    auto request = ParseChangeUser(body, capabilities_);
    if (!request.ok()) {
        quit = true;
        return SendError(kErHandshake, "08S01", "Bad handshake: " + request.status().message());
    }
    if (LogIn(*request).ok()) return SendOk();
    // A failed change leaves no identity to go on with: like MySQL, the connection ends once the
    // ERR packet LogIn sent has been flushed.
    quit = true;
    return Status::OK();
}

void MysqlConnection::StartSession() {
    entry_->SetSession(nullptr);
    session_ = engine_.NewSession();
    session_->set_user(user_);
    session_->set_client_host(peer_host_);
    session_->set_connection_id(connection_id_);
    session_->set_process_list(&registry_);
    entry_->SetSession(session_.get());
    entry_->EndCommand(session_->current_database());
}

Status MysqlConnection::HandleProcessKill(std::string_view payload) {
    WireReader in(payload);
    auto id = in.Int4();
    if (!id) return SendError(kErWrongArguments, "HY000", "COM_PROCESS_KILL needs a 4-byte connection id");
    Status killed = registry_.Kill(*id, true);
    if (!killed.ok()) return SendError(killed);
    return SendOk();
}

Status MysqlConnection::HandleSetOption(std::string_view payload) {
    WireReader in(payload);
    auto option = in.Int2();
    if (!option || *option > 1) return SendError(kErUnknownCommand, "08S01", "unknown COM_SET_OPTION option");
    // 0 turns multi-statements on, 1 off; the answer is an EOF packet.
    if (*option == 0) {
        capabilities_ |= kClientMultiStatements;
    } else {
        capabilities_ &= ~static_cast<uint32_t>(kClientMultiStatements);
    }
    return channel_.WritePacket(EncodeEof(StatusFlags(false), 0));
}

Status MysqlConnection::HandleStatistics() {
    auto uptime =
        std::chrono::duration_cast<std::chrono::seconds>(std::chrono::steady_clock::now() - counters_.started).count();
    std::string text = "Uptime: " + std::to_string(uptime) +
                       "  Threads: " + std::to_string(counters_.connections.load()) +
                       "  Questions: " + std::to_string(counters_.questions.load());
    return channel_.WritePacket(text);  // a bare string, no header byte
}

Status MysqlConnection::SendOk(uint64_t affected_rows, std::string info, bool more_results) {
    OkPacket ok;
    ok.affected_rows = affected_rows;
    ok.status = StatusFlags(more_results);
    ok.info = std::move(info);
    return channel_.WritePacket(EncodeOk(ok));
}

Status MysqlConnection::SendError(uint16_t error_number, std::string_view sqlstate, std::string_view message) {
    return channel_.WritePacket(EncodeErr(error_number, sqlstate, message));
}

Status MysqlConnection::SendError(const Status& status) {
    return channel_.WritePacket(EncodeErr(status));
}

uint16_t MysqlConnection::StatusFlags(bool more_results) const {
    return static_cast<uint16_t>(kStatusAutocommit | (more_results ? kStatusMoreResultsExist : 0));
}

bool MysqlConnection::deprecate_eof() const {
    return (capabilities_ & kClientDeprecateEof) != 0;
}

}  // namespace flashlake::server::mysql
