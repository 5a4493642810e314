#include "lake/write/file_stats.h"

#include <algorithm>
#include <cctype>
#include <string>

#include "common/ascii.h"
#include "format/parquet/column_statistics.h"
#include "format/parquet/parquet_metadata.h"
#include "format/parquet/parquet_schema.h"
#include "lake/binary_row_converter.h"
#include "lake/table_schema.h"

namespace flashlake::lake {

namespace {

// Bytes of the UTF-8 sequence that starts with `lead` (1 for stray continuation bytes, so that
// malformed text still advances).
size_t SequenceLength(unsigned char lead) {
    if (lead < 0xC0) return 1;
    if (lead < 0xE0) return 2;
    if (lead < 0xF0) return 3;
    return 4;
}

// Byte offsets of the first `count` code points of `text` (fewer when it is shorter), plus the end.
std::vector<size_t> CodePointOffsets(std::string_view text, size_t count) {
    std::vector<size_t> offsets;
    size_t pos = 0;
    while (pos < text.size() && offsets.size() < count) {
        offsets.push_back(pos);
        pos = std::min(text.size(), pos + SequenceLength(static_cast<unsigned char>(text[pos])));
    }
    offsets.push_back(pos);
    return offsets;
}

uint32_t DecodeCodePoint(std::string_view bytes) {
    auto b = [&](size_t i) { return static_cast<uint32_t>(static_cast<unsigned char>(bytes[i])); };
    switch (bytes.size()) {
        case 1:
            return b(0);
        case 2:
            return ((b(0) & 0x1F) << 6) | (b(1) & 0x3F);
        case 3:
            return ((b(0) & 0x0F) << 12) | ((b(1) & 0x3F) << 6) | (b(2) & 0x3F);
        default:
            return ((b(0) & 0x07) << 18) | ((b(1) & 0x3F) << 12) | ((b(2) & 0x3F) << 6) | (b(3) & 0x3F);
    }
}

void AppendCodePoint(uint32_t cp, std::string* out) {
    if (cp < 0x80) {
        out->push_back(static_cast<char>(cp));
    } else if (cp < 0x800) {
        out->push_back(static_cast<char>(0xC0 | (cp >> 6)));
        out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    } else if (cp < 0x10000) {
        out->push_back(static_cast<char>(0xE0 | (cp >> 12)));
        out->push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
        out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    } else {
        out->push_back(static_cast<char>(0xF0 | (cp >> 18)));
        out->push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
        out->push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
        out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    }
}

// Whether min/max statistics of a field of this type are kept (ParquetSimpleStatsExtractor
// yields none for binaries, nanosecond timestamps and nested types).
bool HasMinMax(const DataType& type) {
    switch (type.root()) {
        case TypeRoot::kBinary:
        case TypeRoot::kVarbinary:
        case TypeRoot::kBlob:
        case TypeRoot::kArray:
        case TypeRoot::kMap:
        case TypeRoot::kMultiset:
        case TypeRoot::kRow:
        case TypeRoot::kVariant:
            return false;
        case TypeRoot::kTimestamp:
        case TypeRoot::kTimestampLtz:
            return type.precision() <= 6;
        default:
            return true;
    }
}

void MergeBound(const Value& value, bool smaller, std::optional<Value>* bound) {
    if (!*bound || (smaller ? value.Compare(**bound) < 0 : value.Compare(**bound) > 0)) *bound = value;
}

}  // namespace

Result<StatsMode> StatsMode::Parse(std::string_view text) {
    std::string mode = AsciiLower(text);
    if (mode == "none") return StatsMode{Kind::kNone, 0};
    if (mode == "counts") return StatsMode{Kind::kCounts, 0};
    if (mode == "full") return Full();
    if (mode.size() > 10 && mode.rfind("truncate(", 0) == 0 && mode.back() == ')') {
        std::string digits = mode.substr(9, mode.size() - 10);
        bool numeric = !digits.empty() && digits.size() <= 9 &&
                       std::all_of(digits.begin(), digits.end(), [](char c) { return c >= '0' && c <= '9'; });
        if (numeric && std::stoi(digits) > 0) return StatsMode{Kind::kTruncate, std::stoi(digits)};
    }
    return Status::InvalidArgument("stats mode '" + std::string(text) +
                                   "' is not none, counts, full or truncate(<length>)");
}

Result<std::vector<StatsMode>> ValueStatsModes(const TableSchema& schema) {
    StatsMode table_mode;
    if (auto option = schema.Option("metadata.stats-mode")) {
        FL_ASSIGN_OR_RETURN(table_mode, StatsMode::Parse(*option));
    }
    std::vector<StatsMode> modes;
    modes.reserve(schema.fields.size());
    for (const DataField& field : schema.fields) {
        StatsMode mode = table_mode;
        if (auto option = schema.Option("fields." + field.name + ".stats-mode")) {
            FL_ASSIGN_OR_RETURN(mode, StatsMode::Parse(*option));
        }
        modes.push_back(mode);
    }
    return modes;
}

Result<std::vector<FileColumnStats>> ParquetColumnStats(const format::parquet::FileMetaData& metadata, int first_leaf,
                                                        int count) {
    namespace pq = format::parquet;
    FL_ASSIGN_OR_RETURN(pq::ParquetSchema schema, pq::ParquetSchema::Make(metadata.schema, pq::SchemaOptions{}));
    if (first_leaf < 0 || static_cast<size_t>(first_leaf + count) > schema.num_leaves()) {
        return Status::Internal("Parquet file has " + std::to_string(schema.num_leaves()) + " columns, stats of " +
                                std::to_string(first_leaf + count) + " asked for");
    }
    std::vector<FileColumnStats> out(count);
    for (int i = 0; i < count; ++i) {
        const int leaf = first_leaf + i;
        FileColumnStats& column = out[i];
        bool known = true;
        int64_t nulls = 0;
        for (const pq::RowGroup& group : metadata.row_groups) {
            const pq::ColumnChunk& chunk = group.columns[leaf];
            if (!chunk.meta_data || !chunk.meta_data->statistics) {
                known = false;
                break;
            }
            bool defined_order = metadata.column_orders.empty() || metadata.column_orders[leaf];
            pq::ColumnStatistics stats = pq::ConvertStatistics(schema.leaf(leaf), *chunk.meta_data->statistics,
                                                               chunk.meta_data->num_values, defined_order);
            if (!stats.null_count) {
                known = false;
                break;
            }
            nulls += *stats.null_count;
            if (*stats.null_count >= stats.num_values) continue;  // all NULL: no bounds to merge
            if (!stats.min || !stats.max) {
                known = false;
                break;
            }
            MergeBound(*stats.min, true, &column.min);
            MergeBound(*stats.max, false, &column.max);
            column.min_exact = column.min_exact && stats.min_exact;
            column.max_exact = column.max_exact && stats.max_exact;
        }
        if (!known) {
            column = FileColumnStats{};
            continue;
        }
        column.null_count = nulls;
    }
    return out;
}

std::string TruncateMin(std::string_view text, int32_t length) {
    std::vector<size_t> offsets = CodePointOffsets(text, static_cast<size_t>(length));
    return std::string(text.substr(0, offsets.back()));
}

std::optional<std::string> TruncateMax(std::string_view text, int32_t length) {
    std::vector<size_t> offsets = CodePointOffsets(text, static_cast<size_t>(length));
    if (offsets.back() == text.size()) return std::string(text);
    // Increment the last code point that can be, dropping those after it.
    for (size_t i = offsets.size() - 1; i-- > 0;) {
        uint32_t next = DecodeCodePoint(text.substr(offsets[i], offsets[i + 1] - offsets[i])) + 1;
        if (next >= 0xD800 && next <= 0xDFFF) next = 0xE000;  // surrogates have no UTF-8 form
        if (next > 0x10FFFF) continue;
        std::string out(text.substr(0, offsets[i]));
        AppendCodePoint(next, &out);
        return out;
    }
    return std::nullopt;
}

Result<SimpleStats> ToSimpleStats(const std::vector<FileColumnStats>& columns, const std::vector<DataField>& fields,
                                  const std::vector<StatsMode>& modes) {
    FL_CHECK(columns.size() == fields.size() && modes.size() == fields.size(), "stats of ", columns.size(),
             " columns for ", fields.size(), " fields");
    std::vector<Value> mins(fields.size()), maxs(fields.size());
    std::vector<std::optional<int64_t>> null_counts(fields.size());
    std::vector<DataType> types;
    types.reserve(fields.size());
    for (size_t i = 0; i < fields.size(); ++i) {
        const DataType& type = fields[i].type;
        const FileColumnStats& column = columns[i];
        const StatsMode& mode = modes[i];
        types.push_back(type.WithNullable(true));
        if (mode.kind == StatsMode::Kind::kNone) continue;
        null_counts[i] = column.null_count;
        if (mode.kind == StatsMode::Kind::kCounts || !column.min || !column.max || !HasMinMax(type)) continue;
        Value min = *column.min;
        Value max = *column.max;
        if (mode.kind == StatsMode::Kind::kTruncate && type.IsStringLike()) {
            std::optional<std::string> upper = TruncateMax(max.GetString(), mode.truncate_length);
            if (!upper) continue;
            min = Value::Varchar(TruncateMin(min.GetString(), mode.truncate_length));
            max = Value::Varchar(std::move(*upper));
        }
        mins[i] = std::move(min);
        maxs[i] = std::move(max);
    }
    SimpleStats stats;
    FL_ASSIGN_OR_RETURN(stats.min_values, EncodeBinaryRow(mins, types));
    FL_ASSIGN_OR_RETURN(stats.max_values, EncodeBinaryRow(maxs, types));
    stats.null_counts = std::move(null_counts);
    return stats;
}

}  // namespace flashlake::lake
