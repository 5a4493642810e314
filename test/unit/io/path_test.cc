#include "io/path.h"

#include <gtest/gtest.h>

#include "io/glob.h"

namespace flashlake::io {
namespace {

TEST(PathTest, JoinDirnameBasename) {
    EXPECT_EQ(JoinPath("a/b", "c"), "a/b/c");
    EXPECT_EQ(JoinPath("a/b/", "c"), "a/b/c");
    EXPECT_EQ(JoinPath("/", "c"), "/c");
    EXPECT_EQ(JoinPath("", "c"), "c");
    EXPECT_EQ(JoinPath("a", "/c"), "a/c");

    EXPECT_EQ(Dirname("a/b/c"), "a/b");
    EXPECT_EQ(Dirname("a/b/"), "a");
    EXPECT_EQ(Dirname("a//b"), "a");
    EXPECT_EQ(Dirname("/c"), "/");
    EXPECT_EQ(Dirname("c"), ".");
    EXPECT_EQ(Dirname("/"), "/");

    EXPECT_EQ(Basename("a/b/c"), "c");
    EXPECT_EQ(Basename("a/b/"), "b");
    EXPECT_EQ(Basename("c"), "c");
    EXPECT_EQ(Basename("/"), "");
}

TEST(PathTest, NormalizeAndSplit) {
    EXPECT_EQ(NormalizePath("/a//b/./c/"), "/a/b/c");
    EXPECT_EQ(NormalizePath("a/../b"), "a/../b");
    EXPECT_EQ(NormalizePath(""), ".");
    EXPECT_EQ(NormalizePath("./"), ".");
    EXPECT_EQ(NormalizePath("//"), "/");
    EXPECT_EQ(SplitPath("/a//b/./c"), (std::vector<std::string_view>{"a", "b", "c"}));
    EXPECT_TRUE(SplitPath("/").empty());
}

TEST(GlobMatchTest, StarAndQuestionMark) {
    EXPECT_TRUE(GlobMatchComponent("*", ""));
    EXPECT_TRUE(GlobMatchComponent("*", "anything"));
    EXPECT_TRUE(GlobMatchComponent("snapshot-*", "snapshot-12"));
    EXPECT_FALSE(GlobMatchComponent("snapshot-*", "snapshot"));
    EXPECT_TRUE(GlobMatchComponent("data-*.parquet", "data-1-2.parquet"));
    EXPECT_FALSE(GlobMatchComponent("data-*.parquet", "data-1.parquet.tmp"));
    EXPECT_TRUE(GlobMatchComponent("?at", "cat"));
    EXPECT_FALSE(GlobMatchComponent("?at", "at"));
    EXPECT_TRUE(GlobMatchComponent("a*b*c", "aXXbYYbc"));
    EXPECT_FALSE(GlobMatchComponent("a*b*c", "aXXbYYb"));
    EXPECT_TRUE(GlobMatchComponent("**", "x"));
    EXPECT_TRUE(GlobMatchComponent("", ""));
    EXPECT_FALSE(GlobMatchComponent("", "x"));
    EXPECT_TRUE(HasGlobWildcards("a*"));
    EXPECT_FALSE(HasGlobWildcards("bucket-0"));
    // Pathological patterns stay fast (no exponential backtracking).
    EXPECT_FALSE(GlobMatchComponent("*a*a*a*a*a*a*a*a*b", std::string(200, 'a')));
}

}  // namespace
}  // namespace flashlake::io
