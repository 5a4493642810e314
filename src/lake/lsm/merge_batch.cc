#include "lake/lsm/merge_batch.h"

#include "column/physical_dispatch.h"

namespace flashlake::lake::lsm {

void MergeBatch::Clear() {
    sources.clear();
    source.clear();
    row.clear();
    sequence.clear();
    kinds.clear();
    group_begin.assign(1, 0);
}

ColumnPtr GatherVersions(const MergeBatch& batch, size_t column, const int32_t* versions, size_t count) {
    FL_CHECK(!batch.sources.empty(), "GatherVersions of an empty batch");
    const LogicalType& type = batch.sources[0]->columns.column(column)->type();
    ColumnPtr out = Column::MakeFlat(type, count);
    // Source columns are flat (the merge reader flattens them), so values are read directly.
    std::vector<const Column*> columns(batch.sources.size());
    for (size_t s = 0; s < batch.sources.size(); ++s) {
        columns[s] = batch.sources[s]->columns.column(column).get();
        FL_CHECK(columns[s]->encoding() == ColumnEncoding::kFlat, "merge sources must be flat");
        if (type.physical() == PhysicalType::kString) out->strings().AdoptFrom(columns[s]->strings());
    }
    DispatchPhysical(type.physical(), [&]<typename T>() {
        T* data = out->MutableData<T>();
        for (size_t i = 0; i < count; ++i) {
            int32_t v = versions[i];
            if (v < 0) {
                out->SetNull(i);
                continue;
            }
            const Column* source = columns[batch.source[v]];
            uint32_t row = batch.row[v];
            if (!source->validity().IsValid(row)) {
                out->SetNull(i);
                continue;
            }
            data[i] = source->Data<T>()[row];
        }
    });
    return out;
}

}  // namespace flashlake::lake::lsm
