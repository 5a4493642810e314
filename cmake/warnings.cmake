# Warnings every target gets; errors when FL_WERROR is on (CI sets it).
add_compile_options(-Wall -Wextra -Wno-unused-parameter -Wnon-virtual-dtor -Wimplicit-fallthrough)
if(CMAKE_CXX_COMPILER_ID STREQUAL "GNU")
    # GCC 12 reports -Wrestrict and -Wstringop-overflow false positives inside libstdc++'s own
    # std::string code at -O3 (GCC bugs 105329, 105651); they say nothing about our code.
    # Likewise -Wmaybe-uninitialized inside std::variant under the sanitizers at -O1.
    add_compile_options(-Wno-restrict -Wno-stringop-overflow -Wno-maybe-uninitialized)
endif()
if(FL_WERROR)
    add_compile_options(-Werror)
endif()
