#pragma once

#include <map>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "common/result.h"
#include "lake/table_schema.h"

namespace flashlake::lake::lsm {

// Paimon's merge engines (`merge-engine`): what one key's versions merge into.
enum class MergeEngine : uint8_t {
    kDeduplicate,    // the newest version; a newest -U/-D deletes the key
    kPartialUpdate,  // per field, the newest non-null value
    kAggregation,    // per field, an aggregate function over the versions
    kFirstRow,       // the oldest version; later ones (and deletes) are ignored
};

std::string_view MergeEngineName(MergeEngine engine);

// The merge-related options of a primary-key table.
struct MergeOptions {
    MergeEngine engine = MergeEngine::kDeduplicate;
    // `ignore-delete` (also `first-row.ignore-delete`, `partial-update.ignore-delete`): -U/-D
    // versions are dropped before merging.
    bool ignore_delete = false;
    // `partial-update.remove-record-on-delete` / `aggregation.remove-record-on-delete`: a -D
    // version discards what came before it and, if it is the newest, deletes the key.
    bool remove_record_on_delete = false;
    // `sequence.field`: versions are ordered by these fields (then by sequence number).
    std::vector<std::string> sequence_fields;
    // Aggregation: `fields.<f>.aggregate-function`, `fields.default-aggregate-function`
    // (default last_non_null_value) and `fields.<f>.ignore-retract`.
    std::map<std::string, std::string> field_aggregates;
    std::string default_aggregate = "last_non_null_value";
    std::set<std::string> ignore_retract_fields;

    // Parses the options of `schema`. Features the reader cannot honour are kNotSupported naming
    // the option: partial-update sequence groups (`fields.<f>.sequence-group`), descending
    // `sequence.field.sort-order`, an unknown merge engine.
    static Result<MergeOptions> FromSchema(const TableSchema& schema);

    // The aggregate function of field `name` (aggregation engine).
    const std::string& AggregateOf(const std::string& name) const;
};

}  // namespace flashlake::lake::lsm
