#include "main/sql_shell.h"

#include <editline/readline.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <sstream>

#include "common/config.h"
#include "engine/engine.h"
#include "engine/session.h"
#include "main/command_line.h"
#include "main/result_printer.h"

namespace flashlake::cli {

namespace {

constexpr const char* kUsage =
    "usage: flashlake sql [--warehouse DIR] [-e SQL] [-f FILE] [--format table|csv|tsv|json] [--timing]\n"
    "                     [--threads N]\n";

struct ShellOptions {
    std::string warehouse = DefaultWarehouse();
    std::string execute;  // -e
    std::string file;     // -f
    OutputFormat format = OutputFormat::kTable;
    bool timing = false;
    size_t threads = 0;  // worker pool size; 0: one per core
};

bool ParseShellArgs(const std::vector<std::string>& args, ShellOptions& options, std::string& error) {
    CommandLine line;
    auto text = [](std::string& out) {
        return [&out](const std::string& value) {
            out = value;
            return std::string();
        };
    };
    line.AddValue("warehouse", text(options.warehouse));
    line.AddValue("execute", text(options.execute), {"-e"});
    line.AddValue("file", text(options.file), {"-f"});
    line.AddValue("format", [&](const std::string& value) {
        return ParseOutputFormat(value, options.format) ? std::string()
                                                        : "unknown format '" + value + "' (table, csv, tsv or json)";
    });
    AddColumnCacheOption(line);
    line.AddSwitch("timing", [&] { options.timing = true; });
    line.AddValue("threads", [&](const std::string& value) {
        uint64_t threads = 0;
        std::string bad = ParseCount("--threads", value, 1, 1024, threads);
        options.threads = threads;
        return bad;
    });
    return line.ParseArguments(args, error);
}

void PrintError(const Status& status) {
    const ErrorCodeInfo& info = GetErrorCodeInfo(status.code());
    std::fprintf(stderr, "ERROR %u (%.*s): %s\n", info.mysql_errno, static_cast<int>(info.sqlstate.size()),
                 info.sqlstate.data(), status.message().c_str());
}

// Runs a script, printing each statement's result. Returns false when a statement failed.
bool RunScript(engine::Session& session, const std::string& script, const ShellOptions& options, bool interactive) {
    Status status = session.ExecuteScript(script, [&](const Result<engine::StatementResult>& result) {
        if (!result.ok()) {
            PrintError(result.status());
            return;
        }
        if (result->has_rows) {
            bool empty = result->rows.num_rows() == 0;
            if (!(empty && options.format == OutputFormat::kTable)) PrintRows(result->rows, options.format, std::cout);
            if (interactive && options.format == OutputFormat::kTable) {
                size_t n = result->rows.num_rows();
                std::cout << (empty ? "Empty set" : std::to_string(n) + (n == 1 ? " row" : " rows") + " in set");
                std::cout << "\n";
            }
        } else if (interactive) {
            std::cout << "Query OK, " << result->affected_rows << (result->affected_rows == 1 ? " row" : " rows")
                      << " affected\n";
        }
        if (options.timing) std::printf("Time: %.3f ms\n", static_cast<double>(result->elapsed_micros) / 1000.0);
        std::cout.flush();
    });
    return status.ok();
}

int Interactive(engine::Session& session, const ShellOptions& options) {
    std::string history;
    if (const char* home = std::getenv("HOME")) history = std::string(home) + "/.flashlake_history";
    using_history();
    if (!history.empty()) read_history(history.c_str());
    std::cout << "Flashlake SQL shell. Statements end with ';'. Type 'exit' or Ctrl-D to leave.\n";
    std::string buffer;
    while (true) {
        char* line = readline(buffer.empty() ? "flashlake> " : "        -> ");
        if (line == nullptr) break;
        std::string text(line);
        std::free(line);
        if (buffer.empty() && (text == "exit" || text == "quit" || text == "\\q")) break;
        if (text.find_first_not_of(" \t") == std::string::npos && buffer.empty()) continue;
        buffer += buffer.empty() ? text : "\n" + text;
        if (!EndsStatement(buffer)) continue;
        add_history(buffer.c_str());
        RunScript(session, buffer, options, true);
        buffer.clear();
    }
    if (!history.empty()) write_history(history.c_str());
    std::cout << "Bye\n";
    return 0;
}

}  // namespace

bool EndsStatement(const std::string& text) {
    char quote = 0;
    bool line_comment = false, block_comment = false, ends = false;
    for (size_t i = 0; i < text.size(); ++i) {
        char c = text[i], next = i + 1 < text.size() ? text[i + 1] : '\0';
        if (line_comment) {
            if (c == '\n') line_comment = false;
            continue;
        }
        if (block_comment) {
            if (c == '*' && next == '/') block_comment = false, ++i;
            continue;
        }
        if (quote) {
            if (c == '\\' && quote != '`') ++i;
            else if (c == quote) quote = 0;
            continue;
        }
        if (c == '\'' || c == '"' || c == '`') quote = c;
        else if (c == '#' || (c == '-' && next == '-')) line_comment = true;
        else if (c == '/' && next == '*') block_comment = true, ++i;
        if (c == ';') ends = true;
        else if (!std::isspace(static_cast<unsigned char>(c))) ends = false;
    }
    return ends && !quote && !block_comment;
}

int RunSqlShell(const std::vector<std::string>& args) {
    ShellOptions options;
    std::string error;
    if (!ParseShellArgs(args, options, error)) {
        std::fprintf(stderr, "flashlake sql: %s\n%s", error.c_str(), kUsage);
        return 2;
    }
    engine::EngineOptions engine_options;
    engine_options.warehouse = options.warehouse;
    engine_options.worker_threads = options.threads;
    auto engine = engine::Engine::Open(engine_options);
    if (!engine.ok()) {
        PrintError(engine.status());
        return 1;
    }
    auto session = (*engine)->NewSession();
    if (!options.execute.empty()) return RunScript(*session, options.execute, options, false) ? 0 : 1;
    if (!options.file.empty()) {
        std::ifstream in(options.file);
        if (!in) {
            std::fprintf(stderr, "flashlake sql: cannot read '%s'\n", options.file.c_str());
            return 1;
        }
        std::stringstream script;
        script << in.rdbuf();
        return RunScript(*session, script.str(), options, false) ? 0 : 1;
    }
    if (!isatty(STDIN_FILENO)) {
        std::stringstream script;
        script << std::cin.rdbuf();
        return RunScript(*session, script.str(), options, false) ? 0 : 1;
    }
    return Interactive(*session, options);
}

}  // namespace flashlake::cli
