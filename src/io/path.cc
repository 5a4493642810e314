#include "io/path.h"

namespace flashlake::io {

std::string JoinPath(std::string_view dir, std::string_view name) {
    if (dir.empty()) return std::string(name);
    std::string out(dir);
    if (out.back() != '/') out += '/';
    while (!name.empty() && name.front() == '/') name.remove_prefix(1);
    out += name;
    return out;
}

std::string_view Dirname(std::string_view path) {
    while (path.size() > 1 && path.back() == '/') path.remove_suffix(1);
    size_t slash = path.rfind('/');
    if (slash == std::string_view::npos) return ".";
    // Drop the separator run before the last component ("a//b" -> "a").
    while (slash > 0 && path[slash - 1] == '/') --slash;
    if (slash == 0) return "/";
    return path.substr(0, slash);
}

std::string_view Basename(std::string_view path) {
    while (!path.empty() && path.back() == '/') path.remove_suffix(1);
    size_t slash = path.rfind('/');
    return slash == std::string_view::npos ? path : path.substr(slash + 1);
}

std::vector<std::string_view> SplitPath(std::string_view path) {
    std::vector<std::string_view> parts;
    size_t start = 0;
    while (start <= path.size()) {
        size_t end = path.find('/', start);
        if (end == std::string_view::npos) end = path.size();
        std::string_view part = path.substr(start, end - start);
        if (!part.empty() && part != ".") parts.push_back(part);
        start = end + 1;
    }
    return parts;
}

std::string NormalizePath(std::string_view path) {
    bool absolute = !path.empty() && path.front() == '/';
    std::string out = absolute ? "/" : "";
    for (std::string_view part : SplitPath(path)) {
        if (!out.empty() && out.back() != '/') out += '/';
        out += part;
    }
    if (out.empty()) out = ".";
    return out;
}

}  // namespace flashlake::io
