#include "common/status.h"

#include <gtest/gtest.h>

#include "common/query_error.h"
#include "common/result.h"

namespace flashlake {
namespace {

Result<int> ParsePositive(int value) {
    if (value <= 0) return Status::InvalidArgument("not positive: " + std::to_string(value));
    return value;
}

Result<int> Twice(int value) {
    FL_ASSIGN_OR_RETURN(int parsed, ParsePositive(value));
    return parsed * 2;
}

Status CheckBoth(int a, int b) {
    FL_RETURN_NOT_OK(ParsePositive(a).status());
    FL_RETURN_NOT_OK(ParsePositive(b).status());
    return Status::OK();
}

TEST(StatusTest, OkHasNoMessage) {
    Status status;
    EXPECT_TRUE(status.ok());
    EXPECT_EQ(status.code(), ErrorCode::kOk);
    EXPECT_EQ(status.ToString(), "OK");
}

TEST(StatusTest, ErrorCarriesCodeAndContext) {
    Status status = Status::IOError("read failed").WithContext("file 'a.parquet'");
    EXPECT_FALSE(status.ok());
    EXPECT_EQ(status.code(), ErrorCode::kIOError);
    EXPECT_EQ(status.message(), "file 'a.parquet': read failed");
    Status copy = status;
    EXPECT_EQ(copy.ToString(), "IOError: file 'a.parquet': read failed");
}

TEST(StatusTest, ResultPropagates) {
    EXPECT_EQ(Twice(4).value(), 8);
    Result<int> bad = Twice(-1);
    ASSERT_FALSE(bad.ok());
    EXPECT_EQ(bad.status().code(), ErrorCode::kInvalidArgument);
    EXPECT_EQ(CheckBoth(1, 0).message(), "not positive: 0");
    EXPECT_TRUE(CheckBoth(1, 2).ok());
}

TEST(StatusTest, ValueOfErrorIsInternalError) {
    Result<int> bad = Status::NotFound("x");
    EXPECT_THROW((void)bad.value(), QueryError);
}

TEST(StatusTest, MysqlCodesMapped) {
    EXPECT_EQ(GetErrorCodeInfo(ErrorCode::kSyntaxError).mysql_errno, 1064);
    EXPECT_EQ(GetErrorCodeInfo(ErrorCode::kSyntaxError).sqlstate, "42000");
    EXPECT_EQ(GetErrorCodeInfo(ErrorCode::kUnknownColumn).mysql_errno, 1054);
    EXPECT_EQ(GetErrorCodeInfo(ErrorCode::kTooManyConnections).mysql_errno, 1040);
}

TEST(CheckTest, FailedCheckThrowsInternal) {
    try {
        FL_CHECK_EQ(1 + 1, 3);
        FAIL() << "check did not fire";
    } catch (const QueryError& error) {
        EXPECT_EQ(error.code(), ErrorCode::kInternal);
        EXPECT_NE(std::string(error.what()).find("1 + 1 = 2"), std::string::npos) << error.what();
    }
}

}  // namespace
}  // namespace flashlake
