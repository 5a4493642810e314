#include "lake/read/read_context.h"

namespace flashlake::lake {

Result<const TableSchema*> ReadContext::FileSchema(int64_t schema_id) const {
    auto it = file_schemas.find(schema_id);
    if (it == file_schemas.end()) {
        return Status::Corruption("schema " + std::to_string(schema_id) + " of a data file is not part of the plan");
    }
    return &it->second;
}

std::vector<LogicalType> ReadContext::OutputTypes() const {
    std::vector<LogicalType> types;
    for (const DataField& field : projection) types.push_back(field.type.ToLogicalType().ValueOr(LogicalType::Null()));
    if (include_row_kind) types.push_back(LogicalType::TinyInt());
    return types;
}

}  // namespace flashlake::lake
