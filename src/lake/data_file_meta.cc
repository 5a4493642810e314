#include "lake/data_file_meta.h"

#include "lake/table_schema.h"

namespace flashlake::lake {

namespace {

// System columns a data file can hold (paimon `table/SpecialFields`).
std::optional<DataField> SystemField(const std::string& name) {
    constexpr int32_t kMax = 2147483647;
    if (name == "_SEQUENCE_NUMBER") return DataField{kMax - 1, name, DataType::BigInt().WithNullable(false), {}};
    if (name == "_VALUE_KIND") return DataField{kMax - 2, name, DataType::TinyInt().WithNullable(false), {}};
    if (name == "_ROW_ID") return DataField{kMax - 5, name, DataType::BigInt().WithNullable(false), {}};
    return std::nullopt;
}

}  // namespace

Result<std::vector<DataField>> ValueStatsFields(const TableSchema& file_schema, const DataFileMeta& file) {
    const std::vector<std::string>* names = nullptr;
    if (file.value_stats_cols) {
        names = &*file.value_stats_cols;
    } else if (file.write_cols) {
        names = &*file.write_cols;
    } else {
        return file_schema.fields;
    }
    std::vector<DataField> fields;
    for (const std::string& name : *names) {
        int index = file_schema.FieldIndex(name);
        if (index >= 0) {
            fields.push_back(file_schema.fields[index]);
        } else if (auto system = SystemField(name)) {
            fields.push_back(*system);
        } else {
            return Status::Corruption("data file " + file.file_name + " has stats for column " + name +
                                      ", which schema " + std::to_string(file_schema.id) + " does not have");
        }
    }
    return fields;
}

}  // namespace flashlake::lake
