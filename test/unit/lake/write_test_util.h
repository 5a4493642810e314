#pragma once

// Shared helpers of the write_*_test.cc files: chunks from rows of Values, Parquet files read
// back as rows, and tables written, committed and listed.

#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "column/chunk.h"
#include "format/parquet/parquet_reader.h"
#include "io/file_system.h"
#include "lake/binary_row_converter.h"
#include "lake/commit/table_commit.h"
#include "lake/commit/table_creation.h"
#include "lake/read/split_reader.h"
#include "lake/read/table_scan.h"
#include "lake/schema_manager.h"
#include "lake/snapshot_manager.h"
#include "lake/table_files.h"
#include "lake/write/table_writer.h"
#include "types/value.h"

namespace flashlake::lake::testing {

using Row = std::vector<Value>;

// A chunk of `rows` (row-major Values) with columns of `types`.
inline Chunk MakeChunk(const std::vector<LogicalType>& types, const std::vector<Row>& rows) {
    std::vector<ColumnPtr> columns;
    for (size_t c = 0; c < types.size(); ++c) {
        std::vector<Value> values;
        for (const Row& row : rows) values.push_back(row[c]);
        columns.push_back(Column::FromValues(types[c], values));
    }
    return Chunk(std::move(columns), rows.size());
}

inline std::vector<LogicalType> LogicalTypes(const TableSchema& schema) {
    std::vector<LogicalType> types;
    for (const DataField& field : schema.fields) types.push_back(field.type.ToLogicalType().value());
    return types;
}

// Every row of a Parquet file, and its column names.
inline std::vector<Row> ReadParquetRows(io::FileSystem* fs, const std::string& path,
                                        std::vector<std::string>* names = nullptr) {
    std::vector<Row> rows;
    auto reader = format::parquet::ParquetReader::Open(*fs, path);
    EXPECT_TRUE(reader.ok()) << reader.status().ToString();
    if (!reader.ok()) return rows;
    std::vector<int> leaves;
    for (size_t i = 0; i < (*reader)->schema().num_leaves(); ++i) {
        leaves.push_back(static_cast<int>(i));
        if (names) names->push_back((*reader)->schema().leaf(i).name);
    }
    auto chunks = (*reader)->ReadAll(leaves);
    EXPECT_TRUE(chunks.ok()) << chunks.status().ToString();
    if (!chunks.ok()) return rows;
    for (const Chunk& chunk : *chunks) {
        for (size_t r = 0; r < chunk.num_rows(); ++r) {
            Row row;
            for (size_t c = 0; c < chunk.num_columns(); ++c) row.push_back(chunk.column(c)->GetValue(r));
            rows.push_back(std::move(row));
        }
    }
    return rows;
}

inline std::vector<DataType> FieldTypes(const std::vector<DataField>& fields) {
    std::vector<DataType> types;
    for (const DataField& field : fields) types.push_back(field.type);
    return types;
}

inline Row Decode(const BinaryRow& row, const std::vector<DataType>& types) {
    auto values = DecodeBinaryRow(row, types);
    EXPECT_TRUE(values.ok()) << values.status().ToString();
    return values.ok() ? *values : Row{};
}

// Opens a writer on the table's latest schema.
inline std::unique_ptr<TableWriter> OpenWriter(io::FileSystem* fs, const std::string& table,
                                               TableWriterOptions options = {}) {
    auto schema = SchemaManager(fs, table).Latest();
    EXPECT_TRUE(schema.ok() && schema->has_value()) << schema.status().ToString();
    auto writer = TableWriter::Open(fs, table, **schema, std::move(options));
    EXPECT_TRUE(writer.ok()) << writer.status().ToString();
    return writer.ok() ? std::move(writer).value() : nullptr;
}

// Prepares and commits what `writer` wrote; returns the snapshot id (0 on failure).
inline int64_t CommitWriter(io::FileSystem* fs, const std::string& table, TableWriter* writer,
                            std::vector<CommitMessage>* messages_out = nullptr) {
    auto messages = writer->PrepareCommit();
    EXPECT_TRUE(messages.ok()) << messages.status().ToString();
    if (!messages.ok()) return 0;
    if (messages_out) *messages_out = *messages;
    TableCommit commit(fs, table);
    auto result = commit.Commit("writer-test", kBatchCommitIdentifier, *messages);
    EXPECT_TRUE(result.ok()) << result.status().ToString();
    if (!result.ok()) return 0;
    writer->MarkCommitted();
    return result->snapshot_id;
}

// Every regular file below `dir`, recursively (paths), sorted.
inline void ListFilesRecursive(io::FileSystem* fs, const std::string& dir, std::vector<std::string>* out) {
    auto entries = fs->ListDirectory(dir);
    if (!entries.ok()) return;
    for (const auto& entry : *entries) {
        std::string path = dir + "/" + entry.name;
        if (entry.type == io::FileType::kDirectory)
            ListFilesRecursive(fs, path, out);
        else
            out->push_back(path);
    }
}

// Data files (not metadata) below the table directory.
inline std::vector<std::string> DataFilesOnDisk(io::FileSystem* fs, const std::string& table) {
    std::vector<std::string> all, data;
    ListFilesRecursive(fs, table, &all);
    for (const std::string& path : all) {
        if (path.find("/bucket-") != std::string::npos) data.push_back(path);
    }
    std::sort(data.begin(), data.end());
    return data;
}

// Reads the latest snapshot of `table` through TableScan and SplitReader (merge on read for
// primary-key tables); rows as text ("v1, v2, ..."), sorted.
inline std::vector<std::string> ScanTable(io::FileSystem* fs, const std::string& table) {
    std::vector<std::string> rows;
    TableScan scan(fs, table, ScanOptions{});
    auto plan = scan.Plan();
    EXPECT_TRUE(plan.ok()) << plan.status().ToString();
    if (!plan.ok()) return rows;
    for (const Split& split : plan->splits) {
        auto reader = SplitReader::Make(fs, split);
        EXPECT_TRUE(reader.ok()) << reader.status().ToString();
        if (!reader.ok()) return rows;
        Chunk chunk;
        while (true) {
            auto more = (*reader)->Next(&chunk);
            EXPECT_TRUE(more.ok()) << more.status().ToString();
            if (!more.ok() || !*more) break;
            for (size_t r = 0; r < chunk.num_rows(); ++r) {
                std::string text;
                for (size_t c = 0; c < chunk.num_columns(); ++c) {
                    if (c > 0) text += ", ";
                    text += chunk.column(c)->GetValue(r).ToString();
                }
                rows.push_back(std::move(text));
            }
        }
    }
    std::sort(rows.begin(), rows.end());
    return rows;
}

}  // namespace flashlake::lake::testing
