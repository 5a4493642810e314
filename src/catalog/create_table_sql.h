#pragma once

#include <string>

#include "catalog/catalog.h"

namespace flashlake::catalog {

// The CREATE TABLE statement (StarRocks dialect) that makes a table like `table`: its columns,
// key model, partitioning, buckets and the Paimon options the DDL does not already imply, as
// PROPERTIES. The inverse of ToLakeSchema: running the statement gives the same lake schema
// (SHOW CREATE TABLE). Tables written by other Paimon engines map the same way; options Flashlake
// does not interpret are carried as properties.
std::string CreateTableSql(const TableEntry& table);

}  // namespace flashlake::catalog
