#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

#include "sql/parser/ast_node.h"

namespace flashlake::sql {

// One statement's text in a script, found without parsing it.
struct ScriptPiece {
    std::string_view text;    // from its first to its last significant character, without the ';'
    uint32_t offset = 0;      // byte offset of text in the script
    Position position;        // line and column of text in the script
    bool terminated = false;  // ended by ';' (false for a last statement still being typed)
};

// Splits a script at the ';' that are outside strings, quoted identifiers and comments, the way the
// lexer reads them. Never fails: an unterminated string or comment runs to the end of the script
// and leaves the last piece unterminated, which is how the shell knows to read another line.
// Pieces holding only whitespace and comments are dropped.
std::vector<ScriptPiece> SplitScript(std::string_view script);

}  // namespace flashlake::sql
