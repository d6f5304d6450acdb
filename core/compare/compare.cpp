// SPDX-License-Identifier: GPL-3.0-or-later
// The comparison: changes, the parties they reach, both sides evaluated, differences grouped the way the
// matrix shows them (scope, then resources with their verbs) and by cause.
#include "compare/compare.h"

#include "affected_p.h"
#include "causes_p.h"
#include "changes_p.h"
#include "evaluate_p.h"
#include "graph/matrix.h"
#include "probes_p.h"

#include <algorithm>
#include <map>
#include <tuple>

namespace clr::compare {

using namespace detail;

namespace {

/** A group of differing cells that read as one line: same direction, scope and causes. */
struct Line
{
    bool gained = false;
    Scope scope;
    std::vector<std::size_t> causes;
    std::string row; // the namespace asked for the explanation ("" = the cluster-scope row)
    std::vector<std::size_t> probes;
};

int verbRank(const std::string &verb)
{
    const auto &verbs = matrixVerbs();
    const auto it = std::find(verbs.begin(), verbs.end(), verb);
    return it == verbs.end() ? int(verbs.size()) : int(it - verbs.begin());
}

/** "get, list, watch pods, pods/log": resources with the same verbs share a permission. */
std::vector<Permission> compress(const std::vector<k8s::Request> &requests)
{
    std::vector<std::pair<std::string, std::vector<std::string>>> byLabel;
    for (const auto &r : requests) {
        const std::string label = requestLabel(r);
        auto it = std::find_if(byLabel.begin(), byLabel.end(), [&](const auto &e) { return e.first == label; });
        if (it == byLabel.end())
            it = byLabel.insert(byLabel.end(), {label, {}});
        if (std::find(it->second.begin(), it->second.end(), r.verb) == it->second.end())
            it->second.push_back(r.verb);
    }
    std::vector<Permission> out;
    for (auto &[label, verbs] : byLabel) {
        std::sort(verbs.begin(), verbs.end(), [](const auto &a, const auto &b) {
            return verbRank(a) != verbRank(b) ? verbRank(a) < verbRank(b) : a < b;
        });
        auto it = std::find_if(out.begin(), out.end(), [&](const Permission &p) { return p.verbs == verbs; });
        if (it == out.end())
            out.push_back({verbs, {label}});
        else
            it->resources.push_back(label);
    }
    return out;
}

class DeltaBuilder
{
public:
    DeltaBuilder(const ChangeIndex &index, const std::vector<Change> &changes, Probes &probes)
        : m_index(index)
        , m_changes(changes)
        , m_probes(probes)
    {
    }

    IdentityDelta build(const Party &party, PartyEval &e)
    {
        m_lines.clear();
        for (auto &cache : m_chains)
            cache.clear(); // keyed by principal: a cache per party stays small
        for (std::size_t i = 0; i < e.cells.size();) {
            std::size_t end = i;
            while (end < e.cells.size() && e.cells[end].probe == e.cells[i].probe)
                ++end;
            probeLines(e, i, end);
            i = end;
        }
        IdentityDelta out{party, {}, {}};
        for (auto &line : m_lines)
            (line.gained ? out.gained : out.lost).push_back(toChange(e, line));
        for (auto *list : {&out.gained, &out.lost})
            std::stable_sort(list->begin(), list->end(), [](const PermissionChange &a, const PermissionChange &b) {
                const int ka = a.scope.kind == Scope::Kind::Namespace ? 2 : int(a.scope.kind == Scope::Kind::Cluster);
                const int kb = b.scope.kind == Scope::Kind::Namespace ? 2 : int(b.scope.kind == Scope::Kind::Cluster);
                return std::tie(ka, a.scope.ns) < std::tie(kb, b.scope.ns);
            });
        return out;
    }

private:
    /** The cells of one probe [first, last): one line per scope. */
    void probeLines(PartyEval &e, std::size_t first, std::size_t last)
    {
        const std::size_t probe = e.cells[first].probe;
        const Probe &p = m_probes.at(probe);
        const CellDiff *top = e.cells[first].ns.empty() ? &e.cells[first] : nullptr;
        if (top && !(p.namespaced[0] || p.namespaced[1])) {
            add(e, top->gained, {Scope::Kind::Cluster, {}, {}}, {}, probe);
            return;
        }
        if (top) {
            // Allowed across namespaces on one side only: every namespace without a part of its own
            // follows; those where the answer did not change are the exceptions.
            Scope scope{Scope::Kind::AllNamespaces, {}, {}};
            for (const auto &row : e.rows) {
                const bool same = std::any_of(e.cells.begin() + std::ptrdiff_t(first), e.cells.begin() + std::ptrdiff_t(last),
                                              [&](const CellDiff &c) { return c.ns == row && c.gained == top->gained; });
                if (!same)
                    scope.except.push_back(row);
            }
            add(e, top->gained, std::move(scope), {}, probe);
        }
        for (std::size_t i = first; i < last; ++i) {
            const CellDiff &c = e.cells[i];
            if (!c.ns.empty() && (!top || c.gained != top->gained))
                add(e, c.gained, {Scope::Kind::Namespace, c.ns, {}}, c.ns, probe);
        }
    }

    void add(PartyEval &e, bool gained, Scope scope, const std::string &row, std::size_t probe)
    {
        const Side s = gained ? Side::Head : Side::Base;
        Query &q = m_probes.query(s, probe);
        q.request.ns = m_probes.at(probe).namespaced[int(s)] ? row : std::string();
        auto causes = causesOf(e.side[int(s)], s, m_index, m_changes, q, m_chains[int(s)]);
        q.request.ns.clear();
        auto it = std::find_if(m_lines.begin(), m_lines.end(),
                               [&](const Line &l) { return l.gained == gained && l.scope == scope && l.causes == causes; });
        if (it == m_lines.end())
            it = m_lines.insert(m_lines.end(), Line{gained, std::move(scope), std::move(causes), row, {}});
        it->probes.push_back(probe);
    }

    PermissionChange toChange(const PartyEval &e, const Line &line) const
    {
        PermissionChange out;
        out.scope = line.scope;
        out.causes = line.causes;
        for (auto p : line.probes) {
            k8s::Request r = m_probes.at(p).request;
            r.ns = line.scope.kind == Scope::Kind::Namespace ? line.scope.ns : std::string();
            out.requests.push_back(std::move(r));
        }
        out.permissions = compress(out.requests);
        const Side s = line.gained ? Side::Head : Side::Base;
        k8s::Request asked = m_probes.at(line.probes.front()).request;
        asked.ns = m_probes.at(line.probes.front()).namespaced[int(s)] ? line.row : std::string();
        out.path = pathThrough(e.side[int(s)], asked, m_changes, line.causes);
        return out;
    }

    const ChangeIndex &m_index;
    const std::vector<Change> &m_changes;
    Probes &m_probes;
    std::vector<Line> m_lines;
    ChainCache m_chains[2]; // per side
};

bool cancelled(const CompareOptions &options)
{
    return options.cancel && options.cancel->load();
}

} // namespace

Comparison compare(const PermissionGraph &base, const PermissionGraph &head, const CompareOptions &options)
{
    Comparison out;
    ChangeIndex index;
    out.changes = detectChanges(base, head, index);
    std::vector<Party> parties;
    if (options.only) {
        if (auto p = findParty(base, head, *options.only))
            parties.push_back(std::move(*p));
    } else {
        parties = partiesOf(base, head, index, affectedBy(base, head, index));
    }
    if (options.identityLimit && parties.size() > options.identityLimit) {
        out.skipped = parties.size() - options.identityLimit;
        parties.resize(options.identityLimit);
    }
    Probes probes(base, head);
    DeltaBuilder builder(index, out.changes, probes);
    EvalCache cache;
    for (const Party &party : parties) {
        if (cancelled(options)) {
            out.cancelled = true;
            break;
        }
        ++out.evaluated;
        PartyEval e = cache.evaluate(base, head, party, probes);
        if (e.cells.empty())
            continue;
        out.identities.push_back(builder.build(party, e));
    }
    for (const auto &d : out.identities)
        for (const auto *list : {&d.gained, &d.lost})
            for (const auto &line : *list)
                for (auto c : line.causes)
                    out.changes[c].effective = true;
    if (out.skipped)
        out.notes.push_back(std::to_string(out.skipped) + " more identities could be affected and were not evaluated (limit "
                            + std::to_string(options.identityLimit) + ')');
    if (options.only)
        out.notes.push_back("only one identity was evaluated: \"no effect\" means no effect on it");
    if (!base.cluster() || !head.cluster())
        out.notes.push_back("no AKS cluster selected on " + std::string(!base.cluster() ? "BASE" : "HEAD")
                            + ": Azure RBAC, the admin groups and the admin credential do not count there");
    out.reindex();
    return out;
}

} // namespace clr::compare
