#pragma once

#include "common/result.h"
#include "format/avro/datum.h"
#include "format/avro/schema.h"
#include "lake/index_manifest_entry.h"
#include "lake/manifest_entry.h"
#include "lake/manifest_file_meta.h"

namespace flashlake::lake {

// The Avro records of Paimon's manifest files and their conversion to the lake models.
//
// Each schema is the newest layout this code knows, with Paimon's field names, record names
// (org.apache.paimon.avro.generated.record, nested record_<FIELD>) and types: what we write, and
// the reader schema that Java-written files are resolved against by field name. Fields added by
// newer Paimon releases are ["null", T] with default null, so files from older writers (which
// lack them) and from newer writers (which add fields we do not know, skipped) both read. A
// required field missing from a file is an error at open time, naming the field.
//
// Record `_VERSION`s: manifest entries and manifest-list entries 2, index-manifest entries 1;
// other versions are refused as incompatible (kNotSupported).

const format::avro::Schema& ManifestEntrySchema();
const format::avro::Schema& ManifestFileMetaSchema();
const format::avro::Schema& IndexManifestEntrySchema();

// Records shaped by the schemas above (as DatumReader produces them with that reader schema).
Result<ManifestEntry> ManifestEntryFromDatum(const format::avro::Datum& record);
Result<ManifestFileMeta> ManifestFileMetaFromDatum(const format::avro::Datum& record);
Result<IndexManifestEntry> IndexManifestEntryFromDatum(const format::avro::Datum& record);

format::avro::Datum ToDatum(const ManifestEntry& entry);
format::avro::Datum ToDatum(const ManifestFileMeta& meta);
format::avro::Datum ToDatum(const IndexManifestEntry& entry);

}  // namespace flashlake::lake
