#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string>

#include "ingest/compaction_scheduler.h"
#include "ingest/group_committer.h"
#include "ingest/load_tracker.h"

namespace flashlake::ingest {

struct IngestOptions {
    GroupCommitOptions group_commit;
    CompactionSchedulerOptions compaction;
    size_t tracked_loads = 10000;  // records kept for SHOW LOAD / information_schema.loads
};

// The engine-wide parts of the real-time ingestion path, shared by stream loads and INSERTs:
// the group committer, background compaction with backpressure, and the list of recent loads.
class IngestServices {
public:
    IngestServices(io::FileSystem* fs, const std::string& commit_user, const std::function<int64_t()>& next_identifier,
                   const IngestOptions& options)
        : committer_(fs, commit_user, next_identifier, options.group_commit),
          compaction_(fs, commit_user, next_identifier, options.compaction),
          loads_(options.tracked_loads) {}

    GroupCommitter& committer() { return committer_; }
    CompactionScheduler& compaction() { return compaction_; }
    LoadTracker& loads() { return loads_; }

private:
    GroupCommitter committer_;
    CompactionScheduler compaction_;
    LoadTracker loads_;
};

}  // namespace flashlake::ingest
