// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <iosfwd>
#include <string>
#include <vector>

namespace clr::cli {

/** True when argv[1] names a subcommand or a global flag (--help, --version), i.e. no window is wanted. */
bool isCommandLine(const std::vector<std::string> &args);

/**
 * Runs a subcommand (args excludes the program name). Returns the process exit code:
 * 0 yes/success, 1 no, 2 usage or (with --strict) input error, 130 interrupted while loading.
 */
int run(const std::vector<std::string> &args, std::ostream &out, std::ostream &err);

/** The --help text. */
std::string helpText();

} // namespace clr::cli
