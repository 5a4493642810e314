#pragma once

#include <memory>
#include <set>
#include <string>

#include "common/result.h"
#include "lake/read/read_context.h"
#include "lake/read/table_scan.h"

namespace flashlake::lake {

// The ReadContext of a scan reading rows in `schema`: projection, merge engine and predicates
// resolved against it. Table features the readers cannot honour are kNotSupported here, before
// any file is read.
Result<std::shared_ptr<ReadContext>> MakeReadContext(const TableSchema& schema, const ScanOptions& options);

// Adds the schemas `ids` (from the schema directory under `root`) to context->file_schemas.
Status LoadFileSchemas(io::FileSystem* fs, const std::string& root, const std::set<int64_t>& ids, ReadContext* context);

}  // namespace flashlake::lake
