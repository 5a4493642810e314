#include "server/mysql/native_password.h"

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/rand.h>

#include <random>

#include "common/check.h"
#include "server/mysql/protocol.h"

namespace flashlake::server::mysql {

namespace {

constexpr size_t kSha1Length = 20;

std::string Sha1(std::string_view first, std::string_view second = {}) {
    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned int length = 0;
    EVP_MD_CTX* context = EVP_MD_CTX_new();
    FL_CHECK(context != nullptr, "EVP_MD_CTX_new failed");
    bool ok = EVP_DigestInit_ex(context, EVP_sha1(), nullptr) == 1 &&
              EVP_DigestUpdate(context, first.data(), first.size()) == 1 &&
              EVP_DigestUpdate(context, second.data(), second.size()) == 1 &&
              EVP_DigestFinal_ex(context, digest, &length) == 1;
    EVP_MD_CTX_free(context);
    FL_CHECK(ok && length == kSha1Length, "SHA1 digest failed");
    return std::string(reinterpret_cast<const char*>(digest), length);
}

std::string Xor(std::string_view a, std::string_view b) {
    std::string out(a.size(), '\0');
    for (size_t i = 0; i < a.size(); ++i) out[i] = static_cast<char>(a[i] ^ b[i]);
    return out;
}

}  // namespace

std::string GenerateScramble() {
    unsigned char bytes[kScrambleLength];
    if (RAND_bytes(bytes, sizeof(bytes)) != 1) {
        // Without OpenSSL's generator the kernel's is still unpredictable.
        std::random_device device;
        for (auto& byte : bytes) byte = static_cast<unsigned char>(device());
    }
    std::string scramble(kScrambleLength, '\0');
    for (size_t i = 0; i < kScrambleLength; ++i) {
        unsigned char c = bytes[i] & 0x7f;
        if (c == '\0' || c == '$') ++c;  // as MySQL does: no NUL, no '$'
        scramble[i] = static_cast<char>(c);
    }
    return scramble;
}

std::string NativePasswordHash(std::string_view password) {
    if (password.empty()) return "";
    return Sha1(Sha1(password));
}

std::string NativePasswordToken(std::string_view password, std::string_view scramble) {
    if (password.empty()) return "";
    std::string stage1 = Sha1(password);
    return Xor(stage1, Sha1(scramble, Sha1(stage1)));
}

bool VerifyNativePassword(std::string_view stored_hash, std::string_view scramble, std::string_view token) {
    if (stored_hash.empty()) return token.empty();
    if (token.size() != kSha1Length || stored_hash.size() != kSha1Length) return false;
    // token XOR SHA1(scramble + stored) recovers SHA1(password), whose SHA1 must be the stored hash.
    std::string stage1 = Xor(token, Sha1(scramble, stored_hash));
    std::string candidate = Sha1(stage1);
    return CRYPTO_memcmp(candidate.data(), stored_hash.data(), kSha1Length) == 0;
}

}  // namespace flashlake::server::mysql
