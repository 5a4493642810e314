#pragma once

#include <string>
#include <string_view>

namespace flashlake::server::mysql {

// mysql_native_password: the client proves it knows the password without sending it, by
// answering a random 20-byte scramble with SHA1(password) XOR SHA1(scramble + SHA1(SHA1(password))).
// The server keeps only SHA1(SHA1(password)); an empty password is kept as "" and answered with
// an empty token.

// 20 random bytes, none NUL (the scramble travels NUL-terminated in the handshake).
std::string GenerateScramble();
// SHA1(SHA1(password)), 20 bytes; "" for an empty password.
std::string NativePasswordHash(std::string_view password);
// What a client sends for `password` (used by tests, and documents the scheme); "" for "".
std::string NativePasswordToken(std::string_view password, std::string_view scramble);
// Whether `token` answers `scramble` for the password whose NativePasswordHash is `stored_hash`.
bool VerifyNativePassword(std::string_view stored_hash, std::string_view scramble, std::string_view token);

}  // namespace flashlake::server::mysql
