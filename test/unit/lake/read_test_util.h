#pragma once

#include <gtest/gtest.h>

#include <algorithm>
#include <charconv>
#include <string>
#include <vector>

#include "io/posix_file_system.h"
#include "lake/read/split_reader.h"
#include "lake/read/table_scan.h"
#include "lake_test_util.h"

namespace flashlake::lake::testing {

// "<testdata>/paimon/<name>.db/<name>".
inline std::string PaimonTable(const std::string& name) {
    return PaimonTestDataDir() + "/" + name + ".db/" + name;
}

// A value as text; floating point values with the shortest digits that round-trip ("10", "11.1").
inline std::string ValueText(const Value& value) {
    if (value.is_null() || !value.type().IsFloating()) return value.ToString();
    char buffer[64];
    auto result = value.type().id() == TypeId::kFloat
                      ? std::to_chars(buffer, buffer + sizeof(buffer), value.GetFloat())
                      : std::to_chars(buffer, buffer + sizeof(buffer), value.GetDouble());
    return std::string(buffer, result.ptr);
}

// Row text: values joined with ", ", a trailing row kind column shown as +I/-U/+U/-D in front.
inline std::string RowText(const Chunk& chunk, size_t row, bool row_kind) {
    std::string text;
    size_t columns = chunk.num_columns() - (row_kind ? 1 : 0);
    if (row_kind) {
        static const char* kKinds[] = {"+I", "-U", "+U", "-D"};
        int64_t kind = chunk.column(columns)->GetValue(row).GetInt64();
        text = std::string(kind >= 0 && kind < 4 ? kKinds[kind] : "??") + " ";
    }
    for (size_t c = 0; c < columns; ++c) {
        if (c > 0) text += ", ";
        text += ValueText(chunk.column(c)->GetValue(row));
    }
    return text;
}

// Every row of every split of `plan`, as text, in read order.
inline Result<std::vector<std::string>> ReadPlanRows(io::FileSystem* fs, const ScanPlan& plan) {
    std::vector<std::string> rows;
    for (const Split& split : plan.splits) {
        FL_ASSIGN_OR_RETURN(std::unique_ptr<SplitReader> reader, SplitReader::Make(fs, split));
        Chunk chunk;
        while (true) {
            FL_ASSIGN_OR_RETURN(bool more, reader->Next(&chunk));
            if (!more) break;
            if (chunk.num_rows() == 0) return Status::Internal("empty chunk");
            for (size_t r = 0; r < chunk.num_rows(); ++r)
                rows.push_back(RowText(chunk, r, plan.context->include_row_kind));
        }
    }
    return rows;
}

// Scans `table` and returns its rows as sorted text.
inline Result<std::vector<std::string>> ScanRows(const std::string& table, ScanOptions options = {}) {
    io::PosixFileSystem fs;
    options.files.external_path_prefixes = {
        {"FILE:/tmp/external", PaimonTestDataDir() + "/" + table.substr(table.rfind('/') + 1) + ".db/external"}};
    TableScan scan(&fs, table, options);
    FL_ASSIGN_OR_RETURN(ScanPlan plan, scan.Plan());
    FL_ASSIGN_OR_RETURN(std::vector<std::string> rows, ReadPlanRows(&fs, plan));
    std::sort(rows.begin(), rows.end());
    return rows;
}

inline ScanOptions AtSnapshot(int64_t id) {
    ScanOptions options;
    options.snapshot_id = id;
    return options;
}

inline std::vector<std::string> Sorted(std::vector<std::string> rows) {
    std::sort(rows.begin(), rows.end());
    return rows;
}

}  // namespace flashlake::lake::testing
