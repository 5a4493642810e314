#include "exec/operators/file_scan_source.h"

#include <algorithm>

#include "common/query_error.h"
#include "exec/operators/values_source.h"
#include "format/parquet/parquet_reader.h"
#include "io/file_system.h"

namespace flashlake::exec {

namespace {

std::unique_ptr<format::parquet::ParquetReader> OpenParquet(io::FileSystem& fs, const std::string& path) {
    auto file = fs.OpenForRead(path);
    ThrowIfError(file.status());
    auto reader = format::parquet::ParquetReader::Open(std::shared_ptr<io::RandomAccessFile>(std::move(file).value()));
    if (!reader.ok()) ThrowQueryError(reader.status().code(), reader.status().message());
    return std::move(reader).value();
}

// One row group of one Parquet file.
class RowGroupMorsel : public Morsel {
public:
    RowGroupMorsel(std::shared_ptr<format::parquet::ParquetReader> file, int row_group, const std::vector<int>& leaves)
        : file_(std::move(file)) {
        auto reader = file_->OpenRowGroup(row_group, leaves);
        if (!reader.ok()) ThrowQueryError(reader.status().code(), reader.status().message());
        reader_ = std::move(reader).value();
    }
    bool Next(ExecContext& context, Chunk& chunk) override {
        auto more = reader_->Next(&chunk);
        if (!more.ok()) ThrowQueryError(more.status().code(), more.status().message());
        return *more;
    }

private:
    std::shared_ptr<format::parquet::ParquetReader> file_;
    std::unique_ptr<format::parquet::RowGroupReader> reader_;
};

// A whole CSV file, parsed when the morsel opens.
class CsvFileMorsel : public Morsel {
public:
    CsvFileMorsel(io::FileSystem& fs, const planner::FileScanSpec& spec, size_t file) {
        auto text = fs.ReadFile(spec.paths[file]);
        ThrowIfError(text.status());
        format::csv::CsvReader reader(spec.names, spec.types, spec.csv);
        format::csv::CsvParseResult parsed = reader.Parse(*text);
        if (!parsed.errors.empty()) {
            const auto& error = parsed.errors[0];
            ThrowQueryError(ErrorCode::kDataQuality, "'", spec.paths[file], "' line ", error.line, ": ", error.reason,
                            " (", parsed.errors.size(), " bad rows in the file)");
        }
        chunks_ = std::move(parsed.chunks);
    }
    bool Next(ExecContext& context, Chunk& chunk) override {
        if (next_ >= chunks_.size()) return false;
        chunk = std::move(chunks_[next_++]);
        return true;
    }

private:
    std::vector<Chunk> chunks_;
    size_t next_ = 0;
};

}  // namespace

FileScanSource::FileScanSource(std::shared_ptr<const planner::FileScanSpec> spec, io::FileSystem* fs)
    : spec_(std::move(spec)), fs_(fs) {}

FileScanSource::~FileScanSource() = default;

void FileScanSource::PlanUnits() {
    std::lock_guard lock(plan_mutex_);
    if (planned_) return;
    for (size_t file = 0; file < spec_->paths.size(); ++file) {
        if (spec_->format == planner::FileFormat::kCsv) {
            units_.push_back({file, -1});
            continue;
        }
        std::shared_ptr<format::parquet::ParquetReader> reader = OpenParquet(*fs_, spec_->paths[file]);
        parquet_files_.resize(spec_->paths.size());
        parquet_files_[file] = reader;
        auto kept = reader->PruneRowGroups(RowGroupPredicates(file));
        if (!kept.ok()) {
            ThrowQueryError(kept.status().code(), "parquet file '", spec_->paths[file], "': ", kept.status().message());
        }
        spec_->metrics->files_read += 1;
        spec_->metrics->row_groups_read += static_cast<int64_t>(kept->size());
        spec_->metrics->row_groups_pruned += reader->num_row_groups() - static_cast<int64_t>(kept->size());
        for (int row_group : *kept) units_.push_back({file, row_group});
    }
    planned_ = true;
}

std::vector<format::parquet::ColumnPredicate> FileScanSource::RowGroupPredicates(size_t file) const {
    namespace pq = format::parquet;
    std::vector<pq::ColumnPredicate> out;
    for (const lake::ScanPredicate& predicate : spec_->predicates) {
        auto column = std::find(spec_->names.begin(), spec_->names.end(), predicate.column);
        if (column == spec_->names.end()) continue;
        int leaf = spec_->parquet_leaves[file][static_cast<size_t>(column - spec_->names.begin())];
        if (leaf < 0) continue;
        switch (predicate.op) {
            case lake::PredicateOp::kEqual:
                out.push_back({leaf, pq::CompareOp::kEqual, predicate.value});
                break;
            case lake::PredicateOp::kNotEqual:
                out.push_back({leaf, pq::CompareOp::kNotEqual, predicate.value});
                break;
            case lake::PredicateOp::kLess:
                out.push_back({leaf, pq::CompareOp::kLess, predicate.value});
                break;
            case lake::PredicateOp::kLessEqual:
                out.push_back({leaf, pq::CompareOp::kLessEqual, predicate.value});
                break;
            case lake::PredicateOp::kGreater:
                out.push_back({leaf, pq::CompareOp::kGreater, predicate.value});
                break;
            case lake::PredicateOp::kGreaterEqual:
                out.push_back({leaf, pq::CompareOp::kGreaterEqual, predicate.value});
                break;
            case lake::PredicateOp::kIsNull:
                out.push_back({leaf, pq::CompareOp::kIsNull, Value()});
                break;
            case lake::PredicateOp::kIsNotNull:
                out.push_back({leaf, pq::CompareOp::kIsNotNull, Value()});
                break;
            case lake::PredicateOp::kIn: {
                // Judged by the list's range (values of mixed types: no pruning).
                const std::vector<Value>& values = predicate.values;
                if (values.empty()) break;
                const Value* low = &values[0];
                const Value* high = &values[0];
                bool same_type = true;
                for (const Value& value : values) {
                    if (value.type().id() != low->type().id()) same_type = false;
                }
                if (!same_type) break;
                for (const Value& value : values) {
                    if (value.Compare(*low) < 0) low = &value;
                    if (value.Compare(*high) > 0) high = &value;
                }
                out.push_back({leaf, pq::CompareOp::kGreaterEqual, *low});
                out.push_back({leaf, pq::CompareOp::kLessEqual, *high});
                break;
            }
        }
    }
    return out;
}

std::unique_ptr<Morsel> FileScanSource::NextMorsel(ExecContext& context, uint64_t& morsel_index) {
    PlanUnits();
    size_t index = next_.fetch_add(1);
    if (index >= units_.size()) return nullptr;
    morsel_index = index;
    const Unit& unit = units_[index];
    if (unit.row_group < 0) return std::make_unique<CsvFileMorsel>(*fs_, *spec_, unit.file);
    return std::make_unique<RowGroupMorsel>(parquet_files_[unit.file], unit.row_group,
                                            spec_->parquet_leaves[unit.file]);
}

}  // namespace flashlake::exec
