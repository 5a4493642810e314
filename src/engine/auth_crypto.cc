#include "engine/auth_crypto.h"

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/rand.h>

#include "common/check.h"

namespace flashlake::engine::auth {

namespace {

std::string Digest(const EVP_MD* md, std::string_view first, std::string_view second, std::string_view third = {}) {
    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned int length = 0;
    EVP_MD_CTX* context = EVP_MD_CTX_new();
    FL_CHECK(context != nullptr, "EVP_MD_CTX_new failed");
    bool ok = EVP_DigestInit_ex(context, md, nullptr) == 1 &&
              EVP_DigestUpdate(context, first.data(), first.size()) == 1 &&
              EVP_DigestUpdate(context, second.data(), second.size()) == 1 &&
              EVP_DigestUpdate(context, third.data(), third.size()) == 1 &&
              EVP_DigestFinal_ex(context, digest, &length) == 1;
    EVP_MD_CTX_free(context);
    FL_CHECK(ok, "digest failed");
    return std::string(reinterpret_cast<const char*>(digest), length);
}

std::string Xor(std::string_view a, std::string_view b) {
    std::string out(a);
    for (size_t i = 0; i < out.size() && i < b.size(); ++i) out[i] = static_cast<char>(out[i] ^ b[i]);
    return out;
}

bool ConstantTimeEquals(std::string_view a, std::string_view b) {
    return a.size() == b.size() && CRYPTO_memcmp(a.data(), b.data(), a.size()) == 0;
}

}  // namespace

std::string Sha1(std::string_view first, std::string_view second) { return Digest(EVP_sha1(), first, second); }

std::string Sha256(std::string_view first, std::string_view second) { return Digest(EVP_sha256(), first, second); }

std::string RandomBytes(size_t count) {
    std::string bytes(count, '\0');
    FL_CHECK(RAND_bytes(reinterpret_cast<unsigned char*>(bytes.data()), static_cast<int>(count)) == 1,
             "RAND_bytes failed");
    return bytes;
}

std::string ToHex(std::string_view bytes) {
    static constexpr char kDigits[] = "0123456789abcdef";
    std::string hex;
    for (unsigned char c : bytes) {
        hex += kDigits[c >> 4];
        hex += kDigits[c & 15];
    }
    return hex;
}

std::string FromHex(std::string_view hex) {
    auto digit = [](char c) {
        if (c >= '0' && c <= '9') return c - '0';
        if (c >= 'a' && c <= 'f') return c - 'a' + 10;
        if (c >= 'A' && c <= 'F') return c - 'A' + 10;
        return -1;
    };
    if (hex.size() % 2 != 0) return "";
    std::string bytes;
    for (size_t i = 0; i < hex.size(); i += 2) {
        int high = digit(hex[i]);
        int low = digit(hex[i + 1]);
        if (high < 0 || low < 0) return "";
        bytes += static_cast<char>(high * 16 + low);
    }
    return bytes;
}

std::string NativeHash(std::string_view password) {
    if (password.empty()) return "";
    return Sha1(Sha1(password));
}

bool VerifyNativeToken(std::string_view stored_hash, std::string_view nonce, std::string_view token) {
    if (stored_hash.empty()) return token.empty();
    if (token.size() != stored_hash.size()) return false;
    // token = SHA1(pw) XOR SHA1(nonce || stage2): recover SHA1(pw) and hash it once more.
    std::string stage1 = Xor(token, Sha1(nonce, stored_hash));
    return ConstantTimeEquals(Sha1(stage1), stored_hash);
}

std::string Sha2FastHash(std::string_view password) {
    if (password.empty()) return "";
    return Sha256(Sha256(password));
}

std::string Sha2Token(std::string_view password, std::string_view nonce) {
    if (password.empty()) return "";
    std::string stage1 = Sha256(password);
    return Xor(stage1, Sha256(Sha256(stage1), nonce));
}

bool VerifySha2Token(std::string_view fast_hash, std::string_view nonce, std::string_view token) {
    if (fast_hash.empty()) return token.empty();
    if (token.size() != fast_hash.size()) return false;
    std::string stage1 = Xor(token, Sha256(fast_hash, nonce));
    return ConstantTimeEquals(Sha256(stage1), fast_hash);
}

std::string Sha2Crypt(std::string_view password, std::string_view salt) {
    std::string hash;
    for (size_t round = 0; round < kSha2CryptRounds; ++round) hash = Digest(EVP_sha256(), hash, salt, password);
    return hash;
}

}  // namespace flashlake::engine::auth
