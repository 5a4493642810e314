#pragma once

#include <memory>

#include "main/sqllogic/runner.h"

namespace flashlake::cli::sqllogic {

// Runs each test file over the MySQL protocol: a server on a fresh warehouse, listening on a free
// loopback port, and MariaDB Connector/C (the client library Debian's mariadb tools use) sending
// every record as COM_QUERY with multi-statements. Values come back as the text protocol's
// strings; NULL as "NULL", the empty string as "(empty)", as in-process.
std::unique_ptr<BackendFactory> MakeMysqlBackendFactory();

}  // namespace flashlake::cli::sqllogic
