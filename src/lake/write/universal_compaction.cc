#include "lake/write/universal_compaction.h"

#include <algorithm>
#include <map>

#include "lake/commit/option_values.h"
#include "lake/table_schema.h"

namespace flashlake::lake {

namespace {

CompactUnit UnitOf(int32_t output_level, const std::vector<LevelSortedRun>& runs, size_t count) {
    CompactUnit unit;
    unit.output_level = output_level;
    for (size_t i = 0; i < count; ++i) unit.files.insert(unit.files.end(), runs[i].files.begin(), runs[i].files.end());
    return unit;
}

// Paimon's createUnit: the output level sits just above the first run left out, never level 0.
CompactUnit CreateUnit(const std::vector<LevelSortedRun>& runs, int32_t max_level, size_t count) {
    int32_t output_level;
    if (count == runs.size()) {
        output_level = max_level;
    } else {
        output_level = std::max(0, runs[count].level - 1);
    }
    if (output_level == 0) {
        for (size_t i = count; i < runs.size(); ++i) {
            ++count;
            if (runs[i].level != 0) {
                output_level = runs[i].level;
                break;
            }
        }
    }
    if (count == runs.size()) output_level = max_level;
    return UnitOf(output_level, runs, count);
}

std::optional<CompactUnit> PickForSizeRatio(const UniversalCompactionOptions& options,
                                            const std::vector<LevelSortedRun>& runs, size_t count) {
    const int32_t max_level = options.num_levels - 1;
    int64_t candidate_size = 0;
    for (size_t i = 0; i < count; ++i) candidate_size += runs[i].total_size;
    bool triggered = count > 1;
    for (size_t i = count; i < runs.size(); ++i) {
        const LevelSortedRun& next = runs[i];
        if (static_cast<double>(candidate_size) * (100.0 + options.size_ratio) / 100.0 <
            static_cast<double>(next.total_size)) {
            if (!triggered || next.level > 1) break;
        }
        candidate_size += next.total_size;
        ++count;
        triggered = true;
    }
    if (!triggered) return std::nullopt;
    return CreateUnit(runs, max_level, count);
}

}  // namespace

Result<UniversalCompactionOptions> UniversalCompactionOptions::FromSchema(const TableSchema& schema) {
    UniversalCompactionOptions options;
    FL_ASSIGN_OR_RETURN(int64_t trigger, IntOption(schema, "num-sorted-run.compaction-trigger", 5));
    FL_ASSIGN_OR_RETURN(int64_t amplification, IntOption(schema, "compaction.max-size-amplification-percent", 200));
    FL_ASSIGN_OR_RETURN(int64_t ratio, IntOption(schema, "compaction.size-ratio", 1));
    FL_ASSIGN_OR_RETURN(int64_t levels, IntOption(schema, "num-levels", trigger + 1));
    if (trigger < 1 || levels < 2 || amplification < 0 || ratio < 0) {
        return Status::InvalidArgument("bad compaction options (num-sorted-run.compaction-trigger, num-levels, ...)");
    }
    options.compaction_trigger = static_cast<int32_t>(trigger);
    options.max_size_amplification_percent = static_cast<int32_t>(amplification);
    options.size_ratio = static_cast<int32_t>(ratio);
    options.num_levels = static_cast<int32_t>(levels);
    return options;
}

std::vector<LevelSortedRun> LevelSortedRuns(const std::vector<DataFileMeta>& files) {
    std::vector<LevelSortedRun> runs;
    std::vector<const DataFileMeta*> level0;
    std::map<int32_t, LevelSortedRun> higher;
    for (const DataFileMeta& file : files) {
        if (file.level == 0) {
            level0.push_back(&file);
        } else {
            LevelSortedRun& run = higher[file.level];
            run.level = file.level;
            run.files.push_back(file);
            run.total_size += file.file_size;
        }
    }
    std::sort(level0.begin(), level0.end(), [](const DataFileMeta* a, const DataFileMeta* b) {
        if (a->max_sequence_number != b->max_sequence_number) return a->max_sequence_number > b->max_sequence_number;
        if (a->min_sequence_number != b->min_sequence_number) return a->min_sequence_number < b->min_sequence_number;
        return a->file_name < b->file_name;
    });
    for (const DataFileMeta* file : level0) runs.push_back({0, {*file}, file->file_size});
    for (auto& [level, run] : higher) runs.push_back(std::move(run));
    return runs;
}

std::optional<CompactUnit> PickUniversalCompaction(const UniversalCompactionOptions& options,
                                                   const std::vector<LevelSortedRun>& runs) {
    const size_t trigger = static_cast<size_t>(options.compaction_trigger);
    if (runs.size() < trigger) return std::nullopt;
    // 1. Size amplification.
    int64_t newer = 0;
    for (size_t i = 0; i + 1 < runs.size(); ++i) newer += runs[i].total_size;
    if (newer * 100 > static_cast<int64_t>(options.max_size_amplification_percent) * runs.back().total_size) {
        return UnitOf(options.num_levels - 1, runs, runs.size());
    }
    // 2. Size ratio.
    if (auto unit = PickForSizeRatio(options, runs, 1)) return unit;
    // 3. Run count.
    if (runs.size() > trigger) return PickForSizeRatio(options, runs, runs.size() - trigger + 1);
    return std::nullopt;
}

std::optional<CompactUnit> FullCompaction(const UniversalCompactionOptions& options,
                                          const std::vector<LevelSortedRun>& runs) {
    if (runs.empty()) return std::nullopt;
    if (runs.size() == 1 && runs[0].level == options.num_levels - 1) return std::nullopt;
    return UnitOf(options.num_levels - 1, runs, runs.size());
}

}  // namespace flashlake::lake
