#pragma once
// A test that cannot run on this machine (no permission to mount a file system, no way to run a
// program as an unprivileged user) calls skip_test with the reason and returns. The program then
// exits 77 when nothing failed, which CTest reports as skipped for a test registered with
// SKIP_RETURN_CODE 77. Run one test case per process (catch_discover_tests does) so that a skip
// hides no other result.

#include <string_view>

namespace tolk::testing {

void skip_test(std::string_view reason);

}  // namespace tolk::testing
