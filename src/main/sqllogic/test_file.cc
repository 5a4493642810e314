#include "main/sqllogic/test_file.h"

#include <sstream>

namespace flashlake::cli::sqllogic {

namespace {

std::vector<std::string> SplitWords(const std::string& line) {
    std::vector<std::string> words;
    std::istringstream in(line);
    std::string word;
    while (in >> word) words.push_back(word);
    return words;
}

std::string Substitute(std::string text, const std::string& variable, int value) {
    std::string pattern = "${" + variable + "}";
    for (size_t pos = text.find(pattern); pos != std::string::npos; pos = text.find(pattern, pos)) {
        text.replace(pos, pattern.size(), std::to_string(value));
    }
    return text;
}

struct Line {
    int number;
    std::string text;
};

}  // namespace

Result<std::vector<TestRecord>> ParseTestFile(const std::string& text, const std::string& file,
                                              const std::string& backend,
                                              const std::map<std::string, std::string>& variables) {
    std::vector<Line> lines;
    {
        std::istringstream in(text);
        std::string line;
        int number = 0;
        while (std::getline(in, line)) {
            ++number;
            if (!line.empty() && line.back() == '\r') line.pop_back();
            for (const auto& [name, value] : variables) {
                std::string pattern = "${" + name + "}";
                for (size_t pos = line.find(pattern); pos != std::string::npos; pos = line.find(pattern, pos + value.size())) {
                    line.replace(pos, pattern.size(), value);
                }
            }
            lines.push_back({number, line});
        }
    }
    auto error = [&](int line, const std::string& message) {
        return Status::InvalidArgument(file + ":" + std::to_string(line) + ": " + message);
    };
    std::vector<TestRecord> records;
    // Loops: stack of (variable, current value, end value, index of the first record in the body, line index).
    struct Loop {
        std::string variable;
        int value, end;
        size_t body_start;
    };
    std::vector<Loop> loops;
    bool skip_next = false;
    size_t i = 0;
    while (i < lines.size()) {
        std::string current = lines[i].text;
        for (const auto& loop : loops) current = Substitute(current, loop.variable, loop.value);
        std::vector<std::string> words = SplitWords(current);
        int line_number = lines[i].number;
        if (words.empty() || words[0][0] == '#' || words[0] == "hash-threshold") {
            ++i;
            continue;
        }
        const std::string& head = words[0];
        if (head == "require") {
            // Files over generated data (test/sql/bench) run only where the data was given.
            if (words.size() != 2) return error(line_number, "require needs one variable name");
            if (variables.count(words[1]) == 0) return std::vector<TestRecord>{};
            ++i;
            continue;
        }
        if (head == "skipif" || head == "onlyif") {
            if (words.size() < 2) return error(line_number, head + " needs an engine name");
            bool matches = words[1] == "flashlake" || words[1] == backend;
            skip_next = head == "skipif" ? matches : !matches;
            ++i;
            continue;
        }
        if (head == "loop") {
            if (words.size() != 4) return error(line_number, "loop needs: loop <var> <start> <end>");
            loops.push_back({words[1], std::stoi(words[2]), std::stoi(words[3]), i + 1});
            if (loops.back().value >= loops.back().end) return error(line_number, "empty loop");
            ++i;
            continue;
        }
        if (head == "endloop") {
            if (loops.empty()) return error(line_number, "endloop without loop");
            Loop& loop = loops.back();
            if (++loop.value < loop.end) {
                i = loop.body_start;
            } else {
                loops.pop_back();
                ++i;
            }
            continue;
        }
        TestRecord record;
        record.line = line_number;
        if (head == "halt") {
            record.kind = TestRecord::Kind::kHalt;
            if (!skip_next) records.push_back(record);
            skip_next = false;
            ++i;
            continue;
        }
        if (head == "statement") {
            if (words.size() < 2 || (words[1] != "ok" && words[1] != "error")) {
                return error(line_number, "expected 'statement ok' or 'statement error'");
            }
            record.kind = words[1] == "ok" ? TestRecord::Kind::kStatementOk : TestRecord::Kind::kStatementError;
        } else if (head == "query") {
            record.kind = TestRecord::Kind::kQuery;
            if (words.size() < 2) return error(line_number, "query needs column types, e.g. 'query IT'");
            record.column_types = words[1];
            for (size_t w = 2; w < words.size(); ++w) {
                if (words[w] == "rowsort") record.sort = TestRecord::SortMode::kRowSort;
                else if (words[w] == "valuesort") record.sort = TestRecord::SortMode::kValueSort;
                else if (words[w] == "nosort") record.sort = TestRecord::SortMode::kNoSort;
            }
        } else {
            return error(line_number, "unknown record '" + head + "'");
        }
        ++i;
        // SQL up to a blank line or '----'.
        std::vector<std::string> sql_lines;
        while (i < lines.size() && !lines[i].text.empty() && lines[i].text != "----") {
            std::string sql_line = lines[i].text;
            for (const auto& loop : loops) sql_line = Substitute(sql_line, loop.variable, loop.value);
            sql_lines.push_back(sql_line);
            ++i;
        }
        if (sql_lines.empty()) return error(line_number, "record without SQL");
        for (size_t s = 0; s < sql_lines.size(); ++s) record.sql += (s ? "\n" : "") + sql_lines[s];
        if (i < lines.size() && lines[i].text == "----") {
            ++i;
            std::vector<std::string> results;
            while (i < lines.size() && !lines[i].text.empty()) {
                std::string result_line = lines[i].text;
                for (const auto& loop : loops) result_line = Substitute(result_line, loop.variable, loop.value);
                results.push_back(result_line);
                ++i;
            }
            if (record.kind == TestRecord::Kind::kStatementError) {
                for (const auto& result : results) record.expected_error += (record.expected_error.empty() ? "" : "\n") + result;
            } else if (record.kind == TestRecord::Kind::kQuery) {
                record.expected = std::move(results);
            } else {
                return error(line_number, "'statement ok' takes no results");
            }
        } else if (record.kind == TestRecord::Kind::kQuery) {
            return error(line_number, "query without '----' results (an empty result still needs '----')");
        }
        if (!skip_next) records.push_back(std::move(record));
        skip_next = false;
    }
    if (!loops.empty()) return error(lines.empty() ? 0 : lines.back().number, "loop without endloop");
    return records;
}

}  // namespace flashlake::cli::sqllogic
