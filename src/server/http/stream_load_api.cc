// PUT /api/{db}/{table}/_stream_load: headers to an ingest::LoadRequest, the load, and the
// response in StarRocks' shape. A load that fails is still HTTP 200 with "Status": "Fail", as in
// StarRocks; only requests that never became a load (auth, framing) get a 4xx.

#include <cctype>
#include <charconv>

#include "common/ascii.h"
#include "format/json/json_writer.h"
#include "server/http/api_handler.h"

namespace flashlake::server::http {

namespace json = format::json;

namespace {

Result<bool> ParseBool(const std::string& name, const std::string& text) {
    std::string value = AsciiLower(text);
    if (value == "true" || value == "1") return true;
    if (value == "false" || value == "0") return false;
    return Status::InvalidArgument("header " + name + " must be true or false, not '" + text + "'");
}

Result<int64_t> ParseCount(const std::string& name, const std::string& text) {
    int64_t value = 0;
    auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (error != std::errc() || end != text.data() + text.size() || value < 0) {
        return Status::InvalidArgument("header " + name + " must be a non-negative integer, not '" + text + "'");
    }
    return value;
}

}  // namespace

Result<ingest::LoadRequest> LoadRequestFromHeaders(const HttpRequest& request) {
    ingest::LoadRequest load;
    auto header = [&](const char* name) { return request.Header(name); };
    if (auto* v = header("label")) load.label = *v;
    if (load.label.size() > 128) return Status::InvalidArgument("a label is at most 128 characters");
    for (char c : load.label) {
        if (!std::isalnum(static_cast<unsigned char>(c)) && c != '-' && c != '_' && c != ':' && c != '.') {
            return Status::InvalidArgument("label '" + load.label +
                                           "' may only hold letters, digits, '-', '_', ':' and '.'");
        }
    }
    if (auto* v = header("format")) {
        std::string format = AsciiLower(*v);
        if (format == "csv")
            load.format = ingest::LoadFormat::kCsv;
        else if (format == "json")
            load.format = ingest::LoadFormat::kJson;
        else
            return Status::NotSupported("format '" + *v + "' is not supported: use csv or json");
    }
    if (auto* v = header("column_separator")) {
        FL_ASSIGN_OR_RETURN(load.column_separator, ingest::ParseSeparator(*v));
    }
    if (auto* v = header("row_delimiter")) {
        FL_ASSIGN_OR_RETURN(load.row_delimiter, ingest::ParseSeparator(*v));
    }
    if (auto* v = header("enclose")) {
        if (v->size() > 1) return Status::InvalidArgument("enclose must be one character");
        load.enclose = v->empty() ? 0 : (*v)[0];
    }
    if (auto* v = header("skip_header")) {
        FL_ASSIGN_OR_RETURN(load.skip_header, ParseCount("skip_header", *v));
    }
    if (auto* v = header("trim_space")) {
        FL_ASSIGN_OR_RETURN(load.trim_space, ParseBool("trim_space", *v));
    }
    if (auto* v = header("columns")) load.columns = *v;
    if (auto* v = header("where")) load.where = *v;
    if (auto* v = header("max_filter_ratio")) {
        double ratio = -1;
        auto [end, error] = std::from_chars(v->data(), v->data() + v->size(), ratio);
        if (error != std::errc() || end != v->data() + v->size() || !(ratio >= 0 && ratio <= 1)) {
            return Status::InvalidArgument("max_filter_ratio must be a number from 0 to 1, not '" + *v + "'");
        }
        load.max_filter_ratio = ratio;
    }
    if (auto* v = header("strip_outer_array")) {
        FL_ASSIGN_OR_RETURN(load.strip_outer_array, ParseBool("strip_outer_array", *v));
    }
    if (auto* v = header("jsonpaths")) load.jsonpaths = *v;
    if (auto* v = header("timeout")) {
        FL_ASSIGN_OR_RETURN(load.timeout_seconds, ParseCount("timeout", *v));
    }
    return load;
}

std::string LoadResultJson(const ingest::LoadResult& result, const std::string& error_url) {
    json::Value out = json::Value::MakeObject();
    out.Set("TxnId", result.txn_id);
    out.Set("Label", result.label);
    out.Set("Status", std::string(ingest::LoadStatusName(result.status)));
    if (result.status == ingest::LoadStatus::kLabelAlreadyExists)
        out.Set("ExistingJobStatus", result.existing_job_status);
    out.Set("Message", result.message);
    out.Set("NumberTotalRows", result.total_rows);
    out.Set("NumberLoadedRows", result.loaded_rows);
    out.Set("NumberFilteredRows", result.filtered_rows);
    out.Set("NumberUnselectedRows", result.unselected_rows);
    out.Set("LoadBytes", result.load_bytes);
    out.Set("LoadTimeMs", result.load_time_ms);
    if (!error_url.empty()) out.Set("ErrorURL", error_url);
    return json::Write(out, json::WriteOptions{true}) + "\n";
}

HttpResponse ApiHandler::HandleStreamLoad(HttpRequest& request, const std::string& db, const std::string& table) {
    ingest::LoadResult result;
    auto load = LoadRequestFromHeaders(request);
    if (!load.ok()) {
        result.status = ingest::LoadStatus::kFail;
        result.message = load.status().message();
        if (const std::string* label = request.Header("label")) result.label = *label;
    } else {
        load->database = db;
        load->table = table;
        // The body is not needed once the load has it; moving avoids a copy of a large body.
        load->body = std::move(request.body);
        result = loader_.Load(*load);
    }
    std::string error_url;
    if (!result.rejected.empty()) error_url = ErrorUrl(request, error_log_.Add(result.rejected, result.filtered_rows));
    HttpResponse response;
    response.body = LoadResultJson(result, error_url);
    return response;
}

}  // namespace flashlake::server::http
