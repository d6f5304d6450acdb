// SPDX-License-Identifier: GPL-3.0-or-later
// clearance diff: who gains and who loses access between two snapshots (BASE and HEAD).
#include "cli/commands.h"

#include "cli/context.h"
#include "common/outputsafety.h"
#include "common/strings.h"
#include "compare/compare.h"
#include "compare/report.h"
#include "load/loader.h"

#include <algorithm>
#include <ostream>

namespace clr::cli {

namespace {

struct Sides
{
    std::vector<std::string> base, head; // each side's own paths, then the common -f paths
    std::string baseLabel, headLabel;
};

std::string label(const std::vector<std::string> &own, const std::vector<std::string> &common)
{
    std::string out = join(own, ", ");
    if (!common.empty())
        out += " (with " + join(common, ", ") + ')';
    return out;
}

/** BASE HEAD as two positional paths, or --base/--head lists; -f paths belong to both sides. */
std::optional<Sides> sidesOf(const Options &opts, std::ostream &err)
{
    const bool lists = !opts.base.empty() || !opts.head.empty();
    if (opts.demo) {
        err << "clearance: diff compares files: give BASE and HEAD (the demo is one snapshot)\n";
        return std::nullopt;
    }
    if (lists && !opts.positional.empty()) {
        err << "clearance: give BASE and HEAD either as two paths or as --base/--head lists, not both\nSee 'clearance --help'.\n";
        return std::nullopt;
    }
    Sides s;
    if (lists) {
        s.base = opts.base;
        s.head = opts.head;
    } else if (opts.positional.size() == 2) {
        s.base = {opts.positional[0]};
        s.head = {opts.positional[1]};
    }
    if (s.base.empty() || s.head.empty()) {
        err << "clearance: diff needs BASE and HEAD: two paths (files or folders), or --base PATH... and --head PATH...\n"
               "See 'clearance --help'.\n";
        return std::nullopt;
    }
    const auto stdinUses = std::count(s.base.begin(), s.base.end(), "-") + std::count(s.head.begin(), s.head.end(), "-")
        + 2 * std::count(opts.files.begin(), opts.files.end(), "-");
    if (stdinUses > 1) {
        err << "clearance: standard input (-) can feed one side only\n";
        return std::nullopt;
    }
    s.baseLabel = label(s.base, opts.files);
    s.headLabel = label(s.head, opts.files);
    s.base.insert(s.base.end(), opts.files.begin(), opts.files.end());
    s.head.insert(s.head.end(), opts.files.begin(), opts.files.end());
    return s;
}

/** --as WHO in HEAD, else in BASE: an Entra user, service principal or group, a service account, a user name. */
std::optional<ObjectRef> partyFor(const Options &opts, const PermissionGraph &base, const PermissionGraph &head, std::ostream &err)
{
    std::string firstError;
    for (const PermissionGraph *g : {&head, &base}) {
        const auto &dir = g->snapshot().directory;
        const auto matches = dir.lookup(opts.as);
        if (matches.size() == 1 && dir.at(matches.front()).type == entra::PrincipalType::Group)
            return compare::principalParty(*g, matches.front()).key;
        std::string error;
        const Identity who = g->identityFor(opts.as, opts.asGroups, &error);
        if (error.empty() && (who.isEntra() || g == &base))
            return compare::partyOf(*g, who).key;
        if (firstError.empty())
            firstError = error;
    }
    err << "clearance: " << safe::line(firstError) << '\n';
    return std::nullopt;
}

struct Loaded
{
    std::unique_ptr<PermissionGraph> graph;
    Diagnostics problems; // the loader's (not Info) and the graph's errors: what --strict stops on
    Diagnostics shown;    // every finding worth showing
};

/** Both graphs, or nothing when Ctrl+C interrupted loading (interrupted is set). */
Loaded load(const std::vector<std::string> &paths, const Options &opts, bool &interrupted)
{
    Loaded out;
    if (interrupted)
        return out;
    std::optional<Snapshot> loaded = loadInterruptibly(paths);
    if (!loaded) {
        interrupted = true;
        return out;
    }
    Snapshot snapshot = std::move(*loaded);
    for (const auto &d : snapshot.diagnostics)
        if (d.severity != Diagnostic::Severity::Info)
            out.problems.push_back(d);
    out.shown = out.problems;
    out.graph = std::make_unique<PermissionGraph>(std::move(snapshot), opts.cluster);
    for (const auto &d : out.graph->diagnostics()) {
        if (d.severity == Diagnostic::Severity::Info)
            continue;
        out.shown.push_back(d);
        if (d.severity == Diagnostic::Severity::Error)
            out.problems.push_back(d);
    }
    return out;
}

/** HEAD's findings, then BASE's that HEAD does not share: the same file in two checkouts says it once. */
void report(const Loaded &base, const Loaded &head, std::ostream &err)
{
    auto same = [](const Diagnostic &a, const Diagnostic &b) { return a.message == b.message && a.line == b.line && a.column == b.column; };
    for (const auto &d : head.shown)
        err << "HEAD: " << safe::line(d.toString()) << '\n';
    for (const auto &d : base.shown)
        if (std::none_of(head.shown.begin(), head.shown.end(), [&](const Diagnostic &h) { return same(d, h); }))
            err << "BASE: " << safe::line(d.toString()) << '\n';
}

int exitFor(const Options &opts, const compare::Comparison &c)
{
    const bool gained = c.gainedCount() > 0, lost = c.lostCount() > 0;
    if ((opts.failOn == "gained" && gained) || (opts.failOn == "lost" && lost) || (opts.failOn == "any" && (gained || lost)))
        return 1;
    return 0;
}

} // namespace

int runDiff(const Options &opts, std::ostream &out, std::ostream &err)
{
    if (opts.output != "table" && opts.output != "json" && opts.output != "html") {
        err << "clearance: diff writes table, json or html, not '" << opts.output << "'\n";
        return 2;
    }
    if (!opts.failOn.empty() && opts.failOn != "gained" && opts.failOn != "lost" && opts.failOn != "any") {
        err << "clearance: --fail-on takes gained, lost or any, not '" << opts.failOn << "'\n";
        return 2;
    }
    if (!opts.asGroups.empty()) {
        err << "clearance: diff compares identities as the snapshots define them: --as-group does not apply\n";
        return 2;
    }
    const auto sides = sidesOf(opts, err);
    if (!sides)
        return 2;
    bool interrupted = false;
    const Loaded base = load(sides->base, opts, interrupted), head = load(sides->head, opts, interrupted);
    if (interrupted) {
        err << "clearance: interrupted while loading the input; nothing was compared\n";
        return 130; // 128 + SIGINT, as loadGraph() answers
    }
    report(base, head, err);
    if (opts.strict && (!base.problems.empty() || !head.problems.empty())) {
        err << "clearance: input problems with --strict; stopping\n";
        return 2;
    }
    compare::CompareOptions options;
    if (!opts.as.empty()) {
        options.only = partyFor(opts, *base.graph, *head.graph, err);
        if (!options.only)
            return 2;
    }
    compare::Comparison result = compare::compare(*base.graph, *head.graph, options);
    if (opts.nsGiven)
        result = result.inNamespace(opts.ns);
    const compare::ReportInfo info{sides->baseLabel, sides->headLabel};
    if (opts.output == "json")
        out << compare::toJson(result, info);
    else if (opts.output == "html")
        out << compare::toHtml(result, info);
    else
        out << compare::toText(result, info);
    return exitFor(opts, result);
}

} // namespace clr::cli
