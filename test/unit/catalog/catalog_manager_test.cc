// External catalog definitions: validated when created, persisted in the warehouse, found again
// by a new manager over the same warehouse, and dropped.
#include <gtest/gtest.h>

#include "catalog/catalog_manager.h"
#include "io/memory_file_system.h"
#include "lake/commit/table_creation.h"

namespace flashlake::catalog {
namespace {

ExternalCatalogInfo PaimonCatalog(const std::string& name, const std::string& warehouse) {
    ExternalCatalogInfo info;
    info.name = name;
    info.comment = "lake of " + name;
    info.properties = {{"TYPE", "paimon"}, {"paimon.catalog.type", "filesystem"}, {"paimon.catalog.warehouse", warehouse}};
    return info;
}

TEST(CatalogManagerTest, ExternalCatalogPersistsAcrossReopen) {
    io::MemoryFileSystem fs;
    ASSERT_TRUE(lake::CreateDirectoriesDurably(&fs, "/other/sales.db").ok());
    {
        auto manager = CatalogManager::Open(&fs, "/wh");
        ASSERT_TRUE(manager.ok()) << manager.status().ToString();
        ASSERT_TRUE((*manager)->CreateExternal(PaimonCatalog("Lake", "file:///other/"), false).ok());
        auto lake = (*manager)->Get("LAKE");
        ASSERT_TRUE(lake.ok()) << lake.status().ToString();
        EXPECT_EQ((*lake)->warehouse(), "/other");
        EXPECT_EQ(*(*lake)->ListDatabases(), std::vector<std::string>{"sales"});
        EXPECT_EQ((*manager)->CreateExternal(PaimonCatalog("lake", "/other"), false).code(), ErrorCode::kAlreadyExists);
        EXPECT_TRUE((*manager)->CreateExternal(PaimonCatalog("lake", "/other"), true).ok());
    }
    auto reopened = CatalogManager::Open(&fs, "/wh");
    ASSERT_TRUE(reopened.ok());
    auto infos = (*reopened)->ListExternal();
    ASSERT_EQ(infos.size(), 1u);
    EXPECT_EQ(infos[0].name, "lake");
    EXPECT_EQ(infos[0].comment, "lake of Lake");
    EXPECT_EQ(infos[0].Property("type"), "paimon");
    auto lake = (*reopened)->Get("lake");
    ASSERT_TRUE(lake.ok()) << lake.status().ToString();
    EXPECT_EQ(*(*lake)->ListDatabases(), std::vector<std::string>{"sales"});

    ASSERT_TRUE((*reopened)->DropExternal("lake", false).ok());
    EXPECT_EQ((*reopened)->Get("lake").status().code(), ErrorCode::kNotFound);
    EXPECT_TRUE((*reopened)->DropExternal("lake", true).ok());
    EXPECT_EQ((*reopened)->DropExternal("lake", false).code(), ErrorCode::kNotFound);
    auto again = CatalogManager::Open(&fs, "/wh");
    ASSERT_TRUE(again.ok());
    EXPECT_TRUE((*again)->ListExternal().empty());
}

TEST(CatalogManagerTest, RefusesBadDefinitions) {
    io::MemoryFileSystem fs;
    auto manager = CatalogManager::Open(&fs, "/wh");
    ASSERT_TRUE(manager.ok());
    auto hive = PaimonCatalog("h", "/wh");
    hive.properties[0].second = "hive";
    EXPECT_EQ((*manager)->CreateExternal(hive, false).code(), ErrorCode::kNotSupported);
    auto jdbc = PaimonCatalog("j", "/wh");
    jdbc.properties[1].second = "jdbc";
    EXPECT_EQ((*manager)->CreateExternal(jdbc, false).code(), ErrorCode::kNotSupported);
    EXPECT_EQ((*manager)->CreateExternal(PaimonCatalog("m", "/missing"), false).code(), ErrorCode::kNotFound);
    EXPECT_EQ((*manager)->CreateExternal(PaimonCatalog("s3", "s3://bucket/w"), false).code(), ErrorCode::kNotSupported);
    auto nameless = PaimonCatalog("n", "");
    EXPECT_EQ((*manager)->CreateExternal(nameless, false).code(), ErrorCode::kInvalidArgument);
    EXPECT_EQ((*manager)->CreateExternal(PaimonCatalog("default_catalog", "/wh"), false).code(),
              ErrorCode::kAlreadyExists);
    EXPECT_TRUE((*manager)->ListExternal().empty());
    auto internal = (*manager)->Get("default_catalog");
    ASSERT_TRUE(internal.ok());
    EXPECT_EQ(*internal, &(*manager)->default_catalog());
}

}  // namespace
}  // namespace flashlake::catalog
