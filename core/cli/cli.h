// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

#include <functional>
#include <iosfwd>
#include <memory>
#include <string>
#include <vector>

namespace clr::remote {
class HttpTransport;
class SecretStore;
struct TransportOptions;
} // namespace clr::remote

namespace clr::cli {

/**
 * What `fetch` and `--live` use to reach the network and the keychain, injected by app/ (tests pass
 * their own). Without it those commands say the build is not wired for network access.
 */
struct RemoteWiring
{
    std::function<std::unique_ptr<remote::HttpTransport>(const remote::TransportOptions &)> transport;
    /** The secret store; `notice` tells the user when it has to fall back to memory. */
    std::function<std::unique_ptr<remote::SecretStore>(std::function<void(const QString &)> notice)> secrets;
};

/** True when argv[1] names a subcommand or a global flag (--help, --version), i.e. no window is wanted. */
bool isCommandLine(const std::vector<std::string> &args);

/** Exit code when the output could not be written (a full disk, a closed pipe). */
inline constexpr int kOutputError = 3;

/**
 * Runs a subcommand (args excludes the program name). Returns the process exit code:
 * 0 yes/success, 1 no, 2 usage or (with --strict) input error, kOutputError when `out` failed,
 * 130 interrupted while loading or fetching. Every line written to `err` is made terminal-safe (safe::line).
 */
int run(const std::vector<std::string> &args, std::ostream &out, std::ostream &err);
int run(const std::vector<std::string> &args, std::ostream &out, std::ostream &err, const RemoteWiring &remote);

/** The --help text. */
std::string helpText();

} // namespace clr::cli
