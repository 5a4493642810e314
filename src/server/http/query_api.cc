// POST /api/query: one SQL statement in the body (text, or JSON {"query": "...", "db": "..."}),
// run in a fresh session. Rows come back as {"columns": [{"name", "type"}], "rows": [[...]]};
// integers, floating-point numbers and booleans as JSON numbers and booleans, NULL as null,
// everything else (decimals included, to keep their digits) as the text MySQL clients see.
// Errors are {"error": {"errno", "sqlstate", "message"}} with a 4xx/5xx status.

#include "engine/engine.h"
#include "engine/session.h"
#include "format/json/json_parser.h"
#include "format/json/json_writer.h"
#include "server/http/api_handler.h"
#include "server/http/http_auth.h"

namespace flashlake::server::http {

namespace json = format::json;

namespace {

int HttpStatusFor(ErrorCode code) {
    switch (code) {
        case ErrorCode::kAccessDenied:
        case ErrorCode::kTableAccessDenied:
        case ErrorCode::kDatabaseAccessDenied:
            return 403;
        case ErrorCode::kTimeout:
            return 408;
        default:
            break;
    }
    switch (GetErrorCodeInfo(code).category) {
        case ErrorCategory::kUser:
            return 400;
        case ErrorCategory::kResource:
            return 503;
        default:
            return 500;
    }
}

HttpResponse QueryError(const Status& status) {
    const ErrorCodeInfo& info = GetErrorCodeInfo(status.code());
    json::Value error = json::Value::MakeObject();
    error.Set("errno", static_cast<int64_t>(info.mysql_errno));
    error.Set("sqlstate", std::string(info.sqlstate));
    error.Set("message", status.message());
    json::Value out = json::Value::MakeObject();
    out.Set("error", std::move(error));
    HttpResponse response;
    response.status = HttpStatusFor(status.code());
    response.body = json::Write(out) + "\n";
    return response;
}

json::Value ToJson(const Value& value) {
    if (value.is_null()) return json::Value();
    switch (value.type().id()) {
        case TypeId::kBoolean:
            return json::Value(value.GetBool());
        case TypeId::kTinyInt:
        case TypeId::kSmallInt:
        case TypeId::kInt:
        case TypeId::kBigInt:
            return json::Value(value.GetInt64());
        case TypeId::kFloat:
        case TypeId::kDouble:
            return json::Value(value.GetDouble());
        default:
            return json::Value(value.ToString());
    }
}

}  // namespace

HttpResponse ApiHandler::HandleQuery(HttpRequest& request) {
    std::string sql = request.body;
    std::string database = request.QueryParam("db");
    size_t first = sql.find_first_not_of(" \t\r\n");
    if (first != std::string::npos && sql[first] == '{') {
        auto parsed = json::Parse(sql);
        const json::Value* query = parsed.ok() && parsed->is_object() ? parsed->Find("query") : nullptr;
        if (query == nullptr || !query->is_string()) {
            return QueryError(
                Status::InvalidArgument("the JSON body must be {\"query\": \"<SQL>\", \"db\": \"<database>\"?}"));
        }
        sql = query->AsString();
        if (const json::Value* db = parsed->Find("db"); db != nullptr && db->is_string()) database = db->AsString();
    }
    if (sql.find_first_not_of(" \t\r\n;") == std::string::npos) {
        return QueryError(Status::InvalidArgument("no SQL statement in the request body"));
    }
    std::unique_ptr<engine::Session> session = engine_.NewSession();
    std::string user;
    if (auto refusal = AuthenticateBasic(request, engine_.users(), &user)) return *refusal;
    session->set_user(user);  // the statement runs with this account's privileges
    session->set_client_host(kHttpClientHost);
    if (!database.empty()) {
        std::string quoted = "`";
        for (char c : database) quoted += c == '`' ? std::string("``") : std::string(1, c);
        auto used = session->Execute("USE " + quoted + "`");
        if (!used.ok()) return QueryError(used.status());
    }
    auto result = session->Execute(sql);
    if (!result.ok()) return QueryError(result.status());

    json::Value out = json::Value::MakeObject();
    if (result->has_rows) {
        const exec::QueryRows& rows = result->rows;
        json::Value columns = json::Value::MakeArray();
        for (size_t c = 0; c < rows.names.size(); ++c) {
            json::Value column = json::Value::MakeObject();
            column.Set("name", rows.names[c]);
            column.Set("type", rows.types[c].ToString());
            columns.Append(std::move(column));
        }
        json::Value data = json::Value::MakeArray();
        for (const Chunk& chunk : rows.chunks) {
            for (size_t r = 0; r < chunk.num_rows(); ++r) {
                json::Value row = json::Value::MakeArray();
                for (size_t c = 0; c < chunk.num_columns(); ++c) row.Append(ToJson(chunk.column(c)->GetValue(r)));
                data.Append(std::move(row));
            }
        }
        out.Set("columns", std::move(columns));
        out.Set("rows", std::move(data));
        out.Set("row_count", static_cast<int64_t>(rows.num_rows()));
    } else {
        out.Set("affected_rows", result->affected_rows);
        if (!result->message.empty()) out.Set("message", result->message);
    }
    out.Set("elapsed_ms", result->elapsed_micros / 1000);
    HttpResponse response;
    response.body = json::Write(out) + "\n";
    return response;
}

}  // namespace flashlake::server::http
