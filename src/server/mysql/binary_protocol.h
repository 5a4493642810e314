#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "common/result.h"
#include "exec/query_executor.h"
#include "server/mysql/result_set_encoder.h"
#include "types/value.h"

namespace flashlake::server::mysql {

// The binary protocol of prepared statements (COM_STMT_*), as docs/protocols/mysql.md describes.

// A parameter's type as the client bound it: the MySQL column type and whether it is unsigned.
struct ParameterType {
    ColumnType type = ColumnType::kNull;
    bool is_unsigned = false;
};

// Decodes the parameter block of COM_STMT_EXECUTE (after stmt-id, flags and iteration-count):
// the NULL bitmap, the new-params-bound flag with one type per parameter, then each non-NULL value
// in its binary encoding. `types` holds the types bound by an earlier execution and is replaced
// when the client sends new ones. A parameter with data from COM_STMT_SEND_LONG_DATA (in
// `long_data`) takes that data and has no value in the packet. Integers keep their width (unsigned
// ones widen so that they stay exact), FLOAT and DOUBLE are floating point, DECIMAL text becomes
// a DECIMAL of its own precision and scale, strings and blobs VARCHAR, DATE a DATE, DATETIME and
// TIMESTAMP a DATETIME, TIME its text. kInvalidArgument names the parameter on a malformed block.
Result<std::vector<Value>> DecodeExecuteParameters(std::string_view block, size_t count,
                                                   std::vector<ParameterType>& types,
                                                   const std::map<uint16_t, std::string>& long_data);

// Sends a result set in the binary row format through `sink`: the column count, the column
// definitions, an EOF (unless deprecate_eof), one binary row per packet (header 0x00, a NULL
// bitmap offset by 2 bits, each value in its type's binary encoding) and the terminator.
Status EncodeBinaryResultSet(const exec::QueryRows& rows, bool deprecate_eof, uint16_t status,
                             const PacketSink& sink);

// The column count and definitions alone: what COM_STMT_EXECUTE sends when it opens a cursor,
// before one terminator carrying kStatusCursorExists.
Status EncodeBinaryResultMetadata(const exec::QueryRows& rows, const PacketSink& sink);

// A result's rows sent in the binary row format some at a time: a cursor for COM_STMT_FETCH.
// It owns the rows (the whole result, materialised by the execution).
class BinaryRowCursor {
public:
    explicit BinaryRowCursor(exec::QueryRows rows) : rows_(std::move(rows)) {}
    // Sends up to `max_rows` rows, one packet each, from where the last call stopped.
    Status SendRows(size_t max_rows, const PacketSink& sink);
    bool exhausted() const { return chunk_ >= rows_.chunks.size(); }

private:
    exec::QueryRows rows_;
    size_t chunk_ = 0;  // the next row to send: rows_.chunks[chunk_], row row_
    size_t row_ = 0;
};

// COM_STMT_PREPARE's answer: the OK header, then one definition per parameter and per result
// column, each group ended by an EOF unless deprecate_eof.
Status EncodePrepareResponse(uint32_t statement_id, size_t parameter_count,
                             const std::vector<ColumnDefinition>& columns, bool deprecate_eof, uint16_t status,
                             const PacketSink& sink);

}  // namespace flashlake::server::mysql
