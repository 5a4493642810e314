#include "lake/commit/manifest_file_writer.h"

#include <algorithm>
#include <cstdio>
#include <random>

#include "format/avro/container_writer.h"
#include "io/file_system.h"
#include "lake/manifest_codec.h"
#include "lake/table_paths.h"

namespace flashlake::lake {

namespace avro = format::avro;

std::string RandomUuid() {
    thread_local std::mt19937_64 engine = [] {
        std::random_device device;
        std::seed_seq seed{device(), device(), device(), device()};
        return std::mt19937_64(seed);
    }();
    uint64_t high = engine();
    uint64_t low = engine();
    high = (high & ~0xF000ULL) | 0x4000ULL;            // version 4
    low = (low & ~(0xC0ULL << 56)) | (0x80ULL << 56);  // IETF variant
    char text[37];
    std::snprintf(text, sizeof(text), "%08x-%04x-%04x-%04x-%012llx", static_cast<unsigned>(high >> 32),
                  static_cast<unsigned>((high >> 16) & 0xFFFF), static_cast<unsigned>(high & 0xFFFF),
                  static_cast<unsigned>(low >> 48), static_cast<unsigned long long>(low & 0xFFFFFFFFFFFFULL));
    return text;
}

namespace {

template <typename T>
Result<std::string> Encode(const avro::Schema& schema, const std::vector<T>& items, size_t begin, size_t end,
                           const ManifestWriteOptions& options) {
    std::vector<avro::Datum> records;
    records.reserve(end - begin);
    for (size_t i = begin; i < end; ++i) records.push_back(ToDatum(items[i]));
    avro::WriterOptions writer_options;
    writer_options.codec = options.codec;
    writer_options.compression_level = options.compression_level;
    return avro::WriteContainer(schema, records, writer_options);
}

}  // namespace

ManifestFileWriter::ManifestFileWriter(io::FileSystem* fs, std::string table_path,
                                       std::vector<DataType> partition_types, int64_t schema_id,
                                       ManifestWriteOptions options, int64_t target_file_size)
    : fs_(fs),
      table_path_(std::move(table_path)),
      partition_types_(std::move(partition_types)),
      schema_id_(schema_id),
      options_(options),
      target_file_size_(std::max<int64_t>(target_file_size, 1)),
      uuid_(RandomUuid()) {}

std::string ManifestFileWriter::NextName(const char* prefix) {
    return std::string(prefix) + uuid_ + "-" + std::to_string(counter_++);
}

Status ManifestFileWriter::PublishFile(const std::string& name, const std::string& bytes) {
    std::string path = TablePaths::ManifestPath(table_path_, name);
    std::string temp = io::TemporarySiblingPath(path);
    Status status;
    {
        auto opened = fs_->OpenForWrite(temp, io::WriteMode::kCreateNew);
        if (!opened.ok()) {
            (void)fs_->DeleteFile(temp);
            return opened.status();
        }
        std::unique_ptr<io::WritableFile> file = std::move(opened).value();
        status = file->Append(bytes);
        if (status.ok()) status = file->Sync();
        Status close = file->Close();
        if (status.ok()) status = close;
    }
    if (status.ok()) status = fs_->RenameNoReplace(temp, path);
    if (!status.ok()) {
        (void)fs_->DeleteFile(temp);
        // A rename that took effect before it failed leaves the final name, ours to remove (a
        // name that was taken is someone else's: uuids make that all but impossible).
        if (status.code() != ErrorCode::kAlreadyExists && fs_->Exists(path).ValueOr(true)) written_.push_back(name);
        return status.WithContext("write " + path);
    }
    written_.push_back(name);
    return Status::OK();
}

Result<ManifestFileMeta> ManifestFileWriter::WriteOneManifest(const std::vector<ManifestEntry>& entries, size_t begin,
                                                              size_t end) {
    ManifestFileMeta meta;
    meta.file_name = NextName("manifest-");
    meta.schema_id = schema_id_;
    std::vector<const BinaryRow*> partitions;
    for (size_t i = begin; i < end; ++i) {
        const ManifestEntry& entry = entries[i];
        (entry.kind == FileKind::kAdd ? meta.num_added_files : meta.num_deleted_files)++;
        partitions.push_back(&entry.partition);
        auto widen = [](std::optional<int32_t>& lo, std::optional<int32_t>& hi, int32_t v) {
            lo = lo ? std::min(*lo, v) : v;
            hi = hi ? std::max(*hi, v) : v;
        };
        widen(meta.min_bucket, meta.max_bucket, entry.bucket);
        widen(meta.min_level, meta.max_level, entry.file.level);
    }
    FL_ASSIGN_OR_RETURN(meta.partition_stats, PartitionStats(partitions, partition_types_));
    FL_ASSIGN_OR_RETURN(std::string bytes, Encode(ManifestEntrySchema(), entries, begin, end, options_));
    meta.file_size = static_cast<int64_t>(bytes.size());
    FL_RETURN_NOT_OK(PublishFile(meta.file_name, bytes));
    return meta;
}

Result<std::vector<ManifestFileMeta>> ManifestFileWriter::WriteManifests(const std::vector<ManifestEntry>& entries) {
    std::vector<ManifestFileMeta> metas;
    if (entries.empty()) return metas;
    // Roll by size: encode once to learn the size, then split into equal runs of entries that
    // each come out at about the target size (entries of one manifest are similar in size).
    size_t parts = 1;
    FL_ASSIGN_OR_RETURN(std::string whole, Encode(ManifestEntrySchema(), entries, 0, entries.size(), options_));
    if (static_cast<int64_t>(whole.size()) > target_file_size_) {
        parts =
            std::min(entries.size(), static_cast<size_t>((whole.size() + target_file_size_ - 1) / target_file_size_));
    }
    size_t per_part = (entries.size() + parts - 1) / parts;
    for (size_t begin = 0; begin < entries.size(); begin += per_part) {
        FL_ASSIGN_OR_RETURN(ManifestFileMeta meta,
                            WriteOneManifest(entries, begin, std::min(entries.size(), begin + per_part)));
        metas.push_back(std::move(meta));
    }
    return metas;
}

Result<std::pair<std::string, int64_t>> ManifestFileWriter::WriteManifestList(
    const std::vector<ManifestFileMeta>& metas) {
    std::string name = NextName("manifest-list-");
    FL_ASSIGN_OR_RETURN(std::string bytes, Encode(ManifestFileMetaSchema(), metas, 0, metas.size(), options_));
    FL_RETURN_NOT_OK(PublishFile(name, bytes));
    return std::make_pair(name, static_cast<int64_t>(bytes.size()));
}

Result<std::string> ManifestFileWriter::WriteIndexManifest(const std::vector<IndexManifestEntry>& entries) {
    std::string name = NextName("index-manifest-");
    FL_ASSIGN_OR_RETURN(std::string bytes, Encode(IndexManifestEntrySchema(), entries, 0, entries.size(), options_));
    FL_RETURN_NOT_OK(PublishFile(name, bytes));
    return name;
}

Status ManifestFileWriter::SyncDirectory() {
    return fs_->SyncDirectory(TablePaths::ManifestDir(table_path_));
}

void ManifestFileWriter::DeleteWrittenFiles() {
    for (const std::string& name : written_) (void)fs_->DeleteFile(TablePaths::ManifestPath(table_path_, name));
    written_.clear();
}

}  // namespace flashlake::lake
