#include "lake/manifest_codec.h"

#include <utility>

namespace flashlake::lake {

namespace avro = format::avro;
namespace json = format::json;
using avro::Datum;
using avro::Type;

namespace {

constexpr int32_t kManifestEntryVersion = 2;
constexpr int32_t kManifestFileMetaVersion = 2;
constexpr int32_t kIndexManifestEntryVersion = 1;
constexpr const char* kNamespace = "org.apache.paimon.avro.generated.";

avro::NodePtr Int() {
    return avro::MakePrimitive(Type::kInt);
}
avro::NodePtr Long() {
    return avro::MakePrimitive(Type::kLong);
}
avro::NodePtr Bytes() {
    return avro::MakePrimitive(Type::kBytes);
}
avro::NodePtr String() {
    return avro::MakePrimitive(Type::kString);
}
avro::Field Required(const char* name, avro::NodePtr type) {
    return avro::MakeField(name, std::move(type));
}
avro::Field Optional(const char* name, avro::NodePtr type) {
    return avro::MakeField(name, avro::MakeNullable(std::move(type)), json::Value());
}
avro::NodePtr Record(const std::string& name, std::vector<avro::Field> fields) {
    return avro::MakeRecord(kNamespace + name, std::move(fields));
}

avro::NodePtr StatsRecord(const std::string& name) {
    return Record(name, {Required("_MIN_VALUES", Bytes()), Required("_MAX_VALUES", Bytes()),
                         Optional("_NULL_COUNTS", avro::MakeArray(avro::MakeNullable(Long())))});
}

avro::Schema MustMake(avro::NodePtr root) {
    auto schema = avro::Schema::Make(std::move(root));
    FL_CHECK(schema.ok(), "manifest schema: ", schema.status().ToString());
    return std::move(schema).value();
}

// Field positions in the schemas below (records are read with these schemas, so the positions
// hold whatever the file's writer schema looked like).
enum EntryField { kEVersion, kEKind, kEPartition, kEBucket, kETotalBuckets, kEFile };
enum FileField {
    kFName,
    kFSize,
    kFRowCount,
    kFMinKey,
    kFMaxKey,
    kFKeyStats,
    kFValueStats,
    kFMinSeq,
    kFMaxSeq,
    kFSchemaId,
    kFLevel,
    kFExtraFiles,
    kFCreationTime,
    kFDeleteRowCount,
    kFEmbeddedIndex,
    kFFileSource,
    kFValueStatsCols,
    kFExternalPath,
    kFFirstRowId,
    kFWriteCols
};
enum MetaField {
    kMVersion,
    kMName,
    kMSize,
    kMAdded,
    kMDeleted,
    kMPartitionStats,
    kMSchemaId,
    kMMinBucket,
    kMMaxBucket,
    kMMinLevel,
    kMMaxLevel,
    kMMinRowId,
    kMMaxRowId
};
enum IndexField {
    kIVersion,
    kIKind,
    kIPartition,
    kIBucket,
    kIType,
    kIName,
    kISize,
    kIRowCount,
    kIRanges,
    kIExternalPath,
    kIGlobalIndex
};

// --- Datum -> model

Status CheckVersion(const Datum& version, int32_t expected, const char* what) {
    if (version.int_value() != expected) {
        return Status::NotSupported(std::string(what) + " _VERSION " + std::to_string(version.int_value()) +
                                    " is not supported (expected " + std::to_string(expected) + ")");
    }
    return Status::OK();
}

Result<BinaryRow> RowOf(const Datum& bytes, const char* what) {
    auto row = BinaryRow::Deserialize(bytes.bytes());
    if (!row.ok()) return row.status().WithContext(what);
    return row;
}

Result<FileKind> KindOf(const Datum& kind) {
    if (kind.int_value() == 0) return FileKind::kAdd;
    if (kind.int_value() == 1) return FileKind::kDelete;
    return Status::Corruption("manifest _KIND " + std::to_string(kind.int_value()));
}

std::optional<int64_t> OptLong(const Datum& d) {
    return d.is_null() ? std::nullopt : std::optional(d.long_value());
}
std::optional<int32_t> OptInt(const Datum& d) {
    return d.is_null() ? std::nullopt : std::optional(d.int_value());
}
std::optional<std::string> OptBytes(const Datum& d) {
    return d.is_null() ? std::nullopt : std::optional(d.bytes());
}

std::vector<std::string> Strings(const Datum& array) {
    std::vector<std::string> out;
    for (const Datum& item : array.items()) out.push_back(item.bytes());
    return out;
}

std::optional<std::vector<std::string>> OptStrings(const Datum& d) {
    return d.is_null() ? std::nullopt : std::optional(Strings(d));
}

Result<SimpleStats> StatsOf(const Datum& record, const char* what) {
    if (record.is_null()) return Status::Corruption(std::string(what) + " is null");
    SimpleStats stats;
    FL_ASSIGN_OR_RETURN(stats.min_values, RowOf(record.field(0), what));
    FL_ASSIGN_OR_RETURN(stats.max_values, RowOf(record.field(1), what));
    if (!record.field(2).is_null()) {
        stats.null_counts.emplace();
        for (const Datum& count : record.field(2).items()) stats.null_counts->push_back(OptLong(count));
    }
    return stats;
}

Result<DataFileMeta> DataFileMetaOf(const Datum& f) {
    if (f.is_null()) return Status::Corruption("manifest entry without _FILE");
    DataFileMeta meta;
    meta.file_name = f.field(kFName).bytes();
    meta.file_size = f.field(kFSize).long_value();
    meta.row_count = f.field(kFRowCount).long_value();
    FL_ASSIGN_OR_RETURN(meta.min_key, RowOf(f.field(kFMinKey), "_MIN_KEY"));
    FL_ASSIGN_OR_RETURN(meta.max_key, RowOf(f.field(kFMaxKey), "_MAX_KEY"));
    FL_ASSIGN_OR_RETURN(meta.key_stats, StatsOf(f.field(kFKeyStats), "_KEY_STATS"));
    FL_ASSIGN_OR_RETURN(meta.value_stats, StatsOf(f.field(kFValueStats), "_VALUE_STATS"));
    meta.min_sequence_number = f.field(kFMinSeq).long_value();
    meta.max_sequence_number = f.field(kFMaxSeq).long_value();
    meta.schema_id = f.field(kFSchemaId).long_value();
    meta.level = f.field(kFLevel).int_value();
    meta.extra_files = Strings(f.field(kFExtraFiles));
    meta.creation_time_millis = OptLong(f.field(kFCreationTime));
    meta.delete_row_count = OptLong(f.field(kFDeleteRowCount));
    meta.embedded_index = OptBytes(f.field(kFEmbeddedIndex));
    if (const Datum& source = f.field(kFFileSource); !source.is_null()) {
        if (source.int_value() != 0 && source.int_value() != 1) {
            return Status::Corruption("_FILE_SOURCE " + std::to_string(source.int_value()) + " of " + meta.file_name);
        }
        meta.file_source = static_cast<FileSource>(source.int_value());
    }
    meta.value_stats_cols = OptStrings(f.field(kFValueStatsCols));
    meta.external_path = OptBytes(f.field(kFExternalPath));
    meta.first_row_id = OptLong(f.field(kFFirstRowId));
    meta.write_cols = OptStrings(f.field(kFWriteCols));
    return meta;
}

// --- model -> Datum

Datum OptLongDatum(const std::optional<int64_t>& v) {
    return v ? Datum::Long(*v) : Datum::Null();
}
Datum OptIntDatum(const std::optional<int32_t>& v) {
    return v ? Datum::Int(*v) : Datum::Null();
}
Datum OptStringDatum(const std::optional<std::string>& v) {
    return v ? Datum::String(*v) : Datum::Null();
}
Datum OptBytesDatum(const std::optional<std::string>& v) {
    return v ? Datum::Bytes(*v) : Datum::Null();
}

Datum StringsDatum(const std::vector<std::string>& items) {
    std::vector<Datum> out;
    for (const std::string& item : items) out.push_back(Datum::String(item));
    return Datum::Array(std::move(out));
}

Datum OptStringsDatum(const std::optional<std::vector<std::string>>& v) {
    return v ? StringsDatum(*v) : Datum::Null();
}

Datum StatsDatum(const SimpleStats& stats) {
    Datum null_counts;
    if (stats.null_counts) {
        std::vector<Datum> counts;
        for (const auto& count : *stats.null_counts) counts.push_back(OptLongDatum(count));
        null_counts = Datum::Array(std::move(counts));
    }
    return Datum::Record({Datum::Bytes(stats.min_values.Serialize()), Datum::Bytes(stats.max_values.Serialize()),
                          std::move(null_counts)});
}

}  // namespace

const avro::Schema& ManifestEntrySchema() {
    static const avro::Schema schema = MustMake(Record(
        "record",
        {Required("_VERSION", Int()), Required("_KIND", Int()), Required("_PARTITION", Bytes()),
         Required("_BUCKET", Int()), Required("_TOTAL_BUCKETS", Int()),
         Required("_FILE", Record("record__FILE",
                                  {Required("_FILE_NAME", String()),
                                   Required("_FILE_SIZE", Long()),
                                   Required("_ROW_COUNT", Long()),
                                   Required("_MIN_KEY", Bytes()),
                                   Required("_MAX_KEY", Bytes()),
                                   Required("_KEY_STATS", StatsRecord("record__FILE__KEY_STATS")),
                                   Required("_VALUE_STATS", StatsRecord("record__FILE__VALUE_STATS")),
                                   Required("_MIN_SEQUENCE_NUMBER", Long()),
                                   Required("_MAX_SEQUENCE_NUMBER", Long()),
                                   Required("_SCHEMA_ID", Long()),
                                   Required("_LEVEL", Int()),
                                   Required("_EXTRA_FILES", avro::MakeArray(String())),
                                   Optional("_CREATION_TIME", avro::MakePrimitive(Type::kLong, "timestamp-millis")),
                                   Optional("_DELETE_ROW_COUNT", Long()),
                                   Optional("_EMBEDDED_FILE_INDEX", Bytes()),
                                   Optional("_FILE_SOURCE", Int()),
                                   Optional("_VALUE_STATS_COLS", avro::MakeArray(String())),
                                   Optional("_EXTERNAL_PATH", String()),
                                   Optional("_FIRST_ROW_ID", Long()),
                                   Optional("_WRITE_COLS", avro::MakeArray(String()))}))}));
    return schema;
}

const avro::Schema& ManifestFileMetaSchema() {
    static const avro::Schema schema = MustMake(Record(
        "record", {Required("_VERSION", Int()), Required("_FILE_NAME", String()), Required("_FILE_SIZE", Long()),
                   Required("_NUM_ADDED_FILES", Long()), Required("_NUM_DELETED_FILES", Long()),
                   Required("_PARTITION_STATS", StatsRecord("record__PARTITION_STATS")), Required("_SCHEMA_ID", Long()),
                   Optional("_MIN_BUCKET", Int()), Optional("_MAX_BUCKET", Int()), Optional("_MIN_LEVEL", Int()),
                   Optional("_MAX_LEVEL", Int()), Optional("_MIN_ROW_ID", Long()), Optional("_MAX_ROW_ID", Long())}));
    return schema;
}

const avro::Schema& IndexManifestEntrySchema() {
    static const avro::Schema schema = MustMake(Record(
        "record",
        {Required("_VERSION", Int()), Required("_KIND", Int()), Required("_PARTITION", Bytes()),
         Required("_BUCKET", Int()), Required("_INDEX_TYPE", String()), Required("_FILE_NAME", String()),
         Required("_FILE_SIZE", Long()), Required("_ROW_COUNT", Long()),
         Optional("_DELETIONS_VECTORS_RANGES",
                  avro::MakeArray(avro::MakeNullable(Record(
                      "record__DELETIONS_VECTORS_RANGES", {Required("f0", String()), Required("f1", Int()),
                                                           Required("f2", Int()), Optional("_CARDINALITY", Long())})))),
         Optional("_EXTERNAL_PATH", String()),
         Optional("_GLOBAL_INDEX",
                  Record("record__GLOBAL_INDEX",
                         {Required("_ROW_RANGE_START", Long()), Required("_ROW_RANGE_END", Long()),
                          Required("_INDEX_FIELD_ID", Int()), Optional("_EXTRA_FIELD_IDS", avro::MakeArray(Int())),
                          Optional("_INDEX_META", Bytes())}))}));
    return schema;
}

Result<ManifestEntry> ManifestEntryFromDatum(const Datum& r) {
    FL_RETURN_NOT_OK(CheckVersion(r.field(kEVersion), kManifestEntryVersion, "manifest entry"));
    ManifestEntry entry;
    FL_ASSIGN_OR_RETURN(entry.kind, KindOf(r.field(kEKind)));
    FL_ASSIGN_OR_RETURN(entry.partition, RowOf(r.field(kEPartition), "_PARTITION"));
    entry.bucket = r.field(kEBucket).int_value();
    entry.total_buckets = r.field(kETotalBuckets).int_value();
    FL_ASSIGN_OR_RETURN(entry.file, DataFileMetaOf(r.field(kEFile)));
    return entry;
}

Result<ManifestFileMeta> ManifestFileMetaFromDatum(const Datum& r) {
    FL_RETURN_NOT_OK(CheckVersion(r.field(kMVersion), kManifestFileMetaVersion, "manifest list entry"));
    ManifestFileMeta meta;
    meta.file_name = r.field(kMName).bytes();
    meta.file_size = r.field(kMSize).long_value();
    meta.num_added_files = r.field(kMAdded).long_value();
    meta.num_deleted_files = r.field(kMDeleted).long_value();
    FL_ASSIGN_OR_RETURN(meta.partition_stats, StatsOf(r.field(kMPartitionStats), "_PARTITION_STATS"));
    meta.schema_id = r.field(kMSchemaId).long_value();
    meta.min_bucket = OptInt(r.field(kMMinBucket));
    meta.max_bucket = OptInt(r.field(kMMaxBucket));
    meta.min_level = OptInt(r.field(kMMinLevel));
    meta.max_level = OptInt(r.field(kMMaxLevel));
    meta.min_row_id = OptLong(r.field(kMMinRowId));
    meta.max_row_id = OptLong(r.field(kMMaxRowId));
    return meta;
}

Result<IndexManifestEntry> IndexManifestEntryFromDatum(const Datum& r) {
    FL_RETURN_NOT_OK(CheckVersion(r.field(kIVersion), kIndexManifestEntryVersion, "index manifest entry"));
    IndexManifestEntry entry;
    FL_ASSIGN_OR_RETURN(entry.kind, KindOf(r.field(kIKind)));
    FL_ASSIGN_OR_RETURN(entry.partition, RowOf(r.field(kIPartition), "_PARTITION"));
    entry.bucket = r.field(kIBucket).int_value();
    IndexFileMeta& file = entry.index_file;
    file.index_type = r.field(kIType).bytes();
    file.file_name = r.field(kIName).bytes();
    file.file_size = r.field(kISize).long_value();
    file.row_count = r.field(kIRowCount).long_value();
    if (const Datum& ranges = r.field(kIRanges); !ranges.is_null()) {
        file.deletion_vector_ranges.emplace();
        for (const Datum& range : ranges.items()) {
            if (range.is_null()) return Status::Corruption("index manifest: null deletion vector range");
            file.deletion_vector_ranges->push_back({range.field(0).bytes(), range.field(1).int_value(),
                                                    range.field(2).int_value(), OptLong(range.field(3))});
        }
    }
    file.external_path = OptBytes(r.field(kIExternalPath));
    if (const Datum& global = r.field(kIGlobalIndex); !global.is_null()) {
        GlobalIndexMeta meta;
        meta.row_range_start = global.field(0).long_value();
        meta.row_range_end = global.field(1).long_value();
        meta.index_field_id = global.field(2).int_value();
        if (!global.field(3).is_null()) {
            meta.extra_field_ids.emplace();
            for (const Datum& id : global.field(3).items()) meta.extra_field_ids->push_back(id.int_value());
        }
        meta.index_meta = OptBytes(global.field(4));
        file.global_index = std::move(meta);
    }
    return entry;
}

Datum ToDatum(const ManifestEntry& entry) {
    const DataFileMeta& f = entry.file;
    Datum file = Datum::Record({
        Datum::String(f.file_name),
        Datum::Long(f.file_size),
        Datum::Long(f.row_count),
        Datum::Bytes(f.min_key.Serialize()),
        Datum::Bytes(f.max_key.Serialize()),
        StatsDatum(f.key_stats),
        StatsDatum(f.value_stats),
        Datum::Long(f.min_sequence_number),
        Datum::Long(f.max_sequence_number),
        Datum::Long(f.schema_id),
        Datum::Int(f.level),
        StringsDatum(f.extra_files),
        OptLongDatum(f.creation_time_millis),
        OptLongDatum(f.delete_row_count),
        OptBytesDatum(f.embedded_index),
        f.file_source ? Datum::Int(static_cast<int32_t>(*f.file_source)) : Datum::Null(),
        OptStringsDatum(f.value_stats_cols),
        OptStringDatum(f.external_path),
        OptLongDatum(f.first_row_id),
        OptStringsDatum(f.write_cols),
    });
    return Datum::Record({Datum::Int(kManifestEntryVersion), Datum::Int(static_cast<int32_t>(entry.kind)),
                          Datum::Bytes(entry.partition.Serialize()), Datum::Int(entry.bucket),
                          Datum::Int(entry.total_buckets), std::move(file)});
}

Datum ToDatum(const ManifestFileMeta& m) {
    return Datum::Record({Datum::Int(kManifestFileMetaVersion), Datum::String(m.file_name), Datum::Long(m.file_size),
                          Datum::Long(m.num_added_files), Datum::Long(m.num_deleted_files),
                          StatsDatum(m.partition_stats), Datum::Long(m.schema_id), OptIntDatum(m.min_bucket),
                          OptIntDatum(m.max_bucket), OptIntDatum(m.min_level), OptIntDatum(m.max_level),
                          OptLongDatum(m.min_row_id), OptLongDatum(m.max_row_id)});
}

Datum ToDatum(const IndexManifestEntry& entry) {
    const IndexFileMeta& f = entry.index_file;
    Datum ranges;
    if (f.deletion_vector_ranges) {
        std::vector<Datum> items;
        for (const DeletionVectorRange& range : *f.deletion_vector_ranges) {
            items.push_back(Datum::Record({Datum::String(range.data_file_name), Datum::Int(range.offset),
                                           Datum::Int(range.length), OptLongDatum(range.cardinality)}));
        }
        ranges = Datum::Array(std::move(items));
    }
    Datum global;
    if (f.global_index) {
        const GlobalIndexMeta& g = *f.global_index;
        Datum extra;
        if (g.extra_field_ids) {
            std::vector<Datum> ids;
            for (int32_t id : *g.extra_field_ids) ids.push_back(Datum::Int(id));
            extra = Datum::Array(std::move(ids));
        }
        global = Datum::Record({Datum::Long(g.row_range_start), Datum::Long(g.row_range_end),
                                Datum::Int(g.index_field_id), std::move(extra), OptBytesDatum(g.index_meta)});
    }
    return Datum::Record({Datum::Int(kIndexManifestEntryVersion), Datum::Int(static_cast<int32_t>(entry.kind)),
                          Datum::Bytes(entry.partition.Serialize()), Datum::Int(entry.bucket),
                          Datum::String(f.index_type), Datum::String(f.file_name), Datum::Long(f.file_size),
                          Datum::Long(f.row_count), std::move(ranges), OptStringDatum(f.external_path),
                          std::move(global)});
}

}  // namespace flashlake::lake
