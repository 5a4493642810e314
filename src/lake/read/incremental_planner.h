#pragma once

#include <string>

#include "common/result.h"
#include "lake/read/table_scan.h"

namespace flashlake::lake {

// Plans an incremental scan (`options.incremental_between` = (from, to]): the rows committed by
// each snapshot after `from` up to `to`, read from its delta manifests (Paimon's incremental
// "delta" mode; what incremental materialized-view refresh consumes):
//   APPEND     every added file, rows with their row kinds (primary-key tables keep -U/-D rows;
//              nothing is merged, so a key changed twice appears twice, in commit order)
//   COMPACT    skipped: compaction rewrites files without changing rows
//   OVERWRITE  append tables: added files as +I, removed files as -D; primary-key tables are
//              kNotSupported (their removed files hold superseded versions, not rows)
// One kIncremental split per (snapshot, partition, bucket), in commit order. Deletion vectors
// are not applied. Rows are produced in the latest schema unless `read_schema_id` says otherwise.
Result<ScanPlan> PlanIncremental(io::FileSystem* fs, const std::string& table_path, const ScanOptions& options);

}  // namespace flashlake::lake
