// Behaviour every FileSystem implementation shares, run against PosixFileSystem (in a fresh
// temporary directory) and MemoryFileSystem.

#include "io/file_system.h"

#include <gtest/gtest.h>
#include <stdlib.h>

#include <atomic>
#include <thread>

#include "io/memory_file_system.h"
#include "io/path.h"
#include "io/posix_file_system.h"

namespace flashlake::io {
namespace {

enum class Kind { kPosix, kMemory };

class FileSystemTest : public ::testing::TestWithParam<Kind> {
protected:
    void SetUp() override {
        if (GetParam() == Kind::kPosix) {
            const char* tmp = std::getenv("TMPDIR");
            std::string templ = std::string(tmp && *tmp ? tmp : "/tmp") + "/flashlake_io_test_XXXXXX";
            ASSERT_NE(::mkdtemp(templ.data()), nullptr);
            root_ = templ;
            fs_ = std::make_unique<PosixFileSystem>();
        } else {
            root_ = "/mem";
            fs_ = std::make_unique<MemoryFileSystem>();
            ASSERT_TRUE(fs_->CreateDirectories(root_).ok());
        }
    }
    void TearDown() override {
        if (GetParam() == Kind::kPosix && !root_.empty()) {
            EXPECT_TRUE(fs_->DeleteDirectoryRecursive(root_).ok());
        }
    }

    std::string P(std::string_view relative) const { return JoinPath(root_, relative); }

    std::string Read(const std::string& path) {
        auto bytes = fs_->ReadFile(path);
        EXPECT_TRUE(bytes.ok()) << bytes.status().ToString();
        return bytes.ok() ? *bytes : std::string();
    }

    std::vector<std::string> Names(const std::string& dir) {
        std::vector<std::string> names;
        auto entries = fs_->ListDirectory(dir);
        EXPECT_TRUE(entries.ok()) << entries.status().ToString();
        if (entries.ok()) {
            for (const auto& entry : *entries) names.push_back(entry.name);
        }
        return names;
    }

    std::string root_;
    std::unique_ptr<FileSystem> fs_;
};

TEST_P(FileSystemTest, WriteThenReadAt) {
    ASSERT_TRUE(fs_->WriteFile(P("a.bin"), "hello, world").ok());
    auto file = fs_->OpenForRead(P("a.bin"));
    ASSERT_TRUE(file.ok()) << file.status().ToString();
    EXPECT_EQ((*file)->path(), P("a.bin"));
    EXPECT_EQ((*file)->Size().value(), 12u);
    char buf[5];
    ASSERT_TRUE((*file)->ReadAt(7, 5, buf).ok());
    EXPECT_EQ(std::string(buf, 5), "world");
    EXPECT_EQ((*file)->ReadAt(0, 5).value(), "hello");
    EXPECT_EQ((*file)->ReadAt(12, 0).value(), "");
}

TEST_P(FileSystemTest, ReadPastEndIsCorruptionNamingPath) {
    ASSERT_TRUE(fs_->WriteFile(P("short"), "abc").ok());
    auto file = fs_->OpenForRead(P("short")).value();
    std::string out = "keep";
    Status status = file->ReadAt(1, 3, &out);
    EXPECT_EQ(status.code(), ErrorCode::kCorruption);
    EXPECT_NE(status.message().find(P("short")), std::string::npos) << status.message();
    EXPECT_NE(status.message().find("offset 1"), std::string::npos) << status.message();
    EXPECT_TRUE(out.empty());
    EXPECT_EQ(file->ReadAt(10, 1).status().code(), ErrorCode::kCorruption);
}

TEST_P(FileSystemTest, MissingFileIsNotFound) {
    auto file = fs_->OpenForRead(P("missing"));
    ASSERT_FALSE(file.ok());
    EXPECT_EQ(file.status().code(), ErrorCode::kNotFound);
    EXPECT_NE(file.status().message().find(P("missing")), std::string::npos);
    EXPECT_EQ(fs_->GetFileInfo(P("missing")).status().code(), ErrorCode::kNotFound);
    EXPECT_EQ(fs_->DeleteFile(P("missing")).code(), ErrorCode::kNotFound);
    EXPECT_EQ(fs_->ListDirectory(P("missing")).status().code(), ErrorCode::kNotFound);
    EXPECT_EQ(fs_->Exists(P("missing")).value(), false);
    EXPECT_EQ(fs_->OpenForWrite(P("no/such/dir/file")).status().code(), ErrorCode::kNotFound);
}

TEST_P(FileSystemTest, WritableFileAppendsAndCounts) {
    auto file = fs_->OpenForWrite(P("w")).value();
    ASSERT_TRUE(file->Append("abc").ok());
    ASSERT_TRUE(file->Append("").ok());
    ASSERT_TRUE(file->Append("defg").ok());
    EXPECT_EQ(file->size(), 7u);
    ASSERT_TRUE(file->Sync().ok());
    ASSERT_TRUE(file->Close().ok());
    EXPECT_FALSE(file->Append("x").ok());
    EXPECT_FALSE(file->Close().ok());
    EXPECT_EQ(Read(P("w")), "abcdefg");
    FileInfo info = fs_->GetFileInfo(P("w")).value();
    EXPECT_EQ(info.type, FileType::kFile);
    EXPECT_EQ(info.size, 7u);
    EXPECT_GT(info.mtime_nanos, 0);
}

TEST_P(FileSystemTest, TruncateAndCreateNew) {
    ASSERT_TRUE(fs_->WriteFile(P("f"), "long content").ok());
    ASSERT_TRUE(fs_->WriteFile(P("f"), "short").ok());
    EXPECT_EQ(Read(P("f")), "short");
    auto again = fs_->OpenForWrite(P("f"), WriteMode::kCreateNew);
    EXPECT_EQ(again.status().code(), ErrorCode::kAlreadyExists);
    EXPECT_EQ(Read(P("f")), "short");
    auto fresh = fs_->OpenForWrite(P("g"), WriteMode::kCreateNew);
    ASSERT_TRUE(fresh.ok());
    ASSERT_TRUE((*fresh)->Close().ok());
    EXPECT_EQ(Read(P("g")), "");
}

TEST_P(FileSystemTest, AppendModeWritesAfterTheEnd) {
    auto created = fs_->OpenForWrite(P("log"), WriteMode::kAppend);  // absent: created
    ASSERT_TRUE(created.ok());
    ASSERT_TRUE((*created)->Append("one\n").ok());
    ASSERT_TRUE((*created)->Close().ok());
    auto reopened = fs_->OpenForWrite(P("log"), WriteMode::kAppend);
    ASSERT_TRUE(reopened.ok());
    ASSERT_TRUE((*reopened)->Append("two\n").ok());
    EXPECT_EQ((*reopened)->size(), 4u);  // what this writer appended
    ASSERT_TRUE((*reopened)->Close().ok());
    EXPECT_EQ(Read(P("log")), "one\ntwo\n");
}

TEST_P(FileSystemTest, DirectoriesListSortedAndDelete) {
    ASSERT_TRUE(fs_->CreateDirectories(P("d/x/y")).ok());
    ASSERT_TRUE(fs_->CreateDirectories(P("d/x/y")).ok());  // existing is fine
    ASSERT_TRUE(fs_->WriteFile(P("d/b"), "1").ok());
    ASSERT_TRUE(fs_->WriteFile(P("d/a"), "2").ok());
    ASSERT_TRUE(fs_->WriteFile(P("d/x/y/z"), "3").ok());
    auto entries = fs_->ListDirectory(P("d")).value();
    ASSERT_EQ(entries.size(), 3u);
    EXPECT_EQ(entries[0], (DirectoryEntry{"a", FileType::kFile}));
    EXPECT_EQ(entries[1], (DirectoryEntry{"b", FileType::kFile}));
    EXPECT_EQ(entries[2], (DirectoryEntry{"x", FileType::kDirectory}));
    EXPECT_EQ(fs_->GetFileInfo(P("d/x")).value().type, FileType::kDirectory);
    EXPECT_EQ(fs_->CreateDirectories(P("d/a/sub")).code(), ErrorCode::kAlreadyExists);

    EXPECT_EQ(fs_->DeleteDirectoryRecursive(P("d/a")).code(), ErrorCode::kNotFound);  // a file
    ASSERT_TRUE(fs_->DeleteDirectoryRecursive(P("d/x")).ok());
    EXPECT_FALSE(fs_->Exists(P("d/x/y/z")).value());
    ASSERT_TRUE(fs_->DeleteFile(P("d/a")).ok());
    EXPECT_EQ(Names(P("d")), std::vector<std::string>{"b"});
    EXPECT_EQ(fs_->DeleteDirectoryRecursive(P("d/nothing")).code(), ErrorCode::kNotFound);
}

TEST_P(FileSystemTest, RenameReplacesAndRenameNoReplaceRefuses) {
    ASSERT_TRUE(fs_->WriteFile(P("a"), "A").ok());
    ASSERT_TRUE(fs_->WriteFile(P("b"), "B").ok());
    ASSERT_TRUE(fs_->Rename(P("a"), P("b")).ok());
    EXPECT_EQ(Read(P("b")), "A");
    EXPECT_FALSE(fs_->Exists(P("a")).value());

    ASSERT_TRUE(fs_->WriteFile(P("c"), "C").ok());
    Status refused = fs_->RenameNoReplace(P("c"), P("b"));
    EXPECT_EQ(refused.code(), ErrorCode::kAlreadyExists) << refused.ToString();
    EXPECT_EQ(Read(P("b")), "A");
    EXPECT_EQ(Read(P("c")), "C");
    ASSERT_TRUE(fs_->RenameNoReplace(P("c"), P("d")).ok());
    EXPECT_EQ(Read(P("d")), "C");
    EXPECT_FALSE(fs_->Exists(P("c")).value());
    EXPECT_EQ(fs_->Rename(P("nope"), P("e")).code(), ErrorCode::kNotFound);
}

TEST_P(FileSystemTest, WriteFileAtomicallyReplacesAndLeavesNoTemporary) {
    ASSERT_TRUE(fs_->CreateDirectories(P("snap")).ok());
    ASSERT_TRUE(fs_->WriteFileAtomically(P("snap/LATEST"), "1").ok());
    ASSERT_TRUE(fs_->WriteFileAtomically(P("snap/LATEST"), "2").ok());
    EXPECT_EQ(Read(P("snap/LATEST")), "2");
    EXPECT_EQ(Names(P("snap")), std::vector<std::string>{"LATEST"});
}

TEST_P(FileSystemTest, CreateFileExclusiveOnlyIfAbsent) {
    ASSERT_TRUE(fs_->CreateFileExclusive(P("snapshot-1"), "first").ok());
    Status second = fs_->CreateFileExclusive(P("snapshot-1"), "second");
    EXPECT_EQ(second.code(), ErrorCode::kAlreadyExists) << second.ToString();
    EXPECT_NE(second.message().find("snapshot-1"), std::string::npos);
    EXPECT_EQ(Read(P("snapshot-1")), "first");
    EXPECT_EQ(Names(root_), std::vector<std::string>{"snapshot-1"});  // no temporary left behind
}

TEST_P(FileSystemTest, ExclusiveCreateRaceHasExactlyOneWinner) {
    // Two committers race for each snapshot id; exactly one wins every round and the file holds
    // the winner's complete content.
    for (int round = 0; round < 50; ++round) {
        std::string path = P("snapshot-" + std::to_string(round));
        std::atomic<int> go{0};
        Status results[2];
        auto racer = [&](int who) {
            go.fetch_add(1);
            while (go.load() < 2) {
            }
            results[who] = fs_->CreateFileExclusive(path, std::string(1000, who == 0 ? 'a' : 'b'));
        };
        std::thread first(racer, 0), second(racer, 1);
        first.join();
        second.join();
        int winners = results[0].ok() + results[1].ok();
        ASSERT_EQ(winners, 1) << results[0].ToString() << " / " << results[1].ToString();
        const Status& loser = results[0].ok() ? results[1] : results[0];
        EXPECT_EQ(loser.code(), ErrorCode::kAlreadyExists) << loser.ToString();
        EXPECT_EQ(Read(path), std::string(1000, results[0].ok() ? 'a' : 'b'));
    }
    EXPECT_EQ(Names(root_).size(), 50u);
}

TEST_P(FileSystemTest, ConcurrentReadersOfOneFile) {
    std::string content;
    for (int i = 0; i < 10000; ++i) content += static_cast<char>('a' + i % 26);
    ASSERT_TRUE(fs_->WriteFile(P("shared"), content).ok());
    auto file = fs_->OpenForRead(P("shared")).value();
    std::atomic<int> failures{0};
    auto reader = [&](int seed) {
        for (int i = 0; i < 200; ++i) {
            uint64_t offset = (seed * 7919 + i * 104729) % 9000;
            auto bytes = file->ReadAt(offset, 1000);
            if (!bytes.ok() || *bytes != content.substr(offset, 1000)) failures.fetch_add(1);
        }
    };
    std::thread a(reader, 1), b(reader, 2);
    a.join();
    b.join();
    EXPECT_EQ(failures.load(), 0);
}

TEST_P(FileSystemTest, GlobMatchesStarsQuestionMarksAndDoubleStars) {
    for (const char* file : {"t/manifest/manifest-1", "t/manifest/manifest-list-1", "t/snapshot/snapshot-1",
                             "t/snapshot/snapshot-12", "t/snapshot/LATEST", "t/p=1/bucket-0/data-a.parquet",
                             "t/p=1/bucket-1/data-b.parquet", "t/p=2/bucket-0/data-c.parquet", "t/data-top.parquet"}) {
        ASSERT_TRUE(fs_->CreateDirectories(std::string(Dirname(P(file)))).ok());
        ASSERT_TRUE(fs_->WriteFile(P(file), "x").ok());
    }
    auto glob = [&](std::string_view pattern) {
        auto matches = fs_->Glob(P(pattern));
        EXPECT_TRUE(matches.ok()) << matches.status().ToString();
        std::vector<std::string> relative;
        if (matches.ok()) {
            for (const auto& m : *matches) relative.push_back(m.substr(root_.size() + 1));
        }
        return relative;
    };
    using V = std::vector<std::string>;
    EXPECT_EQ(glob("t/snapshot/snapshot-*"), (V{"t/snapshot/snapshot-1", "t/snapshot/snapshot-12"}));
    EXPECT_EQ(glob("t/snapshot/snapshot-?"), (V{"t/snapshot/snapshot-1"}));
    EXPECT_EQ(glob("t/*/bucket-0/*.parquet"), (V{"t/p=1/bucket-0/data-a.parquet", "t/p=2/bucket-0/data-c.parquet"}));
    EXPECT_EQ(glob("t/**/*.parquet"), (V{"t/data-top.parquet", "t/p=1/bucket-0/data-a.parquet",
                                         "t/p=1/bucket-1/data-b.parquet", "t/p=2/bucket-0/data-c.parquet"}));
    EXPECT_EQ(glob("**/LATEST"), (V{"t/snapshot/LATEST"}));
    EXPECT_EQ(glob("t/manifest/manifest-list-*"), (V{"t/manifest/manifest-list-1"}));
    EXPECT_EQ(glob("t/snapshot/LATEST"), (V{"t/snapshot/LATEST"}));
    EXPECT_EQ(glob("t/snapshot/EARLIEST"), V{});
    EXPECT_EQ(glob("t/nowhere/*"), V{});
    EXPECT_EQ(glob("t/snapshot/LATEST/*"), V{});  // a file is not a directory
    EXPECT_EQ(glob("t/p=2/**").size(), 2u);       // bucket-0 and its file
    EXPECT_FALSE(fs_->Glob("").ok());
}

INSTANTIATE_TEST_SUITE_P(AllFileSystems, FileSystemTest, ::testing::Values(Kind::kPosix, Kind::kMemory),
                         [](const auto& info) { return info.param == Kind::kPosix ? "Posix" : "Memory"; });

TEST(TemporarySiblingPathTest, SameDirectoryHiddenAndUnique) {
    std::string a = TemporarySiblingPath("/t/snapshot/snapshot-3");
    std::string b = TemporarySiblingPath("/t/snapshot/snapshot-3");
    EXPECT_NE(a, b);
    EXPECT_EQ(Dirname(a), "/t/snapshot");
    EXPECT_EQ(Basename(a).substr(0, 12), ".snapshot-3.");
    EXPECT_EQ(TemporarySiblingPath("x").substr(0, 3), ".x.");
}

}  // namespace
}  // namespace flashlake::io
