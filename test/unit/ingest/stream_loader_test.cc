// Stream loads end to end below HTTP: CSV and JSON bodies mapped to table rows (columns
// expressions, WHERE, casts, NOT NULL), max_filter_ratio deciding between committing the good
// rows and committing nothing, and labels making a retried load a no-op.
#include "ingest/stream_loader.h"

#include <gtest/gtest.h>

#include <algorithm>

#include "catalog/catalog.h"
#include "functions/function_registry.h"
#include "ingest/column_mapping.h"
#include "io/memory_file_system.h"
#include "lake/read/split_reader.h"
#include "lake/read/table_scan.h"
#include "lake/snapshot_manager.h"

namespace flashlake::ingest {
namespace {

class StreamLoaderTest : public ::testing::Test {
protected:
    void SetUp() override {
        RegisterBuiltinFunctions(functions_);
        auto catalog = catalog::Catalog::Open(&fs_, "/wh");
        ASSERT_TRUE(catalog.ok()) << catalog.status().ToString();
        catalog_ = std::move(*catalog);
        ASSERT_TRUE(catalog_->CreateDatabase("db", false).ok());
        catalog::TableDefinition table;
        auto column = [](std::string name, LogicalType type, bool nullable) {
            catalog::ColumnDefinition definition;
            definition.name = std::move(name);
            definition.type = std::move(type);
            definition.nullable = nullable;
            return definition;
        };
        table.columns = {column("k", LogicalType::Int(), false), column("name", LogicalType::Varchar(10), true),
                         column("amount", LogicalType::Decimal(10, 2), true)};
        ASSERT_TRUE(catalog_->CreateTable("db", "t", table, false).ok());
        LoadEnvironment environment{&fs_, catalog_.get(), &functions_, "test-user", [this] { return next_id_++; }};
        loader_ = std::make_unique<StreamLoader>(std::move(environment));
    }

    LoadRequest Csv(std::string body, std::string label = "") {
        LoadRequest request;
        request.database = "db";
        request.table = "t";
        request.label = std::move(label);
        request.column_separator = ",";
        request.body = std::move(body);
        return request;
    }

    LoadRequest Json(std::string body) {
        LoadRequest request = Csv(std::move(body));
        request.format = LoadFormat::kJson;
        return request;
    }

    // Every row of the table as "k | name | amount", sorted.
    std::vector<std::string> Rows() {
        auto table = catalog_->GetTable("db", "t");
        EXPECT_TRUE(table.ok());
        lake::TableScan scan(&fs_, table->path, {});
        auto plan = scan.Plan();
        EXPECT_TRUE(plan.ok()) << plan.status().ToString();
        std::vector<std::string> rows;
        for (const auto& split : plan->splits) {
            auto reader = lake::SplitReader::Make(&fs_, split);
            EXPECT_TRUE(reader.ok());
            Chunk chunk;
            while (true) {
                auto more = (*reader)->Next(&chunk);
                EXPECT_TRUE(more.ok());
                if (!more.ok() || !*more) break;
                std::string text = chunk.ToString();
                size_t start = 0;
                while (start < text.size()) {
                    size_t end = text.find('\n', start);
                    if (end == std::string::npos) end = text.size();
                    if (end > start) rows.push_back(text.substr(start, end - start));
                    start = end + 1;
                }
            }
        }
        std::sort(rows.begin(), rows.end());
        return rows;
    }

    // Data files anywhere under the table directory.
    size_t DataFiles() {
        size_t count = 0;
        std::vector<std::string> pending = {"/wh/db.db/t"};
        while (!pending.empty()) {
            std::string dir = pending.back();
            pending.pop_back();
            auto entries = fs_.ListDirectory(dir);
            if (!entries.ok()) continue;
            for (const auto& entry : *entries) {
                std::string path = dir + "/" + entry.name;
                if (entry.type == io::FileType::kDirectory)
                    pending.push_back(path);
                else if (path.find("/bucket-") != std::string::npos)
                    ++count;
            }
        }
        return count;
    }

    io::MemoryFileSystem fs_;
    functions::FunctionRegistry functions_;
    std::unique_ptr<catalog::Catalog> catalog_;
    std::unique_ptr<StreamLoader> loader_;
    int64_t next_id_ = 1;
};

TEST_F(StreamLoaderTest, LoadsCsvRows) {
    LoadResult result = loader_->Load(Csv("1,alice,1.5\n2,bob,\\N\n3,,7\n", "first"));
    ASSERT_EQ(result.status, LoadStatus::kSuccess) << result.message;
    EXPECT_EQ(result.label, "first");
    EXPECT_EQ(result.message, "OK");
    EXPECT_EQ(result.total_rows, 3);
    EXPECT_EQ(result.loaded_rows, 3);
    EXPECT_EQ(result.filtered_rows, 0);
    EXPECT_GT(result.txn_id, 0);
    EXPECT_EQ(result.load_bytes, 26);
    EXPECT_EQ(Rows(), (std::vector<std::string>{"1 | alice | 1.50", "2 | bob | NULL", "3 |  | 7.00"}));
}

TEST_F(StreamLoaderTest, SameLabelTwiceLoadsOnce) {
    LoadResult first = loader_->Load(Csv("1,a,1\n2,b,2\n", "once"));
    ASSERT_EQ(first.status, LoadStatus::kSuccess) << first.message;
    LoadResult second = loader_->Load(Csv("1,a,1\n2,b,2\n", "once"));
    EXPECT_EQ(second.status, LoadStatus::kLabelAlreadyExists);
    EXPECT_EQ(second.existing_job_status, "FINISHED");
    EXPECT_EQ(second.txn_id, first.txn_id);
    EXPECT_EQ(second.loaded_rows, 0);
    EXPECT_EQ(Rows().size(), 2u);
    // A generated label is new every time.
    LoadResult third = loader_->Load(Csv("3,c,3\n"));
    ASSERT_EQ(third.status, LoadStatus::kSuccess) << third.message;
    EXPECT_FALSE(third.label.empty());
    EXPECT_NE(third.label, "once");
    EXPECT_EQ(Rows().size(), 3u);
}

TEST_F(StreamLoaderTest, BadRowsOverTheRatioCommitNothing) {
    std::string body = "1,ok,1\n2,x,notanumber\nshort\n,nokey,3\n5,waytoolongname,1\n6,ok,1.5\n";
    LoadResult result = loader_->Load(Csv(body, "bad"));
    EXPECT_EQ(result.status, LoadStatus::kFail);
    EXPECT_EQ(result.error_code, ErrorCode::kDataQuality);
    EXPECT_NE(result.message.find("too many filtered rows"), std::string::npos) << result.message;
    EXPECT_EQ(result.total_rows, 6);
    EXPECT_EQ(result.filtered_rows, 4);
    ASSERT_EQ(result.rejected.size(), 4u);
    EXPECT_EQ(result.rejected[0].line, 2);
    EXPECT_NE(result.rejected[0].reason.find("column 3 (amount DECIMAL(10,2)): bad value 'notanumber'"),
              std::string::npos)
        << result.rejected[0].reason;
    EXPECT_EQ(result.rejected[0].row, "2,x,notanumber");
    EXPECT_EQ(result.rejected[1].line, 3);
    EXPECT_NE(result.rejected[1].reason.find("expected 3 columns, found 1"), std::string::npos);
    EXPECT_NE(result.rejected[2].reason.find("NOT NULL"), std::string::npos) << result.rejected[2].reason;
    EXPECT_NE(result.rejected[3].reason.find("longer than 10"), std::string::npos) << result.rejected[3].reason;
    EXPECT_TRUE(Rows().empty());
    EXPECT_EQ(DataFiles(), 0u) << "the files of a failed load are deleted";
    auto table = catalog_->GetTable("db", "t");
    auto latest = lake::SnapshotManager(&fs_, table->path).LatestId();
    ASSERT_TRUE(latest.ok());
    EXPECT_FALSE(latest->has_value());

    // The label of a failed load stays free; with a tolerant ratio the good rows commit.
    LoadRequest tolerant = Csv(body, "bad");
    tolerant.max_filter_ratio = 0.7;
    LoadResult second = loader_->Load(tolerant);
    ASSERT_EQ(second.status, LoadStatus::kSuccess) << second.message;
    EXPECT_EQ(second.loaded_rows, 2);
    EXPECT_EQ(second.filtered_rows, 4);
    EXPECT_EQ(Rows(), (std::vector<std::string>{"1 | ok | 1.00", "6 | ok | 1.50"}));

    LoadRequest strict_ratio = Csv("7,a,1\n8,b,x\n");
    strict_ratio.max_filter_ratio = 0.4;  // 1 of 2 rejected is 0.5
    EXPECT_EQ(loader_->Load(strict_ratio).status, LoadStatus::kFail);
}

TEST_F(StreamLoaderTest, ColumnsExpressionsAndWhere) {
    LoadRequest request = Csv("x,10,7\ny,11,8\nz,12,9\n");
    request.columns = "tmp, k, a, name = upper(tmp), amount = a * 2";
    request.where = "k <> 11 AND tmp <> 'zz'";
    LoadResult result = loader_->Load(request);
    ASSERT_EQ(result.status, LoadStatus::kSuccess) << result.message;
    EXPECT_EQ(result.total_rows, 3);
    EXPECT_EQ(result.loaded_rows, 2);
    EXPECT_EQ(result.unselected_rows, 1);
    EXPECT_EQ(result.filtered_rows, 0);
    EXPECT_EQ(Rows(), (std::vector<std::string>{"10 | X | 14.00", "12 | Z | 18.00"}));
}

TEST_F(StreamLoaderTest, MappingErrorsFailTheLoad) {
    LoadRequest unknown = Csv("1\n");
    unknown.columns = "k, nosuch = k + 1";
    LoadResult result = loader_->Load(unknown);
    EXPECT_EQ(result.status, LoadStatus::kFail);
    EXPECT_NE(result.message.find("nosuch"), std::string::npos) << result.message;

    LoadRequest missing_key = Csv("a\n");
    missing_key.columns = "name";
    result = loader_->Load(missing_key);
    EXPECT_EQ(result.status, LoadStatus::kFail);
    EXPECT_NE(result.message.find("'k' is NOT NULL"), std::string::npos) << result.message;

    LoadRequest bad_where = Csv("1,a,1\n");
    bad_where.where = "k >";
    EXPECT_EQ(loader_->Load(bad_where).status, LoadStatus::kFail);

    LoadRequest no_table = Csv("1,a,1\n");
    no_table.table = "missing";
    result = loader_->Load(no_table);
    EXPECT_EQ(result.status, LoadStatus::kFail);
    EXPECT_NE(result.message.find("missing"), std::string::npos) << result.message;
    EXPECT_TRUE(Rows().empty());
}

TEST_F(StreamLoaderTest, CsvOptions) {
    LoadRequest request = Csv("k||name||amount\r\n1||\"a||b\"||2\r\n2||\"say \"\"hi\"\"\"||3\r\n");
    request.column_separator = "||";
    request.row_delimiter = "\n";
    request.enclose = '"';
    request.skip_header = 1;
    LoadResult result = loader_->Load(request);
    ASSERT_EQ(result.status, LoadStatus::kSuccess) << result.message;
    EXPECT_EQ(result.total_rows, 2);
    EXPECT_EQ(Rows(), (std::vector<std::string>{"1 | a||b | 2.00", "2 | say \"hi\" | 3.00"}));

    LoadRequest tabs = Csv("3\tc\t1\n");
    tabs.column_separator = "\t";
    EXPECT_EQ(loader_->Load(tabs).loaded_rows, 1);
}

TEST_F(StreamLoaderTest, JsonRows) {
    LoadRequest array = Json(R"([{"k": 1, "name": "a", "amount": 1.5}, {"K": 2, "amount": "2"}, {"k": null}, 7])");
    array.strip_outer_array = true;
    array.max_filter_ratio = 1;
    LoadResult result = loader_->Load(array);
    ASSERT_EQ(result.status, LoadStatus::kSuccess) << result.message;
    EXPECT_EQ(result.total_rows, 4);
    EXPECT_EQ(result.loaded_rows, 2);
    EXPECT_EQ(result.filtered_rows, 2);
    ASSERT_EQ(result.rejected.size(), 2u);
    EXPECT_NE(result.rejected[0].reason.find("NOT NULL"), std::string::npos);
    EXPECT_EQ(result.rejected[0].row, R"({"k":null})");
    EXPECT_NE(result.rejected[1].reason.find("JSON object"), std::string::npos);

    LoadRequest lines = Json("{\"k\": 3, \"name\": \"c\"}\n\n{\"k\": 4, \"name\": \"d\"}\n{bad\n");
    lines.max_filter_ratio = 0.5;
    result = loader_->Load(lines);
    ASSERT_EQ(result.status, LoadStatus::kSuccess) << result.message;
    EXPECT_EQ(result.loaded_rows, 2);
    ASSERT_EQ(result.rejected.size(), 1u);
    EXPECT_EQ(result.rejected[0].line, 4);

    LoadRequest paths = Json(R"({"id": 5, "info": {"who": "e", "n": [1, 9]}})");
    paths.jsonpaths = R"(["$.id", "$.info.who", "$.info.n[1]"])";
    paths.columns = "k, name, amount";
    result = loader_->Load(paths);
    ASSERT_EQ(result.status, LoadStatus::kSuccess) << result.message;
    EXPECT_EQ(Rows(), (std::vector<std::string>{"1 | a | 1.50", "2 | NULL | 2.00", "3 | c | NULL", "4 | d | NULL",
                                                "5 | e | 9.00"}));

    LoadRequest unstripped = Json(R"([{"k": 1}])");
    result = loader_->Load(unstripped);
    EXPECT_EQ(result.status, LoadStatus::kFail);
    EXPECT_NE(result.message.find("strip_outer_array"), std::string::npos) << result.message;
}

TEST(LoadRequestTest, Separators) {
    EXPECT_EQ(*ParseSeparator(","), ",");
    EXPECT_EQ(*ParseSeparator("\\t"), "\t");
    EXPECT_EQ(*ParseSeparator("\\x01"), "\x01");
    EXPECT_EQ(*ParseSeparator("||"), "||");
    EXPECT_FALSE(ParseSeparator("").ok());
    EXPECT_FALSE(ParseSeparator("\\x0").ok());
}

TEST(LoadRequestTest, SplitColumnList) {
    EXPECT_EQ(SplitColumnList("a, b ,c=concat(a, ',', b), d = if(a = 1, 2, 3)"),
              (std::vector<std::string>{"a", "b", "c=concat(a, ',', b)", "d = if(a = 1, 2, 3)"}));
    EXPECT_EQ(SplitColumnList(""), std::vector<std::string>{});
}

}  // namespace
}  // namespace flashlake::ingest
