#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>

#include "common/status.h"
#include "server/mysql/protocol.h"
#include "types/logical_type.h"

namespace flashlake {
class Chunk;
}
namespace flashlake::exec {
struct QueryRows;
}

namespace flashlake::server::mysql {

// How a result column is described to the client (ColumnDefinition41).
struct ColumnDefinition {
    std::string schema;
    std::string table;
    std::string name;
    uint16_t charset = kCharsetBinary;
    uint32_t length = 0;  // maximum display length in bytes
    ColumnType type = ColumnType::kVarString;
    uint16_t flags = 0;
    uint8_t decimals = 0;
};

// The MySQL column type, charset, length, flags and decimals of a Flashlake type: BOOLEAN and
// TINYINT..BIGINT as TINY..LONGLONG, LARGEINT and DECIMAL as NEWDECIMAL, VARCHAR as VAR_STRING in
// utf8mb4, VARBINARY/BITMAP/HLL as BLOB in the binary charset.
ColumnDefinition DescribeColumn(std::string name, const LogicalType& type);
std::string EncodeColumnDefinition(const ColumnDefinition& column);

// Appends the text-protocol row `row` of `chunk` to `out`: each cell as a length-encoded string
// of the value's text, NULL as 0xfb.
void AppendTextRow(const Chunk& chunk, size_t row, std::string& out);

using PacketSink = std::function<Status(std::string_view payload)>;

// Sends a text result set through `sink`: the column count, the column definitions, an EOF
// (unless deprecate_eof), one packet per row, and the terminator (EOF, or OK with an EOF header
// under deprecate_eof) carrying `status` (e.g. kStatusMoreResultsExist).
Status EncodeResultSet(const exec::QueryRows& rows, bool deprecate_eof, uint16_t status, const PacketSink& sink);

}  // namespace flashlake::server::mysql
