// The process that test/integration/lake_crash_test.sh kills: `write` runs concurrent labelled
// commits and background compactions on one append table until it is killed, printing
// "ACK <label> <rows> END" (flushed) after each commit returns success; `verify` checks the table
// after a crash: it reads cleanly at its latest snapshot, every row belongs to a whole batch
// (each label's rows are all there exactly once, or none are), and every acknowledged label is
// there.
//
//   lake_crash_worker create WAREHOUSE
//   lake_crash_worker write WAREHOUSE RUN_ID
//   lake_crash_worker verify WAREHOUSE ACK_FILE

#include <atomic>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <map>
#include <random>
#include <set>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "column/chunk.h"
#include "io/posix_file_system.h"
#include "lake/commit/table_commit.h"
#include "lake/commit/table_creation.h"
#include "lake/read/split_reader.h"
#include "lake/read/table_scan.h"
#include "lake/write/compactor.h"
#include "lake/write/table_writer.h"
#include "types/value.h"

namespace flashlake {
namespace {

constexpr int kWriterThreads = 3;

lake::TableSchema CrashTableSchema() {
    lake::TableSchema schema;
    auto add = [&](int32_t id, const char* name, lake::DataType type) {
        lake::DataField field;
        field.id = id;
        field.name = name;
        field.type = type;
        schema.fields.push_back(field);
    };
    add(0, "label", lake::DataType::String().WithNullable(false));
    add(1, "seq", lake::DataType::Int().WithNullable(false));
    add(2, "batch_rows", lake::DataType::Int().WithNullable(false));
    add(3, "payload", lake::DataType::String());
    schema.highest_field_id = 3;
    schema.options = {{"bucket", "-1"}, {"file.format", "parquet"}, {"compaction.min.file-num", "3"}};
    return schema;
}

std::string TablePath(const std::string& warehouse) { return lake::TablePathIn(warehouse, "crash", "events"); }

Status EnsureTable(io::FileSystem* fs, const std::string& warehouse) {
    auto created = lake::CreateTable(fs, warehouse, "crash", "events", CrashTableSchema());
    if (created.ok() || created.status().code() == ErrorCode::kTableExists) return Status::OK();
    return created.status();
}

Chunk MakeBatch(const std::string& label, int rows) {
    ColumnPtr labels = Column::MakeFlat(LogicalType::Varchar(), rows);
    ColumnPtr seqs = Column::MakeFlat(LogicalType::Int(), rows);
    ColumnPtr sizes = Column::MakeFlat(LogicalType::Int(), rows);
    ColumnPtr payloads = Column::MakeFlat(LogicalType::Varchar(), rows);
    for (int r = 0; r < rows; ++r) {
        labels->SetValue(r, Value::Varchar(label));
        seqs->SetValue(r, Value::Int(r));
        sizes->SetValue(r, Value::Int(rows));
        payloads->SetValue(r, Value::Varchar(label + "#" + std::to_string(r)));
    }
    return Chunk({labels, seqs, sizes, payloads}, static_cast<size_t>(rows));
}

void WriterLoop(io::FileSystem* fs, const std::string& path, const std::string& run_id, int thread) {
    std::mt19937 random(std::random_device{}());
    lake::TableCommit commit(fs, path);
    std::string user = "crash-" + run_id + "-" + std::to_string(thread);
    for (int64_t n = 1;; ++n) {
        std::string label = "r" + run_id + "-t" + std::to_string(thread) + "-" + std::to_string(n);
        int rows = 1 + static_cast<int>(random() % 300);
        auto writer = lake::TableWriter::Open(fs, path, CrashTableSchema(), {});
        if (!writer.ok()) continue;
        auto abort = [&] { (void)(*writer)->Abort(); };
        if (!(*writer)->Write(MakeBatch(label, rows)).ok()) {
            abort();
            continue;
        }
        auto messages = (*writer)->PrepareCommit();
        if (!messages.ok()) {
            abort();
            continue;
        }
        lake::CommitRequest request;
        request.commit_user = user;
        request.commit_identifier = n;
        request.messages = std::move(*messages);
        request.labels = {label};
        auto result = commit.Commit(request);
        if (!result.ok()) {
            abort();
            continue;
        }
        (*writer)->MarkCommitted();
        std::printf("ACK %s %d END\n", label.c_str(), rows);
        std::fflush(stdout);
    }
}

void CompactionLoop(io::FileSystem* fs, const std::string& path, const std::string& run_id) {
    lake::TableCommit commit(fs, path);
    for (int64_t n = 1;; ++n) {
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
        auto compactor = lake::Compactor::Open(fs, path);
        if (!compactor.ok()) continue;
        auto messages = (*compactor)->Compact();
        if (!messages.ok() || messages->empty()) {
            (void)(*compactor)->Abort();
            continue;
        }
        auto result = commit.Commit("crash-compact-" + run_id, n, std::move(*messages), lake::CommitKind::kCompact);
        if (result.ok()) {
            (*compactor)->MarkCommitted();
        } else {
            (void)(*compactor)->Abort();  // a conflict with a concurrent commit: try again later
        }
    }
}

int Write(const std::string& warehouse, const std::string& run_id) {
    io::PosixFileSystem fs;
    if (Status status = EnsureTable(&fs, warehouse); !status.ok()) {
        std::fprintf(stderr, "create: %s\n", status.ToString().c_str());
        return 1;
    }
    std::string path = TablePath(warehouse);
    std::vector<std::thread> threads;
    for (int t = 0; t < kWriterThreads; ++t) threads.emplace_back(WriterLoop, &fs, path, run_id, t);
    threads.emplace_back(CompactionLoop, &fs, path, run_id);
    for (auto& thread : threads) thread.join();  // never: the test kills the process
    return 0;
}

int Create(const std::string& warehouse) {
    io::PosixFileSystem fs;
    if (Status status = EnsureTable(&fs, warehouse); !status.ok()) {
        std::fprintf(stderr, "create: %s\n", status.ToString().c_str());
        return 1;
    }
    return 0;
}

int Verify(const std::string& warehouse, const std::string& ack_file) {
    io::PosixFileSystem fs;
    std::string path = TablePath(warehouse);
    lake::TableScan scan(&fs, path, {});
    auto plan = scan.Plan();
    if (!plan.ok()) {
        std::printf("FAIL: planning the scan: %s\n", plan.status().ToString().c_str());
        return 1;
    }
    std::map<std::string, std::pair<int, std::set<int>>> batches;  // label -> (batch rows, seqs seen)
    int64_t rows = 0;
    for (const lake::Split& split : plan->splits) {
        auto reader = lake::SplitReader::Make(&fs, split);
        if (!reader.ok()) {
            std::printf("FAIL: opening a split: %s\n", reader.status().ToString().c_str());
            return 1;
        }
        Chunk chunk;
        while (true) {
            auto more = (*reader)->Next(&chunk);
            if (!more.ok()) {
                std::printf("FAIL: reading: %s\n", more.status().ToString().c_str());
                return 1;
            }
            if (!*more) break;
            for (size_t r = 0; r < chunk.num_rows(); ++r) {
                std::string label = chunk.column(0)->GetValue(r).GetString();
                int seq = static_cast<int>(chunk.column(1)->GetValue(r).GetInt64());
                int size = static_cast<int>(chunk.column(2)->GetValue(r).GetInt64());
                auto& batch = batches[label];
                batch.first = size;
                if (!batch.second.insert(seq).second) {
                    std::printf("FAIL: row %s#%d is in the table twice\n", label.c_str(), seq);
                    return 1;
                }
                ++rows;
            }
        }
    }
    for (const auto& [label, batch] : batches) {
        if (static_cast<int>(batch.second.size()) != batch.first) {
            std::printf("FAIL: batch %s has %zu of its %d rows\n", label.c_str(), batch.second.size(), batch.first);
            return 1;
        }
    }
    std::ifstream acks(ack_file);
    std::string line;
    int64_t acknowledged = 0;
    while (std::getline(acks, line)) {
        std::istringstream fields(line);
        std::string tag, label, end;
        int size = 0;
        if (!(fields >> tag >> label >> size >> end) || tag != "ACK" || end != "END") continue;  // cut by the kill
        auto it = batches.find(label);
        if (it == batches.end()) {
            std::printf("FAIL: acknowledged batch %s is missing\n", label.c_str());
            return 1;
        }
        if (it->second.first != size) {
            std::printf("FAIL: batch %s has %d rows, %d acknowledged\n", label.c_str(), it->second.first, size);
            return 1;
        }
        ++acknowledged;
    }
    std::printf("OK %lld rows in %zu batches, %lld acknowledged batches present\n", static_cast<long long>(rows),
                batches.size(), static_cast<long long>(acknowledged));
    return 0;
}

}  // namespace
}  // namespace flashlake

int main(int argc, char** argv) {
    if (argc == 3 && std::string(argv[1]) == "create") return flashlake::Create(argv[2]);
    if (argc == 4 && std::string(argv[1]) == "write") return flashlake::Write(argv[2], argv[3]);
    if (argc == 4 && std::string(argv[1]) == "verify") return flashlake::Verify(argv[2], argv[3]);
    std::fprintf(stderr, "usage: lake_crash_worker create WAREHOUSE | write WAREHOUSE RUN_ID | verify WAREHOUSE ACK_FILE\n");
    return 2;
}
