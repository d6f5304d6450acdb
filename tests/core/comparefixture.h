// SPDX-License-Identifier: GPL-3.0-or-later
// A small tenant for comparison tests, as the exports kubectl, az and Graph write, that a test edits by
// text replacement into HEAD. Base access:
//   Alice      team-a: get/list/watch pods, pods/log (alice-pods); get/update configmaps (Devs)
//   Bob        team-a: get/update configmaps (Devs, through nested group Leads)
//   Carol      (guest) every namespace: get/list services (Ops -> aggregate-view <- svc-reader)
//   Dave       nothing
//   Erin       everything: Azure Kubernetes Service Cluster Admin Role at the resource group, local accounts on
//   Frank      Azure "Reader Except Secrets" at the cluster: every */read but secrets
//   deploy-bot Azure Kubernetes Service RBAC Reader in namespace team-a
#pragma once

#include "load/loader.h"

#include <QList>
#include <QMap>
#include <QMetaType>
#include <QString>

// moc cannot read raw string literals; it needs nothing from here.
#ifndef Q_MOC_RUN

namespace fixture {

inline constexpr const char *kCluster = "/subscriptions/00000000-0000-4000-8000-000000000000/resourceGroups/rg/providers/"
                                        "Microsoft.ContainerService/managedClusters/c1";
inline constexpr const char *kResourceGroup = "/subscriptions/00000000-0000-4000-8000-000000000000/resourceGroups/rg";

inline QMap<QString, QString> baseDocuments()
{
    QMap<QString, QString> d;
    d[QStringLiteral("users.json")] = QString::fromUtf8(R"({"value": [
  {"id": "11111111-1111-4111-8111-111111111111", "displayName": "Alice Admin", "userPrincipalName": "alice@example.com", "accountEnabled": true, "userType": "Member"},
  {"id": "22222222-2222-4222-8222-222222222222", "displayName": "Bob Builder", "userPrincipalName": "bob@example.com", "accountEnabled": true, "userType": "Member"},
  {"id": "33333333-3333-4333-8333-333333333333", "displayName": "Carol Guest", "userPrincipalName": "carol_ext.com#EXT#@example.onmicrosoft.com", "accountEnabled": true, "userType": "Guest"},
  {"id": "66666666-6666-4666-8666-666666666666", "displayName": "Dave Dev", "userPrincipalName": "dave@example.com", "accountEnabled": true, "userType": "Member"},
  {"id": "77777777-7777-4777-8777-777777777777", "displayName": "Erin Ops", "userPrincipalName": "erin@example.com", "accountEnabled": true, "userType": "Member"},
  {"id": "88888888-8888-4888-8888-888888888888", "displayName": "Frank Reader", "userPrincipalName": "frank@example.com", "accountEnabled": true, "userType": "Member"}]})");
    d[QStringLiteral("groups.json")] = QString::fromUtf8(R"({"value": [
  {"id": "aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa", "displayName": "Devs", "securityEnabled": true, "members": [
     {"@odata.type": "#microsoft.graph.user", "id": "11111111-1111-4111-8111-111111111111"},
     {"@odata.type": "#microsoft.graph.group", "id": "bbbbbbbb-bbbb-4bbb-8bbb-bbbbbbbbbbbb"}]},
  {"id": "bbbbbbbb-bbbb-4bbb-8bbb-bbbbbbbbbbbb", "displayName": "Leads", "securityEnabled": true, "members": [
     {"@odata.type": "#microsoft.graph.user", "id": "22222222-2222-4222-8222-222222222222"}]},
  {"id": "cccccccc-cccc-4ccc-8ccc-cccccccccccc", "displayName": "Ops", "securityEnabled": true, "members": [
     {"@odata.type": "#microsoft.graph.user", "id": "33333333-3333-4333-8333-333333333333"}]}]})");
    d[QStringLiteral("sps.json")] = QString::fromUtf8(R"({"value": [
  {"id": "44444444-4444-4444-8444-444444444444", "displayName": "deploy-bot", "appId": "b0b0b0b0-0000-4000-8000-000000000001", "servicePrincipalType": "Application", "accountEnabled": true}]})");
    d[QStringLiteral("aks.json")] = QString::fromUtf8(R"({"id": "%1", "name": "c1", "type": "Microsoft.ContainerService/ManagedClusters", "resourceGroup": "rg",
  "aadProfile": {"managed": true, "enableAzureRbac": true, "adminGroupObjectIDs": []}, "disableLocalAccounts": false, "enableRbac": true})")
                                         .arg(QLatin1String(kCluster));
    d[QStringLiteral("roles.json")] = QString::fromUtf8(R"([{"id": "/subscriptions/00000000-0000-4000-8000-000000000000/providers/Microsoft.Authorization/roleDefinitions/dddddddd-dddd-4ddd-8ddd-dddddddddddd",
  "name": "dddddddd-dddd-4ddd-8ddd-dddddddddddd", "roleName": "Reader Except Secrets", "roleType": "CustomRole", "type": "Microsoft.Authorization/roleDefinitions",
  "assignableScopes": ["%1"],
  "permissions": [{"actions": [], "notActions": [], "dataActions": ["Microsoft.ContainerService/managedClusters/*/read"],
                   "notDataActions": ["Microsoft.ContainerService/managedClusters/secrets/read"]}]}])")
                                          .arg(QLatin1String(kResourceGroup));
    const QString assignment = QString::fromUtf8(R"({"id": "%1/providers/Microsoft.Authorization/roleAssignments/%2", "name": "%2", "principalId": "%3", "principalType": "%4",
   "roleDefinitionId": "/subscriptions/00000000-0000-4000-8000-000000000000/providers/Microsoft.Authorization/roleDefinitions/%5", "scope": "%1", "type": "Microsoft.Authorization/roleAssignments"})");
    d[QStringLiteral("assignments.json")] = QStringLiteral("[\n") +
        assignment.arg(QLatin1String(kCluster) + QStringLiteral("/namespaces/team-a"), QStringLiteral("a1a1a1a1-0000-4000-8000-000000000001"),
                       QStringLiteral("44444444-4444-4444-8444-444444444444"), QStringLiteral("ServicePrincipal"),
                       QStringLiteral("7f6c6a51-bcf8-42ba-9220-52d62157d7db")) + QStringLiteral(",\n") +
        assignment.arg(QLatin1String(kCluster), QStringLiteral("a2a2a2a2-0000-4000-8000-000000000002"), QStringLiteral("88888888-8888-4888-8888-888888888888"),
                       QStringLiteral("User"), QStringLiteral("dddddddd-dddd-4ddd-8ddd-dddddddddddd")) + QStringLiteral(",\n") +
        assignment.arg(QLatin1String(kResourceGroup), QStringLiteral("a3a3a3a3-0000-4000-8000-000000000003"), QStringLiteral("77777777-7777-4777-8777-777777777777"),
                       QStringLiteral("User"), QStringLiteral("0ab0b1a8-8aac-4efd-b8c2-3ee1fb270be8")) + QStringLiteral("\n]");
    d[QStringLiteral("rbac.yaml")] = QString::fromUtf8(R"(apiVersion: v1
kind: Namespace
metadata: {name: team-a}
---
apiVersion: v1
kind: Namespace
metadata: {name: team-b}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: pod-reader}
rules:
- apiGroups: [""]
  resources: [pods, pods/log]
  verbs: [get, list, watch]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: secret-reader}
rules:
- apiGroups: [""]
  resources: [secrets]
  verbs: [get]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata:
  name: cm-reader
  labels: {team: platform}
rules:
- apiGroups: [""]
  resources: [configmaps]
  verbs: [get, list]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata:
  name: svc-reader
  labels: {rbac.example.com/aggregate-to-view: "true"}
rules:
- apiGroups: [""]
  resources: [services]
  verbs: [get, list]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: aggregate-view}
aggregationRule:
  clusterRoleSelectors:
  - matchLabels: {rbac.example.com/aggregate-to-view: "true"}
rules: []
---
apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata: {name: cm-editor, namespace: team-a}
rules:
- apiGroups: [""]
  resources: [configmaps]
  verbs: [get]
- apiGroups: [""]
  resources: [configmaps]
  verbs: [update]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: {name: alice-pods, namespace: team-a}
subjects:
- {kind: User, name: alice@example.com, apiGroup: rbac.authorization.k8s.io}
roleRef: {kind: ClusterRole, name: pod-reader, apiGroup: rbac.authorization.k8s.io}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: {name: devs-cm, namespace: team-a}
subjects:
- {kind: Group, name: aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa, apiGroup: rbac.authorization.k8s.io}
roleRef: {kind: Role, name: cm-editor, apiGroup: rbac.authorization.k8s.io}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: {name: ops-view}
subjects:
- {kind: Group, name: cccccccc-cccc-4ccc-8ccc-cccccccccccc, apiGroup: rbac.authorization.k8s.io}
roleRef: {kind: ClusterRole, name: aggregate-view, apiGroup: rbac.authorization.k8s.io}
)");
    return d;
}

inline clr::Snapshot load(const QMap<QString, QString> &documents)
{
    clr::SnapshotLoader loader;
    for (auto it = documents.begin(); it != documents.end(); ++it)
        loader.addContent(it.key().toStdString(), it.value().toStdString());
    return loader.finish();
}

/** One edit of a document: every occurrence of `from` becomes `to` (`from` must occur). */
struct Edit
{
    QString file;
    QString from;
    QString to;
};

/** The documents with the edits applied; `missing` receives an edit whose text was not found. */
inline QMap<QString, QString> edited(QMap<QString, QString> documents, const QList<Edit> &edits, QString *missing)
{
    for (const auto &e : edits) {
        QString &text = documents[e.file];
        if (!text.contains(e.from) && missing)
            *missing = e.file + QStringLiteral(": ") + e.from;
        text.replace(e.from, e.to);
    }
    return documents;
}

} // namespace fixture

#endif // Q_MOC_RUN

Q_DECLARE_METATYPE(fixture::Edit)
