// flashlake-gen: writes the benchmark data sets as CSV. See bench/README.md.
//
//   flashlake-gen events --rows N --seed S --out DIR [--threads T]
//   flashlake-gen ssb --sf SF --seed S --out DIR [--threads T]
//   flashlake-gen tpch --sf SF --seed S --out DIR [--threads T]
//
// The same arguments give byte-identical files whatever the thread count.

#include <charconv>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <stdexcept>
#include <string>
#include <string_view>

#include "events_gen.h"
#include "ssb_gen.h"
#include "tpch_gen.h"

namespace {

constexpr const char* kUsage =
    "usage: flashlake-gen events --rows N --seed S --out DIR [--threads T]\n"
    "       flashlake-gen ssb --sf SF --seed S --out DIR [--threads T]\n"
    "       flashlake-gen tpch --sf SF --seed S --out DIR [--threads T]\n"
    "events writes DIR/events.csv (N rows of flash-sale clickstream);\n"
    "ssb writes the Star Schema Benchmark tables at scale factor SF and lineorder_flat.csv;\n"
    "tpch writes the eight TPC-H tables at scale factor SF (fractions such as 0.01 allowed).\n"
    "Defaults: --rows 1000000, --sf 1, --seed 1, --threads 2.\n";

struct Arguments {
    std::string command;
    uint64_t rows = 1'000'000;
    double scale_factor = 1;
    uint64_t seed = 1;
    std::string out_dir;
    int threads = 2;
};

uint64_t ParseUnsigned(std::string_view flag, std::string_view text) {
    uint64_t value = 0;
    const auto result = std::from_chars(text.data(), text.data() + text.size(), value);
    if (result.ec != std::errc() || result.ptr != text.data() + text.size()) {
        throw std::invalid_argument(std::string(flag) + " needs a non-negative integer, got '" + std::string(text) +
                                    "'");
    }
    return value;
}

double ParsePositive(std::string_view flag, std::string_view text) {
    double value = 0;
    const auto result = std::from_chars(text.data(), text.data() + text.size(), value);
    if (result.ec != std::errc() || result.ptr != text.data() + text.size() || !(value > 0)) {
        throw std::invalid_argument(std::string(flag) + " needs a positive number, got '" + std::string(text) + "'");
    }
    return value;
}

Arguments ParseArguments(int argc, char** argv) {
    if (argc < 2) throw std::invalid_argument("missing command");
    Arguments args;
    args.command = argv[1];
    if (args.command != "events" && args.command != "ssb" && args.command != "tpch") {
        throw std::invalid_argument("unknown command '" + args.command + "'");
    }
    for (int i = 2; i < argc; i += 2) {
        const std::string_view flag = argv[i];
        if (i + 1 >= argc) throw std::invalid_argument(std::string(flag) + " needs a value");
        const std::string_view value = argv[i + 1];
        if (flag == "--rows" && args.command == "events") {
            args.rows = ParseUnsigned(flag, value);
        } else if (flag == "--sf" && (args.command == "ssb" || args.command == "tpch")) {
            args.scale_factor = ParsePositive(flag, value);
        } else if (flag == "--seed") {
            args.seed = ParseUnsigned(flag, value);
        } else if (flag == "--out") {
            args.out_dir = value;
        } else if (flag == "--threads") {
            const uint64_t threads = ParseUnsigned(flag, value);
            if (threads < 1 || threads > 256) throw std::invalid_argument("--threads must be in 1..256");
            args.threads = static_cast<int>(threads);
        } else {
            throw std::invalid_argument("unknown option '" + std::string(flag) + "' for " + args.command);
        }
    }
    if (args.out_dir.empty()) throw std::invalid_argument("--out DIR is required");
    return args;
}

void Run(const Arguments& args) {
    std::filesystem::create_directories(args.out_dir);
    const auto start = std::chrono::steady_clock::now();
    if (args.command == "events") {
        flashlake::bench::GenerateEvents({args.rows, args.seed, args.out_dir, args.threads});
    } else if (args.command == "tpch") {
        flashlake::bench::GenerateTpch({args.scale_factor, args.seed, args.out_dir, args.threads});
    } else {
        flashlake::bench::GenerateSsb({args.scale_factor, args.seed, args.out_dir, args.threads});
    }
    const std::chrono::duration<double> elapsed = std::chrono::steady_clock::now() - start;
    std::fprintf(stderr, "flashlake-gen: %s written to %s in %.2f s\n", args.command.c_str(), args.out_dir.c_str(),
                 elapsed.count());
}

}  // namespace

int main(int argc, char** argv) {
    if (argc >= 2 && (std::strcmp(argv[1], "--help") == 0 || std::strcmp(argv[1], "-h") == 0)) {
        std::fputs(kUsage, stdout);
        return 0;
    }
    Arguments args;
    try {
        args = ParseArguments(argc, argv);
    } catch (const std::invalid_argument& e) {
        std::fprintf(stderr, "flashlake-gen: %s\n%s", e.what(), kUsage);
        return 2;
    }
    try {
        Run(args);
    } catch (const std::exception& e) {
        std::fprintf(stderr, "flashlake-gen: %s\n", e.what());
        return 1;
    }
    return 0;
}
