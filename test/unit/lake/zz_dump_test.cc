#include <gtest/gtest.h>
#include <iostream>
#include "io/posix_file_system.h"
#include "lake/table_files.h"
#include "lake/snapshot_manager.h"
#include "lake_test_util.h"

namespace flashlake::lake {
namespace {
TEST(Dump, All) {
    io::PosixFileSystem fs;
    for (const std::string& table : testing::PaimonTestTables()) {
        std::string name = table.substr(table.rfind('/') + 1);
        std::cout << "=== " << name << "\n";
        SnapshotManager sm(&fs, table);
        auto ids = *sm.ListIds();
        ReadTableFilesOptions options;
        options.external_path_prefixes = {{"FILE:/tmp/external", testing::PaimonTestDataDir() + "/" + name + ".db/external"}};
        for (int64_t id : ids) {
            auto files = ReadTableFiles(&fs, table, id, options);
            if (!files.ok()) { std::cout << " ERR " << files.status().ToString().substr(0, 100) << "\n"; continue; }
            std::cout << " snapshot " << id << " " << CommitKindName(files->snapshot.commit_kind) << " total=" << *files->snapshot.total_record_count << " rows=" << files->RowCount() << " orphan=" << files->orphan_deletes << "\n";
            for (auto& b : files->buckets) {
                std::cout << "  [" << b.partition_path << "] bucket " << b.bucket << "/" << b.total_buckets << " rows=" << b.RowCount() << " dv=" << b.deletion_files.size() << "\n";
                for (size_t i = 0; i < b.files.size(); ++i) {
                    bool exists = *fs.Exists(b.file_paths[i]);
                    std::cout << "    L" << b.files[i].level << " " << b.files[i].file_name << " rows=" << b.files[i].row_count << " del=" << b.files[i].delete_row_count.value_or(-1) << (exists ? "" : " MISSING " + b.file_paths[i]);
                    auto dv = b.deletion_files.find(b.files[i].file_name);
                    if (dv != b.deletion_files.end()) std::cout << " dvcard=" << dv->second.cardinality.value_or(-1) << " off=" << dv->second.offset << " len=" << dv->second.length;
                    std::cout << "\n";
                }
                for (size_t i = 0; i < b.index_files.size(); ++i) {
                    bool exists = *fs.Exists(b.index_file_paths[i]);
                    std::cout << "    idx " << b.index_files[i].index_type << " " << b.index_files[i].file_name << (exists ? "" : " MISSING " + b.index_file_paths[i]) << "\n";
                }
            }
        }
    }
}
}
}
