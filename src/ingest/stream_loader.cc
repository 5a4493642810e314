#include "ingest/stream_loader.h"

#include <algorithm>
#include <cstdio>
#include <optional>
#include <random>

#include "catalog/catalog.h"
#include "common/stopwatch.h"
#include "ingest/column_mapping.h"
#include "ingest/ingest_services.h"
#include "ingest/load_source.h"
#include "ingest/pipelined_writer.h"
#include "lake/commit/table_commit.h"
#include "lake/write/table_writer.h"

namespace flashlake::ingest {

namespace {

constexpr size_t kPipelineBodyBytes = size_t{4} << 20;

std::string NewLabel() {
    static thread_local std::mt19937_64 random(std::random_device{}());
    char text[48];
    std::snprintf(text, sizeof(text), "stream_load_%016llx", static_cast<unsigned long long>(random()));
    return text;
}

std::string FormatRatio(double ratio) {
    char text[32];
    std::snprintf(text, sizeof(text), "%g", ratio);
    return text;
}

void Fail(LoadResult& result, const Status& status) {
    result.status = LoadStatus::kFail;
    result.error_code = status.code();
    result.message = status.message();
}

void LabelExists(LoadResult& result, std::optional<int64_t> holder) {
    result.status = LoadStatus::kLabelAlreadyExists;
    result.existing_job_status = "FINISHED";
    result.error_code = ErrorCode::kLabelAlreadyExists;
    result.txn_id = holder.value_or(0);
    result.message = "Label [" + result.label + "] has already been used" +
                     (holder ? " (snapshot " + std::to_string(*holder) + ")" : std::string());
}

void AddRejected(LoadResult& result, std::vector<RejectedRow>& rows) {
    result.filtered_rows += static_cast<int64_t>(rows.size());
    for (RejectedRow& row : rows) {
        if (result.rejected.size() >= LoadResult::kMaxRejectedRows) break;
        result.rejected.push_back(std::move(row));
    }
}

}  // namespace

LoadResult StreamLoader::Load(const LoadRequest& request) const {
    Stopwatch watch;
    LoadResult result;
    result.label = request.label.empty() ? NewLabel() : request.label;
    result.load_bytes = static_cast<int64_t>(request.body.size());
    IngestServices* services = environment_.services;
    int64_t tracked = services ? services->loads().Begin(result.label, request.database, request.table, "STREAM_LOAD") : 0;
    auto finish = [&]() -> LoadResult {
        result.load_time_ms = watch.ElapsedMicros() / 1000;
        if (services && result.status == LoadStatus::kLabelAlreadyExists) {
            services->loads().Discard(tracked);
        } else if (services) {
            LoadRecord figures;
            figures.scan_rows = result.total_rows;
            figures.loaded_rows = result.status == LoadStatus::kSuccess ? result.loaded_rows : 0;
            figures.filtered_rows = result.filtered_rows;
            figures.unselected_rows = result.unselected_rows;
            figures.txn_id = result.status == LoadStatus::kSuccess ? result.txn_id : 0;
            if (result.status != LoadStatus::kSuccess) figures.error = result.message.empty() ? "failed" : result.message;
            services->loads().Finish(tracked, figures);
        }
        return std::move(result);
    };

    auto table = environment_.catalog->GetTable(request.database, request.table);
    if (!table.ok()) {
        Fail(result, table.status());
        return finish();
    }
    lake::TableCommit commit(environment_.fs, table->path);
    // Refused before any row is read; the commit checks again, atomically.
    auto holder = commit.FindLabel(result.label);
    if (!holder.ok()) {
        Fail(result, holder.status());
        return finish();
    }
    if (*holder) {
        LabelExists(result, *holder);
        return finish();
    }
    if (services) {
        // Backpressure: wait (bounded) while compaction is behind on this table.
        if (Status admitted = services->compaction().Admit(table->path, request.database + "." + request.table);
            !admitted.ok()) {
            Fail(result, admitted);
            return finish();
        }
    }
    auto mapping = ColumnMapping::Make(request, table->schema, *environment_.functions);
    if (!mapping.ok()) {
        Fail(result, mapping.status());
        return finish();
    }
    std::unique_ptr<LoadSource> source;
    if (request.format == LoadFormat::kCsv) {
        source = MakeCsvSource(request, (*mapping)->source_names().size(), (*mapping)->EmptyIsNull());
    } else {
        auto json = MakeJsonSource(request, (*mapping)->source_names());
        if (!json.ok()) {
            Fail(result, json.status());
            return finish();
        }
        source = std::move(*json);
    }

    lake::TableWriterOptions writer_options;
    writer_options.commit_user = environment_.commit_user;
    auto writer = lake::TableWriter::Open(environment_.fs, table->path, table->schema, writer_options);
    if (!writer.ok()) {
        Fail(result, writer.status());
        return finish();
    }
    auto abort = [&](const Status& status) {
        Status cleanup = (*writer)->Abort();
        (void)cleanup;  // the load's own error is the one to report; orphans are swept later
        Fail(result, status);
        return finish();
    };

    // From a few MiB on, a second thread writes (encodes, compresses) while the next batches parse.
    std::optional<PipelinedWriter> pipeline;
    if (request.body.size() >= kPipelineBodyBytes) pipeline.emplace(writer->get());
    auto stop = [&](const Status& status) {
        if (pipeline) (void)pipeline->Finish();
        return abort(status);
    };
    while (true) {
        auto item = std::make_unique<PipelinedWriter::Item>();
        SourceBatch& batch = item->source;
        if (!source->Next(batch)) break;
        if (request.timeout_seconds > 0 && watch.ElapsedMicros() > request.timeout_seconds * 1000000) {
            return stop(
                Status(ErrorCode::kTimeout, "load timed out after " + std::to_string(request.timeout_seconds) + " s"));
        }
        result.total_rows += batch.rows_read;
        MappedBatch& mapped = item->mapped;
        if (!batch.chunk.empty()) mapped = (*mapping)->Apply(batch, *source);
        // Rows that did not split and rows that did not convert, in the order of the body.
        std::vector<RejectedRow> rejected = std::move(batch.errors);
        for (RejectedRow& row : mapped.rejected) rejected.push_back(std::move(row));
        std::stable_sort(rejected.begin(), rejected.end(),
                         [](const auto& a, const auto& b) { return a.line < b.line; });
        AddRejected(result, rejected);
        result.unselected_rows += mapped.unselected;
        if (mapped.rows.empty()) continue;
        auto rows = static_cast<int64_t>(mapped.rows.num_rows());
        Status written = pipeline ? pipeline->Write(std::move(item)) : (*writer)->Write(mapped.rows);
        if (!written.ok()) return stop(written);
        result.loaded_rows += rows;
    }
    if (pipeline) {
        if (Status written = pipeline->Finish(); !written.ok()) return stop(written);
    }

    int64_t considered = result.total_rows - result.unselected_rows;
    if (result.filtered_rows > 0 &&
        static_cast<double>(result.filtered_rows) > request.max_filter_ratio * static_cast<double>(considered)) {
        std::string message = "too many filtered rows: " + std::to_string(result.filtered_rows) + " of " +
                              std::to_string(considered) + " rejected, max_filter_ratio is " +
                              FormatRatio(request.max_filter_ratio);
        if (!result.rejected.empty()) {
            message += "; first: line " + std::to_string(result.rejected[0].line) + ": " + result.rejected[0].reason;
        }
        result.loaded_rows = 0;
        return abort(Status(ErrorCode::kDataQuality, message));
    }

    auto messages = (*writer)->PrepareCommit();
    if (!messages.ok()) return abort(messages.status());
    if (services) {
        GroupCommitEntry entry;
        entry.messages = *messages;
        entry.label = result.label;
        entry.rows = result.loaded_rows;
        auto grouped = services->committer().Commit(table->path, std::move(entry));
        if (!grouped.ok()) {
            result.loaded_rows = 0;
            if (grouped.status().code() == ErrorCode::kLabelAlreadyExists) {
                (void)(*writer)->Abort();
                auto existing = commit.FindLabel(result.label);
                LabelExists(result, existing.ok() ? *existing : std::nullopt);
                return finish();
            }
            return abort(grouped.status());
        }
        (*writer)->MarkCommitted();
        services->compaction().NotifyCommitted(table->path, *messages);
        result.txn_id = grouped->snapshot_id;
        result.status = LoadStatus::kSuccess;
        result.message = "OK";
        return finish();
    }
    lake::CommitRequest commit_request;
    commit_request.commit_user = environment_.commit_user;
    commit_request.commit_identifier = environment_.next_commit_identifier();
    commit_request.messages = std::move(*messages);
    commit_request.labels.push_back(result.label);
    auto committed = commit.Commit(commit_request);
    if (!committed.ok()) {
        if (committed.status().code() == ErrorCode::kLabelAlreadyExists) {
            // Another load with this label committed first.
            (void)(*writer)->Abort();
            result.loaded_rows = 0;
            auto existing = commit.FindLabel(result.label);
            LabelExists(result, existing.ok() ? *existing : std::nullopt);
            return finish();
        }
        result.loaded_rows = 0;
        return abort(committed.status());
    }
    (*writer)->MarkCommitted();
    result.txn_id = committed->snapshot_id;
    result.status = LoadStatus::kSuccess;
    result.message = "OK";
    return finish();
}

}  // namespace flashlake::ingest
