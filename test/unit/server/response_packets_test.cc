#include "server/mysql/response_packets.h"

#include <gtest/gtest.h>

#include "server/mysql/protocol.h"

namespace flashlake::server::mysql {
namespace {

TEST(ResponsePacketsTest, Ok) {
    OkPacket ok;
    ok.affected_rows = 300;
    ok.status = kStatusAutocommit;
    EXPECT_EQ(EncodeOk(ok), std::string("\x00\xfc\x2c\x01\x00\x02\x00\x00\x00", 9));
    ok.affected_rows = 1;
    ok.info = "hi";
    EXPECT_EQ(EncodeOk(ok), std::string("\x00\x01\x00\x02\x00\x00\x00\x02hi", 10));
}

TEST(ResponsePacketsTest, Eof) {
    EXPECT_EQ(EncodeEof(kStatusAutocommit | kStatusMoreResultsExist, 1), std::string("\xfe\x01\x00\x0a\x00", 5));
    EXPECT_EQ(EncodeOkAsEof(kStatusAutocommit, 0), std::string("\xfe\x00\x00\x02\x00\x00\x00", 7));
}

TEST(ResponsePacketsTest, ErrFromStatusUsesTheErrorCode) {
    EXPECT_EQ(EncodeErr(Status(ErrorCode::kSyntaxError, "bad")), std::string("\xff\x28\x04#42000bad"));
    EXPECT_EQ(EncodeErr(Status(ErrorCode::kUnknownTable, "no t")), std::string("\xff\x7a\x04#42S02no t"));
    EXPECT_EQ(EncodeErr(kErAccessDenied, "28000", "denied"), std::string("\xff\x15\x04#28000denied"));
}

TEST(ResponsePacketsTest, LongMessagesAreCutOnACharacterBoundary) {
    std::string message = std::string(511, 'a') + "\xc3\xa9" + std::string(100, 'b');
    std::string packet = EncodeErr(1105, "HY000", message);
    EXPECT_EQ(packet.size(), 9 + 511u);  // the two-byte character at 511..512 is left out whole
}

}  // namespace
}  // namespace flashlake::server::mysql
