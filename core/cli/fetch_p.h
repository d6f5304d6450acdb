// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "cli/cli.h"
#include "cli/options.h"

#include <iosfwd>
#include <string>

namespace clr::cli {

/** `clearance fetch ... -o DIR` and `clearance fetch --refresh DIR`. Exit 0, 1 (failed), 2 (usage), 130 (Ctrl+C). */
int runFetch(const Options &opts, std::ostream &out, std::ostream &err, const RemoteWiring &wiring);

/** --live: fetches what the flags say into `dir` (which must not exist yet), progress on err. */
int fetchInto(const Options &opts, const std::string &dir, std::ostream &err, const RemoteWiring &wiring);

} // namespace clr::cli
