// libFuzzer target: what a MySQL client sends before the engine sees it. The input is a byte
// stream as it arrives on the socket: PacketChannel frames it into packets (sequence ids,
// multi-packet payloads, max_allowed_packet), the first packet is a HandshakeResponse41, the
// others are commands decoded the way MysqlConnection::DispatchCommand does (without an engine).
//
// Input layout: byte 0 holds options (bit 0: restart the sequence per packet as each command
// does; bits 1-2: max payload 16 B / 1 KiB / 64 KiB / 16 MiB), the rest is the stream.
#include <sys/socket.h>
#include <unistd.h>

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

#include "server/mysql/handshake.h"
#include "server/mysql/packet_channel.h"
#include "server/mysql/protocol.h"
#include "server/mysql/wire_codec.h"
#include "sql/parser/parser.h"
#include "sql/parser/quoting.h"
#include "sql/parser/script_splitter.h"

namespace mysql = flashlake::server::mysql;

namespace {

[[noreturn]] void Fail(const char* what, std::string_view detail) {
    std::fprintf(stderr, "fuzz_mysql_packets: %s: %.*s\n", what, static_cast<int>(detail.size()), detail.data());
    std::abort();
}

void CheckHandshake(std::string_view payload) {
    // COM_CHANGE_USER's body has the handshake's fields in another layout; it must only never
    // crash or read past the packet (the sanitizers check), with either auth-response layout.
    (void)mysql::ParseChangeUser(payload, mysql::kClientSecureConnection | mysql::kClientPluginAuth);
    (void)mysql::ParseChangeUser(payload, 0);
    auto parsed = mysql::ParseHandshakeResponse(payload);
    if (!parsed.ok()) return;
    // The encoder writes the secure-connection layout; what it writes must read back the same.
    const auto& response = *parsed;
    bool lenenc = response.capabilities & mysql::kClientPluginAuthLenencClientData;
    bool secure = response.capabilities & mysql::kClientSecureConnection;
    if (!lenenc && (!secure || response.auth_response.size() > 255)) return;
    auto again = mysql::ParseHandshakeResponse(mysql::EncodeHandshakeResponse(response));
    if (!again.ok()) Fail("an encoded handshake response does not parse", again.status().ToString());
    if (again->capabilities != response.capabilities || again->user != response.user ||
        again->auth_response != response.auth_response || again->database != response.database ||
        again->auth_plugin != response.auth_plugin || again->charset != response.charset ||
        again->max_packet_size != response.max_packet_size) {
        Fail("handshake response changed in a round trip", payload);
    }
}

// Reads the body as a sequence of wire values, the way packet parsers walk a layout.
void WalkWireValues(std::string_view body) {
    mysql::WireReader in(body);
    while (in.ok() && !in.AtEnd()) {
        auto kind = in.Int1();
        if (!kind) break;
        size_t before = in.position();
        switch (*kind % 7) {
            case 0: (void)in.LenencInt(); break;
            case 1: (void)in.LenencString(); break;
            case 2: (void)in.NulString(); break;
            case 3: (void)in.Int2(); break;
            case 4: (void)in.Int4(); break;
            case 5: (void)in.IntN(*kind % 9); break;
            default: (void)in.Bytes(*kind); break;
        }
        if (in.ok() && in.position() < before) Fail("wire reader moved backwards", body);
    }
    if (in.position() > body.size()) Fail("wire reader past the end", body);
}

void CheckCommand(std::string_view payload) {
    if (payload.empty()) return;
    std::string_view body = payload.substr(1);
    switch (static_cast<mysql::Command>(payload[0])) {
        case mysql::Command::kQuery:
            (void)flashlake::sql::SplitScript(body);
            break;
        case mysql::Command::kInitDb: {
            // COM_INIT_DB runs `USE <quoted name>`: any name must quote to one identifier.
            std::string use = "USE " + flashlake::sql::QuoteIdentifier(body);
            auto parsed = flashlake::sql::ParseStatement(use);
            if (!parsed.ok() && !body.empty() && body.find('\0') == std::string_view::npos) {
                Fail("a quoted database name does not parse", use + " -> " + parsed.status().ToString());
            }
            break;
        }
        default:
            WalkWireValues(body);
            break;
    }
    // What the server writes back is framed the same way.
    uint8_t sequence = 0;
    std::string framed;
    mysql::AppendFramedPacket(payload, sequence, framed);
    if (framed.size() != payload.size() + 4u * sequence) Fail("framing lost bytes", payload);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    if (size == 0 || size > 64 * 1024) return -1;  // the socket buffer holds the whole stream
    uint8_t options = data[0];
    static constexpr size_t kMaxPayloads[] = {16, 1024, 64 * 1024, 16 << 20};
    int fds[2];
    if (::socketpair(AF_UNIX, SOCK_STREAM, 0, fds) != 0) std::abort();
    int buffer = 256 * 1024;
    ::setsockopt(fds[1], SOL_SOCKET, SO_SNDBUF, &buffer, sizeof(buffer));
    ::setsockopt(fds[0], SOL_SOCKET, SO_RCVBUF, &buffer, sizeof(buffer));
    size_t written = 0;
    while (written < size - 1) {
        ssize_t n = ::write(fds[1], data + 1 + written, size - 1 - written);
        if (n <= 0) std::abort();
        written += static_cast<size_t>(n);
    }
    ::shutdown(fds[1], SHUT_WR);

    mysql::PacketChannel channel(fds[0], kMaxPayloads[(options >> 1) & 3]);
    std::string payload;
    for (int packet = 0;; ++packet) {
        if (options & 1) channel.ResetSequence();
        if (!channel.ReadPacket(payload).ok()) break;
        if (payload.size() > kMaxPayloads[(options >> 1) & 3]) Fail("payload over max_payload", "");
        if (packet == 0) {
            CheckHandshake(payload);
        } else {
            CheckCommand(payload);
        }
    }
    ::close(fds[0]);
    ::close(fds[1]);
    return 0;
}
