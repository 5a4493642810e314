#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "common/result.h"

namespace flashlake {

// Key/value settings from a config file (`key = value` lines, `#` comments; TOML-like `[section]`
// headers prefix keys as `section.key`) and from `--key value` / `--key=value` flags, flags
// winning. Typed getters report the key and the bad value on error.
class Config {
public:
    static Result<Config> LoadFile(const std::string& path);
    static Result<Config> Parse(std::string_view text, std::string_view origin);

    void Set(std::string key, std::string value);
    // Merges `--key value` flags (dashes in keys become underscores); returns leftover arguments.
    Result<std::vector<std::string>> ApplyFlags(const std::vector<std::string>& args);

    bool Has(std::string_view key) const;
    std::string GetString(std::string_view key, std::string fallback) const;
    Result<int64_t> GetInt(std::string_view key, int64_t fallback) const;
    Result<bool> GetBool(std::string_view key, bool fallback) const;
    const std::map<std::string, std::string, std::less<>>& entries() const { return entries_; }

private:
    std::map<std::string, std::string, std::less<>> entries_;
};

// Parses sizes like "512MB", "2G", "1048576" into bytes.
Result<int64_t> ParseByteSize(std::string_view text);

}  // namespace flashlake
