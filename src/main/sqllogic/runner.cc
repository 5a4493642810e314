#include "main/sqllogic/runner.h"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <iostream>
#include <sstream>

#include "engine/engine.h"
#include "engine/session.h"
#include "main/sqllogic/mysql_backend.h"
#include "main/sqllogic/test_file.h"

namespace flashlake::cli::sqllogic {

namespace {

namespace fs = std::filesystem;

class InProcessBackend : public Backend {
public:
    explicit InProcessBackend(std::unique_ptr<engine::Engine> engine)
        : engine_(std::move(engine)), session_(engine_->NewSession()) {}

    Result<TextResult> Execute(const std::string& sql) override {
        TextResult text;
        Status status = session_->ExecuteScript(sql, [&](const Result<engine::StatementResult>& result) {
            if (!result.ok() || !result->has_rows) return;
            text.has_rows = true;
            text.rows.clear();
            for (const auto& chunk : result->rows.chunks) {
                for (size_t r = 0; r < chunk.num_rows(); ++r) {
                    std::vector<std::string> row;
                    for (size_t c = 0; c < chunk.num_columns(); ++c) {
                        Value value = chunk.column(c)->GetValue(r);
                        std::string cell = value.ToString();
                        row.push_back(!value.is_null() && cell.empty() ? "(empty)" : cell);
                    }
                    text.rows.push_back(std::move(row));
                }
            }
        });
        if (!status.ok()) return status;
        return text;
    }

private:
    std::unique_ptr<engine::Engine> engine_;
    std::unique_ptr<engine::Session> session_;
};

class InProcessBackendFactory : public BackendFactory {
public:
    std::string name() const override { return "inprocess"; }
    Result<std::unique_ptr<Backend>> Create(const std::string& warehouse) override {
        FL_ASSIGN_OR_RETURN(auto engine, OpenTestEngine(warehouse));
        return std::unique_ptr<Backend>(std::make_unique<InProcessBackend>(std::move(engine)));
    }
};

std::vector<std::string> Split(const std::string& line, char separator) {
    std::vector<std::string> parts;
    std::string part;
    std::istringstream in(line);
    while (std::getline(in, part, separator)) parts.push_back(part);
    if (!line.empty() && line.back() == separator) parts.emplace_back();
    return parts;
}

// Lines to compare: one per row (values joined by tabs), or one per value for valuesort.
std::vector<std::string> ActualLines(const TestRecord& record, const TextResult& result) {
    std::vector<std::string> lines;
    if (record.sort == TestRecord::SortMode::kValueSort) {
        for (const auto& row : result.rows) lines.insert(lines.end(), row.begin(), row.end());
        std::sort(lines.begin(), lines.end());
        return lines;
    }
    for (const auto& row : result.rows) {
        std::string line;
        for (size_t c = 0; c < row.size(); ++c) line += (c ? "\t" : "") + row[c];
        // A value holding line breaks (SHOW CREATE TABLE) is written over several expected lines.
        for (size_t start = 0;;) {
            const size_t end = line.find('\n', start);
            lines.push_back(line.substr(start, end == std::string::npos ? std::string::npos : end - start));
            if (end == std::string::npos) break;
            start = end + 1;
        }
    }
    if (record.sort == TestRecord::SortMode::kRowSort) std::sort(lines.begin(), lines.end());
    return lines;
}

std::vector<std::string> ExpectedLines(const TestRecord& record) {
    std::vector<std::string> lines = record.expected;
    if (record.sort == TestRecord::SortMode::kValueSort) {
        std::vector<std::string> values;
        for (const auto& line : lines) {
            for (auto& value : Split(line, '\t')) values.push_back(value);
        }
        std::sort(values.begin(), values.end());
        return values;
    }
    if (record.sort == TestRecord::SortMode::kRowSort) std::sort(lines.begin(), lines.end());
    return lines;
}

// Fraction digits of a number's text: "25.26445116" -> 8, "7" -> 0.
size_t FractionDigits(const std::string& text) {
    const size_t point = text.find('.');
    return point == std::string::npos ? 0 : text.size() - point - 1;
}

// Whether two texts of an R (floating-point) value match; see ParseTestFile.
bool RealValuesMatch(const std::string& expected, const std::string& actual) {
    if (expected == actual) return true;
    char* end_expected = nullptr;
    char* end_actual = nullptr;
    const double e = std::strtod(expected.c_str(), &end_expected);
    const double a = std::strtod(actual.c_str(), &end_actual);
    if (expected.empty() || actual.empty() || *end_expected != '\0' || *end_actual != '\0') return false;
    if (e == a) return true;
    if (std::max(FractionDigits(expected), FractionDigits(actual)) <= 6) return false;
    return std::fabs(e - a) <= 1e-6 * std::max(std::fabs(e), std::fabs(a)) + 1e-9;
}

// Expected and actual lines match, R columns within RealValuesMatch, the others as text.
bool LinesMatch(const TestRecord& record, const std::vector<std::string>& expected,
                const std::vector<std::string>& actual) {
    if (expected == actual) return true;
    if (record.column_types.find('R') == std::string::npos || record.sort == TestRecord::SortMode::kValueSort ||
        expected.size() != actual.size()) {
        return false;
    }
    for (size_t line = 0; line < expected.size(); ++line) {
        const std::vector<std::string> e = Split(expected[line], '\t'), a = Split(actual[line], '\t');
        if (e.size() != a.size()) return false;
        for (size_t c = 0; c < e.size(); ++c) {
            const bool real = c < record.column_types.size() && record.column_types[c] == 'R';
            if (real ? !RealValuesMatch(e[c], a[c]) : e[c] != a[c]) return false;
        }
    }
    return true;
}

std::string Indent(const std::vector<std::string>& lines) {
    std::string out;
    for (const auto& line : lines) out += "    " + line + "\n";
    return out.empty() ? "    (no rows)\n" : out;
}

// Runs one record; returns an empty string on success, else the failure description.
std::string RunRecord(Backend& backend, const TestRecord& record) {
    Result<TextResult> result = backend.Execute(record.sql);
    switch (record.kind) {
        case TestRecord::Kind::kStatementOk:
            return result.ok() ? "" : "expected success, got error: " + result.status().ToString();
        case TestRecord::Kind::kStatementError:
            if (result.ok()) return "expected an error, but the statement succeeded";
            if (!record.expected_error.empty() && result.status().message().find(record.expected_error) == std::string::npos) {
                return "expected an error containing '" + record.expected_error + "', got: " + result.status().ToString();
            }
            return "";
        case TestRecord::Kind::kQuery: {
            if (!result.ok()) return "query failed: " + result.status().ToString();
            if (!result->rows.empty() && result->rows[0].size() != record.column_types.size()) {
                return "query returned " + std::to_string(result->rows[0].size()) + " columns, the record declares " +
                       std::to_string(record.column_types.size()) + " ('" + record.column_types + "')";
            }
            std::vector<std::string> expected = ExpectedLines(record), actual = ActualLines(record, *result);
            if (LinesMatch(record, expected, actual)) return "";
            return "wrong result\n  expected:\n" + Indent(expected) + "  actual:\n" + Indent(actual);
        }
        case TestRecord::Kind::kHalt: return "";
    }
    return "";
}

struct FileOutcome {
    int passed = 0;
    int failed = 0;
};

FileOutcome RunFile(const fs::path& path, BackendFactory& factory, const std::map<std::string, std::string>& variables) {
    FileOutcome outcome;
    std::ifstream in(path);
    std::stringstream text;
    text << in.rdbuf();
    auto records = ParseTestFile(text.str(), path.string(), factory.name(), variables);
    if (!records.ok()) {
        std::cout << "FAIL " << records.status().message() << "\n";
        outcome.failed = 1;
        return outcome;
    }
    fs::path warehouse = fs::temp_directory_path() / ("flashlake-sqltest-" + std::to_string(::getpid()) + "-" +
                                                      path.stem().string());
    fs::remove_all(warehouse);
    auto backend = factory.Create(warehouse.string());
    if (!backend.ok()) {
        std::cout << "FAIL " << path.string() << ": cannot start backend: " << backend.status().ToString() << "\n";
        outcome.failed = 1;
        return outcome;
    }
    for (const auto& record : *records) {
        if (record.kind == TestRecord::Kind::kHalt) break;
        std::string failure = RunRecord(**backend, record);
        if (failure.empty()) {
            ++outcome.passed;
        } else {
            ++outcome.failed;
            std::cout << "FAIL " << path.string() << ":" << record.line << "\n  " << record.sql << "\n  " << failure
                      << "\n";
        }
    }
    backend->reset();
    fs::remove_all(warehouse);
    return outcome;
}

}  // namespace

std::unique_ptr<BackendFactory> MakeInProcessBackendFactory() { return std::make_unique<InProcessBackendFactory>(); }

Result<std::unique_ptr<engine::Engine>> OpenTestEngine(const std::string& warehouse) {
    engine::EngineOptions options;
    options.warehouse = warehouse;
    options.worker_threads = 2;
    return engine::Engine::Open(options);
}

int RunSqlLogicTests(const std::vector<std::string>& args) {
    std::vector<fs::path> files;
    std::unique_ptr<BackendFactory> factory = MakeInProcessBackendFactory();
    std::map<std::string, std::string> variables;
    for (size_t i = 0; i < args.size(); ++i) {
        if (args[i] == "--var") {
            size_t eq = i + 1 < args.size() ? args[i + 1].find('=') : std::string::npos;
            if (eq == std::string::npos) {
                std::cerr << "flashlake sqltest: --var needs NAME=VALUE\n";
                return 2;
            }
            variables[args[i + 1].substr(0, eq)] = args[i + 1].substr(eq + 1);
            ++i;
            continue;
        }
        if (args[i] == "--backend") {
            const std::string backend = i + 1 < args.size() ? args[i + 1] : "";
            if (backend == "inprocess") {
                factory = MakeInProcessBackendFactory();
            } else if (backend == "mysql") {
                factory = MakeMysqlBackendFactory();
            } else {
                std::cerr << "flashlake sqltest: --backend takes inprocess or mysql\n";
                return 2;
            }
            ++i;
            continue;
        }
        fs::path path(args[i]);
        if (fs::is_directory(path)) {
            for (const auto& entry : fs::recursive_directory_iterator(path)) {
                if (entry.is_regular_file() && entry.path().extension() == ".test") files.push_back(entry.path());
            }
        } else if (fs::exists(path)) {
            files.push_back(path);
        } else {
            std::cerr << "flashlake sqltest: no such file or directory '" << args[i] << "'\n";
            return 2;
        }
    }
    std::sort(files.begin(), files.end());
    int passed = 0, failed = 0, failed_files = 0;
    for (const auto& file : files) {
        FileOutcome outcome = RunFile(file, *factory, variables);
        passed += outcome.passed;
        failed += outcome.failed;
        failed_files += outcome.failed > 0;
    }
    std::cout << files.size() << " files, " << failed_files << " with failures\n";
    std::cout << "sqllogictest: " << passed << " passed, " << failed << " failed\n";
    return failed == 0 && !files.empty() ? 0 : 1;
}

}  // namespace flashlake::cli::sqllogic
