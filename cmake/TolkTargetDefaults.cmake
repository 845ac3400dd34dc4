# Compiler settings shared by every tolk target: C++20, strict warnings, optional sanitizers.

set(TOLK_WARNING_FLAGS -Wall -Wextra -Wpedantic -Wshadow -Wnon-virtual-dtor -Wold-style-cast
    -Wcast-align -Woverloaded-virtual -Wconversion -Wsign-conversion
    -Wimplicit-fallthrough)
# GCC 12 reports impossible overlaps in inlined std::string code at -O2/-O3 (GCC bug 105329,
# 105651): a false positive on any string concatenation, so -Wrestrict is off for GCC.
if(CMAKE_CXX_COMPILER_ID STREQUAL "GNU")
  list(APPEND TOLK_WARNING_FLAGS -Wno-restrict)
endif()

if(TOLK_SANITIZE)
  set(TOLK_SANITIZER_FLAGS -fsanitize=address,undefined -fno-sanitize-recover=all
      -fno-omit-frame-pointer)
  add_compile_options(${TOLK_SANITIZER_FLAGS})
  # GCC's flow analysis reports false "maybe uninitialized" warnings in instrumented standard
  # library code (std::regex, std::function); the Release build keeps the warning.
  if(CMAKE_CXX_COMPILER_ID STREQUAL "GNU")
    add_compile_options(-Wno-maybe-uninitialized)
  endif()
  add_link_options(${TOLK_SANITIZER_FLAGS})
endif()

function(tolk_target_defaults target)
  target_compile_features(${target} PUBLIC cxx_std_20)
  target_compile_options(${target} PRIVATE ${TOLK_WARNING_FLAGS})
  if(TOLK_WARNINGS_AS_ERRORS)
    target_compile_options(${target} PRIVATE -Werror)
  endif()
endfunction()
