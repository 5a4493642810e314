#pragma once

#include <memory>
#include <string_view>
#include <vector>

#include "common/arena.h"
#include "types/string_view.h"

namespace flashlake {

// Owns the bytes that a string column's StringViews point to. A column can also keep other
// columns' heaps alive (AdoptFrom), so that filtering or projecting a string column shares its
// bytes instead of copying them.
class StringHeap {
public:
    StringHeap() = default;

    // Copies `text` into the heap (unless short enough to inline) and returns a view of it.
    StringView Add(std::string_view text) {
        if (text.size() <= StringView::kInlineSize) return StringView(text);
        if (!own_) {
            own_ = std::make_shared<Arena>(16 * 1024);
            arenas_.push_back(own_);
        }
        char* bytes = own_->Allocate(text.size());
        std::memcpy(bytes, text.data(), text.size());
        return StringView(bytes, static_cast<uint32_t>(text.size()));
    }

    void AdoptFrom(const StringHeap& other) {
        for (const auto& arena : other.arenas_) {
            bool known = false;
            for (const auto& mine : arenas_) known = known || mine == arena;
            if (!known) arenas_.push_back(arena);
        }
        // External owners too: views copied out of this heap may point into their bytes.
        for (const auto& owner : other.owners_) {
            bool known = false;
            for (const auto& mine : owners_) known = known || mine == owner;
            if (!known) owners_.push_back(owner);
        }
    }
    // Keeps an external owner of string bytes alive (e.g. a decoded Parquet page).
    void KeepAlive(std::shared_ptr<void> owner) { owners_.push_back(std::move(owner)); }

    size_t bytes_reserved() const {
        size_t total = 0;
        for (const auto& arena : arenas_) total += arena->bytes_reserved();
        return total;
    }

private:
    std::shared_ptr<Arena> own_;  // the arena Add() writes to; also listed in arenas_
    std::vector<std::shared_ptr<Arena>> arenas_;
    std::vector<std::shared_ptr<void>> owners_;
};

}  // namespace flashlake
