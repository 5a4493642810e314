#include "server/mysql/handshake.h"

#include <gtest/gtest.h>

#include "server/mysql/protocol.h"
#include "server/mysql/wire_codec.h"

namespace flashlake::server::mysql {
namespace {

constexpr uint32_t kClientCaps = kClientProtocol41 | kClientSecureConnection | kClientPluginAuth |
                                 kClientPluginAuthLenencClientData | kClientConnectWithDb | kClientMultiStatements |
                                 kClientDeprecateEof;

TEST(HandshakeTest, HandshakeV10Layout) {
    HandshakeV10 handshake;
    handshake.server_version = "8.0.33-Flashlake";
    handshake.connection_id = 7;
    handshake.scramble = "abcdefghijklmnopqrst";
    handshake.capabilities = kServerCapabilities;
    handshake.charset = kCharsetUtf8mb4GeneralCi;
    handshake.status = kStatusAutocommit;
    std::string bytes = EncodeHandshakeV10(handshake);

    WireReader in(bytes);
    EXPECT_EQ(in.Int1(), 10);
    EXPECT_EQ(in.NulString(), "8.0.33-Flashlake");
    EXPECT_EQ(in.Int4(), 7u);
    EXPECT_EQ(in.Bytes(8), "abcdefgh");
    EXPECT_EQ(in.Int1(), 0);
    auto low = in.Int2();
    EXPECT_EQ(in.Int1(), kCharsetUtf8mb4GeneralCi);
    EXPECT_EQ(in.Int2(), kStatusAutocommit);
    auto high = in.Int2();
    ASSERT_TRUE(low && high);
    EXPECT_EQ(static_cast<uint32_t>(*low) | (static_cast<uint32_t>(*high) << 16), kServerCapabilities);
    EXPECT_EQ(in.Int1(), 21);  // scramble length + NUL
    EXPECT_EQ(in.Bytes(10), std::string(10, '\0'));
    EXPECT_EQ(in.NulString(), "ijklmnopqrst");
    EXPECT_EQ(in.NulString(), "mysql_native_password");
    EXPECT_TRUE(in.ok());
    EXPECT_TRUE(in.AtEnd());
}

TEST(HandshakeTest, ResponseRoundTrip) {
    HandshakeResponse response;
    response.capabilities = kClientCaps;
    response.max_packet_size = 1 << 24;
    response.charset = kCharsetUtf8mb4GeneralCi;
    response.user = "root";
    response.auth_response = std::string("\x01\x00\xff tokenbytes\x00", 15);
    response.database = "sales";
    response.auth_plugin = "caching_sha2_password";
    auto parsed = ParseHandshakeResponse(EncodeHandshakeResponse(response));
    ASSERT_TRUE(parsed.ok()) << parsed.status().ToString();
    EXPECT_EQ(parsed->capabilities, kClientCaps);
    EXPECT_EQ(parsed->max_packet_size, 1u << 24);
    EXPECT_EQ(parsed->user, "root");
    EXPECT_EQ(parsed->auth_response, response.auth_response);
    EXPECT_EQ(parsed->database, "sales");
    EXPECT_EQ(parsed->auth_plugin, "caching_sha2_password");
}

TEST(HandshakeTest, ResponseWithOneByteAuthLengthAndAttributes) {
    HandshakeResponse response;
    response.capabilities = kClientProtocol41 | kClientSecureConnection | kClientPluginAuth | kClientConnectAttrs;
    response.user = "root";
    response.auth_response = "12345678901234567890";
    response.auth_plugin = "mysql_native_password";
    std::string bytes = EncodeHandshakeResponse(response);
    WireWriter attributes;
    attributes.LenencString("_client_name");
    attributes.LenencString("libmariadb");
    WireWriter tail;
    tail.LenencString(attributes.data());
    bytes += tail.data();
    auto parsed = ParseHandshakeResponse(bytes);
    ASSERT_TRUE(parsed.ok()) << parsed.status().ToString();
    EXPECT_EQ(parsed->auth_response, "12345678901234567890");
    EXPECT_EQ(parsed->auth_plugin, "mysql_native_password");

    bytes.pop_back();  // the attributes now claim a byte more than the packet holds
    EXPECT_FALSE(ParseHandshakeResponse(bytes).ok());
}

TEST(HandshakeTest, PluginNameWithoutNul) {
    HandshakeResponse response;
    response.capabilities = kClientProtocol41 | kClientSecureConnection | kClientPluginAuth;
    response.user = "root";
    response.auth_plugin = "mysql_native_password";
    std::string bytes = EncodeHandshakeResponse(response);
    bytes.pop_back();
    auto parsed = ParseHandshakeResponse(bytes);
    ASSERT_TRUE(parsed.ok());
    EXPECT_EQ(parsed->auth_plugin, "mysql_native_password");
}

TEST(HandshakeTest, EveryTruncationIsACleanError) {
    HandshakeResponse response;
    response.capabilities = kClientCaps | kClientConnectAttrs;
    response.user = "root";
    response.auth_response = std::string(20, 'k');
    response.database = "db";
    response.auth_plugin = "mysql_native_password";
    std::string bytes = EncodeHandshakeResponse(response);
    // Up to the end of the auth response the layout is mandatory.
    size_t mandatory = 4 + 4 + 1 + 23 + 5 + 1 + 20;
    for (size_t length = 0; length < mandatory; ++length) {
        EXPECT_FALSE(ParseHandshakeResponse(bytes.substr(0, length)).ok()) << length;
    }
    for (size_t length = mandatory; length <= bytes.size(); ++length) {
        (void)ParseHandshakeResponse(bytes.substr(0, length));  // must not crash or overread
    }
}

TEST(HandshakeTest, RejectsOldProtocolAndSsl) {
    HandshakeResponse old;
    old.capabilities = kClientSecureConnection;
    old.user = "root";
    EXPECT_FALSE(ParseHandshakeResponse(EncodeHandshakeResponse(old)).ok());

    WireWriter ssl;
    ssl.Int4(kClientProtocol41 | kClientSsl);
    ssl.Int4(1 << 24);
    ssl.Int1(kCharsetUtf8mb4GeneralCi);
    ssl.Zeros(23);
    auto parsed = ParseHandshakeResponse(ssl.data());
    ASSERT_FALSE(parsed.ok());
    EXPECT_NE(parsed.status().message().find("SSL"), std::string::npos);
}

TEST(HandshakeTest, AuthSwitchRequest) {
    std::string bytes = EncodeAuthSwitchRequest("mysql_native_password", "abcdefghijklmnopqrst");
    EXPECT_EQ(bytes, std::string("\xfemysql_native_password\0abcdefghijklmnopqrst\0", 1 + 22 + 21));
}

}  // namespace
}  // namespace flashlake::server::mysql
