#pragma once

#include <string>
#include <string_view>

namespace flashlake::engine::auth {

// The password hashes Flashlake stores and the challenge-response checks of the two MySQL
// authentication plugins. No clear password is ever stored.
//
// mysql_native_password: the server keeps SHA1(SHA1(pw)); the client answers a 20-byte nonce
// with SHA1(pw) XOR SHA1(nonce || SHA1(SHA1(pw))).
//
// caching_sha2_password fast path: the client answers with SHA256(pw) XOR
// SHA256(SHA256(SHA256(pw)) || nonce); the server needs SHA256(SHA256(pw)) to check it, which it
// keeps only in memory (as MySQL does), learnt when the password is set or a full authentication
// succeeds. The stored caching_sha2 credential is a salted, iterated SHA-256 (see Sha2Crypt).

std::string Sha1(std::string_view first, std::string_view second = {});
std::string Sha256(std::string_view first, std::string_view second = {});
std::string RandomBytes(size_t count);
std::string ToHex(std::string_view bytes);
// "" for text that is not an even number of hex digits.
std::string FromHex(std::string_view hex);

// SHA1(SHA1(password)), 20 bytes; "" for the empty password.
std::string NativeHash(std::string_view password);
bool VerifyNativeToken(std::string_view stored_hash, std::string_view nonce, std::string_view token);

// SHA256(SHA256(password)), 32 bytes: what the fast path checks against.
std::string Sha2FastHash(std::string_view password);
// What a client sends on the fast path (tests; documents the scheme); "" for "".
std::string Sha2Token(std::string_view password, std::string_view nonce);
bool VerifySha2Token(std::string_view fast_hash, std::string_view nonce, std::string_view token);

// The stored credential for caching_sha2 full authentication: 5000 rounds of
// h = SHA256(h || salt || password) from h = "" (32 bytes).
std::string Sha2Crypt(std::string_view password, std::string_view salt);
constexpr size_t kSha2CryptRounds = 5000;

}  // namespace flashlake::engine::auth
