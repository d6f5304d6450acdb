// SPDX-License-Identifier: GPL-3.0-or-later
// clearance export --what matrix -n NS: the identities of a namespace through a matrix view, the same
// view (generate/matrixview.h) the desktop app's filter bar builds and saves.
#include "export_p.h"

#include "common/outputsafety.h"
#include "common/strings.h"
#include "generate/viewstore.h"

#include <algorithm>
#include <ostream>

namespace clr::cli {

namespace {

bool fail(std::ostream &err, const std::string &message)
{
    err << "clearance: " << safe::line(message) << '\n';
    return false;
}

/** Every item of repeatable, comma-separated flag values. */
std::vector<std::string> items(const std::vector<std::string> &values)
{
    std::vector<std::string> out;
    for (const auto &v : values) {
        for (auto part : split(v, ',')) {
            std::string item = trim(part);
            if (!item.empty())
                out.push_back(std::move(item));
        }
    }
    return out;
}

/** --member-of: an Entra group by object ID or unique display name, as its object ID. */
bool resolveGroup(const std::string &text, const PermissionGraph &graph, std::string &id, std::ostream &err)
{
    const auto &dir = graph.snapshot().directory;
    std::vector<entra::PrincipalId> groups;
    for (auto p : dir.lookup(text)) {
        if (dir.at(p).type == entra::PrincipalType::Group)
            groups.push_back(p);
    }
    if (groups.empty())
        return fail(err, "--member-of: no Entra group '" + text + "' in the snapshot");
    if (groups.size() > 1)
        return fail(err, "--member-of: '" + text + "' names " + std::to_string(groups.size()) + " groups; use the object ID");
    id = dir.at(groups.front()).id;
    return true;
}

bool applyFlags(const Options &opts, const PermissionGraph &graph, gen::MatrixView &view, std::ostream &err)
{
    std::string error;
    if (!opts.columns.empty()) {
        view.columns.clear();
        view.presets.clear();
        for (const auto &list : opts.columns)
            if (!gen::addColumnPicks(view, list, &error))
                return fail(err, "--columns: " + error);
        if (!gen::checkPicks(view.columns, defaultMatrixColumns(graph), &error))
            return fail(err, "--columns: " + error);
    }
    if (!opts.kinds.empty()) {
        view.kinds.clear();
        for (const auto &item : items(opts.kinds)) {
            const auto kind = parseRowKind(item);
            if (!kind)
                return fail(err, "--kind: unknown kind '" + item
                                     + "' (user, guest, service-principal, managed-identity, service-account, kubernetes-user, "
                                       "kubernetes-group, unresolved)");
            if (std::find(view.kinds.begin(), view.kinds.end(), *kind) == view.kinds.end())
                view.kinds.push_back(*kind);
        }
    }
    if (!opts.planes.empty()) {
        view.planes = 0;
        for (const auto &item : items(opts.planes)) {
            const auto plane = gen::parsePlaneName(item);
            if (!plane)
                return fail(err, "--plane: unknown plane '" + item + "' (kubernetes, azure, aks-admin-group, admin-credential)");
            view.planes |= planeBit(*plane);
        }
    }
    if (!opts.memberOf.empty() && !resolveGroup(opts.memberOf, graph, view.memberOf, err))
        return false;
    if (!opts.accounts.empty()) {
        const auto accounts = gen::parseAccountFilter(opts.accounts);
        if (!accounts)
            return fail(err, "--accounts: expected enabled, disabled or any, not '" + opts.accounts + "'");
        view.accounts = *accounts;
    }
    if (!opts.sort.empty() && !gen::setSort(view, opts.sort, &error))
        return fail(err, "--sort: " + error);
    if (opts.onlyAllowed && opts.allRows)
        return fail(err, "--only-allowed and --all-rows exclude each other");
    if (opts.onlyAllowed)
        view.onlyAllowed = true;
    if (opts.allRows)
        view.onlyAllowed = false;
    return true;
}

/** Without a chosen view, a report lists who can do something: rows whose shown cells are all denied go. */
void dropEmptyRows(gen::MatrixTable &t)
{
    std::size_t dropped = 0;
    for (std::size_t r = t.cells.size(); r-- > 0;) {
        const auto &row = t.cells[r];
        if (std::any_of(row.begin(), row.end(), [](const auto &c) { return c.state != MatrixCell::State::Denied; }))
            continue;
        t.cells.erase(t.cells.begin() + std::ptrdiff_t(r));
        t.rowHeaders.erase(t.rowHeaders.begin() + std::ptrdiff_t(r));
        ++dropped;
    }
    if (dropped)
        t.notes.push_back(std::to_string(dropped) + " identities without any of these permissions are not listed.");
}

} // namespace

bool viewChosen(const Options &opts)
{
    return !opts.view.empty() || opts.onlyAllowed || opts.allRows;
}

std::optional<gen::MatrixView> matrixViewOf(const Options &opts, const PermissionGraph &graph, std::ostream &err)
{
    gen::MatrixView view;
    if (!opts.view.empty()) {
        std::string error;
        auto saved = gen::MatrixViewStore().load(opts.view, &error);
        if (!saved) {
            fail(err, error);
            return std::nullopt;
        }
        view = std::move(*saved);
    }
    if (!applyFlags(opts, graph, view, err))
        return std::nullopt;
    return view;
}

std::optional<gen::MatrixTable> namespaceMatrixTable(const Options &opts, const PermissionGraph &graph, std::ostream &err)
{
    const auto view = matrixViewOf(opts, graph, err);
    if (!view)
        return std::nullopt;
    const gen::MatrixRowSet rows(graph, requesterRows(graph));
    const auto columns = defaultMatrixColumns(graph);
    const gen::ViewResult result = gen::applyView(rows, columns, opts.ns, *view);
    if (!result.error.empty()) {
        fail(err, result.error);
        return std::nullopt;
    }
    gen::MatrixTable table = gen::tableOfView(rows, columns, opts.ns, *view, result);
    if (!viewChosen(opts)) {
        table.notes.pop_back(); // "N of M identities shown" no longer holds
        dropEmptyRows(table);
    }
    return table;
}

} // namespace clr::cli
