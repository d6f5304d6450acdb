// SPDX-License-Identifier: GPL-3.0-or-later
// What changed in Kubernetes RBAC: bindings (subjects, roleRef, renames) and roles (rules, labels,
// aggregation, and the rules aggregation gives them).
#include "changes_p.h"

#include "common/strings.h"

#include <algorithm>
#include <iterator>
#include <map>
#include <tuple>

namespace clr::compare::detail {

namespace {

std::string list(const std::vector<std::string> &v)
{
    std::string out = "[";
    for (std::size_t i = 0; i < v.size(); ++i)
        out += (i ? ", " : "") + (v[i].empty() ? std::string("\"\"") : v[i]);
    return out + ']';
}

std::string ruleText(const k8s::PolicyRule &r)
{
    std::string out = "verbs " + list(r.verbs);
    if (!r.nonResourceURLs.empty())
        return out + " nonResourceURLs " + list(r.nonResourceURLs);
    out += " resources " + list(r.resources) + " apiGroups " + list(r.apiGroups);
    if (!r.resourceNames.empty())
        out += " resourceNames " + list(r.resourceNames);
    return out;
}

ObjectRef bindingRef(const k8s::Binding &b)
{
    return b.cluster ? ObjectRef{ObjectRef::Kind::ClusterRoleBinding, b.name} : ObjectRef{ObjectRef::Kind::RoleBinding, b.ns, b.name};
}

ObjectRef roleRef(const k8s::Role &r)
{
    return r.cluster ? ObjectRef{ObjectRef::Kind::ClusterRole, r.name} : ObjectRef{ObjectRef::Kind::Role, r.ns, r.name};
}

std::string kindText(const ObjectRef &ref)
{
    switch (ref.kind) {
    case ObjectRef::Kind::RoleBinding:
        return "RoleBinding " + ref.ns + '/' + ref.name;
    case ObjectRef::Kind::ClusterRoleBinding:
        return "ClusterRoleBinding " + ref.name;
    case ObjectRef::Kind::Role:
        return "Role " + ref.ns + '/' + ref.name;
    case ObjectRef::Kind::ClusterRole:
        return "ClusterRole " + ref.name;
    default:
        return ref.toString();
    }
}

/** The subjects as the authorizer reads them (a ServiceAccount's namespace defaulted), sorted. */
std::vector<k8s::Subject> normalSubjects(const k8s::Binding &b)
{
    std::vector<k8s::Subject> out = b.subjects;
    for (auto &s : out) {
        if (s.kind == k8s::Subject::Kind::ServiceAccount && s.ns.empty() && !b.cluster)
            s.ns = b.ns;
    }
    std::sort(out.begin(), out.end(), [](const auto &x, const auto &y) {
        return std::tie(x.kind, x.ns, x.name) < std::tie(y.kind, y.ns, y.name);
    });
    return out;
}

std::string subjectText(const PermissionGraph &a, const PermissionGraph &b, const k8s::Subject &s)
{
    std::string out = std::string(k8s::subjectKindName(s.kind)) + ' ' + (s.ns.empty() ? s.name : s.ns + '/' + s.name);
    if (s.kind != k8s::Subject::Kind::Group)
        return out;
    for (const PermissionGraph *g : {&b, &a}) {
        const auto &dir = g->snapshot().directory;
        const auto p = dir.find(s.name);
        if (p != entra::NoPrincipal && !dir.at(p).displayName.empty())
            return out + " (" + dir.at(p).displayName + ')';
    }
    return out;
}

std::vector<std::string> rulesOf(const std::vector<k8s::PolicyRule> &rules)
{
    std::vector<std::string> out;
    for (const auto &r : rules)
        out.push_back(ruleText(r));
    return out;
}

/** "- x" for what only `before` has and "+ x" for what only `after` has (multisets, sorted). */
void setDiff(std::vector<std::string> before, std::vector<std::string> after, const std::string &what, std::vector<std::string> &details)
{
    std::sort(before.begin(), before.end());
    std::sort(after.begin(), after.end());
    std::vector<std::string> gone, added;
    std::set_difference(before.begin(), before.end(), after.begin(), after.end(), std::back_inserter(gone));
    std::set_difference(after.begin(), after.end(), before.begin(), before.end(), std::back_inserter(added));
    for (const auto &x : gone)
        details.push_back("- " + what + x);
    for (const auto &x : added)
        details.push_back("+ " + what + x);
}

/** Objects by key; a key defined twice keeps every occurrence, in file order. */
template<typename T, typename RefOf>
std::map<std::string, std::vector<std::uint32_t>> byKey(const std::vector<T> &objects, RefOf refOf)
{
    std::map<std::string, std::vector<std::uint32_t>> out;
    for (std::uint32_t i = 0; i < objects.size(); ++i)
        out[refOf(objects[i]).toString()].push_back(i);
    return out;
}

// ---------------------------------------------------------------- bindings

struct BindingDiff
{
    const PermissionGraph &base, &head;
    std::vector<Change> &out;
    ChangeIndex &index;

    const k8s::Binding &at(Side s, std::uint32_t i) const { return (s == Side::Base ? base : head).snapshot().kube.bindings[i]; }

    std::vector<std::string> edits(const k8s::Binding &b, const k8s::Binding &h) const
    {
        std::vector<std::string> details;
        if (b.roleRef.kind != h.roleRef.kind || b.roleRef.name != h.roleRef.name)
            details.push_back("roleRef " + b.roleRef.kind + ' ' + b.roleRef.name + " → " + h.roleRef.kind + ' ' + h.roleRef.name);
        const auto sb = normalSubjects(b), sh = normalSubjects(h);
        if (sb == sh) {
            if (b.subjects != h.subjects)
                details.push_back("subjects reordered");
            return details;
        }
        std::vector<std::string> before, after;
        for (const auto &s : sb)
            before.push_back(subjectText(base, head, s));
        for (const auto &s : sh)
            after.push_back(subjectText(base, head, s));
        setDiff(before, after, "subject ", details);
        return details;
    }

    int add(Change::Op op, const ObjectRef &ref, std::vector<std::string> details, int b, int h)
    {
        Change c;
        c.kind = Change::Kind::Binding;
        c.op = op;
        c.ref = ref;
        c.summary = kindText(ref) + ' ' + changeOpName(op);
        c.details = std::move(details);
        if (b >= 0)
            c.baseSource = sourceText(base, at(Side::Base, std::uint32_t(b)).source);
        if (h >= 0)
            c.headSource = sourceText(head, at(Side::Head, std::uint32_t(h)).source);
        const int id = addChange(out, std::move(c));
        if (b >= 0)
            index.of(Side::Base).binding[std::size_t(b)] = id;
        if (h >= 0)
            index.of(Side::Head).binding[std::size_t(h)] = id;
        return id;
    }

    std::vector<std::string> contents(Side s, std::uint32_t i) const
    {
        const auto &b = at(s, i);
        std::vector<std::string> details{"roleRef " + b.roleRef.kind + ' ' + b.roleRef.name};
        for (const auto &subject : normalSubjects(b))
            details.push_back("subject " + subjectText(base, head, subject));
        return details;
    }

    /** A binding removed and one added in the same namespace with the same role and subjects: a rename. */
    void pairRenames(std::vector<std::uint32_t> &removed, std::vector<std::uint32_t> &added)
    {
        for (auto r = removed.begin(); r != removed.end();) {
            const auto &b = at(Side::Base, *r);
            const auto match = std::find_if(added.begin(), added.end(), [&](std::uint32_t a) {
                const auto &h = at(Side::Head, a);
                return h.cluster == b.cluster && h.ns == b.ns && h.roleRef.kind == b.roleRef.kind && h.roleRef.name == b.roleRef.name
                    && normalSubjects(h) == normalSubjects(b);
            });
            if (match == added.end()) {
                ++r;
                continue;
            }
            const auto &h = at(Side::Head, *match);
            Change c;
            c.kind = Change::Kind::Binding;
            c.op = Change::Op::Renamed;
            c.ref = bindingRef(h);
            c.from = bindingRef(b);
            c.summary = kindText(c.from) + " renamed to " + h.name;
            c.baseSource = sourceText(base, b.source);
            c.headSource = sourceText(head, h.source);
            const int id = addChange(out, std::move(c));
            index.of(Side::Base).binding[*r] = id;
            index.of(Side::Head).binding[*match] = id;
            added.erase(match);
            r = removed.erase(r);
        }
    }

    void run()
    {
        const auto b = byKey(base.snapshot().kube.bindings, bindingRef);
        const auto h = byKey(head.snapshot().kube.bindings, bindingRef);
        std::vector<std::uint32_t> removed, added;
        for (const auto &[key, list] : b) {
            const auto it = h.find(key);
            const std::size_t common = it == h.end() ? 0 : std::min(list.size(), it->second.size());
            for (std::size_t k = 0; k < common; ++k) {
                auto details = edits(at(Side::Base, list[k]), at(Side::Head, it->second[k]));
                if (!details.empty())
                    add(Change::Op::Edited, bindingRef(at(Side::Head, it->second[k])), std::move(details), int(list[k]), int(it->second[k]));
            }
            removed.insert(removed.end(), list.begin() + std::ptrdiff_t(common), list.end());
        }
        for (const auto &[key, list] : h) {
            const auto it = b.find(key);
            const std::size_t common = it == b.end() ? 0 : std::min(list.size(), it->second.size());
            added.insert(added.end(), list.begin() + std::ptrdiff_t(common), list.end());
        }
        pairRenames(removed, added);
        for (auto i : removed)
            add(Change::Op::Removed, bindingRef(at(Side::Base, i)), contents(Side::Base, i), int(i), -1);
        for (auto i : added)
            add(Change::Op::Added, bindingRef(at(Side::Head, i)), contents(Side::Head, i), -1, int(i));
    }
};

// ---------------------------------------------------------------- roles

bool sameSelectors(const k8s::Role &a, const k8s::Role &b)
{
    if (a.aggregated != b.aggregated || a.clusterRoleSelectors.size() != b.clusterRoleSelectors.size())
        return false;
    for (std::size_t i = 0; i < a.clusterRoleSelectors.size(); ++i) {
        const auto &x = a.clusterRoleSelectors[i], &y = b.clusterRoleSelectors[i];
        if (x.matchLabels != y.matchLabels || x.matchExpressions.size() != y.matchExpressions.size())
            return false;
        for (std::size_t e = 0; e < x.matchExpressions.size(); ++e) {
            const auto &p = x.matchExpressions[e], &q = y.matchExpressions[e];
            if (p.key != q.key || p.op != q.op || p.values != q.values)
                return false;
        }
    }
    return true;
}

std::vector<std::string> labelsOf(const std::map<std::string, std::string> &labels)
{
    std::vector<std::string> out;
    for (const auto &[k, v] : labels)
        out.push_back(k + '=' + v);
    return out;
}

/** Aggregated rules with where each came from: "verbs [...] ... (from ClusterRole x)". */
std::vector<std::string> effectiveRules(const k8s::Role &r)
{
    std::vector<std::string> out;
    for (std::size_t i = 0; i < r.rules.size(); ++i)
        out.push_back(ruleText(r.rules[i]) + (i < r.ruleOrigins.size() ? " (from ClusterRole " + r.ruleOrigins[i] + ')' : std::string()));
    return out;
}

std::vector<std::string> roleEdits(const k8s::Role &b, const k8s::Role &h, const k8s::Role &eb, const k8s::Role &eh)
{
    std::vector<std::string> details;
    const bool aggregated = b.aggregated || h.aggregated;
    if (b.rules != h.rules) {
        const auto rb = rulesOf(b.rules), rh = rulesOf(h.rules);
        auto sb = rb, sh = rh;
        std::sort(sb.begin(), sb.end());
        std::sort(sh.begin(), sh.end());
        if (aggregated)
            details.push_back("rules field changed (the aggregation controller replaces it)");
        else if (sb == sh)
            details.push_back("rules reordered");
        else
            setDiff(rb, rh, "rule ", details);
    }
    setDiff(labelsOf(b.labels), labelsOf(h.labels), "label ", details);
    if (!sameSelectors(b, h))
        details.push_back(h.aggregated ? "aggregationRule changed" : "aggregationRule removed");
    if (aggregated)
        setDiff(effectiveRules(eb), effectiveRules(eh), "aggregated rule ", details);
    return details;
}

void diffRoles(const PermissionGraph &base, const PermissionGraph &head, std::vector<Change> &out, ChangeIndex &index)
{
    const auto &rb = base.snapshot().kube.roles, &rh = head.snapshot().kube.roles;
    const auto &eb = base.kubernetes().cluster().roles, &eh = head.kubernetes().cluster().roles;
    const auto b = byKey(rb, roleRef), h = byKey(rh, roleRef);
    auto add = [&](Change::Op op, const ObjectRef &ref, std::vector<std::string> details, int bi, int hi) {
        Change c;
        c.kind = Change::Kind::Role;
        c.op = op;
        c.ref = ref;
        c.summary = kindText(ref) + ' ' + changeOpName(op);
        c.details = std::move(details);
        if (bi >= 0)
            c.baseSource = sourceText(base, rb[std::size_t(bi)].source);
        if (hi >= 0)
            c.headSource = sourceText(head, rh[std::size_t(hi)].source);
        const int id = addChange(out, std::move(c));
        if (bi >= 0)
            index.of(Side::Base).role[std::size_t(bi)] = id;
        if (hi >= 0)
            index.of(Side::Head).role[std::size_t(hi)] = id;
    };
    // The authorizer uses the first definition of a key: so does the comparison.
    for (const auto &[key, list] : b) {
        const auto bi = list.front();
        const auto it = h.find(key);
        if (it == h.end()) {
            add(Change::Op::Removed, roleRef(rb[bi]), rulesOf(eb[bi].rules), int(bi), -1);
            continue;
        }
        const auto hi = it->second.front();
        auto details = roleEdits(rb[bi], rh[hi], eb[bi], eh[hi]);
        if (!details.empty())
            add(Change::Op::Edited, roleRef(rh[hi]), std::move(details), int(bi), int(hi));
    }
    for (const auto &[key, list] : h) {
        if (!b.count(key))
            add(Change::Op::Added, roleRef(rh[list.front()]), rulesOf(eh[list.front()].rules), -1, int(list.front()));
    }
}

} // namespace

void diffKubernetes(const PermissionGraph &base, const PermissionGraph &head, std::vector<Change> &out, ChangeIndex &index)
{
    for (Side s : {Side::Base, Side::Head}) {
        const auto &kube = (s == Side::Base ? base : head).snapshot().kube;
        index.of(s).binding.assign(kube.bindings.size(), kNone);
        index.of(s).role.assign(kube.roles.size(), kNone);
    }
    BindingDiff{base, head, out, index}.run();
    diffRoles(base, head, out, index);
}

} // namespace clr::compare::detail
