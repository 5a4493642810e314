// libFuzzer target: the CSV and JSON row readers of stream load on arbitrary bodies and options.
// Every body either splits into batches of rows and rejected rows with consistent counts, or is
// refused as a whole with a Status; string values must stay readable (they point into the body).
//
// Input layout: byte 0 picks the format and options; for JSON with bit 6 set, the first line of
// the rest is the jsonpaths header; the rest is the body.
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

#include "ingest/load_source.h"

namespace ingest = flashlake::ingest;

namespace {

[[noreturn]] void Fail(const char* what, std::string_view body) {
    std::fprintf(stderr, "fuzz_stream_load: %s\n  body: %.*s\n", what, static_cast<int>(body.size()), body.data());
    std::abort();
}

void Drain(ingest::LoadSource& source, size_t num_columns, std::string_view body) {
    ingest::SourceBatch batch;
    int64_t previous_line = 0;
    while (source.Next(batch)) {
        const auto& chunk = batch.chunk;
        if (batch.lines.size() != chunk.num_rows()) Fail("a line number per row is missing", body);
        if (batch.rows_read != static_cast<int64_t>(chunk.num_rows() + batch.errors.size())) {
            Fail("rows_read differs from rows plus errors", body);
        }
        if (chunk.num_rows() > 0 && chunk.num_columns() != num_columns) Fail("wrong number of columns", body);
        for (size_t row = 0; row < chunk.num_rows(); ++row) {
            if (batch.lines[row] < previous_line) Fail("line numbers go backwards", body);
            previous_line = batch.lines[row];
            for (size_t c = 0; c < chunk.num_columns(); ++c) {
                if (chunk.column(c)->size() < chunk.num_rows()) Fail("a column is shorter than the chunk", body);
                (void)chunk.column(c)->GetValue(row).ToString();
            }
            if (source.RowText(row).size() > ingest::kMaxRowTextBytes) Fail("row text over 1 KiB", body);
        }
        for (const auto& error : batch.errors) {
            if (error.reason.empty()) Fail("a rejected row without a reason", body);
        }
    }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    if (size == 0) return -1;
    uint8_t options = data[0];
    std::string_view rest(reinterpret_cast<const char*>(data) + 1, size - 1);
    ingest::LoadRequest request;
    size_t num_columns = 1 + ((options >> 1) & 3);

    if (options & 1) {
        request.format = ingest::LoadFormat::kJson;
        request.strip_outer_array = options & 0x20;
        if (options & 0x40) {
            size_t newline = rest.find('\n');
            request.jsonpaths = std::string(rest.substr(0, newline));
            rest = newline == std::string_view::npos ? std::string_view() : rest.substr(newline + 1);
        }
        request.body = std::string(rest);
        std::vector<std::string> names = {"a", "B", "c.d", ""};
        names.resize(num_columns);
        auto source = ingest::MakeJsonSource(request, names);
        if (source.ok()) Drain(**source, num_columns, request.body);
        return 0;
    }

    static const char* const kSeparators[] = {",", "\\t", "||", "\\x01"};
    static const char* const kDelimiters[] = {"\\n", "\\n", "\\r\\n", ";;"};
    auto separator = ingest::ParseSeparator(kSeparators[(options >> 3) & 3]);
    auto delimiter = ingest::ParseSeparator(kDelimiters[(options >> 5) & 3]);
    if (!separator.ok() || !delimiter.ok()) Fail("a valid separator is refused", "");
    request.column_separator = *separator;
    request.row_delimiter = *delimiter;
    request.enclose = (options & 0x80) ? '"' : 0;
    request.trim_space = options & 0x04;
    request.skip_header = (options >> 6) & 1;
    request.body = std::string(rest);
    std::vector<bool> empty_is_null(num_columns);
    for (size_t c = 0; c < num_columns; ++c) empty_is_null[c] = c % 2 == 1;
    auto source = ingest::MakeCsvSource(request, num_columns, std::move(empty_is_null));
    Drain(*source, num_columns, request.body);
    // Separators written in header notation parse or are refused, never crash.
    (void)ingest::ParseSeparator(rest.substr(0, 16));
    return 0;
}
