// SPDX-License-Identifier: GPL-3.0-or-later
#include "cli/context.h"

#include "common/outputsafety.h"
#include "load/loader.h"

#include <csignal>

#include <algorithm>
#include <atomic>
#include <ostream>

namespace clr::cli {

namespace {

std::atomic<bool> g_interrupted{false}; // lock-free, so a signal handler may set it
static_assert(std::atomic<bool>::is_always_lock_free);

extern "C" void onLoadInterrupt(int)
{
    g_interrupted.store(true, std::memory_order_relaxed);
}

/**
 * While loading, Ctrl+C asks the loader to stop (between files, and every few thousand values
 * inside one) instead of killing the process, so that it can say so and exit with 130 like a
 * shell does. Without SA_RESTART, a read of standard input that waits for data returns at once.
 */
class InterruptGuard final
{
public:
    InterruptGuard()
    {
        g_interrupted.store(false);
        struct sigaction action = {};
        action.sa_handler = onLoadInterrupt;
        sigemptyset(&action.sa_mask);
        m_installed = sigaction(SIGINT, &action, &m_previous) == 0;
    }
    ~InterruptGuard()
    {
        if (m_installed)
            sigaction(SIGINT, &m_previous, nullptr);
    }
    InterruptGuard(const InterruptGuard &) = delete;
    InterruptGuard &operator=(const InterruptGuard &) = delete;

private:
    struct sigaction m_previous = {};
    bool m_installed = false;
};

} // namespace

std::optional<Snapshot> loadInterruptibly(const std::vector<std::string> &paths)
{
    const InterruptGuard guard;
    LoadOptions options;
    options.cancel = &g_interrupted;
    Snapshot snapshot = loadSnapshot(paths, options);
    if (g_interrupted.load())
        return std::nullopt;
    return snapshot;
}

std::unique_ptr<PermissionGraph> loadGraph(const Options &opts, std::ostream &err, int *exitCode)
{
    *exitCode = 0;
    if (opts.files.empty() && !opts.demo) {
        err << "clearance: no input: give -f PATH (a file, a folder or - for stdin), or --demo\n";
        *exitCode = 2;
        return nullptr;
    }
    Snapshot snapshot;
    {
        const InterruptGuard guard;
        LoadOptions options;
        options.cancel = &g_interrupted;
        snapshot = opts.demo ? loadDemoSnapshot(options) : loadSnapshot(opts.files, options);
        if (g_interrupted.load()) {
            err << "clearance: interrupted while loading the input; nothing was evaluated\n";
            *exitCode = 130; // 128 + SIGINT, as shells report it
            return nullptr;
        }
    }
    bool problems = false;
    for (const auto &d : snapshot.diagnostics) {
        if (d.severity == Diagnostic::Severity::Info)
            continue;
        err << safe::line(d.toString()) << '\n';
        problems = true;
    }
    auto graph = std::make_unique<PermissionGraph>(std::move(snapshot), opts.cluster);
    for (const auto &d : graph->diagnostics()) {
        if (d.severity == Diagnostic::Severity::Info)
            continue;
        err << safe::line(d.toString()) << '\n';
        if (d.severity == Diagnostic::Severity::Error)
            problems = true;
    }
    if (problems && opts.strict) {
        err << "clearance: input problems with --strict; stopping\n";
        *exitCode = 2;
        return nullptr;
    }
    return graph;
}

std::optional<k8s::Request> parseRequest(const Options &opts, const PermissionGraph &graph, std::size_t first, std::ostream &err)
{
    const auto &pos = opts.positional;
    if (pos.size() < first + 2 || pos.size() > first + 3) {
        err << "clearance: " << opts.command << " needs VERB and TYPE[/NAME] or NONRESOURCEURL\nSee 'clearance --help'.\n";
        return std::nullopt;
    }
    k8s::Request req;
    req.verb = pos[first];
    const std::string &target = pos[first + 1];
    // An empty VERB or TYPE is a usage error: evaluated, "" would match whatever has an empty name.
    if (req.verb.empty()) {
        err << "clearance: VERB must not be empty\nSee 'clearance --help'.\n";
        return std::nullopt;
    }
    if (target.empty()) {
        err << "clearance: TYPE must not be empty (give a resource type such as pods, or a non-resource URL starting with /)\n"
               "See 'clearance --help'.\n";
        return std::nullopt;
    }
    req.ns = opts.allNamespaces ? std::string() : opts.ns;
    if (!target.empty() && target[0] == '/') {
        if (!opts.subresource.empty()) {
            err << "clearance: --subresource can not be used with a non-resource URL\n";
            return std::nullopt;
        }
        if (pos.size() == first + 3) {
            err << "clearance: a non-resource URL and a resource name can not be given together\n";
            return std::nullopt;
        }
        req.resourceRequest = false;
        req.path = target;
        if (!opts.nsGiven)
            req.ns.clear(); // a URL has no namespace; one given explicitly is kept so who-can can say it ignores it
        return req;
    }
    // As kubectl: TYPE/NAME splits at the first '/', the rest is the name.
    const auto slash = target.find('/');
    const std::string type = target.substr(0, slash);
    if (slash != std::string::npos)
        req.name = target.substr(slash + 1);
    if (pos.size() == first + 3) {
        if (!req.name.empty()) {
            err << "clearance: give the name either as TYPE/NAME or as NAME, not both\n";
            return std::nullopt;
        }
        req.name = pos[first + 2];
    }
    const auto resolved = graph.resources().resolve(type);
    if (!resolved.known) {
        err << "Warning: resource type '" << safe::line(resolved.resource) << "'"
            << (resolved.group.empty() ? std::string() : " in group '" + safe::line(resolved.group) + "'")
            << " is not a standard resource nor a CRD of the input; evaluating it as given\n";
    } else if (!resolved.namespaced && !opts.allNamespaces && opts.command == "can-i") {
        err << "Warning: resource '" << safe::line(resolved.resource) << "' is not namespace scoped\n";
    }
    req.apiGroup = resolved.group;
    req.resource = resolved.resource;
    req.subresource = opts.subresource;
    return req;
}

std::optional<Identity> resolveIdentity(const Options &opts, const PermissionGraph &graph, std::ostream &err)
{
    if (opts.as.empty()) {
        if (!opts.asGroups.empty()) {
            err << "clearance: --as-group needs --as\n";
            return std::nullopt;
        }
        err << "clearance: say who asks with --as (a user name, system:serviceaccount:NS:NAME, or an Entra UPN, object ID or display name)\n";
        return std::nullopt;
    }
    std::string error;
    Identity who = graph.identityFor(opts.as, opts.asGroups, &error);
    if (!error.empty()) {
        err << "clearance: " << safe::line(error) << '\n';
        return std::nullopt;
    }
    return who;
}

void printTable(std::ostream &out, const std::vector<std::vector<std::string>> &rows, bool headers)
{
    // Cells hold names from the input: each is made terminal-safe before it is measured.
    std::vector<std::vector<std::string>> cells;
    for (std::size_t r = headers ? 0 : 1; r < rows.size(); ++r) {
        auto &row = cells.emplace_back();
        for (const auto &cell : rows[r])
            row.push_back(safe::line(cell));
    }
    std::vector<std::size_t> widths;
    for (const auto &row : cells) {
        for (std::size_t c = 0; c < row.size(); ++c) {
            widths.resize(std::max(widths.size(), c + 1));
            widths[c] = std::max(widths[c], safe::displayWidth(row[c]));
        }
    }
    for (const auto &row : cells) {
        std::string line;
        for (std::size_t c = 0; c < row.size(); ++c) {
            line += row[c];
            if (c + 1 < row.size())
                line += std::string(widths[c] - safe::displayWidth(row[c]) + 3, ' ');
        }
        while (!line.empty() && line.back() == ' ')
            line.pop_back();
        out << line << '\n';
    }
}

} // namespace clr::cli
