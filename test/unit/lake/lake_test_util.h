#pragma once

#include <algorithm>
#include <filesystem>
#include <string>
#include <vector>

namespace flashlake::lake::testing {

// The Java-written Paimon test tables (see ../shared/testdata/README.md).
inline std::string PaimonTestDataDir() {
    return std::string(FL_SHARED_DIR) + "/testdata/paimon";
}

// "<dir>/<name>.db/<name>" for every table of the test set, sorted.
inline std::vector<std::string> PaimonTestTables() {
    std::vector<std::string> tables;
    for (const auto& entry : std::filesystem::directory_iterator(PaimonTestDataDir())) {
        std::string name = entry.path().filename().string();
        if (!entry.is_directory() || name.size() < 4 || name.substr(name.size() - 3) != ".db") continue;
        std::string table = name.substr(0, name.size() - 3);
        tables.push_back(entry.path().string() + "/" + table);
    }
    std::sort(tables.begin(), tables.end());
    return tables;
}

// Every file under `table` whose parent directory is called `dir_name` and whose name starts
// with `prefix` (branches included: branch/branch-x/schema/schema-0).
inline std::vector<std::string> FilesUnder(const std::string& table, const std::string& dir_name,
                                           const std::string& prefix) {
    std::vector<std::string> files;
    for (const auto& entry : std::filesystem::recursive_directory_iterator(table)) {
        if (!entry.is_regular_file()) continue;
        if (entry.path().parent_path().filename() != dir_name) continue;
        if (entry.path().filename().string().rfind(prefix, 0) != 0) continue;
        files.push_back(entry.path().string());
    }
    std::sort(files.begin(), files.end());
    return files;
}

}  // namespace flashlake::lake::testing
