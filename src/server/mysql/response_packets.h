#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "common/status.h"

namespace flashlake::server::mysql {

// The generic responses that end a command: OK (success), ERR (failure), EOF (end of column
// definitions or rows for clients without CLIENT_DEPRECATE_EOF).

struct OkPacket {
    uint64_t affected_rows = 0;
    uint64_t last_insert_id = 0;
    uint16_t status = 0;
    uint16_t warnings = 0;
    std::string info;  // human-readable, e.g. "Rows matched: 1"
};

std::string EncodeOk(const OkPacket& ok);
// The OK packet with an EOF header that ends a result set under CLIENT_DEPRECATE_EOF. It carries
// no info text, so it stays shorter than 9 bytes and cannot be mistaken for a row.
std::string EncodeOkAsEof(uint16_t status, uint16_t warnings);
std::string EncodeEof(uint16_t status, uint16_t warnings);
std::string EncodeErr(uint16_t error_number, std::string_view sqlstate, std::string_view message);
// ERR for an engine error: errno and SQLSTATE from the Status' ErrorCode.
std::string EncodeErr(const Status& status);

}  // namespace flashlake::server::mysql
