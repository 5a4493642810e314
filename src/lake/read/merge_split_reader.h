#pragma once

#include <memory>
#include <vector>

#include "lake/lsm/merge_function.h"
#include "lake/lsm/sort_merge_reader.h"
#include "lake/read/data_file_reader.h"
#include "lake/read/split_reader.h"

namespace flashlake::lake {

// Merge-on-read of one primary-key bucket (Paimon's MergeFileSplitRead). The bucket's files are
// partitioned into sections of overlapping key ranges (lsm::IntervalPartition), which are read
// one after the other; within a section each sorted run streams its files in key order and
// lsm::SortMergeReader merges the runs into batches of key groups, which the merge function
// turns into rows column by column.
//
// Files carry the projection plus what merging needs: the primary key (table columns, which
// every primary-key file holds; its `_KEY_` copies are not read), the sequence fields, and
// _SEQUENCE_NUMBER / _VALUE_KIND. Deletion vectors are applied as files are read. With deletion
// vectors, or for first-row tables, a section without level-0 files has no key twice and is
// read without merging.
class MergeSplitReader final : public SplitReader {
public:
    static Result<std::unique_ptr<SplitReader>> Make(io::FileSystem* fs, std::shared_ptr<const ReadContext> context,
                                                     const Split& split);

    Result<bool> Next(Chunk* chunk) override;

private:
    struct SectionPlan {
        std::vector<std::vector<size_t>> runs;  // indexes into split_.files
        bool raw = false;                       // no key can occur twice: concatenate, drop retracts
    };

    MergeSplitReader(io::FileSystem* fs, std::shared_ptr<const ReadContext> context, const Split& split)
        : fs_(fs), context_(std::move(context)), split_(split) {}
    // The layout of the chunks read and the merge function.
    Status Init();
    // Sections of overlapping files and their sorted runs.
    Status PlanSections();
    Status OpenSection(const SectionPlan& section);
    Result<std::unique_ptr<DataFileReader>> OpenFile(size_t index) const;
    Result<bool> NextRaw(Chunk* chunk);
    Chunk Output(std::vector<ColumnPtr> columns, size_t rows, const ColumnPtr& kinds) const;

    io::FileSystem* fs_;
    std::shared_ptr<const ReadContext> context_;
    Split split_;

    // Layout of the chunks read from files: `spec_.fields`, then sequence number and kind.
    DataFileReadSpec spec_;
    lsm::MergeLayout layout_;
    std::vector<int> key_columns_;
    std::vector<int> order_columns_;
    std::unique_ptr<lsm::MergeFunction> merge_;

    std::vector<SectionPlan> sections_;
    size_t next_section_ = 0;
    // The current section: merged, or raw files one by one.
    std::unique_ptr<lsm::SortMergeReader> merger_;
    std::vector<size_t> raw_files_;
    size_t next_raw_file_ = 0;
    std::unique_ptr<DataFileReader> raw_reader_;

    lsm::MergeBatch batch_;
    lsm::MergeOutput output_;
    SelectionVector selection_;
};

}  // namespace flashlake::lake
