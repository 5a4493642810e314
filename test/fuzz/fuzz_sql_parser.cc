// libFuzzer target: the SQL parser on arbitrary text. Bad input must come back as a Status, never
// a crash; and whatever parses must print back to text that parses to an equal tree (the
// contract of Statement::ToString), so that the shell, the audit log and views can rely on it.
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

#include "sql/parser/parser.h"
#include "sql/parser/script_splitter.h"

namespace {

[[noreturn]] void Fail(const char* what, std::string_view input, const std::string& detail) {
    std::fprintf(stderr, "fuzz_sql_parser: %s\n  input:  %.*s\n  detail: %s\n", what, static_cast<int>(input.size()),
                 input.data(), detail.c_str());
    std::abort();
}

void CheckRoundTrip(const flashlake::sql::Statement& statement, std::string_view input) {
    std::string printed = statement.ToString();
    auto again = flashlake::sql::ParseStatement(printed);
    if (!again.ok()) {
        Fail("printed statement does not parse", input, printed + "\n  error: " + again.status().ToString());
    }
    if (!statement.Equals(**again)) {
        Fail("round trip changed the tree", input, printed + "\n  reprinted: " + (*again)->ToString());
    }
    if (!statement.Clone()->Equals(statement)) {
        Fail("a clone differs from its original", input, printed);
    }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    std::string_view text(reinterpret_cast<const char*>(data), size);

    // The splitter never fails and its pieces lie inside the script.
    for (const auto& piece : flashlake::sql::SplitScript(text)) {
        if (piece.text.data() < text.data() || piece.text.data() + piece.text.size() > text.data() + text.size()) {
            Fail("script piece outside the script", text, std::string(piece.text));
        }
    }

    auto script = flashlake::sql::ParseScript(text);
    if (script.ok()) {
        for (const auto& parsed : *script) {
            CheckRoundTrip(*parsed.statement, text);
        }
    }
    (void)flashlake::sql::ParseExpression(text);
    (void)flashlake::sql::ParseTypeName(text);
    return 0;
}
