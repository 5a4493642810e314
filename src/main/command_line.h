#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

namespace flashlake::cli {

// The options of one subcommand, read from its arguments and, for `flashlake server`, from a
// config file. An option `name` is given as `--name VALUE` or `--name=VALUE` (a switch as
// `--name`), and in a config file as a line `name = value`, where `_` and `-` in the name are the
// same. Each option has a handler that applies its value and returns an error message, or ""
// when the value is good.
class CommandLine {
public:
    using Handler = std::function<std::string(const std::string& value)>;

    // `aliases` are other spellings on the command line only (e.g. "-e").
    void AddValue(std::string name, Handler apply, std::vector<std::string> aliases = {});
    void AddSwitch(std::string name, std::function<void()> apply);

    // Applies every option in `args`, in order; false and `error` at the first bad one.
    bool ParseArguments(const std::vector<std::string>& args, std::string& error) const;
    // Applies the `key = value` lines of `path`; blank lines and `#` comments are skipped, values
    // may be quoted with "..." or '...'. Errors say "FILE:LINE: why" (unknown key, no '=',
    // a bad value). Switches take true/false, 1/0, yes/no, on/off.
    bool ParseConfigFile(const std::string& path, std::string& error) const;
    // The value given for option `name` in `args`, or "" (e.g. --config, read before the rest).
    static std::string FindValue(const std::vector<std::string>& args, const std::string& name);

private:
    struct Option {
        std::string name;
        std::vector<std::string> aliases;
        bool takes_value = true;
        Handler apply;
    };
    const Option* Find(const std::string& spelling) const;
    const Option* FindKey(const std::string& key) const;

    std::vector<Option> options_;
};

// Value parsers for handlers: they return "" or an error naming the option and the bad text.
std::string ParsePort(const std::string& option, const std::string& text, uint16_t& out);
std::string ParseCount(const std::string& option, const std::string& text, uint64_t min, uint64_t max,
                       uint64_t& out);

// --column-cache-mb N: the budget of the process's cache of decoded lake columns (0: off).
void AddColumnCacheOption(CommandLine& line);

// The warehouse when none is given: $FLASHLAKE_HOME, else ./warehouse.
std::string DefaultWarehouse();

}  // namespace flashlake::cli
