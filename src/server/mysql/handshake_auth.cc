#include "server/mysql/handshake_auth.h"

#include "engine/auth_crypto.h"
#include "engine/user_store.h"
#include "server/mysql/protocol.h"

namespace flashlake::server::mysql {

namespace {

// caching_sha2_password's one-byte messages, sent in a packet starting with 0x01.
constexpr char kMoreData = 0x01;
constexpr char kFastAuthSuccess = 0x03;
constexpr char kPerformFullAuth = 0x04;

Status Denied(const HandshakeResponse& response, const std::string& peer_host, bool used_password) {
    return Status(ErrorCode::kAccessDenied, "Access denied for user '" + response.user + "'@'" + peer_host +
                                                "' (using password: " + (used_password ? "YES" : "NO") + ")");
}

}  // namespace

Status AuthenticateClient(PacketChannel& channel, engine::UserStore& users, const HandshakeResponse& response,
                          std::string_view scramble, uint32_t capabilities, const std::string& peer_host, bool secure) {
    auto account = users.FindAccount(response.user, peer_host);
    auto credentials = account ? users.GetCredentials(*account) : std::nullopt;
    std::string token = response.auth_response;
    bool plugin_auth = (capabilities & kClientPluginAuth) != 0;
    std::string plugin = plugin_auth && !response.auth_plugin.empty() ? response.auth_plugin : kNativePasswordPlugin;

    if (plugin == kCachingSha2Plugin) {
        auto fast_hash = account ? users.GetSha2FastHash(*account) : std::nullopt;
        if ((fast_hash || (secure && account)) && token.empty()) {
            // The handshake named mysql_native_password, so the client sent no caching_sha2
            // answer yet: switch it to caching_sha2_password with the same scramble.
            FL_RETURN_NOT_OK(channel.WritePacket(EncodeAuthSwitchRequest(kCachingSha2Plugin, scramble)));
            FL_RETURN_NOT_OK(channel.Flush());
            FL_RETURN_NOT_OK(channel.ReadPacket(token));
        }
        if (fast_hash) {
            if (!credentials || !engine::auth::VerifySha2Token(*fast_hash, scramble, token)) {
                return Denied(response, peer_host, !token.empty());
            }
            FL_RETURN_NOT_OK(channel.WritePacket(std::string{kMoreData, kFastAuthSuccess}));
            return Status::OK();
        }
        if (secure && account) {
            // Full authentication: over TLS the client sends its password in the clear.
            FL_RETURN_NOT_OK(channel.WritePacket(std::string{kMoreData, kPerformFullAuth}));
            FL_RETURN_NOT_OK(channel.Flush());
            std::string password;
            FL_RETURN_NOT_OK(channel.ReadPacket(password));
            if (!password.empty() && password.back() == '\0') password.pop_back();
            if (!users.CheckPassword(*account, password)) return Denied(response, peer_host, !password.empty());
            users.RememberPassword(*account, password);
            return Status::OK();
        }
    }
    if (plugin != kNativePasswordPlugin) {
        // Ask the client to answer our scramble the native way.
        FL_RETURN_NOT_OK(channel.WritePacket(EncodeAuthSwitchRequest(kNativePasswordPlugin, scramble)));
        FL_RETURN_NOT_OK(channel.Flush());
        FL_RETURN_NOT_OK(channel.ReadPacket(token));
    }
    if (!credentials || !engine::auth::VerifyNativeToken(credentials->native_hash, scramble, token)) {
        return Denied(response, peer_host, !token.empty());
    }
    return Status::OK();
}

}  // namespace flashlake::server::mysql
