# FL_SANITIZE="address;undefined" for the ASan+UBSan build, "thread" for TSan.
if(FL_SANITIZE)
    string(REPLACE ";" "," _fl_sanitizers "${FL_SANITIZE}")
    add_compile_options(-fsanitize=${_fl_sanitizers} -fno-omit-frame-pointer -fno-sanitize-recover=undefined)
    add_link_options(-fsanitize=${_fl_sanitizers})
endif()
