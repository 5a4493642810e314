#include "io/fault_injecting_file_system.h"

#include <gtest/gtest.h>

#include "io/buffered_writer.h"
#include "io/memory_file_system.h"

namespace flashlake::io {
namespace {

class FaultInjectionTest : public ::testing::Test {
protected:
    void SetUp() override {
        ASSERT_TRUE(memory_.CreateDirectories("t/snapshot").ok());
        ASSERT_TRUE(memory_.SyncDirectory("t").ok());
        ASSERT_TRUE(memory_.SyncDirectory("/").ok());
    }

    std::string ReadOr(const std::string& path) {
        auto bytes = memory_.ReadFile(path);
        return bytes.ok() ? *bytes : "<missing>";
    }

    size_t EntryCount(const std::string& dir) { return memory_.ListDirectory(dir).value().size(); }

    MemoryFileSystem memory_;
    FaultInjectingFileSystem faulty_{&memory_};
};

TEST_F(FaultInjectionTest, CountsMutatingOperationsByDefault) {
    ASSERT_TRUE(faulty_.WriteFileAtomically("t/snapshot/LATEST", "1").ok());
    // open temp, append, sync, close, rename, sync directory
    EXPECT_EQ(faulty_.op_count(), 6);
    std::vector<std::string> log = faulty_.op_log();
    ASSERT_EQ(log.size(), 6u);
    EXPECT_EQ(log[0].rfind("open for write t/snapshot/.LATEST.tmp-", 0), 0u) << log[0];
    EXPECT_EQ(log[5], "sync directory t/snapshot");
    ASSERT_TRUE(faulty_.ReadFile("t/snapshot/LATEST").ok());
    EXPECT_EQ(faulty_.op_count(), 6);  // reads are not counted
    faulty_.CountAllOperations();
    ASSERT_TRUE(faulty_.ReadFile("t/snapshot/LATEST").ok());
    EXPECT_EQ(faulty_.op_count(), 8);  // open for read, read
    faulty_.ResetCounter();
    EXPECT_EQ(faulty_.op_count(), 0);
    EXPECT_TRUE(faulty_.op_log().empty());
}

TEST_F(FaultInjectionTest, FailEachStepOfAtomicReplaceInTurn) {
    ASSERT_TRUE(faulty_.WriteFileAtomically("t/snapshot/LATEST", "old").ok());
    faulty_.ResetCounter();
    ASSERT_TRUE(faulty_.WriteFileAtomically("t/snapshot/LATEST", "new").ok());
    const int64_t steps = faulty_.op_count();
    ASSERT_TRUE(faulty_.WriteFileAtomically("t/snapshot/LATEST", "old").ok());

    for (FaultKind kind :
         {FaultKind::kIOError, FaultKind::kNoSpace, FaultKind::kShortWrite, FaultKind::kErrorAfterSuccess}) {
        for (int64_t step = 1; step <= steps; ++step) {
            SCOPED_TRACE("kind " + std::to_string(int(kind)) + " step " + std::to_string(step));
            faulty_.FailOperation(step, kind);
            Status status = faulty_.WriteFileAtomically("t/snapshot/LATEST", "new");
            faulty_.ClearFaults();
            EXPECT_FALSE(status.ok());
            EXPECT_NE(status.message().find("injected fault"), std::string::npos) << status.ToString();
            // Never a mix, never a stray temporary file (the cleanup delete is not failed here).
            std::string now = ReadOr("t/snapshot/LATEST");
            EXPECT_TRUE(now == "old" || now == "new") << now;
            EXPECT_EQ(EntryCount("t/snapshot"), 1u);
            // After a power loss the file is still whole.
            memory_.DropUnsyncedData();
            std::string durable = ReadOr("t/snapshot/LATEST");
            EXPECT_TRUE(durable == "old" || durable == "new") << durable;
            ASSERT_TRUE(faulty_.WriteFileAtomically("t/snapshot/LATEST", "old").ok());
        }
    }
    faulty_.FailOperation(steps + 1);  // one past the last step: no fault fires
    EXPECT_TRUE(faulty_.WriteFileAtomically("t/snapshot/LATEST", "new").ok());
    EXPECT_EQ(faulty_.faults_injected(), 4 * steps);
}

TEST_F(FaultInjectionTest, FailEachStepOfExclusiveCreateInTurn) {
    ASSERT_TRUE(faulty_.CreateFileExclusive("t/snapshot/probe", "x").ok());
    const int64_t steps = faulty_.op_count();
    EXPECT_EQ(steps, 6);
    for (int64_t step = 1; step <= steps; ++step) {
        SCOPED_TRACE("step " + std::to_string(step));
        std::string path = "t/snapshot/snapshot-" + std::to_string(step);
        faulty_.FailOperation(step);
        Status status = faulty_.CreateFileExclusive(path, "complete content");
        faulty_.ClearFaults();
        EXPECT_FALSE(status.ok());
        EXPECT_NE(status.code(), ErrorCode::kAlreadyExists);
        std::string now = ReadOr(path);
        EXPECT_TRUE(now == "<missing>" || now == "complete content") << now;
        // Only the final directory sync can fail after the file appeared.
        EXPECT_EQ(now == "complete content", step == steps);
        // The caller retries; if the first attempt did publish, the retry says so.
        Status retry = faulty_.CreateFileExclusive(path, "complete content");
        EXPECT_EQ(retry.ok(), now == "<missing>") << retry.ToString();
        EXPECT_EQ(ReadOr(path), "complete content");
    }
    EXPECT_EQ(EntryCount("t/snapshot"), 1u + steps);  // no temporary files
}

TEST_F(FaultInjectionTest, ErrorAfterSuccessOnPublishLeavesFileInPlace) {
    faulty_.SetFilter([](FileOp op, const std::string&) { return op == FileOp::kRenameNoReplace; });
    faulty_.FailOperation(1, FaultKind::kErrorAfterSuccess);
    Status status = faulty_.CreateFileExclusive("t/snapshot/snapshot-1", "s1");
    EXPECT_EQ(status.code(), ErrorCode::kIOError);
    // The reply was lost but the rename happened: a commit must check before retrying.
    EXPECT_EQ(ReadOr("t/snapshot/snapshot-1"), "s1");
    EXPECT_EQ(faulty_.CreateFileExclusive("t/snapshot/snapshot-1", "s1").code(), ErrorCode::kAlreadyExists);
}

TEST_F(FaultInjectionTest, NoSpaceOnAppend) {
    faulty_.SetFilter([](FileOp op, const std::string&) { return op == FileOp::kAppend; });
    faulty_.FailOperation(2, FaultKind::kNoSpace);
    auto file = faulty_.OpenForWrite("t/data").value();
    ASSERT_TRUE(file->Append("first").ok());
    Status status = file->Append("second");
    EXPECT_EQ(status.code(), ErrorCode::kNoSpace);
    EXPECT_NE(status.message().find("t/data"), std::string::npos);
    EXPECT_TRUE(file->Append("third").ok());  // not sticky
    EXPECT_EQ(ReadOr("t/data"), "firstthird");
}

TEST_F(FaultInjectionTest, ShortWriteLeavesAPrefix) {
    faulty_.SetFilter([](FileOp op, const std::string&) { return op == FileOp::kAppend; });
    faulty_.FailOperation(1, FaultKind::kShortWrite);
    auto file = faulty_.OpenForWrite("t/data").value();
    EXPECT_EQ(file->Append("abcdefgh").code(), ErrorCode::kIOError);
    EXPECT_EQ(ReadOr("t/data"), "abcd");
    EXPECT_EQ(file->size(), 4u);
}

TEST_F(FaultInjectionTest, FailedSyncSyncsNothing) {
    faulty_.SetFilter([](FileOp op, const std::string&) { return op == FileOp::kSync; });
    faulty_.FailOperation(1);
    auto file = faulty_.OpenForWrite("t/data").value();
    ASSERT_TRUE(file->Append("payload").ok());
    EXPECT_EQ(file->Sync().code(), ErrorCode::kIOError);
    ASSERT_TRUE(memory_.SyncDirectory("t").ok());
    memory_.DropUnsyncedData();
    EXPECT_EQ(ReadOr("t/data"), "");
}

TEST_F(FaultInjectionTest, FailedCloseStillReleasesTheFile) {
    faulty_.SetFilter([](FileOp op, const std::string&) { return op == FileOp::kClose; });
    faulty_.FailOperation(1);
    auto file = faulty_.OpenForWrite("t/data").value();
    EXPECT_FALSE(file->Close().ok());
    EXPECT_FALSE(file->Close().ok());  // already closed underneath
}

TEST_F(FaultInjectionTest, StickyFaultFailsEverythingAfter) {
    faulty_.FailOperation(2, FaultKind::kIOError, /*sticky=*/true);
    EXPECT_TRUE(faulty_.CreateDirectories("t/a").ok());
    EXPECT_FALSE(faulty_.CreateDirectories("t/b").ok());
    EXPECT_FALSE(faulty_.DeleteFile("t/none").ok());
    EXPECT_FALSE(faulty_.SyncDirectory("t").ok());
    EXPECT_TRUE(faulty_.Exists("t/a").value());  // reads are not counted, so they still work
    faulty_.ClearFaults();
    EXPECT_TRUE(faulty_.CreateDirectories("t/b").ok());
    EXPECT_EQ(faulty_.faults_injected(), 3);
}

TEST_F(FaultInjectionTest, FilterByPathAndFailReads) {
    ASSERT_TRUE(memory_.WriteFile("t/manifest-1", "m1").ok());
    ASSERT_TRUE(memory_.WriteFile("t/snapshot/snapshot-1", "s1").ok());
    faulty_.SetFilter([](FileOp op, const std::string& path) {
        return op == FileOp::kRead && path.find("manifest") != std::string::npos;
    });
    faulty_.FailAllOperations();
    EXPECT_EQ(faulty_.ReadFile("t/snapshot/snapshot-1").value(), "s1");
    auto failed = faulty_.ReadFile("t/manifest-1");
    EXPECT_EQ(failed.status().code(), ErrorCode::kIOError);
    EXPECT_EQ(faulty_.op_count(), 1);
}

TEST_F(FaultInjectionTest, ResetCounterKeepsArmedFaultRelative) {
    faulty_.FailOperation(3);
    EXPECT_TRUE(faulty_.CreateDirectories("t/1").ok());
    faulty_.ResetCounter();  // one of three consumed; two to go
    EXPECT_TRUE(faulty_.CreateDirectories("t/2").ok());
    EXPECT_FALSE(faulty_.CreateDirectories("t/3").ok());
}

TEST_F(FaultInjectionTest, BufferedWriterErrorsAreSticky) {
    faulty_.SetFilter([](FileOp op, const std::string&) { return op == FileOp::kAppend; });
    faulty_.FailOperation(1, FaultKind::kNoSpace);
    auto file = faulty_.OpenForWrite("t/data").value();
    BufferedWriter writer(file.get(), 8);
    ASSERT_TRUE(writer.Append("1234").ok());
    EXPECT_EQ(writer.Append("56789").code(), ErrorCode::kNoSpace);  // flush of "1234" fails
    EXPECT_EQ(writer.Append("x").code(), ErrorCode::kNoSpace);
    EXPECT_EQ(writer.Close().code(), ErrorCode::kNoSpace);
}

}  // namespace
}  // namespace flashlake::io
