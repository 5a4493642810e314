#include "block_writer.h"

#include <condition_variable>
#include <cstdio>
#include <memory>
#include <mutex>
#include <stdexcept>
#include <thread>
#include <vector>

namespace flashlake::bench {
namespace {

// Hands out block indexes to workers and gives the writer the formatted blocks in order.
// `window` slots form a ring: block b goes to slot b % window, and a worker may only claim
// block b once the writer has taken block b - window, which bounds memory.
class BlockQueue {
public:
    BlockQueue(uint64_t block_count, size_t window) : block_count_(block_count), slots_(window), ready_(window) {}

    // Returns false when every block has been claimed or the writer gave up.
    bool Claim(uint64_t* block) {
        std::unique_lock lock(mu_);
        changed_.wait(
            lock, [&] { return stopped_ || next_claim_ >= block_count_ || next_claim_ < next_write_ + slots_.size(); });
        if (stopped_ || next_claim_ >= block_count_) return false;
        *block = next_claim_++;
        return true;
    }

    // Stores a formatted block; swaps `text` with the slot's old (cleared) buffer to reuse memory.
    void Publish(uint64_t block, std::string& text) {
        std::lock_guard lock(mu_);
        const size_t slot = block % slots_.size();
        slots_[slot].swap(text);
        ready_[slot] = true;
        changed_.notify_all();
    }

    // Waits for block `block` (the next in order) and swaps its text into `text`.
    void Take(uint64_t block, std::string& text) {
        std::unique_lock lock(mu_);
        const size_t slot = block % slots_.size();
        changed_.wait(lock, [&] { return ready_[slot]; });
        slots_[slot].swap(text);
        slots_[slot].clear();
        ready_[slot] = false;
        next_write_ = block + 1;
        changed_.notify_all();
    }

    void Stop() {
        std::lock_guard lock(mu_);
        stopped_ = true;
        changed_.notify_all();
    }

private:
    const uint64_t block_count_;
    std::mutex mu_;
    std::condition_variable changed_;
    // All below guarded by mu_.
    uint64_t next_claim_ = 0;
    uint64_t next_write_ = 0;
    bool stopped_ = false;
    std::vector<std::string> slots_;
    std::vector<bool> ready_;
};

struct FileCloser {
    void operator()(std::FILE* file) const { std::fclose(file); }
};

}  // namespace

void WriteBlocksInOrder(const std::string& path, const std::string& header, uint64_t block_count, int threads,
                        const BlockFormatter& format_block) {
    std::unique_ptr<std::FILE, FileCloser> file(std::fopen(path.c_str(), "wb"));
    if (!file) throw std::runtime_error("cannot create " + path);
    if (std::fwrite(header.data(), 1, header.size(), file.get()) != header.size()) {
        throw std::runtime_error("cannot write " + path);
    }

    const size_t worker_count = threads < 1 ? 1 : size_t(threads);
    BlockQueue queue(block_count, 2 * worker_count);
    std::vector<std::thread> workers;
    for (size_t i = 0; i < worker_count; ++i) {
        workers.emplace_back([&] {
            std::string text;
            uint64_t block;
            while (queue.Claim(&block)) {
                text.clear();
                format_block(block, text);
                queue.Publish(block, text);
            }
        });
    }

    bool failed = false;
    std::string text;
    for (uint64_t block = 0; block < block_count && !failed; ++block) {
        queue.Take(block, text);
        failed = std::fwrite(text.data(), 1, text.size(), file.get()) != text.size();
    }
    // Workers blocked on a full window must be released before they can be joined.
    queue.Stop();
    for (std::thread& worker : workers) worker.join();
    if (failed || std::fflush(file.get()) != 0 || std::ferror(file.get())) {
        throw std::runtime_error("cannot write " + path);
    }
}

}  // namespace flashlake::bench
