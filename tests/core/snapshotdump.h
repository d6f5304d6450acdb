// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// A Snapshot as text, one line per object, so that test rows assert loaded data as readable facts
// ("role dev/pod-reader @3:1 cluster=0 rules=2 ..."); patterns match with '*' wildcards.

#include "load/snapshot.h"

#include <QString>
#include <QStringList>

#include <map>
#include <string>
#include <vector>

namespace clr::test {

inline std::string joined(const std::vector<std::string> &items, const char *sep = ",")
{
    std::string out;
    for (std::size_t i = 0; i < items.size(); ++i)
        out += (i ? sep : "") + (items[i].empty() ? std::string("\"\"") : items[i]);
    return out;
}

inline std::string mapText(const std::map<std::string, std::string> &map)
{
    std::string out;
    for (const auto &[k, v] : map)
        out += (out.empty() ? "" : ",") + k + "=" + v;
    return out;
}

inline std::string at(const SourceRef &s)
{
    return "@" + std::to_string(s.line) + ":" + std::to_string(s.column);
}

inline std::string nsName(const std::string &ns, const std::string &name)
{
    return ns.empty() ? name : ns + "/" + name;
}

inline const char *opName(k8s::LabelRequirement::Op op)
{
    switch (op) {
    case k8s::LabelRequirement::Op::In:
        return "In";
    case k8s::LabelRequirement::Op::NotIn:
        return "NotIn";
    case k8s::LabelRequirement::Op::Exists:
        return "Exists";
    default:
        return "DoesNotExist";
    }
}

inline const char *typeName(entra::PrincipalType type)
{
    switch (type) {
    case entra::PrincipalType::User:
        return "user";
    case entra::PrincipalType::Group:
        return "group";
    case entra::PrincipalType::ServicePrincipal:
        return "sp";
    default:
        return "unresolved";
    }
}

inline void dumpKube(const k8s::Cluster &kube, QStringList &out)
{
    auto add = [&](const std::string &line) { out.append(QString::fromStdString(line)); };
    for (const auto &r : kube.roles) {
        add("role " + nsName(r.ns, r.name) + " " + at(r.source) + " cluster=" + std::to_string(r.cluster) + " rules="
            + std::to_string(r.rules.size()) + " aggregated=" + std::to_string(r.aggregated) + " selectors="
            + std::to_string(r.clusterRoleSelectors.size()) + " labels=" + mapText(r.labels));
        for (std::size_t i = 0; i < r.rules.size(); ++i) {
            const auto &rule = r.rules[i];
            add("rule " + nsName(r.ns, r.name) + "#" + std::to_string(i) + " verbs=" + joined(rule.verbs) + " groups="
                + joined(rule.apiGroups) + " resources=" + joined(rule.resources) + " names=" + joined(rule.resourceNames)
                + " urls=" + joined(rule.nonResourceURLs));
        }
        for (std::size_t i = 0; i < r.clusterRoleSelectors.size(); ++i) {
            const auto &sel = r.clusterRoleSelectors[i];
            std::string exprs;
            for (const auto &e : sel.matchExpressions)
                exprs += (exprs.empty() ? "" : ";") + e.key + " " + opName(e.op) + " " + joined(e.values, "|");
            add("selector " + r.name + "#" + std::to_string(i) + " labels=" + mapText(sel.matchLabels) + " exprs=" + exprs);
        }
    }
    for (const auto &b : kube.bindings) {
        std::vector<std::string> subjects;
        for (const auto &s : b.subjects) {
            const char *kind = s.kind == k8s::Subject::Kind::User ? "User" : s.kind == k8s::Subject::Kind::Group ? "Group" : "ServiceAccount";
            subjects.push_back(std::string(kind) + ":" + (s.kind == k8s::Subject::Kind::ServiceAccount ? s.ns + "/" : "") + s.name);
        }
        add("binding " + nsName(b.ns, b.name) + " " + at(b.source) + " cluster=" + std::to_string(b.cluster) + " roleRef="
            + b.roleRef.kind + "/" + b.roleRef.name + " subjects=" + joined(subjects));
    }
    for (const auto &sa : kube.serviceAccounts)
        add("sa " + sa.ns + "/" + sa.name + " " + at(sa.source) + " annotations=" + mapText(sa.annotations) + " labels=" + mapText(sa.labels));
    for (const auto &ns : kube.namespaces)
        add("namespace " + ns.name + " " + at(ns.source) + " labels=" + mapText(ns.labels));
    for (const auto &c : kube.customResources) {
        add("crd " + c.group + "/" + c.plural + " " + at(c.source) + " kind=" + c.kind + " singular=" + c.singular + " short="
            + joined(c.shortNames) + " versions=" + joined(c.versions) + " namespaced=" + std::to_string(c.namespaced));
    }
    for (const auto &[kind, count] : kube.skippedKinds)
        add("skipped " + kind + "=" + std::to_string(count));
}

inline void dumpEntra(const entra::Directory &dir, QStringList &out)
{
    auto add = [&](const std::string &line) { out.append(QString::fromStdString(line)); };
    for (entra::PrincipalId i = 0; i < dir.size(); ++i) {
        const auto &p = dir.at(i);
        add("principal " + std::string(typeName(p.type)) + " " + p.id + " " + at(p.source) + " name=" + p.displayName + " upn="
            + p.userPrincipalName + " appId=" + p.appId + " spType=" + p.servicePrincipalType + " guest=" + std::to_string(p.guest)
            + " enabled=" + std::to_string(p.accountEnabled));
        for (entra::PrincipalId m : dir.directMembers(i))
            add("member " + p.id + " <- " + dir.at(m).id);
    }
    if (!dir.tenantId.empty())
        add("tenant " + dir.tenantId);
}

inline void dumpAzure(const azure::Azure &az, QStringList &out)
{
    auto add = [&](const std::string &line) { out.append(QString::fromStdString(line)); };
    for (const auto &a : az.assignments) {
        add("assignment " + a.principalId + " " + at(a.source) + " type=" + a.principalType + " role=" + a.roleDefinitionName
            + " def=" + a.roleDefinitionId + " scope=" + a.scope + " conditional=" + std::to_string(!a.condition.empty()));
    }
    for (const auto &d : az.roleDefinitions) {
        add("definition " + d.name + " " + at(d.source) + " name=" + d.roleName + " type=" + d.type + " builtin="
            + std::to_string(d.builtin) + " perms=" + std::to_string(d.permissions.size()) + " data="
            + (d.permissions.empty() ? std::string() : joined(d.permissions.front().dataActions)) + " scopes=" + joined(d.assignableScopes));
    }
    for (const auto &c : az.clusters) {
        add("cluster " + c.name + " " + at(c.source) + " sub=" + c.subscriptionId + " rg=" + c.resourceGroup + " k8s=" + c.kubernetesVersion
            + " entra=" + std::to_string(c.entraIntegration) + " azureRbac=" + std::to_string(c.enableAzureRbac) + " localDisabled="
            + std::to_string(c.disableLocalAccounts) + " rbac=" + std::to_string(c.enableRbac) + " tenant=" + c.tenantId + " admins="
            + joined(c.adminGroupObjectIds) + " oidc=" + c.oidcIssuerUrl + " wi=" + std::to_string(c.workloadIdentity)
            + " location=" + c.location);
    }
}

inline QStringList dump(const Snapshot &s)
{
    QStringList out;
    dumpKube(s.kube, out);
    dumpEntra(s.directory, out);
    dumpAzure(s.azure, out);
    return out;
}

inline QString counts(const Snapshot &s)
{
    return QStringLiteral("roles=%1 bindings=%2 sas=%3 namespaces=%4 crds=%5 principals=%6 memberships=%7 assignments=%8 "
                          "definitions=%9 clusters=%10")
        .arg(s.kube.roles.size())
        .arg(s.kube.bindings.size())
        .arg(s.kube.serviceAccounts.size())
        .arg(s.kube.namespaces.size())
        .arg(s.kube.customResources.size())
        .arg(s.directory.size())
        .arg(s.directory.membershipCount())
        .arg(s.azure.assignments.size())
        .arg(s.azure.roleDefinitions.size())
        .arg(s.azure.clusters.size());
}

/** "a*b": the parts appear in this order within one line. */
inline bool wildcardMatches(const QString &pattern, const QString &line)
{
    qsizetype from = 0;
    for (const QString &part : pattern.split(QLatin1Char('*'))) {
        const qsizetype at = line.indexOf(part, from);
        if (at < 0)
            return false;
        from = at + part.size();
    }
    return true;
}

inline bool anyMatches(const QString &pattern, const QStringList &lines)
{
    for (const QString &line : lines) {
        if (wildcardMatches(pattern, line))
            return true;
    }
    return false;
}

} // namespace clr::test
