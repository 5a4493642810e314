#pragma once

#include <atomic>
#include <cstdint>
#include <list>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>
#include <vector>

#include "column/column.h"

namespace flashlake::format::parquet {

// Decoded column chunks of Parquet files, kept across queries so that repeated scans of hot
// data (dashboards re-running over the same tables) skip the read, the decompression and the
// decoding. Entries are keyed by the file's identity as well as its path, so a rewritten or
// recreated file is never served stale. An entry is one column of one row group as the batches
// a RowGroupReader returned: immutable columns shared by every reader that hits it. Least
// recently used entries are evicted past the capacity, one budget for the process (0: off).
class ColumnCache {
public:
    struct Key {
        std::string file;  // path and io::RandomAccessFile::Identity()
        uint64_t file_size = 0;
        int row_group = 0;
        int leaf = 0;
        size_t batch_size = 0;
        bool keep_dictionary = true;
        bool operator==(const Key&) const = default;
    };
    using Batches = std::shared_ptr<const std::vector<ColumnPtr>>;

    static ColumnCache& Global();
    // The default capacity: a quarter of physical memory, at most 8 GiB.
    static size_t DefaultCapacity();

    explicit ColumnCache(size_t capacity_bytes) : capacity_(capacity_bytes) {}

    void SetCapacity(size_t bytes);
    size_t capacity() const;
    bool enabled() const { return capacity() > 0; }

    Batches Lookup(const Key& key);
    // `bytes`: the memory the batches hold (estimated by the caller).
    void Insert(const Key& key, std::vector<ColumnPtr> batches, size_t bytes);

    // The same batches with the values of flat fixed-width columns moved into one block of
    // transparent huge pages, when they are large enough for it. Cached values stay in memory
    // for good, so they should not sit in (and fault in) the allocator's small pages: a 2 MiB
    // page is one fault where 4 KiB pages are 512, and the copied-from buffers go back to the
    // allocator for the next query's batches.
    static std::vector<ColumnPtr> MoveToHugePages(std::vector<ColumnPtr> batches);
    void Clear();

    struct Stats {
        int64_t hits = 0;
        int64_t misses = 0;
        int64_t evictions = 0;
        size_t bytes = 0;
        size_t entries = 0;
    };
    Stats stats() const;

private:
    struct KeyHash {
        size_t operator()(const Key& key) const;
    };
    struct Entry {
        Key key;
        Batches batches;
        size_t bytes;
    };
    void EvictLocked();

    mutable std::mutex mutex_;
    size_t capacity_;
    size_t bytes_ = 0;
    std::list<Entry> lru_;  // most recently used first
    std::unordered_map<Key, std::list<Entry>::iterator, KeyHash> index_;
    int64_t hits_ = 0;
    int64_t misses_ = 0;
    int64_t evictions_ = 0;
};

}  // namespace flashlake::format::parquet
