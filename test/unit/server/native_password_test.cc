#include "server/mysql/native_password.h"

#include <gtest/gtest.h>

#include "server/mysql/protocol.h"

namespace flashlake::server::mysql {
namespace {

std::string Hex(const std::string& bytes) {
    static const char* kDigits = "0123456789ABCDEF";
    std::string out;
    for (unsigned char c : bytes) {
        out += kDigits[c >> 4];
        out += kDigits[c & 15];
    }
    return out;
}

TEST(NativePasswordTest, HashMatchesMysqlPasswordFunction) {
    // MySQL 5.7: SELECT PASSWORD('password') = '*2470C0C06DEE42FD1618BB99005ADCA2EC9D1E19'.
    EXPECT_EQ(Hex(NativePasswordHash("password")), "2470C0C06DEE42FD1618BB99005ADCA2EC9D1E19");
    EXPECT_EQ(NativePasswordHash(""), "");
}

TEST(NativePasswordTest, ScrambleHasNoNul) {
    for (int i = 0; i < 100; ++i) {
        std::string scramble = GenerateScramble();
        ASSERT_EQ(scramble.size(), kScrambleLength);
        EXPECT_EQ(scramble.find('\0'), std::string::npos);
    }
    EXPECT_NE(GenerateScramble(), GenerateScramble());
}

TEST(NativePasswordTest, RightPasswordVerifies) {
    std::string scramble = GenerateScramble();
    std::string stored = NativePasswordHash("s3cret");
    std::string token = NativePasswordToken("s3cret", scramble);
    EXPECT_EQ(token.size(), 20u);
    EXPECT_TRUE(VerifyNativePassword(stored, scramble, token));
}

TEST(NativePasswordTest, WrongPasswordOrScrambleFails) {
    std::string scramble = GenerateScramble();
    std::string stored = NativePasswordHash("s3cret");
    EXPECT_FALSE(VerifyNativePassword(stored, scramble, NativePasswordToken("secret", scramble)));
    EXPECT_FALSE(VerifyNativePassword(stored, scramble, NativePasswordToken("s3cret", GenerateScramble())));
    EXPECT_FALSE(VerifyNativePassword(stored, scramble, ""));
    EXPECT_FALSE(VerifyNativePassword(stored, scramble, "short"));
    EXPECT_FALSE(VerifyNativePassword(stored, scramble, std::string(20, '\0')));
}

TEST(NativePasswordTest, EmptyPassword) {
    std::string scramble = GenerateScramble();
    EXPECT_EQ(NativePasswordToken("", scramble), "");
    EXPECT_TRUE(VerifyNativePassword("", scramble, ""));
    EXPECT_FALSE(VerifyNativePassword("", scramble, NativePasswordToken("x", scramble)));
}

}  // namespace
}  // namespace flashlake::server::mysql
