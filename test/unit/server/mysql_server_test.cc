#include "server/mysql/mysql_server.h"

#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

#include <filesystem>
#include <thread>

#include "engine/engine.h"
#include "engine/auth_crypto.h"
#include "engine/user_store.h"
#include "server/mysql/handshake_auth.h"
#include "server/mysql/handshake.h"
#include "server/mysql/native_password.h"
#include "server/mysql/packet_channel.h"
#include "server/mysql/protocol.h"
#include "server/mysql/wire_codec.h"
#include "mysql_server_fixture.h"

// The server end to end over a real socket, driven by a hand-written client, for what the
// mariadb CLI in test/integration does not exercise: CLIENT_DEPRECATE_EOF, the auth switch
// packet, command edge cases, oversized packets, max_connections.
namespace flashlake::server::mysql {
namespace {

constexpr uint32_t kCaps = kClientProtocol41 | kClientSecureConnection | kClientPluginAuth |
                           kClientPluginAuthLenencClientData | kClientDeprecateEof | kClientMultiStatements;

class TestClient {
public:
    explicit TestClient(uint16_t port) {
        fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
        sockaddr_in address{};
        address.sin_family = AF_INET;
        address.sin_port = htons(port);
        address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        EXPECT_EQ(::connect(fd_, reinterpret_cast<sockaddr*>(&address), sizeof(address)), 0);
        timeval timeout{10, 0};  // a server that never answers fails the test instead of hanging it
        ::setsockopt(fd_, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof(timeout));
        channel_ = std::make_unique<PacketChannel>(fd_, 64 << 20);
    }
    ~TestClient() { ::close(fd_); }

    std::string Read() {
        std::string payload;
        last_ = channel_->ReadPacket(payload);
        return last_.ok() ? payload : "<" + last_.ToString() + ">";
    }
    void Write(std::string_view payload) {
        EXPECT_TRUE(channel_->WritePacket(payload).ok());
        EXPECT_TRUE(channel_->Flush().ok());
    }
    // Reads the handshake and answers it; returns the server's reply to the response.
    std::string Login(const std::string& password, const std::string& plugin = kNativePasswordPlugin,
                      uint32_t caps = kCaps) {
        std::string greeting = Read();
        WireReader in(greeting);
        in.Int1();
        in.NulString();
        connection_id = in.Int4().value_or(0);
        std::string scramble(in.Bytes(8).value_or(""));
        in.Skip(1 + 2 + 1 + 2 + 2 + 1 + 10);
        scramble += in.NulString().value_or("");
        HandshakeResponse response;
        response.capabilities = caps;
        response.user = "root";
        response.auth_plugin = plugin;
        // A caching_sha2 client answers with its token; "" is what one sends when the greeting
        // named another plugin (the server then switches it to caching_sha2); others send junk.
        response.auth_response = plugin == kNativePasswordPlugin ? NativePasswordToken(password, scramble)
                                 : plugin == kCachingSha2Plugin  ? engine::auth::Sha2Token(password, scramble)
                                 : plugin == "empty-caching_sha2" ? ""
                                                                  : "junk";
        if (plugin == "empty-caching_sha2") response.auth_plugin = kCachingSha2Plugin;
        Write(EncodeHandshakeResponse(response));
        std::string reply = Read();
        if (!reply.empty() && static_cast<uint8_t>(reply[0]) == kEofHeader && reply.size() > 1) {
            // AuthSwitchRequest: answer the scramble it carries, the way its plugin wants.
            WireReader request(reply);
            request.Int1();
            std::string switched_plugin(request.NulString().value_or(""));
            std::string switched(request.NulString().value_or(""));
            Write(switched_plugin == kCachingSha2Plugin ? engine::auth::Sha2Token(password, switched)
                                                        : NativePasswordToken(password, switched));
            reply = Read();
        }
        if (reply == std::string("\x01\x03", 2)) reply = Read();  // caching_sha2 fast auth success, then OK
        return reply;
    }
    std::string Command(uint8_t command, std::string_view body = {}) {
        channel_->ResetSequence();
        Write(std::string(1, static_cast<char>(command)) + std::string(body));
        return Read();
    }

    uint32_t connection_id = 0;
    Status last_;

private:
    int fd_ = -1;
    std::unique_ptr<PacketChannel> channel_;
};

uint16_t ErrorNumber(const std::string& packet) {
    if (packet.size() < 3 || static_cast<uint8_t>(packet[0]) != kErrHeader) return 0;
    return static_cast<uint16_t>(static_cast<uint8_t>(packet[1]) | (static_cast<uint8_t>(packet[2]) << 8));
}
bool IsOk(const std::string& packet) {
    return !packet.empty() && packet[0] == '\0';
}
uint16_t EofStatus(const std::string& packet) {  // status flags of an OK packet with an EOF header
    WireReader in(packet);
    in.Int1();
    in.LenencInt();
    in.LenencInt();
    return in.Int2().value_or(0xffff);
}

using MysqlServerTest = MysqlServerFixture;

TEST_F(MysqlServerTest, DeprecateEofMultiStatementResults) {
    StartServer({});
    TestClient client(port());
    ASSERT_TRUE(IsOk(client.Login("")));
    EXPECT_EQ(client.Command(0x03, "SELECT 1 AS a; SELECT 'x' AS b"), "\x01");
    client.Read();  // column definition
    EXPECT_EQ(client.Read(),
              "\x01"
              "1");
    std::string end = client.Read();
    ASSERT_EQ(static_cast<uint8_t>(end[0]), kEofHeader);
    EXPECT_EQ(EofStatus(end), kStatusAutocommit | kStatusMoreResultsExist);
    EXPECT_EQ(client.Read(), "\x01");
    client.Read();
    EXPECT_EQ(client.Read(),
              "\x01"
              "x");
    end = client.Read();
    ASSERT_EQ(static_cast<uint8_t>(end[0]), kEofHeader);
    EXPECT_EQ(EofStatus(end), kStatusAutocommit);
}

TEST_F(MysqlServerTest, PasswordAuthSwitchAndConnectionIds) {
    MysqlServerOptions options;
    options.root_password = "pw";
    StartServer(options);
    TestClient first(port());
    EXPECT_TRUE(IsOk(first.Login("pw")));
    EXPECT_EQ(first.connection_id, 1u);
    TestClient wrong(port());
    EXPECT_EQ(ErrorNumber(wrong.Login("nope")), kErAccessDenied);
    EXPECT_EQ(wrong.connection_id, 2u);
    TestClient switched(port());
    EXPECT_TRUE(IsOk(switched.Login("pw", "sha256_password")));  // switched to native
    EXPECT_EQ(switched.connection_id, 3u);
    TestClient switched_wrong(port());
    EXPECT_EQ(ErrorNumber(switched_wrong.Login("bad", "sha256_password")), kErAccessDenied);
    // caching_sha2_password: root's password was set at start, so the fast path answers.
    TestClient sha2(port());
    EXPECT_TRUE(IsOk(sha2.Login("pw", kCachingSha2Plugin)));
    TestClient sha2_wrong(port());
    EXPECT_EQ(ErrorNumber(sha2_wrong.Login("bad", kCachingSha2Plugin)), kErAccessDenied);
    TestClient sha2_empty(port());
    EXPECT_TRUE(IsOk(sha2_empty.Login("pw", "empty-caching_sha2")));  // switched to caching_sha2
}

TEST_F(MysqlServerTest, Commands) {
    StartServer({});
    TestClient client(port());
    ASSERT_TRUE(IsOk(client.Login("")));
    EXPECT_TRUE(IsOk(client.Command(0x0e)));                                    // COM_PING
    EXPECT_EQ(static_cast<uint8_t>(client.Command(0x04, "t")[0]), kEofHeader);  // COM_FIELD_LIST
    EXPECT_EQ(ErrorNumber(client.Command(0x05, "db")), kErUnknownCommand);     // COM_CREATE_DB
    EXPECT_EQ(ErrorNumber(client.Command(0x16, "SELEC ?")), 1064);             // COM_STMT_PREPARE
    EXPECT_EQ(ErrorNumber(client.Command(0x17, std::string("\x63\0\0\0\0\x01\0\0\0", 9))), kErUnknownStatement);
    EXPECT_EQ(ErrorNumber(client.Command(0x02, "no_such_db")), 1049);  // COM_INIT_DB
    EXPECT_EQ(ErrorNumber(client.Command(0x03, "  ")), kErEmptyQuery);
    EXPECT_EQ(ErrorNumber(client.Command(0x03, "SELEC 1")), 1064);
    EXPECT_TRUE(IsOk(client.Command(0x03, "SET autocommit = 1")));
    EXPECT_TRUE(IsOk(client.Command(0x1f)));                                          // COM_RESET_CONNECTION
    EXPECT_TRUE(IsOk(client.Command(0x0e)));                                          // still usable after every error
    EXPECT_EQ(client.Command(0x01), "<Cancelled: connection closed by the client>");  // COM_QUIT
}

TEST_F(MysqlServerTest, MalformedChangeUserEndsTheConnection) {
    StartServer({});
    TestClient client(port());
    ASSERT_TRUE(IsOk(client.Login("")));
    EXPECT_EQ(ErrorNumber(client.Command(0x11, "root")), kErHandshake);  // no NUL after the user name
    client.Read();
    EXPECT_FALSE(client.last_.ok());
    TestClient next(port());
    EXPECT_TRUE(IsOk(next.Login("")));
}

TEST_F(MysqlServerTest, FetchWithoutCursor) {
    StartServer({});
    TestClient client(port());
    ASSERT_TRUE(IsOk(client.Login("")));
    EXPECT_EQ(ErrorNumber(client.Command(0x1c, std::string("\x07\0\0\0\x01\0\0\0", 8))), kErUnknownStatement);
    EXPECT_EQ(ErrorNumber(client.Command(0x1c, "\x07")), kErWrongArguments);
    std::string prepared = client.Command(0x16, "SELECT 1");
    ASSERT_TRUE(IsOk(prepared));
    client.Read();  // the column definition
    EXPECT_EQ(ErrorNumber(client.Command(0x1c, std::string("\x01\0\0\0\x01\0\0\0", 8))), kErNoOpenCursor);
    EXPECT_TRUE(IsOk(client.Command(0x0e)));
}

TEST_F(MysqlServerTest, MultiStatementsNeedTheCapability) {
    StartServer({});
    TestClient client(port());
    ASSERT_TRUE(IsOk(client.Login("", kNativePasswordPlugin, kCaps & ~static_cast<uint32_t>(kClientMultiStatements))));
    EXPECT_EQ(ErrorNumber(client.Command(0x03, "SELECT 1; SELECT 2")), 1064);
    EXPECT_EQ(client.Command(0x03, "SELECT 1;"), "\x01");  // a trailing ';' is one statement
}

TEST_F(MysqlServerTest, OversizedPacketGetsAnErrorAndTheServerGoesOn) {
    MysqlServerOptions options;
    options.max_allowed_packet = 1024;
    StartServer(options);
    TestClient client(port());
    ASSERT_TRUE(IsOk(client.Login("")));
    EXPECT_EQ(ErrorNumber(client.Command(0x03, "SELECT '" + std::string(2000, 'x') + "'")), kErPacketTooLarge);
    client.Read();
    EXPECT_FALSE(client.last_.ok());  // and the connection is closed
    TestClient next(port());
    EXPECT_TRUE(IsOk(next.Login("")));
}

TEST_F(MysqlServerTest, TooManyConnections) {
    MysqlServerOptions options;
    options.max_connections = 1;
    StartServer(options);
    TestClient first(port());
    ASSERT_TRUE(IsOk(first.Login("")));
    TestClient second(port());
    std::string reply = second.Login("");
    EXPECT_EQ(ErrorNumber(reply), kErTooManyConnections);
    EXPECT_NE(reply.find("Too many connections"), std::string::npos);
    EXPECT_TRUE(IsOk(first.Command(0x0e)));  // the first one is unaffected
}

}  // namespace
}  // namespace flashlake::server::mysql
