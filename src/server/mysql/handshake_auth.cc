#include "server/mysql/handshake_auth.h"

#include "common/logging.h"

#include "engine/auth_crypto.h"
#include "engine/user_store.h"
#include "server/mysql/protocol.h"

namespace flashlake::server::mysql {

namespace {

// caching_sha2_password's one-byte messages, sent in a packet starting with 0x01.
constexpr char kMoreData = 0x01;
constexpr char kFastAuthSuccess = 0x03;
constexpr char kRequestPublicKey = 0x02;  // client to server, alone in its packet
constexpr char kPerformFullAuth = 0x04;

Status Denied(const HandshakeResponse& response, const std::string& peer_host, bool used_password) {
    return Status(ErrorCode::kAccessDenied, "Access denied for user '" + response.user + "'@'" + peer_host +
                                                "' (using password: " + (used_password ? "YES" : "NO") + ")");
}

}  // namespace

Status AuthenticateClient(PacketChannel& channel, engine::UserStore& users, const HandshakeResponse& response,
                          std::string_view scramble, uint32_t capabilities, const std::string& peer_host, bool secure,
                          RsaKeyExchange* rsa) {
    auto account = users.FindAccount(response.user, peer_host);
    auto credentials = account ? users.GetCredentials(*account) : std::nullopt;
    std::string token = response.auth_response;
    bool plugin_auth = (capabilities & kClientPluginAuth) != 0;
    std::string plugin = plugin_auth && !response.auth_plugin.empty() ? response.auth_plugin : kNativePasswordPlugin;

    if (plugin == kCachingSha2Plugin && account) {
        auto fast_hash = users.GetSha2FastHash(*account);
        const bool full_auth = secure || rsa != nullptr;
        if ((fast_hash || full_auth) && token.empty()) {
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
        if (full_auth) {
            FL_RETURN_NOT_OK(channel.WritePacket(std::string{kMoreData, kPerformFullAuth}));
            FL_RETURN_NOT_OK(channel.Flush());
            std::string answer;
            FL_RETURN_NOT_OK(channel.ReadPacket(answer));
            std::string password;
            if (secure) {
                // Over TLS the client sends its password in the clear, NUL-terminated.
                password = answer;
                if (!password.empty() && password.back() == '\0') password.pop_back();
            } else {
                if (answer == std::string(1, kRequestPublicKey)) {
                    FL_ASSIGN_OR_RETURN(std::string pem, rsa->PublicKeyPem());
                    FL_RETURN_NOT_OK(channel.WritePacket(std::string(1, kMoreData) + pem));
                    FL_RETURN_NOT_OK(channel.Flush());
                    FL_RETURN_NOT_OK(channel.ReadPacket(answer));
                }
                // Anything but a ciphertext of our key (a clear password on a plain connection,
                // a key the client had from elsewhere) fails to decrypt and is denied.
                auto decrypted = rsa->DecryptPassword(answer, scramble);
                if (!decrypted.ok()) {
                    FL_LOG(kWarning, "caching_sha2_password: '", response.user, "'@'", peer_host,
                           "' sent a password that is not encrypted with the server's RSA key on a connection "
                           "without TLS (a clear password is refused there)");
                    return Denied(response, peer_host, !answer.empty());
                }
                password = std::move(*decrypted);
            }
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
