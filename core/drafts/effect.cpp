// SPDX-License-Identifier: GPL-3.0-or-later
#include "drafts/effect.h"

#include "common/strings.h"
#include "drafts/applydrafts.h"

#include <algorithm>
#include <map>
#include <tuple>

namespace clr::drafts {

namespace {

/** The object a draft adds, as the comparison names it. */
ObjectRef objectOf(const Draft &d)
{
    if (!d.isKubernetes())
        return {ObjectRef::Kind::Assignment, d.assignmentId()};
    const k8s::Binding b = bindingOf(d);
    return b.cluster ? ObjectRef{ObjectRef::Kind::ClusterRoleBinding, b.name} : ObjectRef{ObjectRef::Kind::RoleBinding, b.ns, b.name};
}

bool sameObject(const ObjectRef &a, const ObjectRef &b)
{
    return a.kind == b.kind && a.ns == b.ns && (a.kind == ObjectRef::Kind::Assignment ? toLower(a.name) == toLower(b.name) : a.name == b.name);
}

std::string whoOf(const compare::Party &p)
{
    switch (p.kind) {
    case compare::Party::Kind::User:
    case compare::Party::Kind::ServicePrincipal:
        return p.displayName.empty() ? p.key.name : p.displayName;
    case compare::Party::Kind::ServiceAccount:
        return p.key.ns + '/' + p.key.name;
    default:
        return p.name;
    }
}

/** How a member reaches the draft's group: "member of Leads" when through a nested group. */
void nesting(const PermissionGraph &after, const Draft &d, const compare::Party &who, Gain &gain)
{
    const auto &dir = after.snapshot().directory;
    const entra::PrincipalId group = d.subject.kind == DraftSubject::Kind::Group && d.subject.isEntra() ? dir.find(d.subject.objectId) : entra::NoPrincipal;
    const entra::PrincipalId member = who.isEntra() ? dir.find(who.key.name) : entra::NoPrincipal;
    if (group == entra::NoPrincipal || member == entra::NoPrincipal)
        return;
    const auto chain = dir.groupChain(member, group);
    gain.nested = chain.size() > 1;
    for (std::size_t i = 0; gain.nested && i + 1 < chain.size(); ++i)
        gain.via += (i ? ", in " : "member of ") + dir.at(chain[i]).displayName;
}

/** What the comparison says one change gave: one Gain per party (Entra groups stand for their members). */
std::vector<Gain> gainsOf(const compare::Comparison &c, std::size_t change, const PermissionGraph &after, const Draft *draft)
{
    std::vector<Gain> out;
    for (const auto &d : c.identities) {
        if (d.who.kind == compare::Party::Kind::Group)
            continue;
        Gain gain{whoOf(d.who), d.who.name, {}, false, d.who.disabled, {}};
        for (const auto &line : d.gained)
            if (std::find(line.causes.begin(), line.causes.end(), change) != line.causes.end())
                gain.requests.insert(gain.requests.end(), line.requests.begin(), line.requests.end());
        if (gain.requests.empty())
            continue;
        if (draft)
            nesting(after, *draft, d.who, gain);
        out.push_back(std::move(gain));
    }
    std::sort(out.begin(), out.end(), [](const Gain &a, const Gain &b) { return a.who < b.who; });
    return out;
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
    }
    if (comparison.skipped)
        out += "(" + std::to_string(comparison.skipped) + " more identities not checked)\n";
    return out;
}

EffectSummary computeEffect(const PermissionGraph &before, const PermissionGraph &after, const DraftSet &drafts, const EffectOptions &options)
{
    EffectSummary out;
    compare::CompareOptions co;
    co.identityLimit = options.memberLimit;
    co.cancel = options.cancel;
    out.comparison = compare::compare(before, after, co);
    const auto &changes = out.comparison.changes;
    std::vector<bool> claimed(changes.size(), false);
    for (const Draft &d : drafts.drafts) {
        DraftEffect effect{d.id, d.describe(), {}};
        const ObjectRef object = objectOf(d);
        for (std::size_t i = 0; i < changes.size(); ++i) {
            if (!claimed[i] && sameObject(changes[i].ref, object) && changes[i].op == compare::Change::Op::Added) {
                claimed[i] = true;
                effect.gains = gainsOf(out.comparison, i, after, &d);
                break;
            }
        }
        out.drafts.push_back(std::move(effect));
    }
    // Generated least-privilege policies are added objects too: their bindings' effects.
    for (std::size_t i = 0; i < changes.size(); ++i) {
        if (!claimed[i] && changes[i].kind == compare::Change::Kind::Binding && changes[i].effective)
            out.drafts.push_back({std::string(), changes[i].summary + " (generated)", gainsOf(out.comparison, i, after, nullptr)});
    }
    return out;
}

} // namespace clr::drafts
