#include "ingest/load_tracker.h"

#include <algorithm>
#include <chrono>

#include "common/logging.h"
#include "format/json/json_parser.h"
#include "format/json/json_writer.h"

namespace flashlake::ingest {

namespace {

namespace json = format::json;

std::string RecordLine(const LoadRecord& record) {
    json::Value out = json::Value::MakeObject();
    out.Set("id", record.id);
    out.Set("label", record.label);
    out.Set("database", record.database);
    out.Set("table", record.table);
    out.Set("type", record.type);
    out.Set("state", record.state);
    out.Set("scan_rows", record.scan_rows);
    out.Set("loaded_rows", record.loaded_rows);
    out.Set("filtered_rows", record.filtered_rows);
    out.Set("unselected_rows", record.unselected_rows);
    out.Set("txn_id", record.txn_id);
    out.Set("error", record.error);
    out.Set("create_time_ms", record.create_time_ms);
    out.Set("finish_time_ms", record.finish_time_ms);
    return json::Write(out) + "\n";
}

Result<LoadRecord> ParseRecordLine(std::string_view line) {
    FL_ASSIGN_OR_RETURN(json::Value value, json::Parse(line));
    if (!value.is_object()) return Status::InvalidArgument("a journal line is not a JSON object");
    LoadRecord record;
    FL_ASSIGN_OR_RETURN(record.id, value.GetInt("id"));
    FL_ASSIGN_OR_RETURN(record.label, value.GetString("label"));
    FL_ASSIGN_OR_RETURN(record.database, value.GetString("database"));
    FL_ASSIGN_OR_RETURN(record.table, value.GetString("table"));
    FL_ASSIGN_OR_RETURN(record.type, value.GetString("type"));
    FL_ASSIGN_OR_RETURN(record.state, value.GetString("state"));
    FL_ASSIGN_OR_RETURN(record.scan_rows, value.GetInt("scan_rows"));
    FL_ASSIGN_OR_RETURN(record.loaded_rows, value.GetInt("loaded_rows"));
    FL_ASSIGN_OR_RETURN(record.filtered_rows, value.GetInt("filtered_rows"));
    FL_ASSIGN_OR_RETURN(record.unselected_rows, value.GetInt("unselected_rows"));
    FL_ASSIGN_OR_RETURN(record.txn_id, value.GetInt("txn_id"));
    FL_ASSIGN_OR_RETURN(record.error, value.GetString("error"));
    FL_ASSIGN_OR_RETURN(record.create_time_ms, value.GetInt("create_time_ms"));
    FL_ASSIGN_OR_RETURN(record.finish_time_ms, value.GetInt("finish_time_ms"));
    return record;
}

int64_t NowMillis() {
    return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch())
        .count();
}

}  // namespace

int64_t LoadTracker::Begin(const std::string& label, const std::string& database, const std::string& table,
                           const std::string& type) {
    std::lock_guard lock(mutex_);
    LoadRecord record;
    record.id = next_id_++;
    record.label = label;
    record.database = database;
    record.table = table;
    record.type = type;
    record.state = "LOADING";
    record.create_time_ms = NowMillis();
    records_.push_back(std::move(record));
    while (records_.size() > capacity_) records_.pop_front();
    return records_.back().id;
}

void LoadTracker::Finish(int64_t id, const LoadRecord& figures) {
    std::lock_guard lock(mutex_);
    // Ids increase along the deque: binary search.
    auto it = std::lower_bound(records_.begin(), records_.end(), id,
                               [](const LoadRecord& record, int64_t value) { return record.id < value; });
    if (it == records_.end() || it->id != id) return;  // dropped as too old
    it->state = figures.error.empty() ? "FINISHED" : "CANCELLED";
    it->scan_rows = figures.scan_rows;
    it->loaded_rows = figures.loaded_rows;
    it->filtered_rows = figures.filtered_rows;
    it->unselected_rows = figures.unselected_rows;
    it->txn_id = figures.txn_id;
    it->error = figures.error;
    it->finish_time_ms = NowMillis();
    if (journal_) JournalLocked(*it);
}

LoadTracker::~LoadTracker() {
    if (journal_) (void)journal_->Close();
}

Status LoadTracker::OpenJournal(io::FileSystem* fs, const std::string& path) {
    std::lock_guard lock(mutex_);
    journal_fs_ = fs;
    journal_path_ = path;
    FL_ASSIGN_OR_RETURN(bool exists, fs->Exists(path));
    if (exists) {
        FL_ASSIGN_OR_RETURN(std::string text, fs->ReadFile(path));
        std::deque<LoadRecord> history;
        for (size_t start = 0; start < text.size();) {
            size_t end = text.find('\n', start);
            if (end == std::string::npos) end = text.size();
            std::string_view line(text.data() + start, end - start);
            start = end + 1;
            if (line.empty()) continue;
            auto record = ParseRecordLine(line);
            if (!record.ok()) {
                ++journal_skipped_lines_;
                continue;
            }
            history.push_back(std::move(*record));
            if (history.size() > capacity_) history.pop_front();
        }
        std::sort(history.begin(), history.end(),
                  [](const LoadRecord& a, const LoadRecord& b) { return a.id < b.id; });
        for (const LoadRecord& record : history) next_id_ = std::max(next_id_, record.id + 1);
        // Loads of this process (if any began before the journal opened) keep their place after.
        for (LoadRecord& record : records_) record.id = next_id_++;
        history.insert(history.end(), records_.begin(), records_.end());
        records_ = std::move(history);
        while (records_.size() > capacity_) records_.pop_front();
        if (journal_skipped_lines_ > 0) {
            FL_LOG(kWarning, "load history ", path, ": skipped ", journal_skipped_lines_,
                   " line(s) that do not parse (a write cut short)");
        }
    }
    return RewriteJournalLocked();
}

size_t LoadTracker::journal_skipped_lines() const {
    std::lock_guard lock(mutex_);
    return journal_skipped_lines_;
}

Status LoadTracker::RewriteJournalLocked() {
    if (journal_) (void)journal_->Close();
    journal_.reset();
    std::string text;
    journal_lines_ = 0;
    for (const LoadRecord& record : records_) {
        if (record.state == "LOADING") continue;
        text += RecordLine(record);
        ++journal_lines_;
    }
    FL_RETURN_NOT_OK(journal_fs_->WriteFileAtomically(journal_path_, text));
    FL_ASSIGN_OR_RETURN(journal_, journal_fs_->OpenForWrite(journal_path_, io::WriteMode::kAppend));
    return Status::OK();
}

void LoadTracker::JournalLocked(const LoadRecord& record) {
    Status written = journal_->Append(RecordLine(record));
    if (written.ok() && ++journal_lines_ >= 2 * capacity_) written = RewriteJournalLocked();
    if (!written.ok()) {
        FL_LOG(kWarning, "load history ", journal_path_, ": no longer kept across restarts: ", written.ToString());
        if (journal_) (void)journal_->Close();
        journal_.reset();
    }
}

void LoadTracker::Discard(int64_t id) {
    std::lock_guard lock(mutex_);
    auto it = std::lower_bound(records_.begin(), records_.end(), id,
                               [](const LoadRecord& record, int64_t value) { return record.id < value; });
    if (it != records_.end() && it->id == id) records_.erase(it);
}

std::vector<LoadRecord> LoadTracker::List() const {
    std::lock_guard lock(mutex_);
    return {records_.begin(), records_.end()};
}

}  // namespace flashlake::ingest
