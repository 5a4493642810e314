#include "server/mysql/response_packets.h"

#include "common/error_code.h"
#include "server/mysql/protocol.h"
#include "server/mysql/wire_codec.h"

namespace flashlake::server::mysql {

namespace {

// Clients keep a bounded buffer for the message (MySQL's is 512 bytes).
constexpr size_t kMaxErrorMessage = 512;

std::string EncodeOkWithHeader(uint8_t header, const OkPacket& ok) {
    WireWriter out;
    out.Int1(header);
    out.LenencInt(ok.affected_rows);
    out.LenencInt(ok.last_insert_id);
    out.Int2(ok.status);
    out.Int2(ok.warnings);
    // Length-encoded, as MySQL servers write it and as libmariadb/libmysqlclient read it (the
    // protocol pages' string<EOF> makes the mariadb client report "malformed packet").
    if (!ok.info.empty()) out.LenencString(ok.info);
    return out.Take();
}

}  // namespace

std::string EncodeOk(const OkPacket& ok) {
    return EncodeOkWithHeader(kOkHeader, ok);
}

std::string EncodeOkAsEof(uint16_t status, uint16_t warnings) {
    OkPacket ok;
    ok.status = status;
    ok.warnings = warnings;
    return EncodeOkWithHeader(kEofHeader, ok);
}

std::string EncodeEof(uint16_t status, uint16_t warnings) {
    WireWriter out;
    out.Int1(kEofHeader);
    out.Int2(warnings);
    out.Int2(status);
    return out.Take();
}

std::string EncodeErr(uint16_t error_number, std::string_view sqlstate, std::string_view message) {
    WireWriter out;
    out.Int1(kErrHeader);
    out.Int2(error_number);
    out.Int1('#');
    std::string state(sqlstate.substr(0, 5));
    state.resize(5, '0');
    out.Bytes(state);
    if (message.size() > kMaxErrorMessage) {
        // Cut at a UTF-8 character boundary.
        size_t cut = kMaxErrorMessage;
        while (cut > 0 && (static_cast<unsigned char>(message[cut]) & 0xC0) == 0x80) --cut;
        message = message.substr(0, cut);
    }
    out.Bytes(message);
    return out.Take();
}

std::string EncodeErr(const Status& status) {
    const ErrorCodeInfo& info = GetErrorCodeInfo(status.code());
    return EncodeErr(info.mysql_errno, info.sqlstate, status.message());
}

}  // namespace flashlake::server::mysql
