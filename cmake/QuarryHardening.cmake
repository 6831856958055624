# SPDX-License-Identifier: GPL-3.0-or-later
# Sanitizer and fuzzing builds (issue 15). Both go in their own build folders (.ci/run uses
# build-asan and build-fuzz) because they instrument every object.
#
#   -DQUARRY_SANITIZE=address,undefined   the unit suites under ASan + UBSan (gcc or clang);
#                                          any UB report fails the test (no recovery)
#   -DQUARRY_FUZZ=ON -DCMAKE_CXX_COMPILER=clang++
#                                          libFuzzer targets for every reader and for verify's
#                                          ZIP walk (tests/fuzz); `ctest -L fuzz` runs each for
#                                          QUARRY_FUZZ_SECONDS
set(QUARRY_SANITIZE "" CACHE STRING "Comma-separated -fsanitize= list for every target, e.g. address,undefined")
option(QUARRY_FUZZ "Build the libFuzzer targets (needs clang)" OFF)
set(QUARRY_FUZZ_SECONDS 30 CACHE STRING "Seconds each fuzz target runs under ctest")

if(QUARRY_SANITIZE)
  add_compile_options(-fsanitize=${QUARRY_SANITIZE} -fno-omit-frame-pointer
                      -fno-sanitize-recover=all)
  add_link_options(-fsanitize=${QUARRY_SANITIZE})
endif()

if(QUARRY_FUZZ)
  if(NOT CMAKE_CXX_COMPILER_ID MATCHES "Clang")
    message(FATAL_ERROR "QUARRY_FUZZ needs clang (libFuzzer): configure with -DCMAKE_CXX_COMPILER=clang++")
  endif()
  # Everything is instrumented for coverage; only the fuzz targets link libFuzzer's main().
  add_compile_options(-fsanitize=fuzzer-no-link,address,undefined -fno-omit-frame-pointer
                      -fno-sanitize-recover=undefined)
  add_link_options(-fsanitize=address,undefined)
endif()
