#include "io/glob.h"

#include <algorithm>
#include <set>

#include "io/file_system.h"
#include "io/path.h"

namespace flashlake::io {

bool HasGlobWildcards(std::string_view component) {
    return component.find_first_of("*?") != std::string_view::npos;
}

bool GlobMatchComponent(std::string_view pattern, std::string_view name) {
    // Greedy matching with one backtrack point: the most recent '*' and where it started
    // matching. Linear in practice, O(n*m) at worst, never recursive.
    size_t p = 0, n = 0;
    size_t star = std::string_view::npos, star_match = 0;
    while (n < name.size()) {
        if (p < pattern.size() && (pattern[p] == '?' || pattern[p] == name[n])) {
            ++p;
            ++n;
        } else if (p < pattern.size() && pattern[p] == '*') {
            star = p++;
            star_match = n;
        } else if (star != std::string_view::npos) {
            p = star + 1;
            n = ++star_match;
        } else {
            return false;
        }
    }
    while (p < pattern.size() && pattern[p] == '*') ++p;
    return p == pattern.size();
}

namespace {

class GlobExpander {
public:
    GlobExpander(FileSystem& fs, std::vector<std::string_view> parts) : fs_(fs), parts_(std::move(parts)) {}

    // Matches parts_[index..] below the directory `dir` (a display path, "" for the current
    // directory of a relative pattern).
    Status Expand(const std::string& dir, size_t index) {
        if (index == parts_.size()) {
            matches_.insert(dir);
            return Status::OK();
        }
        std::string_view part = parts_[index];
        bool last = index + 1 == parts_.size();
        if (part == "**") {
            if (last) return AddDescendants(dir);
            FL_RETURN_NOT_OK(Expand(dir, index + 1));  // "**" as zero directories
            std::vector<DirectoryEntry> entries;
            FL_RETURN_NOT_OK(List(dir, &entries));
            for (const DirectoryEntry& entry : entries) {
                if (entry.type == FileType::kDirectory) FL_RETURN_NOT_OK(Expand(JoinPath(dir, entry.name), index));
            }
            return Status::OK();
        }
        if (!HasGlobWildcards(part)) {
            std::string child = JoinPath(dir, part);
            if (!last) return Expand(child, index + 1);
            FL_ASSIGN_OR_RETURN(bool exists, fs_.Exists(child));
            if (exists) matches_.insert(child);
            return Status::OK();
        }
        std::vector<DirectoryEntry> entries;
        FL_RETURN_NOT_OK(List(dir, &entries));
        for (const DirectoryEntry& entry : entries) {
            if (!GlobMatchComponent(part, entry.name)) continue;
            std::string child = JoinPath(dir, entry.name);
            if (last) {
                matches_.insert(child);
            } else if (entry.type == FileType::kDirectory) {
                FL_RETURN_NOT_OK(Expand(child, index + 1));
            }
        }
        return Status::OK();
    }

    std::vector<std::string> TakeMatches() { return {matches_.begin(), matches_.end()}; }

private:
    Status AddDescendants(const std::string& dir) {
        std::vector<DirectoryEntry> entries;
        FL_RETURN_NOT_OK(List(dir, &entries));
        for (const DirectoryEntry& entry : entries) {
            std::string child = JoinPath(dir, entry.name);
            matches_.insert(child);
            if (entry.type == FileType::kDirectory) FL_RETURN_NOT_OK(AddDescendants(child));
        }
        return Status::OK();
    }

    // Lists `dir`; a directory that does not exist (or is a file) matches nothing.
    Status List(const std::string& dir, std::vector<DirectoryEntry>* entries) {
        auto listed = fs_.ListDirectory(dir.empty() ? "." : dir);
        if (!listed.ok()) {
            if (listed.status().code() == ErrorCode::kNotFound) return Status::OK();
            FL_ASSIGN_OR_RETURN(bool exists, fs_.Exists(dir.empty() ? "." : dir));
            if (!exists) return Status::OK();
            auto info = fs_.GetFileInfo(dir.empty() ? "." : dir);
            if (info.ok() && info->type != FileType::kDirectory) return Status::OK();
            return listed.status();
        }
        *entries = std::move(listed).value();
        return Status::OK();
    }

    FileSystem& fs_;
    std::vector<std::string_view> parts_;
    std::set<std::string> matches_;
};

}  // namespace

Result<std::vector<std::string>> ExpandGlob(FileSystem& fs, std::string_view pattern) {
    if (pattern.empty()) return Status::InvalidArgument("glob: empty pattern");
    std::vector<std::string_view> parts = SplitPath(pattern);
    if (parts.empty()) {  // "/" or "."
        std::string path = NormalizePath(pattern);
        FL_ASSIGN_OR_RETURN(bool exists, fs.Exists(path));
        return exists ? std::vector<std::string>{path} : std::vector<std::string>{};
    }
    std::string root = pattern.front() == '/' ? "/" : "";
    GlobExpander expander(fs, std::move(parts));
    FL_RETURN_NOT_OK(expander.Expand(root, 0));
    return expander.TakeMatches();
}

}  // namespace flashlake::io
