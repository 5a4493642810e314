#include "planner/logical/logical_operator.h"

#include <cstdio>

namespace flashlake::planner {

const char* LogicalOperatorName(LogicalOperatorKind kind) {
    switch (kind) {
        case LogicalOperatorKind::kValues: return "VALUES";
        case LogicalOperatorKind::kProjection: return "PROJECT";
        case LogicalOperatorKind::kFilter: return "FILTER";
        case LogicalOperatorKind::kLimit: return "LIMIT";
        case LogicalOperatorKind::kFileScan: return "FILE_SCAN";
    }
    return "?";
}

std::string LogicalOperator::ToString(bool verbose, int depth) const {
    std::string line(static_cast<size_t>(depth) * 2, ' ');
    line += LogicalOperatorName(kind);
    switch (kind) {
        case LogicalOperatorKind::kValues: line += " (" + std::to_string(rows.size()) + " rows)"; break;
        case LogicalOperatorKind::kProjection:
        case LogicalOperatorKind::kFilter: {
            line += " [";
            for (size_t i = 0; i < expressions.size(); ++i) {
                if (i > 0) line += ", ";
                line += expressions[i]->ToString();
            }
            line += "]";
            break;
        }
        case LogicalOperatorKind::kLimit:
            line += " " + std::to_string(limit);
            if (offset > 0) line += " OFFSET " + std::to_string(offset);
            break;
        case LogicalOperatorKind::kFileScan:
            line += std::string(file_scan->format == FileFormat::kParquet ? " parquet" : " csv") + " (" +
                    std::to_string(file_scan->paths.size()) + " files)";
            break;
    }
    if (verbose) {
        char estimate[64];
        std::snprintf(estimate, sizeof(estimate), "  (rows=%.0f)", estimated_rows);
        line += estimate;
    }
    line += "\n";
    for (const auto& child : children) line += child->ToString(verbose, depth + 1);
    return line;
}

}  // namespace flashlake::planner
