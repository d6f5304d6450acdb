// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "cli/options.h"

#include <iosfwd>

namespace clr::cli {

int runCanI(const Options &opts, std::ostream &out, std::ostream &err);
int runWhoCan(const Options &opts, std::ostream &out, std::ostream &err);
int runExplain(const Options &opts, std::ostream &out, std::ostream &err);
int runGenerate(const Options &opts, std::ostream &out, std::ostream &err);
int runExport(const Options &opts, std::ostream &out, std::ostream &err);
int runDiff(const Options &opts, std::ostream &out, std::ostream &err);

} // namespace clr::cli
