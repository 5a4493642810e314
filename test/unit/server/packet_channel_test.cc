#include "server/mysql/packet_channel.h"

#include <gtest/gtest.h>
#include <sys/socket.h>
#include <unistd.h>

#include <thread>

#include "server/mysql/protocol.h"

namespace flashlake::server::mysql {
namespace {

// A connected socket pair: the channel reads from `server`, the test writes raw bytes to `client`.
class SocketPair {
public:
    SocketPair() {
        int fds[2];
        EXPECT_EQ(::socketpair(AF_UNIX, SOCK_STREAM, 0, fds), 0);
        server = fds[0];
        client = fds[1];
    }
    ~SocketPair() {
        if (server >= 0) ::close(server);
        CloseClient();
    }
    void Send(std::string_view bytes) const {
        size_t sent = 0;
        while (sent < bytes.size()) {
            ssize_t n = ::send(client, bytes.data() + sent, bytes.size() - sent, MSG_NOSIGNAL);
            if (n <= 0) return;
            sent += static_cast<size_t>(n);
        }
    }
    void CloseClient() {
        if (client >= 0) ::close(client);
        client = -1;
    }

    int server = -1;
    int client = -1;
};

std::string Framed(std::string_view payload, uint8_t sequence) {
    std::string out;
    AppendFramedPacket(payload, sequence, out);
    return out;
}

TEST(PacketChannelTest, FramesSmallPayload) {
    uint8_t sequence = 3;
    std::string out;
    AppendFramedPacket("abc", sequence, out);
    EXPECT_EQ(out, std::string("\x03\x00\x00\x03"
                               "abc",
                               7));
    EXPECT_EQ(sequence, 4);
    EXPECT_EQ(Framed("", 0), std::string(4, '\0'));
}

TEST(PacketChannelTest, SplitsPayloadsOf16MiB) {
    uint8_t sequence = 0;
    std::string out;
    AppendFramedPacket(std::string(kMaxPacketPayload, 'x'), sequence, out);
    // A full packet is followed by an empty one that ends the payload.
    ASSERT_EQ(out.size(), 4 + kMaxPacketPayload + 4);
    EXPECT_EQ(out.substr(0, 4), std::string("\xff\xff\xff\x00", 4));
    EXPECT_EQ(out.substr(4 + kMaxPacketPayload), std::string("\x00\x00\x00\x01", 4));
    EXPECT_EQ(sequence, 2);

    out.clear();
    sequence = 255;
    AppendFramedPacket(std::string(kMaxPacketPayload + 10, 'y'), sequence, out);
    ASSERT_EQ(out.size(), 4 + kMaxPacketPayload + 4 + 10);
    EXPECT_EQ(out.substr(4 + kMaxPacketPayload, 4), std::string("\x0a\x00\x00\x00", 4));  // sequence wraps
}

TEST(PacketChannelTest, ReadsPacketsInSequence) {
    SocketPair pair;
    PacketChannel channel(pair.server, 1024);
    pair.Send(Framed("hello", 0) + Framed("", 1) + Framed("world", 2));
    std::string payload;
    ASSERT_TRUE(channel.ReadPacket(payload).ok());
    EXPECT_EQ(payload, "hello");
    ASSERT_TRUE(channel.ReadPacket(payload).ok());
    EXPECT_EQ(payload, "");
    ASSERT_TRUE(channel.ReadPacket(payload).ok());
    EXPECT_EQ(payload, "world");
    EXPECT_EQ(channel.sequence(), 3);
}

TEST(PacketChannelTest, WrongSequenceIsCorruption) {
    SocketPair pair;
    PacketChannel channel(pair.server, 1024);
    pair.Send(Framed("x", 5));
    std::string payload;
    Status status = channel.ReadPacket(payload);
    EXPECT_EQ(status.code(), ErrorCode::kCorruption) << status.ToString();
}

TEST(PacketChannelTest, OversizedPacketIsRejectedBeforeReadingIt) {
    SocketPair pair;
    PacketChannel channel(pair.server, 100);
    pair.Send(std::string("\xe8\x03\x00\x00", 4));  // announces 1000 bytes, sends none
    std::string payload;
    Status status = channel.ReadPacket(payload);
    EXPECT_EQ(status.code(), ErrorCode::kInvalidArgument) << status.ToString();
}

TEST(PacketChannelTest, CloseBetweenPacketsIsANormalEnd) {
    SocketPair pair;
    PacketChannel channel(pair.server, 1024);
    pair.CloseClient();
    std::string payload;
    EXPECT_EQ(channel.ReadPacket(payload).code(), ErrorCode::kCancelled);
}

TEST(PacketChannelTest, CloseInsideAPacketIsAnError) {
    SocketPair pair;
    PacketChannel channel(pair.server, 1024);
    pair.Send(
        std::string("\x0a\x00\x00\x00"
                    "abc",
                    7));
    pair.CloseClient();
    std::string payload;
    EXPECT_EQ(channel.ReadPacket(payload).code(), ErrorCode::kIOError);

    SocketPair half_header;
    PacketChannel other(half_header.server, 1024);
    half_header.Send("\x01\x00");
    half_header.CloseClient();
    EXPECT_EQ(other.ReadPacket(payload).code(), ErrorCode::kIOError);
}

TEST(PacketChannelTest, GarbageNeverCrashes) {
    // Text where a header is expected: a huge length or a wrong sequence id, both clean errors.
    SocketPair pair;
    PacketChannel channel(pair.server, 1 << 20);
    pair.Send("garbage\r\n");
    pair.CloseClient();
    std::string payload;
    EXPECT_FALSE(channel.ReadPacket(payload).ok());
}

TEST(PacketChannelTest, JoinsContinuationPacketsAndWritesThemBack) {
    SocketPair pair;
    std::string big(kMaxPacketPayload + 100, 'z');
    big[0] = 'a';
    big.back() = 'b';
    std::thread writer([&] { pair.Send(Framed(big, 0)); });
    PacketChannel channel(pair.server, 32 << 20);
    std::string payload;
    Status status = channel.ReadPacket(payload);
    writer.join();
    ASSERT_TRUE(status.ok()) << status.ToString();
    EXPECT_EQ(payload.size(), big.size());
    EXPECT_TRUE(payload == big);
    EXPECT_EQ(channel.sequence(), 2);

    // The write side frames the same way: read it back through a second channel.
    PacketChannel echo(pair.client, 32 << 20);
    std::string received;
    std::thread reader([&] {
        PacketChannel in(pair.server, 32 << 20);
        EXPECT_TRUE(in.ReadPacket(received).ok());
    });
    ASSERT_TRUE(echo.WritePacket(big).ok());
    ASSERT_TRUE(echo.Flush().ok());
    reader.join();
    EXPECT_TRUE(received == big);
}

}  // namespace
}  // namespace flashlake::server::mysql
