#include "main/command_line.h"

#include "format/parquet/column_cache.h"

#include <charconv>
#include <cstdlib>
#include <fstream>

namespace flashlake::cli {

namespace {

std::string Trim(const std::string& text) {
    size_t begin = text.find_first_not_of(" \t\r");
    if (begin == std::string::npos) return "";
    size_t end = text.find_last_not_of(" \t\r");
    return text.substr(begin, end - begin + 1);
}

std::string Canonical(std::string key) {
    for (char& c : key) c = c == '_' ? '-' : static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return key;
}

}  // namespace

void CommandLine::AddValue(std::string name, Handler apply, std::vector<std::string> aliases) {
    options_.push_back({std::move(name), std::move(aliases), true, std::move(apply)});
}

void CommandLine::AddSwitch(std::string name, std::function<void()> apply) {
    options_.push_back({std::move(name), {}, false, [apply = std::move(apply)](const std::string&) {
                            apply();
                            return std::string();
                        }});
}

const CommandLine::Option* CommandLine::Find(const std::string& spelling) const {
    for (const Option& option : options_) {
        if (spelling == "--" + option.name) return &option;
        for (const std::string& alias : option.aliases) {
            if (spelling == alias) return &option;
        }
    }
    return nullptr;
}

const CommandLine::Option* CommandLine::FindKey(const std::string& key) const {
    for (const Option& option : options_) {
        if (Canonical(key) == option.name) return &option;
    }
    return nullptr;
}

bool CommandLine::ParseArguments(const std::vector<std::string>& args, std::string& error) const {
    for (size_t i = 0; i < args.size(); ++i) {
        const std::string& arg = args[i];
        size_t eq = arg.rfind("--", 0) == 0 ? arg.find('=') : std::string::npos;
        std::string spelling = arg.substr(0, eq);
        const Option* option = Find(spelling);
        if (option == nullptr) {
            error = "unknown argument '" + arg + "'";
            return false;
        }
        std::string value;
        if (!option->takes_value) {
            if (eq != std::string::npos) {
                error = spelling + " takes no value";
                return false;
            }
        } else if (eq != std::string::npos) {
            value = arg.substr(eq + 1);
        } else if (i + 1 < args.size()) {
            value = args[++i];
        } else {
            error = arg + " needs a value";
            return false;
        }
        error = option->apply(value);
        if (!error.empty()) return false;
    }
    return true;
}

bool CommandLine::ParseConfigFile(const std::string& path, std::string& error) const {
    std::ifstream in(path);
    if (!in) {
        error = "cannot read config file '" + path + "'";
        return false;
    }
    std::string line;
    for (int number = 1; std::getline(in, line); ++number) {
        std::string where = path + ":" + std::to_string(number) + ": ";
        std::string text = Trim(line);
        if (text.empty() || text[0] == '#') continue;
        size_t eq = text.find('=');
        if (eq == std::string::npos) {
            error = where + "expected 'key = value', got '" + text + "'";
            return false;
        }
        std::string key = Trim(text.substr(0, eq));
        std::string value = Trim(text.substr(eq + 1));
        if (value.size() >= 2 && (value[0] == '"' || value[0] == '\'') && value.back() == value[0]) {
            value = value.substr(1, value.size() - 2);
        } else if (size_t comment = value.find(" #"); comment != std::string::npos) {
            value = Trim(value.substr(0, comment));  // a trailing comment after an unquoted value
        }
        const Option* option = FindKey(key);
        if (option == nullptr || option->name == "config" || option->name == "help") {
            error = where + "unknown key '" + key + "'";
            return false;
        }
        if (!option->takes_value) {
            std::string flag = Canonical(value);
            if (flag == "false" || flag == "0" || flag == "no" || flag == "off") continue;
            if (flag != "true" && flag != "1" && flag != "yes" && flag != "on") {
                error = where + key + " must be true or false, not '" + value + "'";
                return false;
            }
        }
        std::string bad = option->apply(value);
        if (!bad.empty()) {
            error = where + bad;
            return false;
        }
    }
    return true;
}

std::string CommandLine::FindValue(const std::vector<std::string>& args, const std::string& name) {
    std::string flag = "--" + name;
    std::string found;
    for (size_t i = 0; i < args.size(); ++i) {
        if (args[i] == flag && i + 1 < args.size()) {
            found = args[++i];
        } else if (args[i].rfind(flag + "=", 0) == 0) {
            found = args[i].substr(flag.size() + 1);
        }
    }
    return found;
}

std::string ParsePort(const std::string& option, const std::string& text, uint16_t& out) {
    uint64_t number = 0;
    std::string error = ParseCount(option, text, 0, 65535, number);
    if (!error.empty()) return option + " must be a port number (0 to 65535), not '" + text + "'";
    out = static_cast<uint16_t>(number);
    return "";
}

std::string ParseCount(const std::string& option, const std::string& text, uint64_t min, uint64_t max,
                       uint64_t& out) {
    uint64_t number = 0;
    auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), number);
    if (text.empty() || error != std::errc() || end != text.data() + text.size() || number < min || number > max) {
        return option + " must be a number from " + std::to_string(min) + " to " + std::to_string(max) + ", not '" +
               text + "'";
    }
    out = number;
    return "";
}

std::string DefaultWarehouse() {
    const char* home = std::getenv("FLASHLAKE_HOME");
    return home ? home : "./warehouse";
}

void AddColumnCacheOption(CommandLine& line) {
    line.AddValue("column-cache-mb", [](const std::string& value) {
        uint64_t megabytes = 0;
        std::string bad = ParseCount("--column-cache-mb", value, 0, uint64_t{1} << 30, megabytes);
        if (bad.empty()) format::parquet::ColumnCache::Global().SetCapacity(megabytes << 20);
        return bad;
    });
}

}  // namespace flashlake::cli
