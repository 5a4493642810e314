#pragma once

#include <sstream>
#include <string>

// Invariant checks that stay on in release builds. A failed check is a bug in the engine: it
// throws InternalError (so a server thread can fail one query instead of the process) with the
// file, line, condition and the message parts given.

namespace flashlake {

[[noreturn]] void FailCheck(const char* file, int line, const char* condition, const std::string& message);

template <typename... Parts>
std::string ConcatParts(const Parts&... parts) {
    if constexpr (sizeof...(parts) == 0) {
        return std::string();
    } else {
        std::ostringstream out;
        (out << ... << parts);
        return out.str();
    }
}

}  // namespace flashlake

#define FL_CHECK(condition, ...)                                                                           \
    do {                                                                                                   \
        if (__builtin_expect(!(condition), 0)) {                                                           \
            ::flashlake::FailCheck(__FILE__, __LINE__, #condition, ::flashlake::ConcatParts(__VA_ARGS__)); \
        }                                                                                                  \
    } while (false)

#define FL_CHECK_OP(a, op, b) FL_CHECK((a)op(b), #a " = ", (a), ", " #b " = ", (b))
#define FL_CHECK_EQ(a, b) FL_CHECK_OP(a, ==, b)
#define FL_CHECK_LT(a, b) FL_CHECK_OP(a, <, b)
#define FL_CHECK_LE(a, b) FL_CHECK_OP(a, <=, b)

#ifdef NDEBUG
#define FL_DCHECK(condition, ...) \
    do {                          \
    } while (false)
#else
#define FL_DCHECK(condition, ...) FL_CHECK(condition, __VA_ARGS__)
#endif
