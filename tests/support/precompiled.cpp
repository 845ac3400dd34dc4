// The translation unit for which the test programs' precompiled header (catch.hpp and the standard
// headers every test uses) is built once; see tests/CMakeLists.txt. It defines nothing.
