#include "engine/user_store.h"

#include <deque>

#include "engine/auth_crypto.h"
#include "format/json/json_parser.h"
#include "format/json/json_writer.h"

namespace flashlake::engine {

namespace json = format::json;

namespace {

constexpr std::pair<Privilege, const char*> kPrivilegeNames[] = {
    {kPrivSelect, "SELECT"}, {kPrivInsert, "INSERT"}, {kPrivUpdate, "UPDATE"}, {kPrivDelete, "DELETE"},
    {kPrivCreate, "CREATE"}, {kPrivDrop, "DROP"},     {kPrivAlter, "ALTER"},
};
constexpr size_t kGeneratedPasswordBytes = 12;
constexpr size_t kSaltBytes = 16;

std::string QuoteName(const std::string& name) { return name == "*" ? "*" : "`" + name + "`"; }

bool HostMatches(const std::string& pattern, const std::string& client_host) {
    if (pattern == "%" || pattern == client_host) return true;
    return pattern == "localhost" && (client_host == "127.0.0.1" || client_host == "::1");
}

Credentials MakeCredentials(const std::string& password) {
    Credentials credentials;
    credentials.native_hash = auth::NativeHash(password);
    if (!password.empty()) {
        credentials.sha2_salt = auth::RandomBytes(kSaltBytes);
        credentials.sha2_crypt = auth::Sha2Crypt(password, credentials.sha2_salt);
    }
    return credentials;
}

json::Value GranteeJson(const Grantee& grantee) {
    json::Value out = json::Value::MakeObject();
    out.Set("type", grantee.is_role ? "role" : "user");
    out.Set("name", grantee.account.name);
    if (!grantee.is_role) out.Set("host", grantee.account.host);
    return out;
}

Result<Grantee> GranteeFromJson(const json::Value& value) {
    Grantee grantee;
    FL_ASSIGN_OR_RETURN(std::string type, value.GetString("type"));
    FL_ASSIGN_OR_RETURN(grantee.account.name, value.GetString("name"));
    grantee.is_role = type == "role";
    if (grantee.is_role) {
        grantee.account.host.clear();
    } else {
        FL_ASSIGN_OR_RETURN(grantee.account.host, value.GetString("host"));
    }
    return grantee;
}

Status NoSuchGrantee(const Grantee& grantee) {
    if (grantee.is_role) return Status(ErrorCode::kNotFound, "Role '" + grantee.account.name + "' does not exist");
    return Status(ErrorCode::kNotFound, "User " + grantee.account.ToString() + " does not exist");
}

}  // namespace

const char* PrivilegeName(Privilege privilege) {
    for (auto [bit, name] : kPrivilegeNames) {
        if (bit == privilege) return name;
    }
    return "?";
}

std::optional<uint8_t> ParsePrivilege(const std::string& word) {
    if (word == "ALL" || word == "ALL PRIVILEGES") return kPrivAll;
    for (auto [bit, name] : kPrivilegeNames) {
        if (word == name) return bit;
    }
    return std::nullopt;
}

std::string GrantScope::ToString() const {
    if (database == "*") return "*.*";
    return QuoteName(database) + "." + QuoteName(table);
}

Result<std::unique_ptr<UserStore>> UserStore::Open(io::FileSystem& fs, std::string path) {
    std::unique_ptr<UserStore> store(new UserStore(fs, std::move(path)));
    FL_RETURN_NOT_OK(store->Load());
    return store;
}

Status UserStore::Load() {
    users_[{kRoot, "%"}] = Credentials{};
    FL_ASSIGN_OR_RETURN(bool exists, fs_.Exists(path_));
    if (!exists) return Status::OK();
    FL_ASSIGN_OR_RETURN(std::string text, fs_.ReadFile(path_));
    auto parsed = json::Parse(text);
    auto bad = [this](const Status& why) { return Status::Corruption(path_ + ": " + why.message()); };
    if (!parsed.ok()) return bad(parsed.status());
    const json::Value& root = *parsed;
    if (!root.is_object()) return Status::Corruption(path_ + ": not a JSON object");
    auto array = [&](const char* key) -> Result<const json::Value::Array*> {
        FL_ASSIGN_OR_RETURN(const json::Value* value, root.Get(key, json::Type::kArray));
        return &value->AsArray();
    };
    auto users = array("users");
    if (!users.ok()) return bad(users.status());
    for (const json::Value& user : **users) {
        Account account;
        Credentials credentials;
        std::string native, salt, crypt;
        Status status = [&]() -> Status {
            FL_ASSIGN_OR_RETURN(account.name, user.GetString("name"));
            FL_ASSIGN_OR_RETURN(account.host, user.GetString("host"));
            FL_ASSIGN_OR_RETURN(native, user.GetString("native_hash"));
            FL_ASSIGN_OR_RETURN(salt, user.GetString("sha2_salt"));
            FL_ASSIGN_OR_RETURN(crypt, user.GetString("sha2_crypt"));
            return Status::OK();
        }();
        if (!status.ok()) return bad(status);
        credentials.native_hash = auth::FromHex(native);
        credentials.sha2_salt = auth::FromHex(salt);
        credentials.sha2_crypt = auth::FromHex(crypt);
        users_[account] = credentials;
    }
    auto roles = array("roles");
    if (!roles.ok()) return bad(roles.status());
    for (const json::Value& role : **roles) {
        if (!role.is_string()) return Status::Corruption(path_ + ": a role name is not a string");
        roles_.insert(role.AsString());
    }
    auto grants = array("grants");
    if (!grants.ok()) return bad(grants.status());
    for (const json::Value& grant : **grants) {
        Status status = [&]() -> Status {
            FL_ASSIGN_OR_RETURN(const json::Value* who, grant.Get("grantee", json::Type::kObject));
            FL_ASSIGN_OR_RETURN(Grantee grantee, GranteeFromJson(*who));
            GrantScope scope;
            FL_ASSIGN_OR_RETURN(scope.database, grant.GetString("database"));
            FL_ASSIGN_OR_RETURN(scope.table, grant.GetString("table"));
            FL_ASSIGN_OR_RETURN(const json::Value* privileges, grant.Get("privileges", json::Type::kArray));
            uint8_t bits = 0;
            for (const json::Value& word : privileges->AsArray()) {
                auto bit = word.is_string() ? ParsePrivilege(word.AsString()) : std::nullopt;
                if (!bit) return Status::InvalidArgument("unknown privilege in a grant");
                bits |= *bit;
            }
            grants_[grantee][scope] |= bits;
            return Status::OK();
        }();
        if (!status.ok()) return bad(status);
    }
    auto role_grants = array("role_grants");
    if (!role_grants.ok()) return bad(role_grants.status());
    for (const json::Value& grant : **role_grants) {
        Status status = [&]() -> Status {
            FL_ASSIGN_OR_RETURN(const json::Value* who, grant.Get("grantee", json::Type::kObject));
            FL_ASSIGN_OR_RETURN(Grantee grantee, GranteeFromJson(*who));
            FL_ASSIGN_OR_RETURN(std::string role, grant.GetString("role"));
            granted_roles_[grantee].insert(role);
            return Status::OK();
        }();
        if (!status.ok()) return bad(status);
    }
    return Status::OK();
}

Status UserStore::Save() const {
    json::Value root = json::Value::MakeObject();
    root.Set("version", 1);
    json::Value users = json::Value::MakeArray();
    for (const auto& [account, credentials] : users_) {
        json::Value user = json::Value::MakeObject();
        user.Set("name", account.name);
        user.Set("host", account.host);
        user.Set("native_hash", auth::ToHex(credentials.native_hash));
        user.Set("sha2_salt", auth::ToHex(credentials.sha2_salt));
        user.Set("sha2_crypt", auth::ToHex(credentials.sha2_crypt));
        users.Append(std::move(user));
    }
    root.Set("users", std::move(users));
    json::Value roles = json::Value::MakeArray();
    for (const std::string& role : roles_) roles.Append(role);
    root.Set("roles", std::move(roles));
    json::Value grants = json::Value::MakeArray();
    for (const auto& [grantee, scopes] : grants_) {
        for (const auto& [scope, bits] : scopes) {
            json::Value grant = json::Value::MakeObject();
            grant.Set("grantee", GranteeJson(grantee));
            grant.Set("database", scope.database);
            grant.Set("table", scope.table);
            json::Value privileges = json::Value::MakeArray();
            for (auto [bit, name] : kPrivilegeNames) {
                if (bits & bit) privileges.Append(name);
            }
            grant.Set("privileges", std::move(privileges));
            grants.Append(std::move(grant));
        }
    }
    root.Set("grants", std::move(grants));
    json::Value role_grants = json::Value::MakeArray();
    for (const auto& [grantee, roles_held] : granted_roles_) {
        for (const std::string& role : roles_held) {
            json::Value grant = json::Value::MakeObject();
            grant.Set("grantee", GranteeJson(grantee));
            grant.Set("role", role);
            role_grants.Append(std::move(grant));
        }
    }
    root.Set("role_grants", std::move(role_grants));
    size_t slash = path_.rfind('/');
    if (slash != std::string::npos) FL_RETURN_NOT_OK(fs_.CreateDirectories(path_.substr(0, slash)));
    return fs_.WriteFileAtomically(path_, json::Write(root, json::WriteOptions{.pretty = true}) + "\n");
}

Result<std::optional<std::string>> UserStore::InitRootPassword(const std::optional<std::string>& password) {
    std::lock_guard lock(mu_);
    FL_ASSIGN_OR_RETURN(bool stored, fs_.Exists(path_));
    Account root{kRoot, "%"};
    std::optional<std::string> generated;
    std::string chosen;
    if (password) {
        chosen = *password;
    } else if (stored) {
        return std::optional<std::string>();  // keep what the file holds
    } else {
        // Printable, so that it can be typed: hex of random bytes.
        generated = auth::ToHex(auth::RandomBytes(kGeneratedPasswordBytes));
        chosen = *generated;
    }
    const Credentials& current = users_[root];
    bool unchanged = stored && current.native_hash == auth::NativeHash(chosen) &&
                     (chosen.empty() || current.sha2_crypt == auth::Sha2Crypt(chosen, current.sha2_salt));
    if (!unchanged) {
        users_[root] = MakeCredentials(chosen);
        FL_RETURN_NOT_OK(Save());
    }
    sha2_fast_hashes_[root] = auth::Sha2FastHash(chosen);
    return generated;
}

std::optional<Account> UserStore::FindAccount(const std::string& name, const std::string& client_host) const {
    std::lock_guard lock(mu_);
    std::optional<Account> wildcard;
    for (auto it = users_.lower_bound(Account{name, ""}); it != users_.end() && it->first.name == name; ++it) {
        if (it->first.host == "%") {
            wildcard = it->first;
        } else if (HostMatches(it->first.host, client_host)) {
            return it->first;
        }
    }
    return wildcard;
}

std::optional<Credentials> UserStore::GetCredentials(const Account& account) const {
    std::lock_guard lock(mu_);
    auto it = users_.find(account);
    if (it == users_.end()) return std::nullopt;
    return it->second;
}

std::optional<std::string> UserStore::GetSha2FastHash(const Account& account) const {
    std::lock_guard lock(mu_);
    auto it = sha2_fast_hashes_.find(account);
    if (it == sha2_fast_hashes_.end()) return std::nullopt;
    return it->second;
}

void UserStore::RememberPassword(const Account& account, const std::string& password) {
    std::lock_guard lock(mu_);
    if (users_.count(account)) sha2_fast_hashes_[account] = auth::Sha2FastHash(password);
}

bool UserStore::CheckPassword(const Account& account, const std::string& password) const {
    std::lock_guard lock(mu_);
    auto it = users_.find(account);
    if (it == users_.end()) return false;
    // The native hash is one cheap comparison, which matters for HTTP loads that each log in.
    return auth::NativeHash(password) == it->second.native_hash;
}

Status UserStore::CreateUser(const Account& account, const std::string& password, bool if_not_exists) {
    std::lock_guard lock(mu_);
    if (users_.count(account)) {
        if (if_not_exists) return Status::OK();
        return Status(ErrorCode::kAlreadyExists, "Operation CREATE USER failed for " + account.ToString() +
                                                     ": the user already exists");
    }
    users_[account] = MakeCredentials(password);
    Status saved = Save();
    if (!saved.ok()) {
        users_.erase(account);
        return saved;
    }
    sha2_fast_hashes_[account] = auth::Sha2FastHash(password);
    return Status::OK();
}

Status UserStore::SetPassword(const Account& account, const std::string& password, bool if_exists) {
    std::lock_guard lock(mu_);
    auto it = users_.find(account);
    if (it == users_.end()) {
        if (if_exists) return Status::OK();
        return Status(ErrorCode::kNotFound, "Operation ALTER USER failed for " + account.ToString() +
                                                ": no such user");
    }
    Credentials old = it->second;
    it->second = MakeCredentials(password);
    Status saved = Save();
    if (!saved.ok()) {
        it->second = old;
        return saved;
    }
    sha2_fast_hashes_[account] = auth::Sha2FastHash(password);
    return Status::OK();
}

Status UserStore::DropUser(const Account& account, bool if_exists) {
    std::lock_guard lock(mu_);
    if (account.name == kRoot) return Status::InvalidArgument("user root cannot be dropped");
    auto it = users_.find(account);
    if (it == users_.end()) {
        if (if_exists) return Status::OK();
        return Status(ErrorCode::kNotFound, "Operation DROP USER failed for " + account.ToString() + ": no such user");
    }
    // Kept aside so that a failed save leaves memory as the file is.
    auto saved_users = users_;
    auto saved_grants = grants_;
    auto saved_roles = granted_roles_;
    Grantee grantee{false, account};
    users_.erase(account);
    grants_.erase(grantee);
    granted_roles_.erase(grantee);
    Status saved = Save();
    if (!saved.ok()) {
        users_ = std::move(saved_users);
        grants_ = std::move(saved_grants);
        granted_roles_ = std::move(saved_roles);
        return saved;
    }
    sha2_fast_hashes_.erase(account);
    return Status::OK();
}

Status UserStore::CreateRole(const std::string& role, bool if_not_exists) {
    std::lock_guard lock(mu_);
    if (role.empty()) return Status::InvalidArgument("a role needs a name");
    if (roles_.count(role)) {
        if (if_not_exists) return Status::OK();
        return Status(ErrorCode::kAlreadyExists, "Operation CREATE ROLE failed for '" + role + "': the role already exists");
    }
    roles_.insert(role);
    Status saved = Save();
    if (!saved.ok()) roles_.erase(role);
    return saved;
}

Status UserStore::DropRole(const std::string& role, bool if_exists) {
    std::lock_guard lock(mu_);
    if (!roles_.count(role)) {
        if (if_exists) return Status::OK();
        return Status(ErrorCode::kNotFound, "Operation DROP ROLE failed for '" + role + "': no such role");
    }
    auto saved_roles = roles_;
    auto saved_grants = grants_;
    auto saved_granted = granted_roles_;
    roles_.erase(role);
    Grantee grantee{true, Account{role, ""}};
    grants_.erase(grantee);
    granted_roles_.erase(grantee);
    for (auto& [holder, held] : granted_roles_) held.erase(role);
    Status saved = Save();
    if (!saved.ok()) {
        roles_ = std::move(saved_roles);
        grants_ = std::move(saved_grants);
        granted_roles_ = std::move(saved_granted);
    }
    return saved;
}

bool UserStore::Exists(const Grantee& grantee) const {
    return grantee.is_role ? roles_.count(grantee.account.name) > 0 : users_.count(grantee.account) > 0;
}

Status UserStore::Grant(const Grantee& grantee, uint8_t privileges, const GrantScope& scope) {
    std::lock_guard lock(mu_);
    if (!Exists(grantee)) return NoSuchGrantee(grantee);
    auto saved_grants = grants_;
    grants_[grantee][scope] |= privileges;
    Status saved = Save();
    if (!saved.ok()) grants_ = std::move(saved_grants);
    return saved;
}

Status UserStore::Revoke(const Grantee& grantee, uint8_t privileges, const GrantScope& scope) {
    std::lock_guard lock(mu_);
    if (!Exists(grantee)) return NoSuchGrantee(grantee);
    if (!grantee.is_role && grantee.account.name == kRoot) {
        return Status::InvalidArgument("root holds every privilege; they cannot be revoked");
    }
    auto saved_grants = grants_;
    auto no_such_grant = [&] {
        return Status(ErrorCode::kNotFound, "There is no such grant defined for " + grantee.ToString() + " on " +
                                                scope.ToString());
    };
    auto holder = grants_.find(grantee);
    if (holder == grants_.end()) return no_such_grant();
    auto grant = holder->second.find(scope);
    if (grant == holder->second.end()) return no_such_grant();
    grant->second &= static_cast<uint8_t>(~privileges);
    if (grant->second == 0) holder->second.erase(grant);
    if (holder->second.empty()) grants_.erase(holder);
    Status saved = Save();
    if (!saved.ok()) grants_ = std::move(saved_grants);
    return saved;
}

Status UserStore::GrantRole(const Grantee& grantee, const std::string& role) {
    std::lock_guard lock(mu_);
    if (!Exists(grantee)) return NoSuchGrantee(grantee);
    if (!roles_.count(role)) return NoSuchGrantee(Grantee{true, Account{role, ""}});
    if (grantee.is_role && Closure(Grantee{true, Account{role, ""}}).count(grantee)) {
        return Status::InvalidArgument("granting role '" + role + "' to " + grantee.ToString() + " would make a cycle");
    }
    auto saved_granted = granted_roles_;
    granted_roles_[grantee].insert(role);
    Status saved = Save();
    if (!saved.ok()) granted_roles_ = std::move(saved_granted);
    return saved;
}

Status UserStore::RevokeRole(const Grantee& grantee, const std::string& role) {
    std::lock_guard lock(mu_);
    if (!Exists(grantee)) return NoSuchGrantee(grantee);
    auto it = granted_roles_.find(grantee);
    if (it == granted_roles_.end() || !it->second.count(role)) {
        return Status(ErrorCode::kNotFound, "role '" + role + "' is not granted to " + grantee.ToString());
    }
    auto saved_granted = granted_roles_;
    it->second.erase(role);
    if (it->second.empty()) granted_roles_.erase(it);
    Status saved = Save();
    if (!saved.ok()) granted_roles_ = std::move(saved_granted);
    return saved;
}

std::set<Grantee> UserStore::Closure(const Grantee& grantee) const {
    std::set<Grantee> seen{grantee};
    std::deque<Grantee> pending{grantee};
    while (!pending.empty()) {
        Grantee next = pending.front();
        pending.pop_front();
        auto it = granted_roles_.find(next);
        if (it == granted_roles_.end()) continue;
        for (const std::string& role : it->second) {
            Grantee held{true, Account{role, ""}};
            if (roles_.count(role) && seen.insert(held).second) pending.push_back(held);
        }
    }
    return seen;
}

uint8_t UserStore::PrivilegesOn(const Account& account, const std::string& database, const std::string& table) const {
    if (account.name == kRoot) return kPrivAll;
    uint8_t bits = 0;
    for (const Grantee& grantee : Closure(Grantee{false, account})) {
        auto holder = grants_.find(grantee);
        if (holder == grants_.end()) continue;
        for (const auto& [scope, granted] : holder->second) {
            bool covers = scope.database == "*" ||
                          (scope.database == database && (scope.table == "*" || scope.table == table));
            if (covers) bits |= granted;
        }
    }
    return bits;
}

bool UserStore::HasPrivilege(const Account& account, Privilege privilege, const std::string& database,
                             const std::string& table) const {
    std::lock_guard lock(mu_);
    return (PrivilegesOn(account, database, table) & privilege) != 0;
}

bool UserStore::HasAnyPrivilegeIn(const Account& account, const std::string& database) const {
    std::lock_guard lock(mu_);
    if (account.name == kRoot) return true;
    for (const Grantee& grantee : Closure(Grantee{false, account})) {
        auto holder = grants_.find(grantee);
        if (holder == grants_.end()) continue;
        for (const auto& [scope, granted] : holder->second) {
            if (granted != 0 && (scope.database == "*" || scope.database == database)) return true;
        }
    }
    return false;
}

bool UserStore::IsAdmin(const Account& account) const {
    std::lock_guard lock(mu_);
    return PrivilegesOn(account, "*", "*") == kPrivAll;
}

Result<std::vector<std::string>> UserStore::ShowGrants(const Grantee& grantee) const {
    std::lock_guard lock(mu_);
    if (!Exists(grantee)) return NoSuchGrantee(grantee);
    std::string to = grantee.is_role ? "'" + grantee.account.name + "'" : grantee.account.ToString();
    std::vector<std::string> lines;
    if (!grantee.is_role && grantee.account.name == kRoot) lines.push_back("GRANT ALL PRIVILEGES ON *.* TO " + to);
    if (auto holder = grants_.find(grantee); holder != grants_.end()) {
        for (const auto& [scope, bits] : holder->second) {
            std::string names;
            if (bits == kPrivAll) {
                names = "ALL PRIVILEGES";
            } else {
                for (auto [bit, name] : kPrivilegeNames) {
                    if (!(bits & bit)) continue;
                    if (!names.empty()) names += ", ";
                    names += name;
                }
            }
            lines.push_back("GRANT " + names + " ON " + scope.ToString() + " TO " + to);
        }
    }
    if (auto held = granted_roles_.find(grantee); held != granted_roles_.end()) {
        for (const std::string& role : held->second) lines.push_back("GRANT '" + role + "' TO " + to);
    }
    if (lines.empty()) lines.push_back("GRANT USAGE ON *.* TO " + to);
    return lines;
}

std::vector<Account> UserStore::Users() const {
    std::lock_guard lock(mu_);
    std::vector<Account> accounts;
    for (const auto& [account, credentials] : users_) accounts.push_back(account);
    return accounts;
}

std::vector<std::string> UserStore::Roles() const {
    std::lock_guard lock(mu_);
    return {roles_.begin(), roles_.end()};
}

}  // namespace flashlake::engine
