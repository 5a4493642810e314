#pragma once

#include <string>
#include <vector>

namespace flashlake::cli {

// `flashlake sql`: the embedded SQL shell. Returns the process exit code.
int RunSqlShell(const std::vector<std::string>& args);

// Whether `text` ends a statement: a ';' outside quotes, backticks and comments is its last
// non-space character. The shell uses it to tell when a multi-line statement is complete.
bool EndsStatement(const std::string& text);

}  // namespace flashlake::cli
