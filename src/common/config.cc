#include "common/config.h"

#include <cctype>
#include <charconv>
#include <fstream>
#include <sstream>

namespace flashlake {

namespace {

std::string_view Trim(std::string_view text) {
    while (!text.empty() && std::isspace(static_cast<unsigned char>(text.front()))) text.remove_prefix(1);
    while (!text.empty() && std::isspace(static_cast<unsigned char>(text.back()))) text.remove_suffix(1);
    return text;
}

std::string NormalizeKey(std::string_view key) {
    std::string out(key);
    for (char& c : out) c = c == '-' ? '_' : static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return out;
}

std::string Unquote(std::string_view value) {
    if (value.size() >= 2 && (value.front() == '"' || value.front() == '\'') && value.back() == value.front()) {
        value = value.substr(1, value.size() - 2);
    }
    return std::string(value);
}

}  // namespace

Result<Config> Config::LoadFile(const std::string& path) {
    std::ifstream in(path);
    if (!in) return Status::IOError("cannot open config file '" + path + "'");
    std::stringstream buffer;
    buffer << in.rdbuf();
    return Parse(buffer.str(), path);
}

Result<Config> Config::Parse(std::string_view text, std::string_view origin) {
    Config config;
    std::string section;
    int line_number = 0;
    while (!text.empty()) {
        size_t end = text.find('\n');
        std::string_view line = text.substr(0, end);
        text = end == std::string_view::npos ? std::string_view() : text.substr(end + 1);
        ++line_number;
        if (size_t hash = line.find('#'); hash != std::string_view::npos) line = line.substr(0, hash);
        line = Trim(line);
        if (line.empty()) continue;
        if (line.front() == '[' && line.back() == ']') {
            section = NormalizeKey(Trim(line.substr(1, line.size() - 2)));
            continue;
        }
        size_t eq = line.find('=');
        if (eq == std::string_view::npos) {
            return Status::InvalidArgument(ConcatParts(origin, ":", line_number, ": expected 'key = value', got '",
                                                       line, "'"));
        }
        std::string key = NormalizeKey(Trim(line.substr(0, eq)));
        if (!section.empty()) key = section + "." + key;
        config.Set(std::move(key), Unquote(Trim(line.substr(eq + 1))));
    }
    return config;
}

void Config::Set(std::string key, std::string value) { entries_[NormalizeKey(key)] = std::move(value); }

Result<std::vector<std::string>> Config::ApplyFlags(const std::vector<std::string>& args) {
    std::vector<std::string> rest;
    for (size_t i = 0; i < args.size(); ++i) {
        std::string_view arg = args[i];
        if (arg.size() < 3 || arg.substr(0, 2) != "--") {
            rest.emplace_back(arg);
            continue;
        }
        arg.remove_prefix(2);
        if (size_t eq = arg.find('='); eq != std::string_view::npos) {
            Set(std::string(arg.substr(0, eq)), std::string(arg.substr(eq + 1)));
        } else if (i + 1 < args.size()) {
            Set(std::string(arg), args[++i]);
        } else {
            return Status::InvalidArgument("flag --" + std::string(arg) + " needs a value");
        }
    }
    return rest;
}

bool Config::Has(std::string_view key) const { return entries_.find(NormalizeKey(key)) != entries_.end(); }

std::string Config::GetString(std::string_view key, std::string fallback) const {
    auto it = entries_.find(NormalizeKey(key));
    return it == entries_.end() ? std::move(fallback) : it->second;
}

Result<int64_t> Config::GetInt(std::string_view key, int64_t fallback) const {
    auto it = entries_.find(NormalizeKey(key));
    if (it == entries_.end()) return fallback;
    int64_t value = 0;
    const std::string& text = it->second;
    auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (ec != std::errc() || ptr != text.data() + text.size()) {
        return Status::InvalidArgument(ConcatParts("setting '", key, "' must be an integer, got '", text, "'"));
    }
    return value;
}

Result<bool> Config::GetBool(std::string_view key, bool fallback) const {
    auto it = entries_.find(NormalizeKey(key));
    if (it == entries_.end()) return fallback;
    std::string value = NormalizeKey(it->second);
    if (value == "true" || value == "1" || value == "on" || value == "yes") return true;
    if (value == "false" || value == "0" || value == "off" || value == "no") return false;
    return Status::InvalidArgument(ConcatParts("setting '", key, "' must be true or false, got '", it->second, "'"));
}

Result<int64_t> ParseByteSize(std::string_view text) {
    text = Trim(text);
    int64_t number = 0;
    auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), number);
    if (ec != std::errc() || number < 0) return Status::InvalidArgument(ConcatParts("bad byte size '", text, "'"));
    std::string unit = NormalizeKey(Trim(std::string_view(ptr, text.data() + text.size() - ptr)));
    if (!unit.empty() && unit.back() == 'b') unit.pop_back();
    int shift = 0;
    if (unit.empty()) shift = 0;
    else if (unit == "k") shift = 10;
    else if (unit == "m") shift = 20;
    else if (unit == "g") shift = 30;
    else if (unit == "t") shift = 40;
    else return Status::InvalidArgument(ConcatParts("bad byte size unit in '", text, "'"));
    if (shift > 0 && number > (INT64_MAX >> shift)) return Status::InvalidArgument(ConcatParts("byte size too large: '", text, "'"));
    return number << shift;
}

}  // namespace flashlake
