// COM_STMT_PREPARE, COM_STMT_EXECUTE, COM_STMT_FETCH, COM_STMT_SEND_LONG_DATA, COM_STMT_CLOSE and
// COM_STMT_RESET: a connection's prepared statements, by statement id.

#include "engine/session.h"
#include "server/mysql/binary_protocol.h"
#include "server/mysql/connection_registry.h"
#include "server/mysql/mysql_connection.h"
#include "server/mysql/protocol.h"
#include "server/mysql/response_packets.h"
#include "server/mysql/wire_codec.h"

namespace flashlake::server::mysql {

namespace {

constexpr uint8_t kCursorTypeNoCursor = 0;

}  // namespace

Status MysqlConnection::HandleStmtPrepare(std::string_view sql) {
    ++counters_.questions;
    if (statements_.size() >= settings_.max_prepared_statements) {
        return SendError(kErTooManyStatements, "42000",
                         "Can't create more than max_prepared_stmt_count statements (current value: " +
                             std::to_string(settings_.max_prepared_statements) + ")");
    }
    auto prepared = session_->Prepare(sql);
    if (!prepared.ok()) return SendError(prepared.status());
    std::vector<ColumnDefinition> columns;
    for (size_t c = 0; c < (*prepared)->column_names.size(); ++c) {
        columns.push_back(DescribeColumn((*prepared)->column_names[c], (*prepared)->column_types[c]));
    }
    uint32_t id = next_statement_id_++;
    size_t parameters = (*prepared)->parameter_count;
    statements_[id].prepared = std::move(*prepared);
    return EncodePrepareResponse(id, parameters, columns, deprecate_eof(), StatusFlags(false),
                                 [this](std::string_view payload) { return channel_.WritePacket(payload); });
}

Status MysqlConnection::HandleStmtExecute(std::string_view payload) {
    ++counters_.questions;
    WireReader in(payload);
    auto id = in.Int4();
    auto cursor = in.Int1();
    auto iterations = in.Int4();
    if (!id || !cursor || !iterations) {
        return SendError(kErWrongArguments, "HY000", "COM_STMT_EXECUTE: the packet ends before the parameters");
    }
    auto it = statements_.find(*id);
    if (it == statements_.end()) {
        return SendError(kErUnknownStatement, "HY000",
                         "Unknown prepared statement handler (" + std::to_string(*id) + ") given to mysqld_stmt_execute");
    }
    StatementSlot& slot = it->second;
    slot.cursor.reset();  // a new execution closes the statement's cursor
    if (slot.long_data_bytes > settings_.max_allowed_packet) {
        slot.long_data.clear();
        slot.long_data_bytes = 0;
        return SendError(kErPacketTooLarge, "08S01",
                         "Parameter of prepared statement which is set through mysql_send_long_data() is longer than "
                         "'max_allowed_packet' bytes");
    }
    auto parameters =
        DecodeExecuteParameters(in.Rest(), slot.prepared->parameter_count, slot.types, slot.long_data);
    slot.long_data.clear();
    slot.long_data_bytes = 0;
    if (!parameters.ok()) return SendError(kErWrongArguments, "HY000", parameters.status().message());

    entry_->BeginCommand("Execute", slot.prepared->text, session_->current_database());
    auto result = session_->ExecutePrepared(*slot.prepared, *parameters);
    entry_->EndCommand(session_->current_database());
    if (!result.ok()) return SendError(result.status());
    if (!result->has_rows) {
        return SendOk(result->affected_rows > 0 ? static_cast<uint64_t>(result->affected_rows) : 0, result->message);
    }
    auto sink = [this](std::string_view packet) { return channel_.WritePacket(packet); };
    if (*cursor != kCursorTypeNoCursor) {
        // A read-only cursor (the only kind: scrollable and FOR UPDATE ask no more of a snapshot
        // read): the metadata now, the rows by COM_STMT_FETCH. The result is kept materialised.
        FL_RETURN_NOT_OK(EncodeBinaryResultMetadata(result->rows, sink));
        const uint16_t status = StatusFlags(false) | kStatusCursorExists;
        slot.cursor = std::make_unique<BinaryRowCursor>(std::move(result->rows));
        return channel_.WritePacket(deprecate_eof() ? EncodeOkAsEof(status, 0) : EncodeEof(status, 0));
    }
    return EncodeBinaryResultSet(result->rows, deprecate_eof(), StatusFlags(false),
                                 [this](std::string_view packet) { return channel_.WritePacket(packet); });
}

Status MysqlConnection::HandleStmtFetch(std::string_view payload) {
    WireReader in(payload);
    auto id = in.Int4();
    auto rows = in.Int4();
    if (!id || !rows) return SendError(kErWrongArguments, "HY000", "COM_STMT_FETCH needs a statement id and a row count");
    auto it = statements_.find(*id);
    if (it == statements_.end()) {
        return SendError(kErUnknownStatement, "HY000",
                         "Unknown prepared statement handler (" + std::to_string(*id) + ") given to mysqld_stmt_fetch");
    }
    std::unique_ptr<BinaryRowCursor>& cursor = it->second.cursor;
    if (!cursor) {
        return SendError(kErNoOpenCursor, "HY000", "The statement (" + std::to_string(*id) + ") has no open cursor.");
    }
    FL_RETURN_NOT_OK(cursor->SendRows(*rows, [this](std::string_view packet) { return channel_.WritePacket(packet); }));
    uint16_t status = StatusFlags(false) | kStatusCursorExists;
    if (cursor->exhausted()) {
        status |= kStatusLastRowSent;
        cursor.reset();
    }
    return channel_.WritePacket(deprecate_eof() ? EncodeOkAsEof(status, 0) : EncodeEof(status, 0));
}

Status MysqlConnection::HandleStmtSendLongData(std::string_view payload) {
    // No response, whatever happens: errors surface at the execution, as in MySQL.
    WireReader in(payload);
    auto id = in.Int4();
    auto parameter = in.Int2();
    if (!id || !parameter) return Status::OK();
    auto it = statements_.find(*id);
    if (it == statements_.end() || *parameter >= it->second.prepared->parameter_count) return Status::OK();
    StatementSlot& slot = it->second;
    std::string_view data = in.Rest();
    slot.long_data_bytes += data.size();
    if (slot.long_data_bytes <= settings_.max_allowed_packet) slot.long_data[*parameter].append(data);
    return Status::OK();
}

Status MysqlConnection::HandleStmtClose(std::string_view payload) {
    // No response; closing an unknown id is not an error.
    WireReader in(payload);
    if (auto id = in.Int4()) statements_.erase(*id);
    return Status::OK();
}

Status MysqlConnection::HandleStmtReset(std::string_view payload) {
    WireReader in(payload);
    auto id = in.Int4();
    auto it = id ? statements_.find(*id) : statements_.end();
    if (it == statements_.end()) {
        return SendError(kErUnknownStatement, "HY000",
                         "Unknown prepared statement handler (" + (id ? std::to_string(*id) : std::string("?")) +
                             ") given to mysqld_stmt_reset");
    }
    it->second.long_data.clear();
    it->second.long_data_bytes = 0;
    it->second.cursor.reset();
    return SendOk();
}

}  // namespace flashlake::server::mysql
