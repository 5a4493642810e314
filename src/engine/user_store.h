#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "common/result.h"
#include "io/file_system.h"

namespace flashlake::engine {

// Table privileges, one bit each; ALL is every one of them.
enum Privilege : uint8_t {
    kPrivSelect = 1 << 0,
    kPrivInsert = 1 << 1,
    kPrivUpdate = 1 << 2,
    kPrivDelete = 1 << 3,
    kPrivCreate = 1 << 4,
    kPrivDrop = 1 << 5,
    kPrivAlter = 1 << 6,
    kPrivAll = 0x7f,
};
// "SELECT", ... for one bit.
const char* PrivilegeName(Privilege privilege);
// The bit of a privilege word (upper case; "ALL" / "ALL PRIVILEGES" give kPrivAll), or nullopt.
std::optional<uint8_t> ParsePrivilege(const std::string& word);

// 'name'@'host'. A host is '%' (any client) or a literal that must equal the client's address as
// the server sees it ('localhost' also matches 127.0.0.1 and ::1); no wildcards inside a host.
struct Account {
    std::string name;
    std::string host = "%";
    bool operator<(const Account& other) const {
        return name != other.name ? name < other.name : host < other.host;
    }
    bool operator==(const Account& other) const = default;
    std::string ToString() const { return "'" + name + "'@'" + host + "'"; }
};

// Who receives grants: an account, or a role (account.host empty, name the role).
struct Grantee {
    bool is_role = false;
    Account account;  // for a role: name only
    bool operator<(const Grantee& other) const {
        return is_role != other.is_role ? is_role < other.is_role : account < other.account;
    }
    bool operator==(const Grantee& other) const = default;
    std::string ToString() const { return is_role ? "ROLE '" + account.name + "'" : account.ToString(); }
};

// Where a grant applies: *.* (database "*"), db.* (table "*") or db.tbl; names in lower case.
struct GrantScope {
    std::string database = "*";
    std::string table = "*";
    bool operator<(const GrantScope& other) const {
        return database != other.database ? database < other.database : table < other.table;
    }
    std::string ToString() const;
};

// A user's stored credentials: hashes only (see auth_crypto.h).
struct Credentials {
    std::string native_hash;  // SHA1(SHA1(pw)), "" for no password
    std::string sha2_salt;
    std::string sha2_crypt;   // Sha2Crypt(pw, salt), "" for no password
};

// The users, roles and grants of a warehouse, kept in <warehouse>/_flashlake/users.json and
// rewritten whole (write temporary file, fsync, rename, fsync directory) on every change, so a
// crash leaves the old state or the new one. Thread-safe.
//
// root always exists, holds every privilege on everything and cannot be dropped or revoked.
// An account may manage users, roles and grants when it holds ALL on *.* (directly or through a
// role) — the stand-in for MySQL's CREATE USER and GRANT OPTION privileges.
class UserStore {
public:
    static constexpr const char* kRoot = "root";

    // Loads `path` (an absent file is an empty store: only root, without password).
    static Result<std::unique_ptr<UserStore>> Open(io::FileSystem& fs, std::string path);

    // Sets root's password at server start: `password` when given (even ""), else the stored one;
    // when there is none stored yet (first start), a random one, returned so that it can be
    // printed once.
    Result<std::optional<std::string>> InitRootPassword(const std::optional<std::string>& password);

    // The account a client `name` connecting from `client_host` logs in as: an exact host match
    // first, else '%'. nullopt when there is none.
    std::optional<Account> FindAccount(const std::string& name, const std::string& client_host) const;
    std::optional<Credentials> GetCredentials(const Account& account) const;
    // SHA256(SHA256(pw)) for the caching_sha2 fast path, when this process has learnt it.
    std::optional<std::string> GetSha2FastHash(const Account& account) const;
    // After a successful full authentication with the clear password.
    void RememberPassword(const Account& account, const std::string& password);
    // Whether `password` is the account's (HTTP Basic auth), checked against the native hash.
    bool CheckPassword(const Account& account, const std::string& password) const;

    Status CreateUser(const Account& account, const std::string& password, bool if_not_exists);
    Status SetPassword(const Account& account, const std::string& password, bool if_exists);
    Status DropUser(const Account& account, bool if_exists);
    Status CreateRole(const std::string& role, bool if_not_exists);
    Status DropRole(const std::string& role, bool if_exists);
    Status Grant(const Grantee& grantee, uint8_t privileges, const GrantScope& scope);
    Status Revoke(const Grantee& grantee, uint8_t privileges, const GrantScope& scope);
    Status GrantRole(const Grantee& grantee, const std::string& role);
    Status RevokeRole(const Grantee& grantee, const std::string& role);

    // Whether `account` holds `privilege` on db.table (directly, on db.* or *.*, or through its
    // roles and theirs). `table` "*" asks about the database itself (db.* or *.* grants).
    bool HasPrivilege(const Account& account, Privilege privilege, const std::string& database,
                      const std::string& table) const;
    // Whether `account` holds any privilege on the database or one of its tables (else a
    // statement on it is refused with 1044 rather than 1142).
    bool HasAnyPrivilegeIn(const Account& account, const std::string& database) const;
    bool IsAdmin(const Account& account) const;
    // SHOW GRANTS lines, MySQL style ("GRANT SELECT ON `db`.* TO 'u'@'%'").
    Result<std::vector<std::string>> ShowGrants(const Grantee& grantee) const;
    std::vector<Account> Users() const;
    std::vector<std::string> Roles() const;

private:
    UserStore(io::FileSystem& fs, std::string path) : fs_(fs), path_(std::move(path)) {}
    Status Load();
    Status Save() const;  // with mu_ held
    bool Exists(const Grantee& grantee) const;
    // The grantee and every role reachable from it through granted roles.
    std::set<Grantee> Closure(const Grantee& grantee) const;
    uint8_t PrivilegesOn(const Account& account, const std::string& database, const std::string& table) const;

    io::FileSystem& fs_;
    std::string path_;
    mutable std::mutex mu_;
    std::map<Account, Credentials> users_;
    std::set<std::string> roles_;
    std::map<Grantee, std::map<GrantScope, uint8_t>> grants_;
    std::map<Grantee, std::set<std::string>> granted_roles_;
    std::map<Account, std::string> sha2_fast_hashes_;  // in memory only
};

}  // namespace flashlake::engine
