#include "lake/manifest_io.h"

#include <algorithm>

#include "format/avro/container_reader.h"
#include "format/avro/container_writer.h"
#include "io/file_system.h"
#include "io/path.h"
#include "lake/binary_row_converter.h"
#include "lake/manifest_codec.h"

namespace flashlake::lake {

namespace avro = format::avro;

namespace {

// Decodes every record of the Avro file at `path` with `reader_schema` and converts it.
template <typename T, typename Convert>
Result<std::vector<T>> ReadRecords(io::FileSystem* fs, const std::string& path, const avro::Schema& reader_schema,
                                   Convert convert) {
    FL_ASSIGN_OR_RETURN(std::string bytes, fs->ReadFile(path));
    if (bytes.compare(0, 3, "ORC") == 0) {
        return Status::NotSupported(path + ": an ORC manifest (manifest.format=orc); ORC is not supported yet");
    }
    avro::ReaderOptions options;
    options.reader_schema = reader_schema;
    FL_ASSIGN_OR_RETURN(auto reader, avro::ContainerReader::Open(std::move(bytes), std::move(options), path));
    std::vector<T> out;
    avro::Datum record;
    while (true) {
        FL_ASSIGN_OR_RETURN(bool more, reader->Next(&record));
        if (!more) break;
        auto converted = convert(record);
        if (!converted.ok()) {
            return converted.status().WithContext(path + ": record " + std::to_string(out.size()));
        }
        out.push_back(std::move(converted).value());
    }
    return out;
}

Status WriteNewFile(io::FileSystem* fs, const std::string& path, std::string_view bytes) {
    FL_ASSIGN_OR_RETURN(auto file, fs->OpenForWrite(path, io::WriteMode::kCreateNew));
    FL_RETURN_NOT_OK(file->Append(bytes));
    FL_RETURN_NOT_OK(file->Sync());
    return file->Close();
}

template <typename T>
Result<int64_t> WriteRecords(io::FileSystem* fs, const std::string& path, const avro::Schema& schema,
                             const std::vector<T>& items, const ManifestWriteOptions& options) {
    std::vector<avro::Datum> records;
    records.reserve(items.size());
    for (const T& item : items) records.push_back(ToDatum(item));
    avro::WriterOptions writer_options;
    writer_options.codec = options.codec;
    writer_options.compression_level = options.compression_level;
    auto bytes = avro::WriteContainer(schema, records, writer_options);
    if (!bytes.ok()) return bytes.status().WithContext(path);
    FL_RETURN_NOT_OK(WriteNewFile(fs, path, *bytes));
    return static_cast<int64_t>(bytes->size());
}

}  // namespace

Result<std::vector<ManifestEntry>> ReadManifestFile(io::FileSystem* fs, const std::string& path) {
    return ReadRecords<ManifestEntry>(fs, path, ManifestEntrySchema(), ManifestEntryFromDatum);
}

Result<std::vector<ManifestFileMeta>> ReadManifestList(io::FileSystem* fs, const std::string& path) {
    return ReadRecords<ManifestFileMeta>(fs, path, ManifestFileMetaSchema(), ManifestFileMetaFromDatum);
}

Result<std::vector<IndexManifestEntry>> ReadIndexManifest(io::FileSystem* fs, const std::string& path) {
    return ReadRecords<IndexManifestEntry>(fs, path, IndexManifestEntrySchema(), IndexManifestEntryFromDatum);
}

Result<SimpleStats> PartitionStats(const std::vector<const BinaryRow*>& partitions,
                                   const std::vector<DataType>& types) {
    size_t arity = types.size();
    std::vector<Value> min(arity), max(arity);
    std::vector<bool> seen(arity, false);
    std::vector<std::optional<int64_t>> null_counts(arity, int64_t{0});
    for (const BinaryRow* partition : partitions) {
        FL_ASSIGN_OR_RETURN(std::vector<Value> values, DecodeBinaryRow(*partition, types));
        for (size_t i = 0; i < arity; ++i) {
            if (values[i].is_null()) {
                ++*null_counts[i];
                continue;
            }
            if (!seen[i] || values[i].Compare(min[i]) < 0) min[i] = values[i];
            if (!seen[i] || values[i].Compare(max[i]) > 0) max[i] = values[i];
            seen[i] = true;
        }
    }
    SimpleStats stats;
    FL_ASSIGN_OR_RETURN(stats.min_values, EncodeBinaryRow(min, types));
    FL_ASSIGN_OR_RETURN(stats.max_values, EncodeBinaryRow(max, types));
    stats.null_counts = std::move(null_counts);
    return stats;
}

Result<ManifestFileMeta> WriteManifestFile(io::FileSystem* fs, const std::string& path,
                                           const std::vector<ManifestEntry>& entries,
                                           const std::vector<DataType>& partition_types, int64_t schema_id,
                                           const ManifestWriteOptions& options) {
    ManifestFileMeta meta;
    meta.file_name = std::string(io::Basename(path));
    meta.schema_id = schema_id;
    std::vector<const BinaryRow*> partitions;
    for (const ManifestEntry& entry : entries) {
        (entry.kind == FileKind::kAdd ? meta.num_added_files : meta.num_deleted_files)++;
        partitions.push_back(&entry.partition);
        auto widen = [](std::optional<int32_t>& lo, std::optional<int32_t>& hi, int32_t v) {
            lo = lo ? std::min(*lo, v) : v;
            hi = hi ? std::max(*hi, v) : v;
        };
        widen(meta.min_bucket, meta.max_bucket, entry.bucket);
        widen(meta.min_level, meta.max_level, entry.file.level);
    }
    auto stats = PartitionStats(partitions, partition_types);
    if (!stats.ok()) return stats.status().WithContext(path);
    meta.partition_stats = std::move(stats).value();
    FL_ASSIGN_OR_RETURN(meta.file_size, WriteRecords(fs, path, ManifestEntrySchema(), entries, options));
    return meta;
}

Result<int64_t> WriteManifestList(io::FileSystem* fs, const std::string& path,
                                  const std::vector<ManifestFileMeta>& metas, const ManifestWriteOptions& options) {
    return WriteRecords(fs, path, ManifestFileMetaSchema(), metas, options);
}

Result<int64_t> WriteIndexManifest(io::FileSystem* fs, const std::string& path,
                                   const std::vector<IndexManifestEntry>& entries,
                                   const ManifestWriteOptions& options) {
    return WriteRecords(fs, path, IndexManifestEntrySchema(), entries, options);
}

}  // namespace flashlake::lake
