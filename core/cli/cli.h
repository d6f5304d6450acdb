// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <iosfwd>
#include <string>
#include <vector>

namespace clr::cli {

/** True when argv[1] names a subcommand or a global flag (--help, --version), i.e. no window is wanted. */
bool isCommandLine(const std::vector<std::string> &args);

/** Exit code when the output could not be written (a full disk, a closed pipe). */
inline constexpr int kOutputError = 3;

/**
 * Runs a subcommand (args excludes the program name). Returns the process exit code:
 * 0 yes/success, 1 no, 2 usage or (with --strict) input error, kOutputError when `out` failed.
 * Every line written to `err` is made terminal-safe (safe::line).
 */
int run(const std::vector<std::string> &args, std::ostream &out, std::ostream &err);

/** The --help text. */
std::string helpText();

} // namespace clr::cli
