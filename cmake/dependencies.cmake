# Third-party libraries, all from Debian packages (scripts/install-deps.sh installs them).
find_package(Threads REQUIRED)
find_package(PkgConfig REQUIRED)
find_package(ZLIB REQUIRED)
find_package(GTest REQUIRED)
pkg_check_modules(ZSTD REQUIRED IMPORTED_TARGET libzstd)
pkg_check_modules(LZ4 REQUIRED IMPORTED_TARGET liblz4)
pkg_check_modules(BROTLI REQUIRED IMPORTED_TARGET libbrotlidec libbrotlienc)
pkg_check_modules(LIBEDIT REQUIRED IMPORTED_TARGET libedit)
pkg_check_modules(RE2 REQUIRED IMPORTED_TARGET re2)
pkg_check_modules(LIBCRYPTO REQUIRED IMPORTED_TARGET libcrypto)
pkg_check_modules(LIBSSL REQUIRED IMPORTED_TARGET libssl)
pkg_check_modules(MARIADB REQUIRED IMPORTED_TARGET libmariadb)  # sqltest --backend mysql
find_library(SNAPPY_LIBRARY snappy REQUIRED)
find_path(SNAPPY_INCLUDE_DIR snappy.h REQUIRED)
find_library(ROARING_LIBRARY roaring REQUIRED)
find_path(ROARING_INCLUDE_DIR roaring/roaring.h REQUIRED)

add_library(fl_deps_compression INTERFACE)
target_link_libraries(fl_deps_compression INTERFACE PkgConfig::ZSTD PkgConfig::LZ4 PkgConfig::BROTLI ZLIB::ZLIB
                                                    ${SNAPPY_LIBRARY})
target_include_directories(fl_deps_compression INTERFACE ${SNAPPY_INCLUDE_DIR})

add_library(fl_deps_roaring INTERFACE)
target_link_libraries(fl_deps_roaring INTERFACE ${ROARING_LIBRARY})
target_include_directories(fl_deps_roaring INTERFACE ${ROARING_INCLUDE_DIR})

# Scalar functions: RE2 for REGEXP / regexp_* (linear time, no backtracking blow-up on user
# patterns), OpenSSL's libcrypto for md5() and sha2().
add_library(fl_deps_functions INTERFACE)
target_link_libraries(fl_deps_functions INTERFACE fl_deps_roaring PkgConfig::RE2 PkgConfig::LIBCRYPTO)
