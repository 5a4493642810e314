#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "common/result.h"

namespace flashlake::server::mysql {

// The connection phase: the server's HandshakeV10, the client's HandshakeResponse41, and the
// AuthSwitchRequest that moves a client asking for another plugin to mysql_native_password.

struct HandshakeV10 {
    std::string server_version;
    uint32_t connection_id = 0;
    std::string scramble;  // kScrambleLength bytes, no NUL
    uint32_t capabilities = 0;
    uint8_t charset = 0;
    uint16_t status = 0;
};
std::string EncodeHandshakeV10(const HandshakeV10& handshake);

struct HandshakeResponse {
    uint32_t capabilities = 0;
    uint32_t max_packet_size = 0;
    uint8_t charset = 0;
    std::string user;
    std::string auth_response;
    std::string database;     // set when capabilities has kClientConnectWithDb
    std::string auth_plugin;  // set when capabilities has kClientPluginAuth
};
// Fails with kInvalidArgument on a truncated or malformed response, a client without protocol
// 4.1, or an SSL request (see IsSslRequest: to be handled before, when the server offers TLS).
Result<HandshakeResponse> ParseHandshakeResponse(std::string_view payload);
// COM_CHANGE_USER's body (after the command byte), read with the capabilities the connection
// negotiated: user, auth response, database, then optionally character set and plugin name.
Result<HandshakeResponse> ParseChangeUser(std::string_view body, uint32_t capabilities);
// An SSLRequest: the first 32 bytes of a HandshakeResponse with CLIENT_SSL, sent alone; the TLS
// handshake follows on the socket, then the full response over TLS.
bool IsSslRequest(std::string_view payload);
// Builds a response as a client would (tests and documentation of the layout).
std::string EncodeHandshakeResponse(const HandshakeResponse& response);

std::string EncodeAuthSwitchRequest(std::string_view plugin, std::string_view scramble);

}  // namespace flashlake::server::mysql
