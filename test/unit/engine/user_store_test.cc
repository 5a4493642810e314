#include "engine/user_store.h"

#include <gtest/gtest.h>

#include "engine/auth_crypto.h"
#include "io/memory_file_system.h"

namespace flashlake::engine {
namespace {

constexpr const char* kPath = "/w/_flashlake/users.json";

class UserStoreTest : public ::testing::Test {
protected:
    void SetUp() override { store_ = Open(); }
    std::unique_ptr<UserStore> Open() {
        auto store = UserStore::Open(fs_, kPath);
        EXPECT_TRUE(store.ok()) << store.status().ToString();
        return store.ok() ? std::move(*store) : nullptr;
    }
    Grantee User(const std::string& name, const std::string& host = "%") { return Grantee{false, Account{name, host}}; }
    Grantee Role(const std::string& name) { return Grantee{true, Account{name, ""}}; }

    io::MemoryFileSystem fs_;
    std::unique_ptr<UserStore> store_;
};

TEST_F(UserStoreTest, RootPasswordGeneratedOnceThenKept) {
    auto first = store_->InitRootPassword(std::nullopt);
    ASSERT_TRUE(first.ok());
    ASSERT_TRUE(first->has_value());
    std::string generated = **first;
    EXPECT_GE(generated.size(), 16u);
    Account root{"root", "%"};
    EXPECT_TRUE(store_->CheckPassword(root, generated));

    auto reopened = Open();
    auto second = reopened->InitRootPassword(std::nullopt);
    ASSERT_TRUE(second.ok());
    EXPECT_FALSE(second->has_value());  // nothing new to print
    EXPECT_TRUE(reopened->CheckPassword(root, generated));

    // An explicit password, even empty, replaces it.
    ASSERT_TRUE(reopened->InitRootPassword(std::string()).ok());
    EXPECT_TRUE(reopened->CheckPassword(root, ""));
    EXPECT_FALSE(reopened->CheckPassword(root, generated));
}

TEST_F(UserStoreTest, FileHoldsHashesNeverThePassword) {
    ASSERT_TRUE(store_->CreateUser({"alice", "%"}, "Tr0ub4dor", false).ok());
    auto text = fs_.ReadFile(kPath);
    ASSERT_TRUE(text.ok());
    EXPECT_EQ(text->find("Tr0ub4dor"), std::string::npos);
    EXPECT_NE(text->find(auth::ToHex(auth::NativeHash("Tr0ub4dor"))), std::string::npos);
    auto credentials = store_->GetCredentials({"alice", "%"});
    ASSERT_TRUE(credentials.has_value());
    EXPECT_EQ(credentials->sha2_crypt, auth::Sha2Crypt("Tr0ub4dor", credentials->sha2_salt));
    EXPECT_EQ(credentials->sha2_salt.size(), 16u);
}

TEST_F(UserStoreTest, UsersCreateAlterDrop) {
    ASSERT_TRUE(store_->CreateUser({"bob", "%"}, "pw1", false).ok());
    EXPECT_EQ(store_->CreateUser({"bob", "%"}, "x", false).code(), ErrorCode::kAlreadyExists);
    EXPECT_TRUE(store_->CreateUser({"bob", "%"}, "x", true).ok());
    EXPECT_TRUE(store_->CheckPassword({"bob", "%"}, "pw1"));  // IF NOT EXISTS leaves it alone
    ASSERT_TRUE(store_->SetPassword({"bob", "%"}, "pw2", false).ok());
    EXPECT_TRUE(store_->CheckPassword({"bob", "%"}, "pw2"));
    EXPECT_EQ(store_->SetPassword({"nobody", "%"}, "x", false).code(), ErrorCode::kNotFound);
    EXPECT_TRUE(store_->SetPassword({"nobody", "%"}, "x", true).ok());
    ASSERT_TRUE(store_->DropUser({"bob", "%"}, false).ok());
    EXPECT_FALSE(store_->FindAccount("bob", "127.0.0.1").has_value());
    EXPECT_EQ(store_->DropUser({"bob", "%"}, false).code(), ErrorCode::kNotFound);
    EXPECT_TRUE(store_->DropUser({"bob", "%"}, true).ok());
    EXPECT_FALSE(store_->DropUser({"root", "%"}, false).ok());
}

TEST_F(UserStoreTest, HostMatchingPrefersTheExactHost) {
    ASSERT_TRUE(store_->CreateUser({"carol", "%"}, "any", false).ok());
    ASSERT_TRUE(store_->CreateUser({"carol", "10.0.0.5"}, "near", false).ok());
    ASSERT_TRUE(store_->CreateUser({"dave", "localhost"}, "d", false).ok());
    EXPECT_EQ(store_->FindAccount("carol", "10.0.0.5")->host, "10.0.0.5");
    EXPECT_EQ(store_->FindAccount("carol", "10.0.0.6")->host, "%");
    EXPECT_TRUE(store_->FindAccount("dave", "127.0.0.1").has_value());
    EXPECT_TRUE(store_->FindAccount("dave", "::1").has_value());
    EXPECT_FALSE(store_->FindAccount("dave", "10.0.0.5").has_value());
}

TEST_F(UserStoreTest, DatabaseAndTableGrants) {
    Account u{"u", "%"};
    ASSERT_TRUE(store_->CreateUser(u, "pw", false).ok());
    EXPECT_FALSE(store_->HasPrivilege(u, kPrivSelect, "db", "t"));
    ASSERT_TRUE(store_->Grant(User("u"), kPrivSelect, GrantScope{"db", "t"}).ok());
    EXPECT_TRUE(store_->HasPrivilege(u, kPrivSelect, "db", "t"));
    EXPECT_FALSE(store_->HasPrivilege(u, kPrivSelect, "db", "t2"));
    EXPECT_FALSE(store_->HasPrivilege(u, kPrivInsert, "db", "t"));
    EXPECT_TRUE(store_->HasAnyPrivilegeIn(u, "db"));
    EXPECT_FALSE(store_->HasAnyPrivilegeIn(u, "other"));

    ASSERT_TRUE(store_->Grant(User("u"), kPrivInsert | kPrivDelete, GrantScope{"db", "*"}).ok());
    EXPECT_TRUE(store_->HasPrivilege(u, kPrivInsert, "db", "t2"));
    EXPECT_FALSE(store_->HasPrivilege(u, kPrivInsert, "db2", "t"));
    EXPECT_FALSE(store_->IsAdmin(u));

    // Revoking part of a grant keeps the rest; revoking what is not granted is an error.
    ASSERT_TRUE(store_->Revoke(User("u"), kPrivInsert, GrantScope{"db", "*"}).ok());
    EXPECT_FALSE(store_->HasPrivilege(u, kPrivInsert, "db", "t2"));
    EXPECT_TRUE(store_->HasPrivilege(u, kPrivDelete, "db", "t2"));
    EXPECT_EQ(store_->Revoke(User("u"), kPrivSelect, GrantScope{"x", "*"}).code(), ErrorCode::kNotFound);

    ASSERT_TRUE(store_->Grant(User("u"), kPrivAll, GrantScope{}).ok());
    EXPECT_TRUE(store_->IsAdmin(u));
    EXPECT_TRUE(store_->HasPrivilege(u, kPrivDrop, "anything", "at_all"));
    EXPECT_EQ(store_->Grant(User("ghost"), kPrivSelect, GrantScope{}).code(), ErrorCode::kNotFound);
}

TEST_F(UserStoreTest, RolesAreInheritedTransitively) {
    Account u{"u", "%"};
    ASSERT_TRUE(store_->CreateUser(u, "pw", false).ok());
    ASSERT_TRUE(store_->CreateRole("reader", false).ok());
    ASSERT_TRUE(store_->CreateRole("analyst", false).ok());
    ASSERT_TRUE(store_->Grant(Role("reader"), kPrivSelect, GrantScope{"sales", "*"}).ok());
    ASSERT_TRUE(store_->GrantRole(Role("analyst"), "reader").ok());
    ASSERT_TRUE(store_->GrantRole(User("u"), "analyst").ok());
    EXPECT_TRUE(store_->HasPrivilege(u, kPrivSelect, "sales", "orders"));
    EXPECT_FALSE(store_->HasPrivilege(u, kPrivInsert, "sales", "orders"));
    // A cycle is refused.
    EXPECT_FALSE(store_->GrantRole(Role("reader"), "analyst").ok());

    ASSERT_TRUE(store_->RevokeRole(Role("analyst"), "reader").ok());
    EXPECT_FALSE(store_->HasPrivilege(u, kPrivSelect, "sales", "orders"));
    ASSERT_TRUE(store_->GrantRole(User("u"), "reader").ok());
    EXPECT_TRUE(store_->HasPrivilege(u, kPrivSelect, "sales", "orders"));
    // Dropping a role takes its privileges away from its holders.
    ASSERT_TRUE(store_->DropRole("reader", false).ok());
    EXPECT_FALSE(store_->HasPrivilege(u, kPrivSelect, "sales", "orders"));
    EXPECT_EQ(store_->GrantRole(User("u"), "reader").code(), ErrorCode::kNotFound);
}

TEST_F(UserStoreTest, EverythingSurvivesAReopen) {
    ASSERT_TRUE(store_->CreateUser({"u", "10.1.1.1"}, "pw", false).ok());
    ASSERT_TRUE(store_->CreateRole("r", false).ok());
    ASSERT_TRUE(store_->Grant(Role("r"), kPrivSelect | kPrivUpdate, GrantScope{"db", "t"}).ok());
    ASSERT_TRUE(store_->GrantRole(User("u", "10.1.1.1"), "r").ok());
    auto reopened = Open();
    Account u{"u", "10.1.1.1"};
    EXPECT_TRUE(reopened->CheckPassword(u, "pw"));
    EXPECT_TRUE(reopened->HasPrivilege(u, kPrivUpdate, "db", "t"));
    EXPECT_FALSE(reopened->HasPrivilege(u, kPrivDelete, "db", "t"));
    auto grants = reopened->ShowGrants(User("u", "10.1.1.1"));
    ASSERT_TRUE(grants.ok());
    ASSERT_EQ(grants->size(), 1u);
    EXPECT_EQ((*grants)[0], "GRANT 'r' TO 'u'@'10.1.1.1'");
    auto role_grants = reopened->ShowGrants(Role("r"));
    ASSERT_TRUE(role_grants.ok());
    EXPECT_EQ((*role_grants)[0], "GRANT SELECT, UPDATE ON `db`.`t` TO 'r'");
    // The fast-path hash is never persisted: a new process must learn it again.
    EXPECT_FALSE(reopened->GetSha2FastHash(u).has_value());
    EXPECT_TRUE(store_->GetSha2FastHash(u).has_value());
}

TEST_F(UserStoreTest, CorruptFileIsAClearError) {
    ASSERT_TRUE(fs_.CreateDirectories("/w/_flashlake").ok());
    ASSERT_TRUE(fs_.WriteFile(kPath, "{\"users\": 3}").ok());
    auto store = UserStore::Open(fs_, kPath);
    ASSERT_FALSE(store.ok());
    EXPECT_EQ(store.status().code(), ErrorCode::kCorruption);
    EXPECT_NE(store.status().message().find("users.json"), std::string::npos);
}

}  // namespace
}  // namespace flashlake::engine
