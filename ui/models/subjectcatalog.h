// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "common/objectref.h"
#include "graph/matrixrows.h"
#include "graph/permissiongraph.h"
#include "models/subjectref.h"

#include <QString>

#include <array>
#include <atomic>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace clr::ui {

/** A service account the snapshot defines, or one that a binding names without defining it. */
struct ServiceAccountEntry
{
    std::string ns;
    std::string name;
    int source = -1; // index into Cluster::serviceAccounts, -1 when only named by a binding
};

/**
 * Every subject of one PermissionGraph, sorted by name per kind, with the lookups the widgets need
 * (by Kubernetes user name, by object ID, by service account). Built once per load on the loading
 * thread (sorting 10^5 users must not block the window), then read-only. Holds a reference to the
 * graph: the owner keeps the graph alive longer than the catalog (see Session).
 */
class SubjectCatalog final
{
public:
    explicit SubjectCatalog(const PermissionGraph &graph);

    const PermissionGraph &graph() const { return m_graph; }

    /** The subjects of one kind, sorted by name (service accounts by namespace, then name). */
    const std::vector<SubjectRef> &subjects(SubjectKind kind) const { return m_lists[std::size_t(kind)]; }
    /** Namespaces that have service accounts, sorted; and the accounts of one of them. */
    const std::vector<std::string> &serviceAccountNamespaces() const { return m_saNamespaces; }
    const std::vector<SubjectRef> &serviceAccountsIn(std::size_t nsIndex) const { return m_saByNamespace[nsIndex]; }
    const ServiceAccountEntry &serviceAccount(SubjectRef ref) const { return m_serviceAccounts[ref.id]; }
    /** The position of `ref` in subjects(kind) (for a service account: in serviceAccountsIn(its namespace)). */
    int position(SubjectRef ref) const;
    std::size_t serviceAccountNamespaceIndex(SubjectRef ref) const { return m_saNamespaceIndex[ref.id]; }

    SubjectRef principalRef(entra::PrincipalId principal) const;
    std::optional<SubjectRef> findServiceAccount(const std::string &ns, const std::string &name) const;
    /** An Entra principal by the Kubernetes user name AKS gives it, or a Kubernetes-only user or service account. */
    std::optional<SubjectRef> findKubernetesUser(const std::string &userName) const;
    std::optional<SubjectRef> findKubernetesGroup(const std::string &groupName) const;
    /** The subject an ObjectRef names (Principal, User, Group or ServiceAccount), if the catalog has it. */
    std::optional<SubjectRef> resolveRef(const ObjectRef &ref) const;
    /** The ObjectRef of a subject (what explanation paths link to). */
    ObjectRef refOf(SubjectRef ref) const;

    QString name(SubjectRef ref) const;      // display name; "ns/name" for service accounts
    /** name(), plus the Kubernetes name when another principal of the same kind has the same display name. */
    QString label(SubjectRef ref) const;
    QString shortName(SubjectRef ref) const; // service accounts without their namespace
    QString kubernetesName(SubjectRef ref) const; // what the API server sees (user or group name)
    QString kindLabel(SubjectRef ref) const;
    QString toolTip(SubjectRef ref) const;
    bool unresolved(SubjectRef ref) const;
    bool disabled(SubjectRef ref) const;
    /** Case-insensitive: does the name, sign-in name, object or app ID contain `lowerNeedle` (lower case UTF-8)? */
    bool matches(SubjectRef ref, std::string_view lowerNeedle) const;

    /** False for Entra groups: a group never sends a request, its members do. */
    bool canAsk(SubjectRef ref) const { return ref.kind != SubjectKind::Group; }
    /** How the API server sees this subject (groups resolved transitively). Requires canAsk(). */
    Identity identity(SubjectRef ref) const;
    /** The subject as an identity matrix row (graph/matrixrows.h). Requires canAsk(). */
    RequesterRow requesterRow(SubjectRef ref) const;

    std::vector<SubjectRef> directMembers(SubjectRef group) const; // groups first, then by name
    std::vector<SubjectRef> transitiveMembers(SubjectRef group) const; // users and service principals only
    /** Every subject that can ask, in display order: users, service principals, managed identities,
     *  service accounts, Kubernetes users and groups, unresolved object IDs. */
    std::vector<SubjectRef> allRequesters() const;
    /** The managed identity or application a service account federates with (workload identity), if any. */
    std::optional<SubjectRef> workloadIdentityOf(SubjectRef serviceAccount) const;

private:
    void indexDirectory();
    void indexServiceAccounts();
    void indexKubernetesSubjects();
    void sortList(SubjectKind kind);
    std::string sortKey(SubjectRef ref) const;

    const PermissionGraph &m_graph;
    std::array<std::vector<SubjectRef>, kSubjectKindCount> m_lists;
    std::vector<int> m_position; // by PrincipalId: index in its kind's list
    std::vector<bool> m_sharedName; // by PrincipalId: another principal of its kind has the same display name
    // By PrincipalId: lower-case "name\nupn\nid\nappId", all in one buffer. The identities filter
    // searches every principal per keystroke; one memchr-driven find per row keeps that fast.
    std::string m_searchText;
    std::vector<std::uint32_t> m_searchOffsets; // size()+1 entries
    std::unordered_map<std::string, entra::PrincipalId> m_byKubernetesName;
    std::unordered_map<std::string, entra::PrincipalId> m_byAppId;
    std::vector<ServiceAccountEntry> m_serviceAccounts;
    std::unordered_map<std::string, std::uint32_t> m_saByKey; // "ns/name"
    std::vector<std::string> m_saNamespaces;
    std::vector<std::vector<SubjectRef>> m_saByNamespace;
    std::vector<std::size_t> m_saNamespaceIndex; // by service account id
    std::vector<int> m_saPosition;               // by service account id: index in its namespace
    std::vector<std::string> m_kubeUsers;
    std::vector<std::string> m_kubeGroups;
};

} // namespace clr::ui
