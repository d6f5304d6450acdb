// SPDX-License-Identifier: GPL-3.0-or-later
#include "cli/commands.h"

#include <ostream>

namespace clr::cli {

int runGenerate(const Options &, std::ostream &, std::ostream &err)
{
    err << "clearance: generate is not available in this build yet\n";
    return 2;
}

int runExport(const Options &, std::ostream &, std::ostream &err)
{
    err << "clearance: export is not available in this build yet\n";
    return 2;
}

} // namespace clr::cli
