// SPDX-License-Identifier: GPL-3.0-or-later
// Wiring only: the command line when a subcommand is given, the desktop window otherwise.
#include "cli/cli.h"

#include <QCoreApplication>
#ifdef CLEARANCE_WITH_UI
#include "application.h"
#endif

#include <iostream>
#include <string>
#include <vector>

int main(int argc, char *argv[])
{
    std::vector<std::string> args(argv + 1, argv + argc);
    if (clr::cli::isCommandLine(args)) {
        QCoreApplication app(argc, argv);
        QCoreApplication::setApplicationName(QStringLiteral("clearance"));
        QCoreApplication::setApplicationVersion(QStringLiteral(CLEARANCE_VERSION));
        return clr::cli::run(args, std::cout, std::cerr);
    }
#ifdef CLEARANCE_WITH_UI
    return clr::ui::runDesktop(argc, argv);
#else
    std::cerr << "clearance: built without the desktop UI; see clearance --help\n";
    return 2;
#endif
}
