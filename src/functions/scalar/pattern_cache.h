#pragma once

#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>

namespace flashlake::functions {

// Compiled patterns (LIKE matchers, regular expressions) of one bound call, keyed by pattern
// text. A kernel closure owns one, so a constant pattern is compiled once per query rather than
// per chunk or row; pipeline threads share it, hence the mutex, which guards `entries_`. The
// compiled objects are immutable and safe to use from several threads. Past kMaxEntries distinct
// patterns (a pattern column) the cache starts over, bounding its memory.
template <typename Compiled>
class PatternCache {
public:
    // `compile(text)` returns shared_ptr<const Compiled>, null for an invalid pattern (cached too).
    template <typename Compile>
    std::shared_ptr<const Compiled> Get(std::string_view pattern, Compile&& compile) {
        std::lock_guard<std::mutex> lock(mutex_);
        auto it = entries_.find(pattern);
        if (it != entries_.end()) return it->second;
        if (entries_.size() >= kMaxEntries) entries_.clear();
        std::shared_ptr<const Compiled> compiled = compile(pattern);
        entries_.emplace(std::string(pattern), compiled);
        return compiled;
    }

private:
    static constexpr size_t kMaxEntries = 256;
    std::mutex mutex_;
    std::map<std::string, std::shared_ptr<const Compiled>, std::less<>> entries_;
};

// A per-kernel-call front for a PatternCache: rows with the same pattern as the previous row
// skip the lock and the lookup.
template <typename Compiled>
class PatternLookup {
public:
    explicit PatternLookup(PatternCache<Compiled>& cache) : cache_(cache) {}

    template <typename Compile>
    const Compiled* Get(std::string_view pattern, Compile&& compile) {
        if (!looked_up_ || pattern != text_) {
            current_ = cache_.Get(pattern, compile);
            text_.assign(pattern);
            looked_up_ = true;
        }
        return current_.get();
    }

private:
    PatternCache<Compiled>& cache_;
    std::shared_ptr<const Compiled> current_;
    std::string text_;
    bool looked_up_ = false;
};

}  // namespace flashlake::functions
