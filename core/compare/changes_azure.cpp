// SPDX-License-Identifier: GPL-3.0-or-later
// What changed on the Azure side: the role assignments that concern the cluster, the role definitions
// they use, the cluster's authorization settings (Entra integration, Azure RBAC, local accounts, admin
// groups) and the CustomResourceDefinitions (Azure maps their resources to customresources).
#include "changes_p.h"

#include "azure/dataactions.h"
#include "common/strings.h"

#include <algorithm>
#include <iterator>
#include <map>
#include <set>

namespace clr::compare::detail {

namespace {

std::string assignmentKey(const azure::RoleAssignment &a)
{
    if (!a.id.empty())
        return toLower(a.id);
    return a.principalId + '|' + azure::roleDefinitionKey(a.roleDefinitionId) + '|' + toLower(a.scope);
}

std::string definitionKey(const azure::RoleDefinition &d)
{
    return azure::roleDefinitionKey(d.id.empty() ? d.name : d.id);
}

void flag(std::vector<std::string> &details, const char *what, const std::string &before, const std::string &after)
{
    if (before != after)
        details.push_back(std::string(what) + ' ' + (before.empty() ? "(none)" : before) + " → " + (after.empty() ? "(none)" : after));
}

std::string roleNameOf(const PermissionGraph &g, const azure::RoleAssignment &a)
{
    const auto *def = g.snapshot().azure.definitionOf(a);
    return def ? def->roleName : (a.roleDefinitionName.empty() ? a.roleDefinitionId : a.roleDefinitionName);
}

std::string assigneeOf(const PermissionGraph &g, const azure::RoleAssignment &a)
{
    const auto &dir = g.snapshot().directory;
    const auto p = dir.find(a.principalId);
    return p != entra::NoPrincipal && !dir.at(p).displayName.empty() ? dir.at(p).displayName + " (" + a.principalId + ')' : a.principalId;
}

/** The assignments of a graph that concern its cluster, by key. */
std::map<std::string, std::uint32_t> clusterAssignments(const PermissionGraph &g)
{
    std::map<std::string, std::uint32_t> out;
    for (const auto &ca : g.clusterAssignments())
        out.emplace(assignmentKey(g.snapshot().azure.assignments[ca.assignment]), ca.assignment);
    return out;
}

void diffAssignments(const PermissionGraph &base, const PermissionGraph &head, std::vector<Change> &out, ChangeIndex &index)
{
    const auto &ab = base.snapshot().azure.assignments, &ah = head.snapshot().azure.assignments;
    const auto b = clusterAssignments(base), h = clusterAssignments(head);
    auto add = [&](Change::Op op, const azure::RoleAssignment &a, const PermissionGraph &g, std::vector<std::string> details, int bi, int hi) {
        Change c;
        c.kind = Change::Kind::Assignment;
        c.op = op;
        c.ref = {ObjectRef::Kind::Assignment, a.id};
        c.summary = "Azure role assignment of " + roleNameOf(g, a) + " to " + assigneeOf(g, a) + ' ' + changeOpName(op);
        if (op != Change::Op::Edited)
            details.insert(details.begin(), "scope " + a.scope);
        c.details = std::move(details);
        if (bi >= 0)
            c.baseSource = sourceText(base, ab[std::size_t(bi)].source);
        if (hi >= 0)
            c.headSource = sourceText(head, ah[std::size_t(hi)].source);
        const int id = addChange(out, std::move(c));
        if (bi >= 0)
            index.of(Side::Base).assignment[std::size_t(bi)] = id;
        if (hi >= 0)
            index.of(Side::Head).assignment[std::size_t(hi)] = id;
    };
    for (const auto &[key, bi] : b) {
        const auto it = h.find(key);
        if (it == h.end()) {
            add(Change::Op::Removed, ab[bi], base, {}, int(bi), -1);
            continue;
        }
        const auto &x = ab[bi], &y = ah[it->second];
        std::vector<std::string> d;
        flag(d, "principal", assigneeOf(base, x), assigneeOf(head, y));
        if (azure::roleDefinitionKey(x.roleDefinitionId) != azure::roleDefinitionKey(y.roleDefinitionId))
            flag(d, "role", roleNameOf(base, x), roleNameOf(head, y));
        if (!iequals(x.scope, y.scope))
            flag(d, "scope", x.scope, y.scope);
        flag(d, "condition", x.condition, y.condition);
        flag(d, "description", x.description, y.description);
        if (!d.empty())
            add(Change::Op::Edited, y, head, std::move(d), int(bi), int(it->second));
    }
    for (const auto &[key, hi] : h) {
        if (!b.count(key))
            add(Change::Op::Added, ah[hi], head, {}, -1, int(hi));
    }
}

std::vector<std::string> permissionEdits(const azure::RoleDefinition &b, const azure::RoleDefinition &h)
{
    std::vector<std::string> d;
    flag(d, "roleName", b.roleName, h.roleName);
    if (b.permissions.size() != h.permissions.size()) {
        d.push_back("permission blocks " + std::to_string(b.permissions.size()) + " → " + std::to_string(h.permissions.size()));
        return d;
    }
    using List = std::vector<std::string> azure::Permission::*;
    const std::pair<const char *, List> lists[] = {{"actions", &azure::Permission::actions},
                                                   {"notActions", &azure::Permission::notActions},
                                                   {"dataActions", &azure::Permission::dataActions},
                                                   {"notDataActions", &azure::Permission::notDataActions}};
    for (std::size_t i = 0; i < b.permissions.size(); ++i) {
        for (const auto &[name, member] : lists) {
            std::set<std::string> x, y;
            for (const auto &s : b.permissions[i].*member)
                x.insert(toLower(s));
            for (const auto &s : h.permissions[i].*member)
                y.insert(toLower(s));
            std::vector<std::string> gone, added;
            std::set_difference(x.begin(), x.end(), y.begin(), y.end(), std::back_inserter(gone));
            std::set_difference(y.begin(), y.end(), x.begin(), x.end(), std::back_inserter(added));
            for (const auto &s : gone)
                d.push_back(std::string("- ") + name + ' ' + s);
            for (const auto &s : added)
                d.push_back(std::string("+ ") + name + ' ' + s);
        }
    }
    return d;
}

/** The definitions some assignment of the cluster uses, by key (index into roleDefinitions). */
std::map<std::string, int> usedDefinitions(const PermissionGraph &g)
{
    std::map<std::string, int> out;
    const auto &defs = g.snapshot().azure.roleDefinitions;
    for (const auto &ca : g.clusterAssignments()) {
        if (ca.roleDefinition >= 0)
            out.emplace(definitionKey(defs[std::size_t(ca.roleDefinition)]), ca.roleDefinition);
    }
    return out;
}

void diffDefinitions(const PermissionGraph &base, const PermissionGraph &head, std::vector<Change> &out, ChangeIndex &index)
{
    const auto &db = base.snapshot().azure.roleDefinitions, &dh = head.snapshot().azure.roleDefinitions;
    auto ub = usedDefinitions(base), uh = usedDefinitions(head);
    // A definition used on one side only is still compared with its namesake on the other.
    auto complete = [](std::map<std::string, int> &used, const std::map<std::string, int> &other, const std::vector<azure::RoleDefinition> &defs) {
        for (const auto &[key, i] : other) {
            if (used.count(key))
                continue;
            for (std::size_t d = 0; d < defs.size(); ++d) {
                if (definitionKey(defs[d]) == key) {
                    used.emplace(key, int(d));
                    break;
                }
            }
        }
    };
    complete(ub, uh, db);
    complete(uh, ub, dh);
    for (const auto &[key, bi] : ub) {
        const auto it = uh.find(key);
        const int hi = it == uh.end() ? -1 : it->second;
        std::vector<std::string> d = hi < 0 ? std::vector<std::string>() : permissionEdits(db[std::size_t(bi)], dh[std::size_t(hi)]);
        if (hi >= 0 && d.empty())
            continue;
        const auto &def = hi >= 0 ? dh[std::size_t(hi)] : db[std::size_t(bi)];
        Change c;
        c.kind = Change::Kind::RoleDefinition;
        c.op = hi < 0 ? Change::Op::Removed : Change::Op::Edited;
        c.ref = {ObjectRef::Kind::RoleDefinition, def.id};
        c.summary = "Azure role " + def.roleName + ' ' + changeOpName(c.op);
        c.details = std::move(d);
        c.baseSource = sourceText(base, db[std::size_t(bi)].source);
        if (hi >= 0)
            c.headSource = sourceText(head, dh[std::size_t(hi)].source);
        const int id = addChange(out, std::move(c));
        index.of(Side::Base).definition[std::size_t(bi)] = id;
        if (hi >= 0)
            index.of(Side::Head).definition[std::size_t(hi)] = id;
    }
    for (const auto &[key, hi] : uh) {
        if (ub.count(key))
            continue;
        Change c;
        c.kind = Change::Kind::RoleDefinition;
        c.op = Change::Op::Added;
        c.ref = {ObjectRef::Kind::RoleDefinition, dh[std::size_t(hi)].id};
        c.summary = "Azure role " + dh[std::size_t(hi)].roleName + " added";
        c.headSource = sourceText(head, dh[std::size_t(hi)].source);
        index.of(Side::Head).definition[std::size_t(hi)] = addChange(out, std::move(c));
    }
}

int settingChange(std::vector<Change> &out, const char *setting, const std::string &before, const std::string &after)
{
    Change c;
    c.kind = Change::Kind::ClusterSetting;
    c.op = Change::Op::Edited;
    c.setting = setting;
    c.summary = std::string("cluster setting ") + setting + ": " + before + " → " + after;
    return addChange(out, std::move(c));
}

const char *boolText(bool b)
{
    return b ? "true" : "false";
}

void diffAdminGroups(const PermissionGraph &base, const PermissionGraph &head, std::vector<Change> &out, ChangeIndex &index)
{
    std::set<std::string> gb, gh;
    for (const auto &g : base.cluster()->adminGroupObjectIds)
        gb.insert(toLower(g));
    for (const auto &g : head.cluster()->adminGroupObjectIds)
        gh.insert(toLower(g));
    auto add = [&](const std::string &oid, Change::Op op) {
        const PermissionGraph &g = op == Change::Op::Added ? head : base;
        const auto &dir = g.snapshot().directory;
        const auto p = dir.find(oid);
        Change c;
        c.kind = Change::Kind::ClusterSetting;
        c.op = op;
        c.setting = "adminGroupObjectIds";
        c.ref = {ObjectRef::Kind::Principal, oid};
        const std::string name = p != entra::NoPrincipal && !dir.at(p).displayName.empty() ? dir.at(p).displayName + " (" + oid + ')' : oid;
        c.summary = "AKS admin group " + name + ' ' + changeOpName(op);
        const int id = addChange(out, std::move(c));
        if (p != entra::NoPrincipal)
            index.of(op == Change::Op::Added ? Side::Head : Side::Base).adminGroup[p] = id;
    };
    for (const auto &g : gh)
        if (!gb.count(g))
            add(g, Change::Op::Added);
    for (const auto &g : gb)
        if (!gh.count(g))
            add(g, Change::Op::Removed);
}

void diffCluster(const PermissionGraph &base, const PermissionGraph &head, std::vector<Change> &out, ChangeIndex &index)
{
    const auto *cb = base.cluster(), *ch = head.cluster();
    if (!cb && !ch)
        return;
    if (!cb || !ch || !iequals(cb->id, ch->id)) {
        Change c;
        c.kind = Change::Kind::ClusterSetting;
        c.op = !cb ? Change::Op::Added : (!ch ? Change::Op::Removed : Change::Op::Edited);
        c.setting = "cluster";
        c.summary = "AKS cluster " + (cb ? cb->name : std::string("(none)")) + " → " + (ch ? ch->name : std::string("(none)"));
        index.cluster = addChange(out, std::move(c));
        if (!cb || !ch)
            return;
    }
    if (cb->entraIntegration != ch->entraIntegration)
        index.entraIntegration = settingChange(out, "entraIntegration", boolText(cb->entraIntegration), boolText(ch->entraIntegration));
    if (cb->enableAzureRbac != ch->enableAzureRbac)
        index.azureRbac = settingChange(out, "enableAzureRbac", boolText(cb->enableAzureRbac), boolText(ch->enableAzureRbac));
    if (cb->disableLocalAccounts != ch->disableLocalAccounts)
        index.localAccounts = settingChange(out, "disableLocalAccounts", boolText(cb->disableLocalAccounts), boolText(ch->disableLocalAccounts));
    if (cb->enableRbac != ch->enableRbac)
        settingChange(out, "enableRbac", boolText(cb->enableRbac), boolText(ch->enableRbac)); // not evaluated: RBAC is assumed on
    diffAdminGroups(base, head, out, index);
}

void diffCustomResources(const PermissionGraph &base, const PermissionGraph &head, std::vector<Change> &out, ChangeIndex &index)
{
    std::map<std::string, const k8s::CustomResource *> b, h;
    for (const auto &c : base.snapshot().kube.customResources)
        b.emplace(c.group + '/' + c.plural, &c);
    for (const auto &c : head.snapshot().kube.customResources)
        h.emplace(c.group + '/' + c.plural, &c);
    auto add = [&](const std::string &key, Change::Op op, std::vector<std::string> details, const k8s::CustomResource *x, const k8s::CustomResource *y) {
        Change c;
        c.kind = Change::Kind::CustomResource;
        c.op = op;
        c.setting = key;
        c.summary = "CustomResourceDefinition " + (y ? y : x)->plural + '.' + (y ? y : x)->group + ' ' + changeOpName(op);
        c.details = std::move(details);
        if (x)
            c.baseSource = sourceText(base, x->source);
        if (y)
            c.headSource = sourceText(head, y->source);
        const int id = addChange(out, std::move(c));
        index.of(Side::Base).customResource[key] = id;
        index.of(Side::Head).customResource[key] = id;
    };
    for (const auto &[key, x] : b) {
        const auto it = h.find(key);
        if (it == h.end())
            add(key, Change::Op::Removed, {}, x, nullptr);
        else if (x->namespaced != it->second->namespaced)
            add(key, Change::Op::Edited, {std::string("scope ") + (x->namespaced ? "Namespaced" : "Cluster") + " → " + (it->second->namespaced ? "Namespaced" : "Cluster")},
                x, it->second);
    }
    for (const auto &[key, y] : h)
        if (!b.count(key))
            add(key, Change::Op::Added, {}, nullptr, y);
}

} // namespace

void diffAzure(const PermissionGraph &base, const PermissionGraph &head, std::vector<Change> &out, ChangeIndex &index)
{
    for (Side s : {Side::Base, Side::Head}) {
        const auto &az = (s == Side::Base ? base : head).snapshot().azure;
        index.of(s).assignment.assign(az.assignments.size(), kNone);
        index.of(s).definition.assign(az.roleDefinitions.size(), kNone);
    }
    diffCluster(base, head, out, index);
    diffAssignments(base, head, out, index);
    diffDefinitions(base, head, out, index);
    diffCustomResources(base, head, out, index);
}

} // namespace clr::compare::detail
