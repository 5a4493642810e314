#include "io/posix_file_system.h"

#include <fcntl.h>
#include <gtest/gtest.h>
#include <stdlib.h>
#include <unistd.h>

#include <cerrno>

namespace flashlake::io {
namespace {

class PosixFileSystemTest : public ::testing::Test {
protected:
    void SetUp() override {
        const char* tmp = std::getenv("TMPDIR");
        std::string templ = std::string(tmp && *tmp ? tmp : "/tmp") + "/flashlake_posix_test_XXXXXX";
        ASSERT_NE(::mkdtemp(templ.data()), nullptr);
        root_ = templ;
    }
    void TearDown() override { EXPECT_TRUE(fs_.DeleteDirectoryRecursive(root_).ok()); }

    std::string root_;
    PosixFileSystem fs_;
};

TEST(ErrnoStatusTest, MapsCodesAndNamesPathAndReason) {
    Status missing = ErrnoStatus("open", "/x/y", ENOENT);
    EXPECT_EQ(missing.code(), ErrorCode::kNotFound);
    EXPECT_EQ(missing.message(), "open '/x/y': No such file or directory");
    EXPECT_EQ(ErrnoStatus("write", "f", ENOSPC).code(), ErrorCode::kNoSpace);
    EXPECT_EQ(ErrnoStatus("write", "f", EDQUOT).code(), ErrorCode::kNoSpace);
    EXPECT_EQ(ErrnoStatus("create", "f", EEXIST).code(), ErrorCode::kAlreadyExists);
    EXPECT_EQ(ErrnoStatus("read", "f", EIO).code(), ErrorCode::kIOError);
    EXPECT_NE(ErrnoStatus("read", "f", EIO).message().find("Input/output error"), std::string::npos);
}

TEST_F(PosixFileSystemTest, OpeningADirectoryForReadFails) {
    auto file = fs_.OpenForRead(root_);
    ASSERT_FALSE(file.ok());
    EXPECT_NE(file.status().message().find(root_), std::string::npos);
    EXPECT_NE(file.status().message().find("Is a directory"), std::string::npos) << file.status().message();
}

TEST_F(PosixFileSystemTest, FilesAreCloseOnExec) {
    ASSERT_TRUE(fs_.WriteFile(root_ + "/f", "x").ok());
    // The descriptors a file system opens must not leak into child processes: look for an
    // open descriptor on our file and check its flags.
    auto reader = fs_.OpenForRead(root_ + "/f").value();
    auto writer = fs_.OpenForWrite(root_ + "/g").value();
    int checked = 0;
    for (int fd = 3; fd < 1024; ++fd) {
        char link[64], target[4096];
        std::snprintf(link, sizeof(link), "/proc/self/fd/%d", fd);
        ssize_t n = ::readlink(link, target, sizeof(target) - 1);
        if (n <= 0) continue;
        std::string path(target, static_cast<size_t>(n));
        if (path == root_ + "/f" || path == root_ + "/g") {
            EXPECT_TRUE(::fcntl(fd, F_GETFD) & FD_CLOEXEC) << path;
            ++checked;
        }
    }
    EXPECT_EQ(checked, 2);
}

TEST_F(PosixFileSystemTest, SyncDirectoryAndMissingDirectory) {
    EXPECT_TRUE(fs_.SyncDirectory(root_).ok());
    Status missing = fs_.SyncDirectory(root_ + "/none");
    EXPECT_EQ(missing.code(), ErrorCode::kNotFound);
    EXPECT_NE(missing.message().find(root_ + "/none"), std::string::npos);
}

TEST_F(PosixFileSystemTest, RecursiveDeleteDoesNotFollowSymlinks) {
    std::string outside = root_ + "/outside";
    ASSERT_TRUE(fs_.CreateDirectories(outside).ok());
    ASSERT_TRUE(fs_.WriteFile(outside + "/keep", "k").ok());
    ASSERT_TRUE(fs_.CreateDirectories(root_ + "/tree/sub").ok());
    ASSERT_EQ(::symlink(outside.c_str(), (root_ + "/tree/sub/link").c_str()), 0);
    ASSERT_TRUE(fs_.DeleteDirectoryRecursive(root_ + "/tree").ok());
    EXPECT_FALSE(fs_.Exists(root_ + "/tree").value());
    EXPECT_TRUE(fs_.Exists(outside + "/keep").value());
}

TEST_F(PosixFileSystemTest, RelativePathsWork) {
    char cwd[4096];
    ASSERT_NE(::getcwd(cwd, sizeof(cwd)), nullptr);
    ASSERT_EQ(::chdir(root_.c_str()), 0);
    Status write = fs_.WriteFileAtomically("rel", "r");
    auto glob = fs_.Glob("r*");
    ASSERT_EQ(::chdir(cwd), 0);
    ASSERT_TRUE(write.ok()) << write.ToString();
    ASSERT_TRUE(glob.ok());
    EXPECT_EQ(*glob, std::vector<std::string>{"rel"});
}

}  // namespace
}  // namespace flashlake::io
