#pragma once

#include <cstdint>
#include <string>

#include "exec/query_executor.h"

namespace flashlake::engine {

// What one statement produced: rows (a query, SHOW, EXPLAIN) or a count of affected rows and a
// message (DDL, DML, SET). `elapsed_micros` is measured inside the engine, from parse to result.
struct StatementResult {
    bool has_rows = false;
    exec::QueryRows rows;
    int64_t affected_rows = 0;
    std::string message;
    int64_t elapsed_micros = 0;
    std::string statement_text;
};

}  // namespace flashlake::engine
