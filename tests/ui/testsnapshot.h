// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// A small tenant written inline, shared by the UI tests: two namespaces, a nested group cycle,
// a guest, a disabled user, a service principal and a managed identity with workload identity,
// an aggregated ClusterRole, a dangling binding, a namespace-scoped Azure RBAC assignment, and
// one malformed file.

#include "load/loader.h"
#include "session.h"

#include <memory>

namespace testdata {

inline constexpr const char *kAlice = "11111111-1111-4111-8111-111111111111";
inline constexpr const char *kBob = "22222222-2222-4222-8222-222222222222";
inline constexpr const char *kCarol = "33333333-3333-4333-8333-333333333333";
inline constexpr const char *kDevs = "aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa";
inline constexpr const char *kLeads = "bbbbbbbb-bbbb-4bbb-8bbb-bbbbbbbbbbbb";
inline constexpr const char *kBot = "44444444-4444-4444-8444-444444444444";
inline constexpr const char *kMi = "55555555-5555-4555-8555-555555555555";

inline const char *users()
{
    return R"({"@odata.context": "https://graph.microsoft.com/v1.0/$metadata#users", "value": [
  {"id": "11111111-1111-4111-8111-111111111111", "displayName": "Alice Admin", "userPrincipalName": "alice@example.com", "accountEnabled": true, "userType": "Member"},
  {"id": "22222222-2222-4222-8222-222222222222", "displayName": "Bob Builder", "userPrincipalName": "bob@example.com", "accountEnabled": false, "userType": "Member"},
  {"id": "33333333-3333-4333-8333-333333333333", "displayName": "Carol Guest", "userPrincipalName": "carol_ext.com#EXT#@example.onmicrosoft.com", "accountEnabled": true, "userType": "Guest"}
]})";
}

inline const char *groups()
{
    return R"({"@odata.context": "https://graph.microsoft.com/v1.0/$metadata#groups", "value": [
  {"id": "aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa", "displayName": "Devs", "securityEnabled": true, "members": [
     {"@odata.type": "#microsoft.graph.user", "id": "11111111-1111-4111-8111-111111111111"},
     {"@odata.type": "#microsoft.graph.group", "id": "bbbbbbbb-bbbb-4bbb-8bbb-bbbbbbbbbbbb"}]},
  {"id": "bbbbbbbb-bbbb-4bbb-8bbb-bbbbbbbbbbbb", "displayName": "Leads", "securityEnabled": true, "members": [
     {"@odata.type": "#microsoft.graph.user", "id": "22222222-2222-4222-8222-222222222222"},
     {"@odata.type": "#microsoft.graph.group", "id": "aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa"}]}
]})";
}

inline const char *servicePrincipals()
{
    return R"({"@odata.context": "https://graph.microsoft.com/v1.0/$metadata#servicePrincipals", "value": [
  {"id": "44444444-4444-4444-8444-444444444444", "displayName": "deploy-bot", "appId": "b0b0b0b0-0000-4000-8000-000000000001", "servicePrincipalType": "Application", "accountEnabled": true},
  {"id": "55555555-5555-4555-8555-555555555555", "displayName": "id-runner", "appId": "c0c0c0c0-0000-4000-8000-000000000002", "servicePrincipalType": "ManagedIdentity", "accountEnabled": true}
]})";
}

inline const char *cluster()
{
    return R"({"id": "/subscriptions/00000000-0000-4000-8000-000000000000/resourceGroups/rg/providers/Microsoft.ContainerService/managedClusters/c1",
  "name": "c1", "type": "Microsoft.ContainerService/ManagedClusters", "resourceGroup": "rg",
  "aadProfile": {"managed": true, "enableAzureRbac": true, "adminGroupObjectIDs": []},
  "disableLocalAccounts": true, "enableRbac": true})";
}

inline const char *assignments()
{
    return R"([{"id": "/subscriptions/00000000-0000-4000-8000-000000000000/resourceGroups/rg/providers/Microsoft.ContainerService/managedClusters/c1/namespaces/team-b/providers/Microsoft.Authorization/roleAssignments/99999999-9999-4999-8999-999999999999",
  "name": "99999999-9999-4999-8999-999999999999", "principalId": "bbbbbbbb-bbbb-4bbb-8bbb-bbbbbbbbbbbb", "principalType": "Group",
  "roleDefinitionId": "/subscriptions/00000000-0000-4000-8000-000000000000/providers/Microsoft.Authorization/roleDefinitions/7f6c6a51-bcf8-42ba-9220-52d62157d7db",
  "roleDefinitionName": "Azure Kubernetes Service RBAC Reader",
  "scope": "/subscriptions/00000000-0000-4000-8000-000000000000/resourceGroups/rg/providers/Microsoft.ContainerService/managedClusters/c1/namespaces/team-b"}])";
}

inline const char *kubernetes()
{
    return R"(apiVersion: v1
kind: Namespace
metadata: {name: team-a}
---
apiVersion: v1
kind: Namespace
metadata: {name: team-b}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata: {name: pod-deleter, namespace: team-a}
rules:
- apiGroups: [""]
  resources: [pods]
  verbs: [get, list, delete]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: {name: devs-delete, namespace: team-a}
subjects:
- {kind: Group, name: aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa, apiGroup: rbac.authorization.k8s.io}
roleRef: {kind: Role, name: pod-deleter, apiGroup: rbac.authorization.k8s.io}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: piece, labels: {example.com/aggregate-to-agg: "true"}}
rules:
- apiGroups: [""]
  resources: [configmaps]
  verbs: [get]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: agg}
aggregationRule:
  clusterRoleSelectors:
  - matchLabels: {example.com/aggregate-to-agg: "true"}
rules: []
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: {name: readers}
subjects:
- {kind: User, name: "carol_ext.com#EXT#@example.onmicrosoft.com", apiGroup: rbac.authorization.k8s.io}
- {kind: Group, name: Devs, apiGroup: rbac.authorization.k8s.io}
- {kind: ServiceAccount, name: runner, namespace: team-b}
- {kind: User, name: ops-robot, apiGroup: rbac.authorization.k8s.io}
roleRef: {kind: ClusterRole, name: agg, apiGroup: rbac.authorization.k8s.io}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: {name: missing, namespace: team-b}
subjects:
- {kind: ServiceAccount, name: runner}
roleRef: {kind: Role, name: nope, apiGroup: rbac.authorization.k8s.io}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: {name: runner-pods, namespace: team-b}
subjects:
- {kind: ServiceAccount, name: runner}
roleRef: {kind: ClusterRole, name: pod-reader-names, apiGroup: rbac.authorization.k8s.io}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: pod-reader-names}
rules:
- apiGroups: [""]
  resources: [pods]
  resourceNames: [web-0]
  verbs: [get, delete]
---
apiVersion: v1
kind: ServiceAccount
metadata:
  name: runner
  namespace: team-b
  annotations: {azure.workload.identity/client-id: c0c0c0c0-0000-4000-8000-000000000002}
)";
}

/** A file that does not parse: the problem is on line 3. */
inline const char *broken()
{
    return "apiVersion: v1\nkind: Namespace\nmetadata: {name: [unclosed\n";
}

/** Loads everything above into a Session, on the calling thread. */
/** A session over any snapshot (the demo, a generated tenant). */
inline clr::ui::SessionPtr sessionOf(clr::Snapshot snapshot)
{
    auto session = std::make_shared<clr::ui::Session>();
    session->graph = std::make_shared<const clr::PermissionGraph>(std::move(snapshot));
    session->catalog = std::make_unique<const clr::ui::SubjectCatalog>(*session->graph);
    return session;
}

inline clr::ui::SessionPtr makeSession()
{
    clr::SnapshotLoader loader;
    loader.addContent("users.json", users());
    loader.addContent("groups.json", groups());
    loader.addContent("sps.json", servicePrincipals());
    loader.addContent("aks.json", cluster());
    loader.addContent("assignments.json", assignments());
    loader.addContent("rbac.yaml", kubernetes());
    loader.addContent("broken.yaml", broken());
    auto session = std::make_shared<clr::ui::Session>();
    session->graph = std::make_shared<const clr::PermissionGraph>(loader.finish());
    session->catalog = std::make_unique<const clr::ui::SubjectCatalog>(*session->graph);
    session->paths = {QStringLiteral("inline")};
    return session;
}

} // namespace testdata
