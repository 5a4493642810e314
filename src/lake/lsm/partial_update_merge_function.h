#pragma once

#include <vector>

#include "lake/lsm/merge_function.h"

namespace flashlake::lake::lsm {

// `partial-update`: each field takes its newest non-null value among a key's versions. A -U/-D
// version is skipped with ignore-delete; with remove-record-on-delete a -D discards the versions
// before it (and deletes the key when it is the newest; -U is skipped); otherwise a retraction is
// kNotSupported, as in Paimon without sequence groups.
class PartialUpdateMergeFunction final : public MergeFunction {
public:
    PartialUpdateMergeFunction(MergeLayout layout, const MergeOptions& options)
        : layout_(std::move(layout)),
          ignore_delete_(options.ignore_delete),
          remove_record_on_delete_(options.remove_record_on_delete) {}

    Status Merge(const MergeBatch& batch, MergeOutput* out) override;

private:
    MergeLayout layout_;
    bool ignore_delete_;
    bool remove_record_on_delete_;
    std::vector<uint32_t> starts_;  // per surviving group: first version considered
    std::vector<uint32_t> groups_;  // surviving groups
    std::vector<int32_t> picks_;
};

}  // namespace flashlake::lake::lsm
