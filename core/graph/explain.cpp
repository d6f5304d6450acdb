// SPDX-License-Identifier: GPL-3.0-or-later
// Explanations: every path that grants a request, and the nearest misses when none does.
#include "common/strings.h"
#include "graph/permissiongraph.h"
#include "permissiongraph_p.h"
#include "kubernetes/rules.h"

#include <algorithm>

namespace clr {

namespace {

std::string list(const std::vector<std::string> &v)
{
    std::string out = "[";
    for (std::size_t i = 0; i < v.size(); ++i)
        out += (i ? ", " : "") + (v[i].empty() ? std::string("\"\"") : v[i]);
    return out + ']';
}

std::string describeRule(const k8s::PolicyRule &rule, std::uint32_t index)
{
    std::string out = "rule " + std::to_string(index + 1) + ": verbs " + list(rule.verbs);
    if (!rule.nonResourceURLs.empty())
        return out + " on non-resource URLs " + list(rule.nonResourceURLs);
    out += " on " + list(rule.resources) + " in API groups " + list(rule.apiGroups);
    if (!rule.resourceNames.empty())
        out += " named " + list(rule.resourceNames);
    return out;
}

PathStep bindingStep(const k8s::Binding &b)
{
    if (b.cluster)
        return {PathStep::Kind::Binding, "ClusterRoleBinding " + b.name, {ObjectRef::Kind::ClusterRoleBinding, b.name}};
    return {PathStep::Kind::Binding, "RoleBinding " + b.ns + '/' + b.name, {ObjectRef::Kind::RoleBinding, b.ns, b.name}};
}

PathStep roleStep(const k8s::Role &r, const k8s::Binding &b)
{
    if (!r.cluster)
        return {PathStep::Kind::Role, "Role " + r.ns + '/' + r.name, {ObjectRef::Kind::Role, r.ns, r.name}};
    std::string label = "ClusterRole " + r.name;
    if (!b.cluster)
        label += " (applies only in namespace " + b.ns + ")";
    return {PathStep::Kind::Role, label, {ObjectRef::Kind::ClusterRole, r.name}};
}

std::string joinSteps(const std::vector<PathStep> &steps)
{
    std::string out;
    for (std::size_t i = 0; i < steps.size(); ++i)
        out += (i ? " → " : "") + steps[i].label;
    return out;
}

std::string scopeText(const ClusterAssignment &ref, const std::string &scope)
{
    if (ref.match == azure::ScopeMatch::Namespace)
        return "namespace " + ref.ns;
    const auto segments = split(scope, '/');
    if (segments.size() <= 3)
        return "subscription " + scope;
    if (segments.size() <= 5)
        return "resource group " + scope;
    return "scope " + scope;
}

} // namespace

PathStep PermissionGraph::principalStep(const Identity &who) const
{
    if (who.isEntra()) {
        const auto &p = m_snapshot.directory.at(who.principal);
        if (p.type == entra::PrincipalType::Group) // memberOf(): what belonging to the group grants
            return {PathStep::Kind::Group, "member of group " + (p.displayName.empty() ? p.id : p.displayName), {ObjectRef::Kind::Principal, p.id}};
        std::string kind = p.type == entra::PrincipalType::User ? (p.guest ? "guest user " : "user ")
                                                                  : (p.isManagedIdentity() ? "managed identity " : "service principal ");
        std::string label = kind + (p.displayName.empty() ? p.id : p.displayName);
        if (who.user.name != p.displayName)
            label += " (" + who.user.name + ")";
        return {PathStep::Kind::Principal, label, {ObjectRef::Kind::Principal, p.id}};
    }
    std::string saNs, saName;
    if (who.serviceAccount && k8s::parseServiceAccountUser(who.user.name, &saNs, &saName))
        return {PathStep::Kind::Principal, "service account " + saNs + '/' + saName, {ObjectRef::Kind::ServiceAccount, saNs, saName}};
    if (who.user.name.empty() && !who.user.groups.empty()) // a group's member, as far as the group goes
        return {PathStep::Kind::Group, "member of group " + who.user.groups.front(), {ObjectRef::Kind::Group, who.user.groups.front()}};
    return {PathStep::Kind::Principal, "user " + who.user.name, {ObjectRef::Kind::User, who.user.name}};
}

std::vector<PathStep> PermissionGraph::groupChainSteps(const Identity &who, entra::PrincipalId group) const
{
    std::vector<PathStep> steps;
    if (!who.isEntra() || group == who.principal)
        return steps;
    for (auto g : m_snapshot.directory.groupChain(who.principal, group)) {
        const auto &p = m_snapshot.directory.at(g);
        steps.push_back({PathStep::Kind::Group, "member of group " + (p.displayName.empty() ? p.id : p.displayName), {ObjectRef::Kind::Principal, p.id}});
    }
    return steps;
}

void PermissionGraph::explainKubernetes(const AccessProfile &profile, const Trace &trace, Explanation &out) const
{
    const Identity &who = profile.who;
    const auto &kube = m_authorizer->cluster();
    if (profile.privileged) {
        GrantPath path{Plane::Kubernetes, {principalStep(who), {PathStep::Kind::Group, "member of group system:masters", {ObjectRef::Kind::Group, "system:masters"}},
                                           {PathStep::Kind::Note, "the API server authorizes system:masters for every request", {}}}};
        path.text = joinSteps(path.steps);
        out.paths.push_back(std::move(path));
    }
    for (const auto &g : trace.grants) {
        const auto &binding = kube.bindings[g.binding];
        const auto &role = kube.roles[g.role];
        const auto &subject = binding.subjects[g.subject];
        GrantPath path;
        path.plane = Plane::Kubernetes;
        path.steps.push_back(principalStep(who));
        const SubjectReach reach = reachOf(subject);
        if (subject.kind == k8s::Subject::Kind::Group && reach.kind == SubjectReach::Kind::MembersOf && who.isEntra()) {
            auto chain = groupChainSteps(who, reach.principal);
            path.steps.insert(path.steps.end(), chain.begin(), chain.end());
        } else if (subject.kind == k8s::Subject::Kind::Group) {
            path.steps.push_back({PathStep::Kind::Subject, "in group " + subject.name, {ObjectRef::Kind::Group, subject.name}});
        } else if (subject.kind == k8s::Subject::Kind::ServiceAccount) {
            const std::string ns = subject.ns.empty() ? binding.ns : subject.ns;
            path.steps.push_back({PathStep::Kind::Subject, "as service account " + ns + '/' + subject.name, {ObjectRef::Kind::ServiceAccount, ns, subject.name}});
        }
        path.steps.push_back(bindingStep(binding));
        path.steps.push_back(roleStep(role, binding));
        std::string ruleText = describeRule(role.rules[g.rule], g.rule);
        if (g.rule < role.ruleOrigins.size())
            ruleText += " (aggregated from ClusterRole " + role.ruleOrigins[g.rule] + ")";
        path.steps.push_back({PathStep::Kind::Rule, ruleText, {}});
        path.someNamesOnly = !role.rules[g.rule].resourceNames.empty();
        path.text = "Kubernetes RBAC: " + joinSteps(path.steps);
        out.paths.push_back(std::move(path));
    }
}

std::vector<PathStep> PermissionGraph::assignmentSteps(const AccessProfile &profile, const ClusterAssignment &ref) const
{
    const auto &az = m_snapshot.azure;
    std::vector<PathStep> steps{principalStep(profile.who)};
    auto chain = groupChainSteps(profile.who, ref.assignee);
    steps.insert(steps.end(), chain.begin(), chain.end());
    const auto &a = az.assignments[ref.assignment];
    steps.push_back({PathStep::Kind::Assignment, "Azure role assignment at " + scopeText(ref, a.scope), {ObjectRef::Kind::Assignment, a.id}});
    if (ref.roleDefinition >= 0) {
        const auto &def = az.roleDefinitions[std::size_t(ref.roleDefinition)];
        steps.push_back({PathStep::Kind::RoleDefinition, "Azure role " + def.roleName, {ObjectRef::Kind::RoleDefinition, def.id}});
    }
    return steps;
}

void PermissionGraph::explainAzure(const AccessProfile &profile, const Query &query, const Trace &trace, Explanation &out) const
{
    const Identity &who = profile.who;
    for (auto g : profile.adminGroups) {
        GrantPath path{Plane::AksAdminGroup, {principalStep(who)}};
        auto chain = groupChainSteps(who, g);
        path.steps.insert(path.steps.end(), chain.begin(), chain.end());
        path.steps.push_back({PathStep::Kind::Binding, "AKS admin group (aadProfile.adminGroupObjectIds), bound by AKS to cluster-admin", {}});
        path.steps.push_back({PathStep::Kind::Role, "ClusterRole cluster-admin", {ObjectRef::Kind::ClusterRole, "cluster-admin"}});
        path.text = "AKS admin group: " + joinSteps(path.steps);
        out.paths.push_back(std::move(path));
    }
    for (auto r : profile.adminCredential) {
        GrantPath path{Plane::AdminCredential, assignmentSteps(profile, d->assignments[r])};
        path.steps.push_back({PathStep::Kind::DataAction,
                              "may download the cluster admin credential (listClusterAdminCredential/action); local accounts are "
                              "enabled, so this static certificate is cluster-admin and bypasses Entra ID",
                              {}});
        path.text = "Admin credential: " + joinSteps(path.steps);
        out.paths.push_back(std::move(path));
    }
    const bool azureAllowed = out.decision.planes & planeBit(Plane::Azure);
    const auto &actions = query.azureActions;
    const std::string action = actions.size() == 1 ? actions.front() : std::to_string(actions.size()) + " data actions (wildcard request)";
    for (const auto &hit : trace.azure) {
        if (hit.conditional ? !out.decision.conditional : !azureAllowed)
            continue; // part of a wildcard's actions only: not a path on its own
        GrantPath path{Plane::Azure, assignmentSteps(profile, d->assignments[hit.clusterAssignment])};
        if (hit.conditional) {
            path.conditional = true;
            path.steps.push_back({PathStep::Kind::Note, "only under the assignment's ABAC condition, which Clearance does not evaluate", {}});
            path.text = "Azure RBAC (conditional): " + joinSteps(path.steps);
        } else {
            path.steps.push_back({PathStep::Kind::DataAction, "dataAction " + hit.pattern + " matches " + action, {}});
            path.assumption = true;
            path.text = "Azure RBAC: " + joinSteps(path.steps) + " (union with Kubernetes RBAC assumed)";
        }
        out.paths.push_back(std::move(path));
    }
    if (profile.azureRbac && query.discovery) {
        GrantPath path{Plane::Azure, {principalStep(who), {PathStep::Kind::Note, "discovery path allowed to every Entra user by the AKS webhook", {}}}};
        path.assumption = true;
        path.text = "Azure RBAC: " + joinSteps(path.steps) + " (assumption: a webhook default)";
        out.paths.push_back(std::move(path));
    }
}

void PermissionGraph::explainMisses(const AccessProfile &profile, const Query &query, Explanation &out) const
{
    const Identity &who = profile.who;
    const k8s::Request &request = query.request;
    const auto &kube = m_authorizer->cluster();
    for (const auto &m : profile.bindings.matches) {
        const auto &binding = kube.bindings[m.binding];
        const std::string bname = bindingStep(binding).label;
        if (m.role < 0) {
            out.misses.push_back(bname + " names you but refers to " + binding.roleRef.kind + ' ' + binding.roleRef.name + ", which does not exist");
            continue;
        }
        const auto &role = kube.roles[std::size_t(m.role)];
        const bool applies = k8s::bindingApplies(binding, request);
        k8s::Request there = request;
        if (!applies)
            there.ns = binding.ns;
        for (std::uint32_t r = 0; r < role.rules.size(); ++r) {
            const auto &rule = role.rules[r];
            const std::string where = roleStep(role, binding).label + " via " + bname;
            if (!applies && request.resourceRequest && k8s::ruleAllows(there, rule)) {
                out.misses.push_back(where + " allows " + request.verb + ' ' + request.resource + " but only in namespace " + binding.ns
                                     + (isClusterScoped(request) ? " (" + request.resource + " is cluster-scoped, so a RoleBinding never grants it)" : ""));
                break;
            }
            if (!applies || !request.resourceRequest)
                continue;
            const bool groupRes = k8s::apiGroupMatches(rule, request.apiGroup);
            if (k8s::ruleAllowsSomeNames(request, rule) && !k8s::resourceNameMatches(rule, request.name)) {
                out.misses.push_back(where + " allows " + request.verb + ' ' + request.resource + " only for names " + list(rule.resourceNames)
                                     + (request.name.empty() ? " (a request without a name, such as list or create, is never granted by such a rule)" : ""));
            } else if (groupRes && k8s::resourceMatches(rule, request.resource, request.subresource) && !k8s::verbMatches(rule, request.verb)) {
                out.misses.push_back(where + " allows " + list(rule.verbs) + " on " + request.resource + ", not " + request.verb);
            } else if (groupRes && !request.subresource.empty() && k8s::resourceMatches(rule, request.resource, {})
                       && k8s::verbMatches(rule, request.verb)) {
                out.misses.push_back(where + " allows " + request.resource + " but not its subresource " + request.resource + '/'
                                     + request.subresource + " (subresources need their own rule)");
            }
        }
    }
    // Bindings that name one of the user's groups by display name never match on AKS.
    if (who.isEntra()) {
        for (auto g : who.entraGroups) {
            const auto &name = m_snapshot.directory.at(g).displayName;
            if (name.empty())
                continue;
            for (auto b : m_authorizer->bindingsForSubjectKey(k8s::subjectKey({k8s::Subject::Kind::Group, name, {}}, {})))
                out.misses.push_back(bindingStep(kube.bindings[b]).label + " names your group '" + name
                                     + "' by display name; AKS only matches group object IDs (" + m_snapshot.directory.at(g).id + ")");
        }
    }
    if (who.serviceAccount && d->azureRbacOn())
        out.notes.push_back("service accounts never reach the Azure RBAC plane; only Kubernetes RBAC applies");
    const auto &actions = query.azureActions;
    if (actions.size() != 1)
        return; // per-assignment misses read well for one action; a wildcard's are in the paths
    const std::string &action = actions.front();
    for (auto r : profile.assignments) {
        const auto &ref = d->assignments[r];
        if (ref.roleDefinition < 0)
            continue;
        const auto &def = m_snapshot.azure.roleDefinitions[std::size_t(ref.roleDefinition)];
        bool patternHit = false;
        for (const auto &perm : def.permissions)
            for (const auto &pat : perm.dataActions)
                patternHit = patternHit || azure::actionPatternMatches(pat, action);
        if (!patternHit)
            continue;
        const std::string what = "Azure role " + def.roleName + " at " + scopeText(ref, m_snapshot.azure.assignments[ref.assignment].scope);
        if (!azure::roleGrantsDataAction(def, action))
            out.misses.push_back(what + " lists " + action + " but excludes it by notDataActions");
        else if (!d->azureRbacOn())
            out.misses.push_back(what + " would grant it, but Azure RBAC for Kubernetes is off on this cluster");
        else if (ref.match == azure::ScopeMatch::Namespace && (!request.resourceRequest || request.ns.empty()))
            out.misses.push_back(what + " grants it only inside that namespace; namespace-scoped assignments never grant cluster-scoped requests");
        else if (!assignmentApplies(ref, request))
            out.misses.push_back(what + " grants it in namespace " + ref.ns + ", not in " + request.ns);
    }
}

Explanation PermissionGraph::explain(const Identity &who, const k8s::Request &request) const
{
    Explanation out;
    const AccessProfile p = profile(who);
    const Query q = query(request);
    Trace trace;
    out.decision = evaluate(p, q, &trace);
    explainKubernetes(p, trace, out);
    explainAzure(p, q, trace, out);
    if (!out.decision.allowed)
        explainMisses(p, q, out);
    if (out.misses.size() > 12)
        out.misses.resize(12);
    if (p.disabled)
        out.notes.push_back("the account is disabled: this access is latent and returns the day it is enabled again");
    if (p.azureRbac)
        out.notes.push_back("Azure RBAC and Kubernetes RBAC are combined as a union (assumption, documented by AKS as working together)");
    if (who.isEntra() && m_snapshot.directory.at(who.principal).type == entra::PrincipalType::ServicePrincipal)
        out.notes.push_back("service principals are matched by object ID (assumption: the webhook uses the upn claim, else oid)");
    return out;
}

} // namespace clr
