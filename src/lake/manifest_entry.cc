#include "lake/manifest_entry.h"

#include <unordered_map>

#include "common/hash.h"

namespace flashlake::lake {

std::string_view FileKindName(FileKind kind) {
    return kind == FileKind::kAdd ? "ADD" : "DELETE";
}

namespace {

struct IdentifierHash {
    size_t operator()(const ManifestEntry::Identifier& id) const {
        uint64_t h = HashBytes(id.file_name.data(), id.file_name.size());
        h = HashCombine(h, HashBytes(id.partition.bytes().data(), id.partition.bytes().size()));
        h = HashCombine(h, static_cast<uint64_t>(static_cast<uint32_t>(id.bucket)));
        return HashCombine(h, static_cast<uint64_t>(static_cast<uint32_t>(id.level)));
    }
};

}  // namespace

Result<std::vector<ManifestEntry>> MergeManifestEntries(std::vector<ManifestEntry> entries) {
    // Slot per surviving entry, in first-seen order; a removed slot becomes empty.
    std::vector<std::optional<ManifestEntry>> slots;
    std::unordered_map<ManifestEntry::Identifier, size_t, IdentifierHash> live;
    live.reserve(entries.size());
    for (ManifestEntry& entry : entries) {
        ManifestEntry::Identifier id = entry.identifier();
        auto it = live.find(id);
        if (entry.kind == FileKind::kAdd) {
            if (it != live.end()) {
                return Status::Corruption("manifest entries add file " + entry.file.file_name + " of bucket " +
                                          std::to_string(entry.bucket) + ", level " + std::to_string(entry.file.level) +
                                          " twice");
            }
            live.emplace(std::move(id), slots.size());
            slots.emplace_back(std::move(entry));
        } else if (it != live.end()) {
            slots[it->second].reset();
            live.erase(it);
        } else {
            live.emplace(std::move(id), slots.size());
            slots.emplace_back(std::move(entry));
        }
    }
    std::vector<ManifestEntry> merged;
    merged.reserve(live.size());
    for (auto& slot : slots) {
        if (slot) merged.push_back(std::move(*slot));
    }
    return merged;
}

}  // namespace flashlake::lake
