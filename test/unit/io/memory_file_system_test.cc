#include "io/memory_file_system.h"

#include <gtest/gtest.h>

#include <thread>

namespace flashlake::io {
namespace {

std::string ReadOr(FileSystem& fs, const std::string& path, std::string missing = "<missing>") {
    auto bytes = fs.ReadFile(path);
    return bytes.ok() ? *bytes : missing;
}

TEST(MemoryFileSystemTest, PathsAreNormalized) {
    MemoryFileSystem fs;
    ASSERT_TRUE(fs.CreateDirectories("/a//b/").ok());
    ASSERT_TRUE(fs.WriteFile("a/b/./c", "x").ok());
    EXPECT_EQ(ReadOr(fs, "/a/b/c"), "x");
    EXPECT_TRUE(fs.Exists("a//b").value());
}

TEST(MemoryFileSystemTest, UnsyncedNewFileDisappears) {
    MemoryFileSystem fs;
    ASSERT_TRUE(fs.WriteFile("f", "data").ok());
    fs.DropUnsyncedData();
    EXPECT_FALSE(fs.Exists("f").value());
}

TEST(MemoryFileSystemTest, SyncedFileInUnsyncedDirectoryDisappears) {
    MemoryFileSystem fs;
    auto file = fs.OpenForWrite("f").value();
    ASSERT_TRUE(file->Append("data").ok());
    ASSERT_TRUE(file->Sync().ok());
    ASSERT_TRUE(file->Close().ok());
    fs.DropUnsyncedData();
    EXPECT_FALSE(fs.Exists("f").value());
}

TEST(MemoryFileSystemTest, NameSyncedButContentNotIsEmpty) {
    MemoryFileSystem fs;
    ASSERT_TRUE(fs.WriteFile("f", "data").ok());
    ASSERT_TRUE(fs.SyncDirectory("/").ok());
    fs.DropUnsyncedData();
    EXPECT_EQ(ReadOr(fs, "f"), "");
}

TEST(MemoryFileSystemTest, UnsyncedTailIsDropped) {
    MemoryFileSystem fs;
    auto file = fs.OpenForWrite("log").value();
    ASSERT_TRUE(file->Append("durable|").ok());
    ASSERT_TRUE(file->Sync().ok());
    ASSERT_TRUE(fs.SyncDirectory("").ok());
    ASSERT_TRUE(file->Append("lost").ok());
    fs.DropUnsyncedData();
    EXPECT_EQ(ReadOr(fs, "log"), "durable|");
}

TEST(MemoryFileSystemTest, AtomicWriteIsDurableAndAllOrNothing) {
    MemoryFileSystem fs;
    ASSERT_TRUE(fs.CreateDirectories("t/snapshot").ok());
    ASSERT_TRUE(fs.SyncDirectory("t").ok());
    ASSERT_TRUE(fs.SyncDirectory("/").ok());
    ASSERT_TRUE(fs.WriteFileAtomically("t/snapshot/LATEST", "1").ok());
    fs.DropUnsyncedData();
    EXPECT_EQ(ReadOr(fs, "t/snapshot/LATEST"), "1");
    ASSERT_TRUE(fs.CreateFileExclusive("t/snapshot/snapshot-1", "{json}").ok());
    fs.DropUnsyncedData();
    EXPECT_EQ(ReadOr(fs, "t/snapshot/snapshot-1"), "{json}");
    auto names = fs.ListDirectory("t/snapshot").value();
    EXPECT_EQ(names.size(), 2u);  // no temporary files survive
}

TEST(MemoryFileSystemTest, RenameWithoutDirectorySyncIsUndone) {
    MemoryFileSystem fs;
    auto file = fs.OpenForWrite("tmp").value();
    ASSERT_TRUE(file->Append("new").ok());
    ASSERT_TRUE(file->Sync().ok());
    ASSERT_TRUE(file->Close().ok());
    ASSERT_TRUE(fs.WriteFile("target", "old").ok());
    {
        auto old_file = fs.OpenForWrite("target").value();  // truncates, then rewrite and sync
        ASSERT_TRUE(old_file->Append("old").ok());
        ASSERT_TRUE(old_file->Sync().ok());
    }
    ASSERT_TRUE(fs.SyncDirectory("/").ok());
    ASSERT_TRUE(fs.Rename("tmp", "target").ok());
    EXPECT_EQ(ReadOr(fs, "target"), "new");
    fs.DropUnsyncedData();
    // The rename was never made durable: both names come back as they were.
    EXPECT_EQ(ReadOr(fs, "target"), "old");
    EXPECT_EQ(ReadOr(fs, "tmp"), "new");
}

TEST(MemoryFileSystemTest, UnsyncedDeleteIsUndone) {
    MemoryFileSystem fs;
    auto file = fs.OpenForWrite("keep").value();
    ASSERT_TRUE(file->Append("v").ok());
    ASSERT_TRUE(file->Sync().ok());
    ASSERT_TRUE(fs.SyncDirectory("/").ok());
    ASSERT_TRUE(fs.DeleteFile("keep").ok());
    fs.DropUnsyncedData();
    EXPECT_EQ(ReadOr(fs, "keep"), "v");
    ASSERT_TRUE(fs.DeleteFile("keep").ok());
    ASSERT_TRUE(fs.SyncDirectory("/").ok());
    fs.DropUnsyncedData();
    EXPECT_FALSE(fs.Exists("keep").value());
}

TEST(MemoryFileSystemTest, NewDirectoryNeedsParentSync) {
    MemoryFileSystem fs;
    ASSERT_TRUE(fs.CreateDirectories("a/b").ok());
    ASSERT_TRUE(fs.SyncDirectory("a").ok());  // b is durable inside a, but a is not inside /
    fs.DropUnsyncedData();
    EXPECT_FALSE(fs.Exists("a").value());
    ASSERT_TRUE(fs.CreateDirectories("a/b").ok());
    ASSERT_TRUE(fs.SyncDirectory("a").ok());
    ASSERT_TRUE(fs.SyncDirectory("/").ok());
    fs.DropUnsyncedData();
    EXPECT_TRUE(fs.Exists("a/b").value());
}

TEST(MemoryFileSystemTest, TruncateNotSyncedKeepsOldContent) {
    MemoryFileSystem fs;
    auto file = fs.OpenForWrite("f").value();
    ASSERT_TRUE(file->Append("version1").ok());
    ASSERT_TRUE(file->Sync().ok());
    ASSERT_TRUE(fs.SyncDirectory("/").ok());
    ASSERT_TRUE(fs.WriteFile("f", "v2").ok());  // truncate + write, never synced
    EXPECT_EQ(ReadOr(fs, "f"), "v2");
    fs.DropUnsyncedData();
    EXPECT_EQ(ReadOr(fs, "f"), "version1");
}

TEST(MemoryFileSystemTest, DirectoryRenameRules) {
    MemoryFileSystem fs;
    ASSERT_TRUE(fs.CreateDirectories("a/b").ok());
    EXPECT_EQ(fs.Rename("a", "a/b/c").code(), ErrorCode::kInvalidArgument);
    ASSERT_TRUE(fs.Rename("a", "z").ok());
    EXPECT_TRUE(fs.Exists("z/b").value());
    ASSERT_TRUE(fs.WriteFile("f", "").ok());
    EXPECT_FALSE(fs.Rename("f", "z").ok());  // a file cannot replace a directory
    EXPECT_EQ(fs.OpenForWrite("z").status().code(), ErrorCode::kIOError);
    EXPECT_EQ(fs.OpenForRead("z").status().code(), ErrorCode::kIOError);
}

TEST(MemoryFileSystemTest, OpenFilesOutliveTheFileSystem) {
    std::unique_ptr<WritableFile> writer;
    std::unique_ptr<RandomAccessFile> reader;
    {
        MemoryFileSystem fs;
        writer = fs.OpenForWrite("f").value();
        reader = fs.OpenForRead("f").value();
    }
    ASSERT_TRUE(writer->Append("still works").ok());
    EXPECT_EQ(reader->ReadAt(6, 5).value(), "works");
}

TEST(MemoryFileSystemTest, ConcurrentWritersOfDifferentFiles) {
    MemoryFileSystem fs;
    auto writer = [&](int id) {
        for (int i = 0; i < 100; ++i) {
            std::string path = "w" + std::to_string(id) + "-" + std::to_string(i);
            ASSERT_TRUE(fs.WriteFileAtomically(path, path).ok());
        }
    };
    std::thread a(writer, 0), b(writer, 1);
    a.join();
    b.join();
    EXPECT_EQ(fs.ListDirectory("/").value().size(), 200u);
    EXPECT_EQ(ReadOr(fs, "w1-99"), "w1-99");
    EXPECT_EQ(fs.TotalFileBytes(), 2u * (10 * 4 + 90 * 5));
}

}  // namespace
}  // namespace flashlake::io
