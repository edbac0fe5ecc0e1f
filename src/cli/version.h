// The program's version: project()'s in CMakeLists.txt, then `git describe` in
// parentheses when built from a git checkout, e.g. "0.1.0 (git 3e9cdc5-dirty)".
// Defined in a file the build generates (cmake/version.cmake).
#pragma once

namespace mailtrail::cli {

extern const char* const kVersion;

}  // namespace mailtrail::cli
