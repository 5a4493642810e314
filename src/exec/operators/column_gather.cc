#include "exec/operators/column_gather.h"

#include "column/physical_dispatch.h"

namespace flashlake::exec {

void AppendRows(Column& target, const Column& source, size_t count) {
    const size_t start = target.size();
    target.Resize(start + count);
    if (source.type().id() == TypeId::kNull || target.type().id() == TypeId::kNull) {
        for (size_t i = 0; i < count; ++i) target.SetNull(start + i);
        return;
    }
    const bool dictionary = source.encoding() == ColumnEncoding::kDictionary;
    const bool constant = source.encoding() == ColumnEncoding::kConstant;
    const Column& values = dictionary ? source.dictionary() : source;
    const int32_t* codes = dictionary ? source.codes() : nullptr;
    const ValidityMask& validity = values.validity();
    DispatchPhysical(target.type().physical(), [&]<typename T>() {
        const T* in = values.Data<T>();
        T* out = target.MutableData<T>() + start;
        for (size_t i = 0; i < count; ++i) {
            size_t row = constant ? 0 : dictionary ? static_cast<size_t>(codes[i]) : i;
            if (!validity.AllValid() && !validity.IsValid(row)) {
                target.SetNull(start + i);
                continue;
            }
            if constexpr (std::is_same_v<T, StringView>) {
                out[i] = in[row].IsInline() ? in[row] : target.strings().Add(in[row].view());
            } else {
                out[i] = in[row];
            }
        }
    });
}

ColumnPtr GatherRows(const Column& source, const uint32_t* rows, size_t count) {
    ColumnPtr result = Column::MakeFlat(source.type(), count);
    if (source.type().id() == TypeId::kNull) {
        for (size_t i = 0; i < count; ++i) result->SetNull(i);
        return result;
    }
    if (source.type().physical() == PhysicalType::kString) result->strings().AdoptFrom(source.strings());
    const ValidityMask& validity = source.validity();
    DispatchPhysical(source.type().physical(), [&]<typename T>() {
        const T* in = source.Data<T>();
        T* out = result->MutableData<T>();
        if (validity.AllValid() && source.size() > 0) {
            // The common case (no NULLs, an inner join): a branch-free copy the compiler unrolls,
            // then the outer join's unmatched rows, if any, as NULLs.
            bool any_unmatched = false;
            for (size_t i = 0; i < count; ++i) {
                uint32_t row = rows[i];
                any_unmatched |= row == kNullRow;
                out[i] = in[row == kNullRow ? 0 : row];
            }
            if (any_unmatched) {
                for (size_t i = 0; i < count; ++i) {
                    if (rows[i] == kNullRow) {
                        out[i] = T{};
                        result->SetNull(i);
                    }
                }
            }
            return;
        }
        for (size_t i = 0; i < count; ++i) {
            uint32_t row = rows[i];
            if (row == kNullRow || (!validity.AllValid() && !validity.IsValid(row))) {
                result->SetNull(i);
                continue;
            }
            out[i] = in[row];
        }
    });
    return result;
}

ColumnPtr GatherFromRuns(const std::vector<const Column*>& sources, const uint32_t* runs, const uint32_t* rows,
                         size_t count) {
    const LogicalType& type = sources[0]->type();
    ColumnPtr result = Column::MakeFlat(type, count);
    if (type.id() == TypeId::kNull) {
        for (size_t i = 0; i < count; ++i) result->SetNull(i);
        return result;
    }
    if (type.physical() == PhysicalType::kString) {
        for (const Column* source : sources) result->strings().AdoptFrom(source->strings());
    }
    DispatchPhysical(type.physical(), [&]<typename T>() {
        T* out = result->MutableData<T>();
        for (size_t i = 0; i < count; ++i) {
            const Column& source = *sources[runs[i]];
            if (!source.validity().IsValid(rows[i])) {
                result->SetNull(i);
                continue;
            }
            out[i] = source.Data<T>()[rows[i]];
        }
    });
    return result;
}

}  // namespace flashlake::exec
