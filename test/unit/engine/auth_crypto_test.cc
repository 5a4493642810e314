#include "engine/auth_crypto.h"

#include <gtest/gtest.h>

namespace flashlake::engine::auth {
namespace {

std::string Xor(std::string a, const std::string& b) {
    for (size_t i = 0; i < a.size(); ++i) a[i] = static_cast<char>(a[i] ^ b[i]);
    return a;
}

TEST(AuthCryptoTest, DigestsMatchPublishedVectors) {
    // FIPS 180 examples.
    EXPECT_EQ(ToHex(Sha1("abc")), "a9993e364706816aba3e25717850c26c9cd0d89d");
    EXPECT_EQ(ToHex(Sha256("abc")), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    // The two halves are hashed as one message.
    EXPECT_EQ(Sha256("a", "bc"), Sha256("abc"));
}

TEST(AuthCryptoTest, NativeHashIsMysqlPasswordFunction) {
    // MySQL 5.7: SELECT PASSWORD('password') = '*2470C0C06DEE42FD1618BB99005ADCA2EC9D1E19'.
    EXPECT_EQ(ToHex(NativeHash("password")), "2470c0c06dee42fd1618bb99005adca2ec9d1e19");
    EXPECT_EQ(NativeHash(""), "");
}

TEST(AuthCryptoTest, NativeTokenFromTheDefinition) {
    std::string nonce = "abcdefghijklmnopqrst";
    std::string stage1 = Sha1("s3cret");
    std::string stage2 = Sha1(stage1);
    // What a client sends: SHA1(pw) XOR SHA1(nonce || SHA1(SHA1(pw))).
    std::string token = Xor(stage1, Sha1(nonce, stage2));
    EXPECT_TRUE(VerifyNativeToken(NativeHash("s3cret"), nonce, token));
    EXPECT_FALSE(VerifyNativeToken(NativeHash("other"), nonce, token));
    EXPECT_FALSE(VerifyNativeToken(NativeHash("s3cret"), "bbcdefghijklmnopqrst", token));
    EXPECT_FALSE(VerifyNativeToken(NativeHash("s3cret"), nonce, token.substr(1)));
    EXPECT_FALSE(VerifyNativeToken(NativeHash("s3cret"), nonce, ""));
    // No password: only the empty answer.
    EXPECT_TRUE(VerifyNativeToken("", nonce, ""));
    EXPECT_FALSE(VerifyNativeToken("", nonce, token));
}

TEST(AuthCryptoTest, Sha2FastPathFromTheDefinition) {
    std::string nonce = "0123456789abcdefghij";
    std::string stage1 = Sha256("s3cret");
    // caching_sha2_password: SHA256(pw) XOR SHA256(SHA256(SHA256(pw)) || nonce).
    std::string token = Xor(stage1, Sha256(Sha256(stage1), nonce));
    EXPECT_EQ(Sha2Token("s3cret", nonce), token);
    EXPECT_EQ(Sha2FastHash("s3cret"), Sha256(stage1));
    EXPECT_TRUE(VerifySha2Token(Sha2FastHash("s3cret"), nonce, token));
    EXPECT_FALSE(VerifySha2Token(Sha2FastHash("S3cret"), nonce, token));
    EXPECT_FALSE(VerifySha2Token(Sha2FastHash("s3cret"), "1123456789abcdefghij", token));
    EXPECT_TRUE(VerifySha2Token("", nonce, ""));
    EXPECT_FALSE(VerifySha2Token("", nonce, token));
}

TEST(AuthCryptoTest, Sha2CryptIsSaltedAndIterated) {
    // By hand from the definition: h = SHA256(h || salt || pw), from h = "".
    std::string h = "";
    for (size_t i = 0; i < kSha2CryptRounds; ++i) h = Sha256(h + "salt", "pw");
    EXPECT_EQ(Sha2Crypt("pw", "salt"), h);
    EXPECT_NE(Sha2Crypt("pw", "salt"), Sha2Crypt("pw", "pepper"));
    EXPECT_EQ(Sha2Crypt("pw", "salt").size(), 32u);
}

TEST(AuthCryptoTest, HexRoundTrip) {
    EXPECT_EQ(FromHex(ToHex(std::string("\x00\xff\x10", 3))), std::string("\x00\xff\x10", 3));
    EXPECT_EQ(FromHex("abc"), "");
    EXPECT_EQ(FromHex("zz"), "");
}

}  // namespace
}  // namespace flashlake::engine::auth
