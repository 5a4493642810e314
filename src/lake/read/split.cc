#include "lake/read/split.h"

namespace flashlake::lake {

std::string_view SplitKindName(SplitKind kind) {
    switch (kind) {
        case SplitKind::kAppend:
            return "append";
        case SplitKind::kRaw:
            return "raw";
        case SplitKind::kMerge:
            return "merge";
        case SplitKind::kIncremental:
            return "incremental";
    }
    return "?";
}

int64_t Split::RowCount() const {
    int64_t rows = 0;
    for (const SplitFile& file : files) rows += file.meta.row_count;
    return rows;
}

int64_t Split::FileSize() const {
    int64_t bytes = 0;
    for (const SplitFile& file : files) bytes += file.meta.file_size;
    return bytes;
}

}  // namespace flashlake::lake
