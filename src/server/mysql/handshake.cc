#include "server/mysql/handshake.h"

#include "server/mysql/protocol.h"
#include "server/mysql/wire_codec.h"

namespace flashlake::server::mysql {

namespace {

constexpr uint8_t kProtocolVersion = 10;
constexpr size_t kScramblePart1 = 8;
constexpr size_t kSslRequestLength = 32;

Status Malformed(std::string_view what) {
    return Status::InvalidArgument("malformed handshake response: " + std::string(what));
}

// The auth response as the capabilities lay it out: length-encoded, one length byte
// (CLIENT_SECURE_CONNECTION), or NUL-terminated. nullopt when the packet ends first.
std::optional<std::string_view> ReadAuthResponse(WireReader& in, uint32_t capabilities) {
    if (capabilities & kClientPluginAuthLenencClientData) return in.LenencString();
    if (capabilities & kClientSecureConnection) {
        auto length = in.Int1();
        return length ? in.Bytes(*length) : std::nullopt;
    }
    return in.NulString();
}

}  // namespace

std::string EncodeHandshakeV10(const HandshakeV10& handshake) {
    WireWriter out;
    out.Int1(kProtocolVersion);
    out.NulString(handshake.server_version);
    out.Int4(handshake.connection_id);
    std::string_view scramble = handshake.scramble;
    out.Bytes(scramble.substr(0, kScramblePart1));
    out.Int1(0);
    out.Int2(static_cast<uint16_t>(handshake.capabilities & 0xffff));
    out.Int1(handshake.charset);
    out.Int2(handshake.status);
    out.Int2(static_cast<uint16_t>(handshake.capabilities >> 16));
    out.Int1(static_cast<uint8_t>(scramble.size() + 1));
    out.Zeros(10);
    // The rest of the scramble, NUL-terminated: at least 13 bytes in all.
    out.NulString(scramble.substr(kScramblePart1));
    out.NulString(kNativePasswordPlugin);
    return out.Take();
}

Result<HandshakeResponse> ParseHandshakeResponse(std::string_view payload) {
    WireReader in(payload);
    HandshakeResponse response;
    auto capabilities = in.Int4();
    if (!capabilities) return Malformed("shorter than 4 bytes");
    response.capabilities = *capabilities;
    if (!(response.capabilities & kClientProtocol41)) {
        return Status::InvalidArgument("client does not speak protocol 4.1 (MySQL 4.1 or later is needed)");
    }
    if ((response.capabilities & kClientSsl) && payload.size() == kSslRequestLength) {
        return Status::InvalidArgument("client requested SSL, which this server does not offer");
    }
    auto max_packet = in.Int4();
    auto charset = in.Int1();
    in.Skip(23);
    auto user = in.NulString();
    if (!in.ok()) return Malformed("truncated before the user name");
    response.max_packet_size = *max_packet;
    response.charset = *charset;
    response.user = std::string(*user);

    std::optional<std::string_view> auth = ReadAuthResponse(in, response.capabilities);
    if (!auth) return Malformed("bad auth response");
    response.auth_response = std::string(*auth);

    if ((response.capabilities & kClientConnectWithDb) && !in.AtEnd()) {
        auto database = in.NulString();
        if (!database) return Malformed("unterminated database name");
        response.database = std::string(*database);
    }
    if ((response.capabilities & kClientPluginAuth) && !in.AtEnd()) {
        // Some clients end the plugin name with the packet instead of a NUL.
        std::string_view rest = payload.substr(in.position());
        size_t nul = rest.find('\0');
        response.auth_plugin = std::string(rest.substr(0, nul));
        in.Skip(nul == std::string_view::npos ? rest.size() : nul + 1);
    }
    if ((response.capabilities & kClientConnectAttrs) && !in.AtEnd()) {
        // Attributes (program name, client version) are not used, but must be well formed.
        auto length = in.LenencInt();
        auto attributes = length ? in.Bytes(*length) : std::nullopt;
        if (!attributes) return Malformed("connection attributes overrun the packet");
        WireReader pairs(*attributes);
        while (!pairs.AtEnd() && pairs.LenencString() && pairs.LenencString()) {
        }
        if (!pairs.ok()) return Malformed("bad connection attributes");
    }
    return response;
}

Result<HandshakeResponse> ParseChangeUser(std::string_view body, uint32_t capabilities) {
    WireReader in(body);
    HandshakeResponse request;
    request.capabilities = capabilities;
    auto user = in.NulString();
    if (!user) return Malformed("COM_CHANGE_USER: unterminated user name");
    request.user = std::string(*user);
    // COM_CHANGE_USER has no length-encoded form of the auth response.
    std::optional<std::string_view> auth =
        ReadAuthResponse(in, capabilities & ~static_cast<uint32_t>(kClientPluginAuthLenencClientData));
    if (!auth) return Malformed("COM_CHANGE_USER: bad auth response");
    request.auth_response = std::string(*auth);
    auto database = in.NulString();
    if (!database) return Malformed("COM_CHANGE_USER: unterminated database name");
    request.database = std::string(*database);
    if (in.AtEnd()) return request;  // old clients stop here
    auto charset = in.Int2();
    if (!charset) return Malformed("COM_CHANGE_USER: truncated character set");
    request.charset = static_cast<uint8_t>(*charset);
    if ((capabilities & kClientPluginAuth) && !in.AtEnd()) {
        auto plugin = in.NulString();
        if (!plugin) return Malformed("COM_CHANGE_USER: unterminated plugin name");
        request.auth_plugin = std::string(*plugin);
    }
    // Connection attributes may follow; like the handshake's, they are not used.
    return request;
}

bool IsSslRequest(std::string_view payload) {
    WireReader in(payload);
    auto capabilities = in.Int4();
    return payload.size() == kSslRequestLength && capabilities && (*capabilities & kClientSsl);
}

std::string EncodeHandshakeResponse(const HandshakeResponse& response) {
    WireWriter out;
    out.Int4(response.capabilities);
    out.Int4(response.max_packet_size);
    out.Int1(response.charset);
    out.Zeros(23);
    out.NulString(response.user);
    if (response.capabilities & kClientPluginAuthLenencClientData) {
        out.LenencString(response.auth_response);
    } else {
        out.Int1(static_cast<uint8_t>(response.auth_response.size()));
        out.Bytes(response.auth_response);
    }
    if (response.capabilities & kClientConnectWithDb) out.NulString(response.database);
    if (response.capabilities & kClientPluginAuth) out.NulString(response.auth_plugin);
    return out.Take();
}

std::string EncodeAuthSwitchRequest(std::string_view plugin, std::string_view scramble) {
    WireWriter out;
    out.Int1(kEofHeader);
    out.NulString(plugin);
    out.NulString(scramble);
    return out.Take();
}

}  // namespace flashlake::server::mysql
