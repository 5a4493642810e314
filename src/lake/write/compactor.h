#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "common/result.h"
#include "lake/commit/commit_message.h"
#include "lake/table_schema.h"
#include "lake/write/table_writer.h"

namespace flashlake::io {
class FileSystem;
}

namespace flashlake::lake {

class AppendBucketWriter;
struct BucketFiles;
struct WriteContext;

struct CompactorOptions {
    // File size, compression and aggregate functions of the files written (as for writes).
    TableWriterOptions write;
    // Compact everything: every primary-key bucket into one sorted run at the highest level,
    // and the small files of every append bucket however few there are.
    bool full = false;
};

// Compacts the latest snapshot of a table (Paimon's dedicated compaction job, run in the
// background): plans per bucket, rewrites files, and returns COMPACT commit messages (compaction
// outputs as new files, inputs as deleted files) for TableCommit::Commit(..., CommitKind::kCompact).
// Nothing is visible before that commit; a commit that fails because a writer or another
// compaction changed the same files (a conflict) just means: Abort, and try again later.
//
//   primary-key buckets  Paimon's universal compaction (universal_compaction.h) picks runs by
//                        size amplification, size ratio and run count
//                        (`num-sorted-run.compaction-trigger`); they are sort-merged by key and
//                        sequence number through the table's merge engine into the output level.
//                        Retractions are dropped when nothing older can hold their keys (the
//                        output level is the bucket's highest). A unit of a single file that
//                        keeps its retractions changes level without being rewritten
//                        (a DELETE and an ADD of the same file).
//   append buckets       runs of consecutive (by sequence number) files smaller than
//                        `compaction.small-file-ratio` (0.7) x target file size, at least
//                        `compaction.min.file-num` (5) of them, are rewritten into files of the
//                        target size, rows in order.
//
// Buckets with deletion vectors or other index files are left alone (not supported yet). Not
// thread-safe; one compactor per table at a time (Paimon allows one compaction job per
// partition; a second one conflicts at commit).
class Compactor {
public:
    struct Stats {
        int64_t buckets_compacted = 0;
        int64_t files_read = 0;
        int64_t files_written = 0;
        int64_t files_moved = 0;  // changed level without rewriting
        int64_t rows_written = 0;
    };

    // `fs` is not owned and must outlive the compactor. The table's latest schema is used.
    static Result<std::unique_ptr<Compactor>> Open(io::FileSystem* fs, std::string table_path,
                                                   CompactorOptions options = {});
    ~Compactor();

    // Plans and runs the compactions the latest snapshot needs; one message per compacted bucket
    // (none when nothing needs compacting).
    Result<std::vector<CommitMessage>> Compact();
    // The files of the messages returned so far were committed: Abort keeps them from now on.
    void MarkCommitted();
    // Deletes every file this compactor wrote and did not see marked committed.
    Status Abort();

    const Stats& stats() const { return stats_; }

private:
    explicit Compactor(io::FileSystem* fs, std::string table_path, CompactorOptions options);
    Result<const TableSchema*> FileSchema(int64_t schema_id);
    Status CompactPrimaryKeyBucket(const BucketFiles& bucket, std::vector<CommitMessage>* messages);
    Status CompactAppendBucket(const BucketFiles& bucket, std::vector<CommitMessage>* messages);
    Result<std::vector<DataFileMeta>> RewriteAppendFiles(const BucketFiles& bucket,
                                                         const std::vector<DataFileMeta>& files);

    io::FileSystem* fs_;
    std::string table_path_;
    CompactorOptions options_;
    std::unique_ptr<WriteContext> context_;
    std::map<int64_t, TableSchema> schemas_;
    std::vector<std::unique_ptr<AppendBucketWriter>> append_writers_;
    std::vector<std::string> written_;  // primary-key compaction outputs not yet committed
    Stats stats_;
};

}  // namespace flashlake::lake
