#pragma once

#include <string>
#include <string_view>

#include "common/status.h"
#include "server/mysql/handshake.h"
#include "server/mysql/packet_channel.h"
#include "server/mysql/rsa_key_exchange.h"

namespace flashlake::engine {
class UserStore;
}

namespace flashlake::server::mysql {

constexpr const char* kCachingSha2Plugin = "caching_sha2_password";

// Checks the client's answer to `scramble` against the warehouse's users, after its
// HandshakeResponse, and may talk to it on `channel` first:
//   mysql_native_password: the token in the response is checked directly;
//   caching_sha2_password: when this process knows the account's SHA256(SHA256(pw)) (the
//     password was set, or root's given, since the server started), the fast path checks the
//     token and tells the client "fast auth success" (0x01 0x03); otherwise the client is
//     asked for full authentication (0x01 0x04) and the password it then sends is checked (and
//     the fast-path hash learnt): in the clear over TLS; on a plain connection encrypted with
//     `rsa`'s public key, which the client may first ask for (0x02; answered 0x01 + PEM). A
//     plain connection without `rsa` is switched to mysql_native_password instead;
//   any other plugin: switched to mysql_native_password.
// OK when the client is who it says; kAccessDenied with MySQL's 1045 message otherwise (the
// caller sends the ERR packet); other errors are transport failures.
Status AuthenticateClient(PacketChannel& channel, engine::UserStore& users, const HandshakeResponse& response,
                          std::string_view scramble, uint32_t capabilities, const std::string& peer_host, bool secure,
                          RsaKeyExchange* rsa);

}  // namespace flashlake::server::mysql
