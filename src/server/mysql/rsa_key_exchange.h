#pragma once

#include <memory>
#include <mutex>
#include <string>
#include <string_view>

#include "common/result.h"

typedef struct evp_pkey_st EVP_PKEY;

namespace flashlake::server::mysql {

// The server's RSA key pair for caching_sha2_password's full authentication on a connection
// without TLS: the client asks for the public key (PEM), encrypts its password XOR the scramble
// with RSA-OAEP (SHA-1, as MySQL does) and the server decrypts it. The 2048-bit key is made on
// first use and kept in memory for the life of the server; clients fetch it on each login, so a
// new key after a restart needs nothing from them.
class RsaKeyExchange {
public:
    RsaKeyExchange() = default;
    ~RsaKeyExchange();
    RsaKeyExchange(const RsaKeyExchange&) = delete;
    RsaKeyExchange& operator=(const RsaKeyExchange&) = delete;

    // The public key in PEM ("-----BEGIN PUBLIC KEY-----..."); makes the key pair on first call.
    Result<std::string> PublicKeyPem();
    // The password a client sent encrypted: RSA-OAEP decryption, then XOR with `scramble`
    // (repeated over the length), then the trailing NUL dropped. kInvalidArgument when
    // `ciphertext` was not made with this key.
    Result<std::string> DecryptPassword(std::string_view ciphertext, std::string_view scramble);

private:
    Status EnsureKey();

    std::mutex mu_;
    EVP_PKEY* key_ = nullptr;
    std::string public_pem_;
};

}  // namespace flashlake::server::mysql
