// SPDX-License-Identifier: GPL-3.0-or-later
// Wiring only: the command line when a subcommand is given, the desktop window otherwise; both get
// the real network transport and the OS keychain here.
#include "cli/cli.h"
#include "remote/networktransport.h"
#include "remote/secretstore.h"

#include <QCoreApplication>
#ifdef CLEARANCE_WITH_UI
#include "application.h"
#include "remoteservices.h"
#endif

#include <iostream>
#include <string>
#include <vector>

namespace {

clr::cli::RemoteWiring remoteWiring()
{
    clr::cli::RemoteWiring wiring;
    wiring.transport = [](const clr::remote::TransportOptions &options) -> std::unique_ptr<clr::remote::HttpTransport> {
        return std::make_unique<clr::remote::NetworkTransport>(options);
    };
    wiring.secrets = [](std::function<void(const QString &)> notice) -> std::unique_ptr<clr::remote::SecretStore> {
        return std::make_unique<clr::remote::KeychainSecretStore>(std::move(notice));
    };
    return wiring;
}

} // namespace

int main(int argc, char *argv[])
{
    std::vector<std::string> args(argv + 1, argv + argc);
    if (clr::cli::isCommandLine(args)) {
        QCoreApplication app(argc, argv);
        QCoreApplication::setApplicationName(QStringLiteral("clearance"));
        QCoreApplication::setOrganizationName(QStringLiteral("Clearance"));
        QCoreApplication::setApplicationVersion(QStringLiteral(CLEARANCE_VERSION));
        return clr::cli::run(args, std::cout, std::cerr, remoteWiring());
    }
#ifdef CLEARANCE_WITH_UI
    clr::ui::RemoteServices remote;
    remote.transport = [] { return std::unique_ptr<clr::remote::HttpTransport>(std::make_unique<clr::remote::NetworkTransport>()); };
    remote.secrets = [](std::function<void(const QString &)> notice) {
        return std::unique_ptr<clr::remote::SecretStore>(std::make_unique<clr::remote::KeychainSecretStore>(std::move(notice)));
    };
    return clr::ui::runDesktop(argc, argv, remote);
#else
    std::cerr << "clearance: built without the desktop UI; see clearance --help\n";
    return 2;
#endif
}
