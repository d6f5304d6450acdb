// SPDX-License-Identifier: GPL-3.0-or-later
#include "drafts/effect.h"

#include "graph/matrix.h"

#include <algorithm>
#include <map>
#include <set>
#include <tuple>

namespace clr::drafts {

namespace {

struct Reached
{
    Identity identity;
    std::string who;
    std::string via;
    bool nested = false;
    bool disabled = false;
};

std::string requestKey(const k8s::Request &r)
{
    return r.verb + '|' + r.apiGroup + '|' + r.resource + '|' + r.subresource + '|' + r.ns + '|' + r.path;
}

/** The namespaces a draft's object applies in: its own, or "" (cluster-wide) for cluster bindings
 *  and Azure assignments at or above the cluster. */
std::vector<std::string> scopesOf(const Draft &d)
{
    if (d.kind == DraftKind::RoleBinding)
        return {d.ns};
    if (d.kind == DraftKind::AzureAssignment) {
        const auto pos = d.scope.rfind("/namespaces/");
        if (pos != std::string::npos)
            return {d.scope.substr(pos + 12)};
    }
    return {std::string()};
}

void addRuleRequests(const k8s::PolicyRule &rule, const std::string &ns, std::vector<k8s::Request> &out)
{
    for (const auto &verb : rule.verbs) {
        if (verb == "*")
            continue;
        for (const auto &path : rule.nonResourceURLs) {
            if (path.find('*') == std::string::npos && ns.empty())
                out.push_back({verb, false, {}, {}, {}, {}, {}, path});
        }
        for (const auto &group : rule.apiGroups) {
            for (const auto &res : rule.resources) {
                if (group == "*" || res.find('*') != std::string::npos)
                    continue;
                k8s::Request r;
                r.verb = verb;
                r.apiGroup = group;
                const auto slash = res.find('/');
                r.resource = res.substr(0, slash);
                if (slash != std::string::npos)
                    r.subresource = res.substr(slash + 1);
                r.ns = ns;
                r.name = rule.resourceNames.empty() ? std::string() : rule.resourceNames.front();
                out.push_back(std::move(r));
            }
        }
    }
}

std::vector<k8s::Request> probesFor(const PermissionGraph &after, const Draft &d)
{
    std::vector<k8s::Request> out;
    const auto columns = defaultMatrixColumns(after);
    for (const std::string &ns : scopesOf(d)) {
        for (const auto &c : columns) {
            if (c.namespaced || ns.empty())
                out.push_back(c.request(ns));
        }
        if (!d.isKubernetes())
            continue;
        const auto &authz = after.kubernetes();
        const bool cluster = d.roleKind == "ClusterRole" || d.kind == DraftKind::ClusterRoleBinding;
        const int role = authz.findRole(cluster ? std::string() : d.ns, d.roleName, cluster);
        if (role >= 0) {
            for (const auto &rule : authz.cluster().roles[std::size_t(role)].rules)
                addRuleRequests(rule, ns, out);
        }
    }
    std::set<std::string> seen;
    std::erase_if(out, [&seen](const k8s::Request &r) { return !seen.insert(requestKey(r)).second; });
    return out;
}

std::vector<Reached> reachedBy(const PermissionGraph &graph, const Draft &d, const EffectOptions &options, DraftEffect &effect)
{
    std::vector<Reached> out;
    const auto &dir = graph.snapshot().directory;
    if (d.subject.kind == DraftSubject::Kind::ServiceAccount) {
        out.push_back({graph.identityFor("system:serviceaccount:" + d.subject.ns + ':' + d.subject.name, {}),
                       d.subject.ns + '/' + d.subject.name, {}, false, false});
        return out;
    }
    const entra::PrincipalId p = d.subject.objectId.empty() ? entra::NoPrincipal : dir.find(d.subject.objectId);
    if (p == entra::NoPrincipal) {
        std::vector<std::string> groups;
        if (d.subject.kind == DraftSubject::Kind::Group)
            groups.push_back(d.subject.name);
        const std::string user = d.subject.kind == DraftSubject::Kind::Group ? std::string("clearance:probe") : d.subject.name;
        out.push_back({graph.identityFor(user, groups), d.subject.displayName.empty() ? d.subject.name : d.subject.displayName, {}, false, false});
        return out;
    }
    std::vector<entra::PrincipalId> members;
    if (dir.at(p).type == entra::PrincipalType::Group) {
        for (entra::PrincipalId m : dir.transitiveMembers(p)) {
            if (dir.at(m).type != entra::PrincipalType::Group)
                members.push_back(m);
        }
    } else {
        members.push_back(p);
    }
    effect.membersSkipped = members.size() > options.memberLimit ? members.size() - options.memberLimit : 0;
    members.resize(std::min(members.size(), options.memberLimit));
    for (entra::PrincipalId m : members) {
        Reached r{graph.identityOf(m), dir.at(m).displayName.empty() ? dir.at(m).id : dir.at(m).displayName, {}, false, !dir.at(m).accountEnabled};
        if (m != p) {
            const auto chain = dir.groupChain(m, p);
            r.nested = chain.size() > 1;
            for (std::size_t i = 0; r.nested && i + 1 < chain.size(); ++i)
                r.via += (i ? ", in " : "member of ") + dir.at(chain[i]).displayName;
        }
        out.push_back(std::move(r));
    }
    return out;
}

DraftEffect effectOf(const PermissionGraph &before, const PermissionGraph &after, const Draft &d, const EffectOptions &options)
{
    DraftEffect effect{d.id, d.describe(), {}, 0, 0};
    const auto probes = probesFor(after, d);
    for (const Reached &r : reachedBy(before, d, options, effect)) {
        if (options.cancel && options.cancel->load())
            break;
        ++effect.membersChecked;
        Gain gain{r.who, r.identity.user.name, r.via, r.nested, r.disabled, {}};
        for (const auto &req : probes) {
            if (after.check(r.identity, req).allowed && !before.check(r.identity, req).allowed)
                gain.requests.push_back(req);
        }
        if (!gain.requests.empty())
            effect.gains.push_back(std::move(gain));
    }
    std::sort(effect.gains.begin(), effect.gains.end(), [](const Gain &a, const Gain &b) { return a.who < b.who; });
    return effect;
}

} // namespace

std::size_t EffectSummary::gainCount() const
{
    std::size_t n = 0;
    for (const auto &d : drafts)
        n += d.gains.size();
    return n;
}

std::string describeRequests(const std::vector<k8s::Request> &requests, std::size_t limit)
{
    // Group verbs by resource and scope: "get, list, watch pods in team-a".
    std::map<std::tuple<std::string, std::string>, std::vector<std::string>> byTarget;
    std::vector<std::tuple<std::string, std::string>> order;
    for (const auto &r : requests) {
        std::string what = r.resourceRequest ? r.resource + (r.subresource.empty() ? "" : '/' + r.subresource)
                                                   + (r.apiGroup.empty() ? "" : '.' + r.apiGroup)
                                             : r.path;
        if (!r.name.empty())
            what += " named " + r.name;
        const std::string where = !r.resourceRequest ? std::string() : (r.ns.empty() ? " cluster-wide" : " in " + r.ns);
        const auto key = std::make_tuple(what, where);
        if (!byTarget.count(key))
            order.push_back(key);
        byTarget[key].push_back(r.verb);
    }
    std::string out;
    std::size_t shown = 0;
    for (const auto &key : order) {
        if (shown++ == limit) {
            out += "; and " + std::to_string(order.size() - limit) + " more";
            break;
        }
        std::string verbs;
        for (const auto &v : byTarget[key])
            verbs += (verbs.empty() ? "" : ", ") + v;
        out += (out.empty() ? "" : "; ") + verbs + ' ' + std::get<0>(key) + std::get<1>(key);
    }
    return out;
}

std::string EffectSummary::text() const
{
    std::string out;
    for (const auto &d : drafts) {
        out += d.description + ":\n";
        if (d.gains.empty())
            out += "  nobody gains anything new\n";
        for (const auto &g : d.gains) {
            out += "  " + g.who;
            if (g.nested)
                out += " (through nested group: " + g.via + ')';
            if (g.disabled)
                out += " (disabled account)";
            out += " gains " + std::to_string(g.requests.size()) + ": " + describeRequests(g.requests) + '\n';
        }
        if (d.membersSkipped)
            out += "  (" + std::to_string(d.membersSkipped) + " more members not checked)\n";
    }
    return out;
}

EffectSummary computeEffect(const PermissionGraph &before, const PermissionGraph &after, const DraftSet &drafts, const EffectOptions &options)
{
    EffectSummary out;
    for (const Draft &d : drafts.drafts) {
        if (options.cancel && options.cancel->load())
            break;
        out.drafts.push_back(effectOf(before, after, d, options));
    }
    return out;
}

} // namespace clr::drafts
