// SPDX-License-Identifier: GPL-3.0-or-later
// The proof asks the one evaluator (PermissionGraph, over a snapshot holding only the generated
// objects): a generated policy is judged exactly as can-i would judge it.
#include "generate/proof.h"

#include "graph/permissiongraph.h"

#include <algorithm>
#include <map>
#include <set>
#include <tuple>

namespace clr::gen {

namespace {

constexpr const char *kOtherNamespace = "clearance-probe-other-namespace";
constexpr const char *kOtherName = "clearance-probe-other-name";
constexpr const char *kOtherPath = "/clearance-probe-below";
constexpr const char *kStranger = "clearance:probe-stranger";

using ResourceKey = std::tuple<std::string, std::string, std::string>; // group, resource, subresource

struct CandidateSpace
{
    std::map<ResourceKey, std::set<std::string>> names; // requested names per resource
    std::map<ResourceKey, std::set<std::string>> verbs;
    std::set<std::string> namespaces{"", kOtherNamespace};
    std::map<std::string, std::set<std::string>> pathVerbs;
};

CandidateSpace spaceOf(const std::vector<k8s::Request> &requests)
{
    CandidateSpace s;
    for (const auto &r : requests) {
        if (!r.resourceRequest) {
            s.pathVerbs[r.path].insert(r.verb);
            continue;
        }
        const ResourceKey key{r.apiGroup, r.resource, r.subresource};
        auto &names = s.names[key];
        names.insert("");
        names.insert(kOtherName);
        if (!r.name.empty())
            names.insert(r.name);
        s.verbs[key].insert(r.verb);
        s.namespaces.insert(r.ns);
    }
    return s;
}

std::vector<k8s::Request> candidatesOf(const CandidateSpace &s)
{
    std::vector<k8s::Request> out;
    for (const auto &[key, names] : s.names) {
        std::set<std::string> verbs(standardVerbs().begin(), standardVerbs().end());
        verbs.insert(s.verbs.at(key).begin(), s.verbs.at(key).end());
        for (const auto &verb : verbs)
            for (const auto &ns : s.namespaces)
                for (const auto &name : names)
                    out.push_back({verb, true, std::get<0>(key), std::get<1>(key), std::get<2>(key), name, ns, {}});
    }
    for (const auto &[path, seen] : s.pathVerbs) {
        std::set<std::string> verbs(httpVerbs().begin(), httpVerbs().end());
        verbs.insert(seen.begin(), seen.end());
        for (const auto &verb : verbs) {
            out.push_back({verb, false, {}, {}, {}, {}, {}, path});
            out.push_back({verb, false, {}, {}, {}, {}, {}, (path == "/" ? std::string() : path) + kOtherPath});
        }
    }
    return out;
}

bool coveredBy(const std::vector<k8s::Request> &list, const k8s::Request &r)
{
    return std::any_of(list.begin(), list.end(), [&](const auto &x) { return covers(x, r); });
}

PermissionGraph graphOf(const GeneratedPolicy &policy)
{
    Snapshot snapshot;
    snapshot.kube.roles = policy.roles;
    snapshot.kube.bindings = policy.bindings;
    return PermissionGraph(std::move(snapshot));
}

/** Asks the graph for one probe identity, its profile gathered once. */
class Prober final
{
public:
    Prober(const PermissionGraph &graph, k8s::UserInfo user)
        : m_graph(graph)
        , m_profile(graph.profile(identityOf(std::move(user))))
    {
    }
    bool allows(const k8s::Request &r) const { return m_graph.evaluate(m_profile, m_graph.query(r)).allowed; }

private:
    static Identity identityOf(k8s::UserInfo user)
    {
        Identity who;
        who.serviceAccount = k8s::parseServiceAccountUser(user.name, nullptr, nullptr);
        who.user = std::move(user);
        return who;
    }
    const PermissionGraph &m_graph;
    AccessProfile m_profile;
};

std::string listed(const std::vector<k8s::Request> &requests, std::size_t max = 5)
{
    std::string out;
    for (std::size_t i = 0; i < requests.size() && i < max; ++i)
        out += (i ? "; " : "") + describeRequest(requests[i]);
    if (requests.size() > max)
        out += "; and " + std::to_string(requests.size() - max) + " more";
    return out;
}

std::string plural(std::size_t n, const char *word)
{
    return std::to_string(n) + ' ' + word + (n == 1 ? "" : "s");
}

} // namespace

Proof verify(const GeneratedPolicy &policy)
{
    Proof proof;
    proof.requested = policy.requested;
    proof.expanded = policy.expanded;
    const PermissionGraph graph = graphOf(policy);
    const Prober subject(graph, probeUser(policy.subject));
    const Prober stranger(graph, k8s::impersonate(kStranger, {}));
    for (const auto &r : policy.requested) {
        if (!subject.allows(r))
            proof.missing.push_back(r);
    }
    std::vector<k8s::Request> all = policy.requested;
    all.insert(all.end(), policy.expanded.begin(), policy.expanded.end());
    for (const auto &c : candidatesOf(spaceOf(all))) {
        ++proof.candidates;
        if (stranger.allows(c))
            proof.grantedToOthers.push_back(c);
        if (!subject.allows(c) || coveredBy(policy.requested, c))
            continue;
        (coveredBy(policy.expanded, c) ? proof.expansions : proof.extras).push_back(c);
    }
    return proof;
}

std::string Proof::summary() const
{
    std::string out;
    if (exact()) {
        out = requested.size() == 1 ? std::string("grants exactly this 1 permission") : "grants exactly these " + plural(requested.size(), "permission");
        if (!expanded.empty())
            out += " (and " + std::to_string(expanded.size()) + " more by the documented verb expansions: " + listed(expanded) + ')';
        return out;
    }
    if (!missing.empty())
        out += "DENIES " + std::to_string(missing.size()) + " of the " + plural(requested.size(), "requested permission") + ": "
            + listed(missing);
    if (!extras.empty())
        out += std::string(out.empty() ? "" : "; ") + "grants " + plural(extras.size(), "permission") + " beyond the request: " + listed(extras);
    if (!grantedToOthers.empty())
        out += std::string(out.empty() ? "" : "; ") + "grants " + plural(grantedToOthers.size(), "permission")
            + " to users other than the subject: " + listed(grantedToOthers);
    return out;
}

} // namespace clr::gen
