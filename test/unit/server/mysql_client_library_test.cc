#include <gtest/gtest.h>
#include <mysql.h>

#include <memory>
#include <string>
#include <vector>

#include "mysql_server_fixture.h"

// The server against MariaDB Connector/C, the client library of Debian's mariadb tools, for the
// parts its CLI cannot reach: read-only cursors (COM_STMT_FETCH), COM_CHANGE_USER, and
// caching_sha2_password's RSA key exchange on a connection without TLS.
namespace flashlake::server::mysql {
namespace {

class ConnectorCTest : public MysqlServerFixture {
protected:
    void SetUp() override {
        mysql_library_init(0, nullptr, nullptr);
        MysqlServerFixture::SetUp();
    }
    // The server with root's password, after `setup_sql`.
    void StartServer(const std::string& setup_sql = {}) {
        MysqlServerOptions options;
        options.root_password = "root-pw";
        MysqlServerFixture::StartServer(options, setup_sql);
    }

    // A connection with the given login; nullptr (and the client's error in `error`) on failure.
    MYSQL* Connect(const char* user, const char* password, const char* auth_plugin = nullptr) {
        MYSQL* client = mysql_init(nullptr);
        if (auth_plugin != nullptr) mysql_optionsv(client, MYSQL_DEFAULT_AUTH, auth_plugin);
        if (mysql_real_connect(client, "127.0.0.1", user, password, nullptr, server_->port(), nullptr, 0) == nullptr) {
            error = std::to_string(mysql_errno(client)) + " " + mysql_error(client);
            mysql_close(client);
            return nullptr;
        }
        clients_.emplace_back(client, &mysql_close);
        return client;
    }

    // The single value of a one-row, one-column query.
    static std::string QueryValue(MYSQL* client, const std::string& sql) {
        if (mysql_query(client, sql.c_str()) != 0) return std::string("error: ") + mysql_error(client);
        MYSQL_RES* result = mysql_store_result(client);
        if (result == nullptr) return "no result";
        MYSQL_ROW row = mysql_fetch_row(result);
        std::string value = row && row[0] ? row[0] : "NULL";
        mysql_free_result(result);
        return value;
    }

    std::string error;
    std::vector<std::unique_ptr<MYSQL, decltype(&mysql_close)>> clients_;
};

TEST_F(ConnectorCTest, ReadOnlyCursorFetchesInBatches) {
    StartServer(
        "CREATE DATABASE d; CREATE TABLE d.t (k INT NOT NULL, v VARCHAR(10)) DUPLICATE KEY(k);"
        "INSERT INTO d.t VALUES (1,'a'),(2,'b'),(3,NULL),(4,'d'),(5,'e'),(6,'f'),(7,'g')");
    MYSQL* client = Connect("root", "root-pw");
    ASSERT_NE(client, nullptr) << error;
    MYSQL_STMT* statement = mysql_stmt_init(client);
    const std::string sql = "SELECT k, v FROM d.t WHERE k > ? ORDER BY k";
    ASSERT_EQ(mysql_stmt_prepare(statement, sql.data(), sql.size()), 0) << mysql_stmt_error(statement);
    unsigned long cursor_type = CURSOR_TYPE_READ_ONLY;
    unsigned long prefetch_rows = 2;  // COM_STMT_FETCH asks for two rows at a time
    ASSERT_EQ(mysql_stmt_attr_set(statement, STMT_ATTR_CURSOR_TYPE, &cursor_type), 0);
    ASSERT_EQ(mysql_stmt_attr_set(statement, STMT_ATTR_PREFETCH_ROWS, &prefetch_rows), 0);

    int threshold = 1;
    MYSQL_BIND parameter{};
    parameter.buffer_type = MYSQL_TYPE_LONG;
    parameter.buffer = &threshold;
    ASSERT_EQ(mysql_stmt_bind_param(statement, &parameter), 0);

    int k = 0;
    char v[16];
    unsigned long v_length = 0;
    my_bool v_null = 0;
    MYSQL_BIND columns[2]{};
    columns[0].buffer_type = MYSQL_TYPE_LONG;
    columns[0].buffer = &k;
    columns[1].buffer_type = MYSQL_TYPE_STRING;
    columns[1].buffer = v;
    columns[1].buffer_length = sizeof(v);
    columns[1].length = &v_length;
    columns[1].is_null = &v_null;
    for (int round = 0; round < 2; ++round) {  // a second execution opens a new cursor
        ASSERT_EQ(mysql_stmt_execute(statement), 0) << mysql_stmt_error(statement);
        ASSERT_EQ(mysql_stmt_bind_result(statement, columns), 0);
        std::string fetched;
        int rows = 0;
        while (mysql_stmt_fetch(statement) == 0) {
            fetched += std::to_string(k) + "=" + (v_null ? "NULL" : std::string(v, v_length)) + " ";
            // Other statements run on the connection while the cursor is open.
            if (++rows == 3) {
                EXPECT_EQ(QueryValue(client, "SELECT count(*) FROM d.t"), "7");
            }
        }
        EXPECT_EQ(fetched, "2=b 3=NULL 4=d 5=e 6=f 7=g ");
    }
    mysql_stmt_close(statement);
}

TEST_F(ConnectorCTest, ChangeUser) {
    StartServer("CREATE DATABASE d; CREATE USER ann IDENTIFIED BY 'ann-pw'; GRANT SELECT ON d.* TO ann");
    MYSQL* client = Connect("root", "root-pw");
    ASSERT_NE(client, nullptr) << error;
    EXPECT_EQ(QueryValue(client, "SELECT CURRENT_USER()"), "root@%");
    ASSERT_EQ(mysql_change_user(client, "ann", "ann-pw", "d"), 0) << mysql_error(client);
    EXPECT_EQ(QueryValue(client, "SELECT concat(CURRENT_USER(), ' ', DATABASE())"), "ann@% d");
    EXPECT_EQ(QueryValue(client, "CREATE DATABASE e"),
              "error: Access denied for user 'ann'@'127.0.0.1' to database 'e' (CREATE needed)");
    EXPECT_EQ(mysql_errno(client), 1044u);  // ann's privileges apply now
    EXPECT_NE(mysql_change_user(client, "root", "wrong", nullptr), 0);
    EXPECT_EQ(mysql_errno(client), 1045u);
    MYSQL* other = Connect("root", "root-pw");  // the server goes on
    ASSERT_NE(other, nullptr) << error;
    EXPECT_EQ(QueryValue(other, "SELECT 1"), "1");
}

TEST_F(ConnectorCTest, CachingSha2FullAuthenticationWithRsaKeyExchange) {
    // After a restart the server does not know the fast-path hash: a caching_sha2 client on a
    // plain connection asks for the RSA public key and sends its password encrypted.
    StartServer("CREATE USER ann IDENTIFIED BY 'ann-pw'");
    StopServer();
    StartServer();
    EXPECT_EQ(Connect("ann", "wrong", "caching_sha2_password"), nullptr);
    EXPECT_EQ(error.substr(0, 4), "1045") << error;
    MYSQL* client = Connect("ann", "ann-pw", "caching_sha2_password");
    ASSERT_NE(client, nullptr) << error;
    EXPECT_EQ(QueryValue(client, "SELECT CURRENT_USER()"), "ann@%");
    // The full authentication taught the server the fast-path hash.
    MYSQL* fast = Connect("ann", "ann-pw", "caching_sha2_password");
    ASSERT_NE(fast, nullptr) << error;
    EXPECT_EQ(Connect("ann", "wrong", "caching_sha2_password"), nullptr);
}

}  // namespace
}  // namespace flashlake::server::mysql
