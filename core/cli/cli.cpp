// SPDX-License-Identifier: GPL-3.0-or-later
#include "cli/cli.h"

#include <ostream>

namespace clr::cli {

bool isCommandLine(const std::vector<std::string> &args)
{
    return !args.empty() && (args[0] == "--help" || args[0] == "-h" || args[0] == "--version" || args[0] == "can-i"
                             || args[0] == "who-can" || args[0] == "explain" || args[0] == "generate" || args[0] == "export");
}

std::string helpText()
{
    return "clearance: who can do what on an AKS cluster, and why\n";
}

int run(const std::vector<std::string> &args, std::ostream &out, std::ostream &err)
{
    (void)args;
    (void)out;
    err << "not yet\n";
    return 2;
}

} // namespace clr::cli
