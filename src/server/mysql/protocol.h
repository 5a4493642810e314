#pragma once

#include <cstdint>

// Constants of the MySQL client/server protocol (protocol 4.1 and later) as Flashlake speaks it.
// docs/protocols/mysql.md describes what the server implements.
namespace flashlake::server::mysql {

// A packet is a 3-byte little-endian payload length, a 1-byte sequence id and the payload. A
// payload of exactly kMaxPacketPayload bytes is continued by the next packet.
constexpr uint32_t kMaxPacketPayload = 0xFFFFFF;

// Capability flags (HandshakeV10, HandshakeResponse41).
enum Capability : uint32_t {
    kClientLongPassword = 1u << 0,  // also "CLIENT_MYSQL": MariaDB clients treat us as MySQL
    kClientFoundRows = 1u << 1,
    kClientLongFlag = 1u << 2,
    kClientConnectWithDb = 1u << 3,
    kClientNoSchema = 1u << 4,
    kClientCompress = 1u << 5,
    kClientOdbc = 1u << 6,
    kClientLocalFiles = 1u << 7,
    kClientIgnoreSpace = 1u << 8,
    kClientProtocol41 = 1u << 9,
    kClientInteractive = 1u << 10,
    kClientSsl = 1u << 11,
    kClientIgnoreSigpipe = 1u << 12,
    kClientTransactions = 1u << 13,
    kClientReserved = 1u << 14,
    kClientSecureConnection = 1u << 15,
    kClientMultiStatements = 1u << 16,
    kClientMultiResults = 1u << 17,
    kClientPsMultiResults = 1u << 18,
    kClientPluginAuth = 1u << 19,
    kClientConnectAttrs = 1u << 20,
    kClientPluginAuthLenencClientData = 1u << 21,
    kClientCanHandleExpiredPasswords = 1u << 22,
    kClientSessionTrack = 1u << 23,
    kClientDeprecateEof = 1u << 24,
};

// What the server offers; a connection uses the intersection with what the client asks for.
constexpr uint32_t kServerCapabilities =
    kClientLongPassword | kClientFoundRows | kClientLongFlag | kClientConnectWithDb | kClientNoSchema | kClientOdbc |
    kClientIgnoreSpace | kClientProtocol41 | kClientInteractive | kClientIgnoreSigpipe | kClientTransactions |
    kClientSecureConnection | kClientMultiStatements | kClientMultiResults | kClientPsMultiResults | kClientPluginAuth |
    kClientConnectAttrs | kClientPluginAuthLenencClientData | kClientSessionTrack | kClientDeprecateEof;

// Server status flags (OK, EOF packets).
enum ServerStatus : uint16_t {
    kStatusInTransaction = 0x0001,
    kStatusAutocommit = 0x0002,
    kStatusMoreResultsExist = 0x0008,
    kStatusCursorExists = 0x0040,  // COM_STMT_EXECUTE opened a cursor; rows come by COM_STMT_FETCH
    kStatusLastRowSent = 0x0080,   // COM_STMT_FETCH sent the cursor's last row; it is closed
};

enum class Command : uint8_t {
    kSleep = 0x00,
    kQuit = 0x01,
    kInitDb = 0x02,
    kQuery = 0x03,
    kFieldList = 0x04,
    kStatistics = 0x09,
    kPing = 0x0e,
    kChangeUser = 0x11,
    kProcessKill = 0x0c,
    kStmtPrepare = 0x16,
    kStmtExecute = 0x17,
    kStmtSendLongData = 0x18,
    kStmtClose = 0x19,
    kStmtReset = 0x1a,
    kSetOption = 0x1b,
    kStmtFetch = 0x1c,
    kResetConnection = 0x1f,
};

enum class ColumnType : uint8_t {
    kDecimal = 0x00,
    kTiny = 0x01,
    kShort = 0x02,
    kLong = 0x03,
    kFloat = 0x04,
    kDouble = 0x05,
    kNull = 0x06,
    kTimestamp = 0x07,
    kLongLong = 0x08,
    kInt24 = 0x09,
    kDate = 0x0a,
    kTime = 0x0b,
    kDateTime = 0x0c,
    kYear = 0x0d,
    kVarchar = 0x0f,
    kJson = 0xf5,
    kNewDecimal = 0xf6,
    kBlob = 0xfc,
    kVarString = 0xfd,
    kString = 0xfe,
};

enum ColumnFlag : uint16_t {
    kFlagNotNull = 0x0001,
    kFlagPrimaryKey = 0x0002,
    kFlagBlob = 0x0010,
    kFlagUnsigned = 0x0020,
    kFlagBinary = 0x0080,
    kFlagNum = 0x8000,
};

// Collation ids sent in handshakes and column definitions.
constexpr uint8_t kCharsetUtf8GeneralCi = 33;
constexpr uint8_t kCharsetUtf8mb4GeneralCi = 45;
constexpr uint8_t kCharsetBinary = 63;

// First payload byte of the generic response packets.
constexpr uint8_t kOkHeader = 0x00;
constexpr uint8_t kEofHeader = 0xfe;
constexpr uint8_t kErrHeader = 0xff;
constexpr uint8_t kNullCell = 0xfb;  // a NULL in a text result row

constexpr const char* kNativePasswordPlugin = "mysql_native_password";
constexpr size_t kScrambleLength = 20;

// MySQL error numbers the server raises itself (the engine's come from ErrorCode).
constexpr uint16_t kErAccessDenied = 1045;
constexpr uint16_t kErUnknownCommand = 1047;
constexpr uint16_t kErEmptyQuery = 1065;
constexpr uint16_t kErTooManyConnections = 1040;
constexpr uint16_t kErSecureTransportRequired = 3159;  // require_secure_transport and no TLS
constexpr uint16_t kErHandshake = 1043;
constexpr uint16_t kErPacketTooLarge = 1153;
constexpr uint16_t kErNotSupportedAuthMode = 1251;
constexpr uint16_t kErUnknownStatement = 1243;      // unknown prepared statement id
constexpr uint16_t kErNoOpenCursor = 1421;          // COM_STMT_FETCH without an open cursor
constexpr uint16_t kErWrongArguments = 1210;        // malformed COM_STMT_EXECUTE parameters
constexpr uint16_t kErTooManyStatements = 1461;     // max_prepared_stmt_count reached

}  // namespace flashlake::server::mysql
