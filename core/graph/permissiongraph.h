// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "azure/dataactions.h"
#include "azure/model.h"
#include "common/objectref.h"
#include "entra/directory.h"
#include "kubernetes/authorizer.h"
#include "kubernetes/resources.h"
#include "load/snapshot.h"

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace clr {

/** Where a grant comes from. Bit flags: one answer may be granted by several planes. */
enum class Plane : std::uint8_t {
    Kubernetes = 1,      // Kubernetes RBAC bindings
    Azure = 2,           // Azure RBAC data actions (aadProfile.enableAzureRbac)
    AksAdminGroup = 4,   // aadProfile.adminGroupObjectIds -> cluster-admin
    AdminCredential = 8, // listClusterAdminCredential while local accounts are enabled
};
using Planes = std::uint8_t;
inline constexpr Planes planeBit(Plane p) { return static_cast<Planes>(p); }
/** "kubernetes", "azure", "aks-admin-group", "admin-credential". */
std::string planeName(Plane p);
std::vector<std::string> planeNames(Planes planes);
inline constexpr Plane kAllPlanes[] = {Plane::Kubernetes, Plane::Azure, Plane::AksAdminGroup, Plane::AdminCredential};

/** Who asks: the Kubernetes identity and, when known, the Entra principal behind it. */
struct Identity
{
    k8s::UserInfo user; // name as AKS sees it; groups = transitive group object IDs + system groups + --as-group
    entra::PrincipalId principal = entra::NoPrincipal;
    std::vector<entra::PrincipalId> entraGroups; // transitive
    bool serviceAccount = false;
    bool isEntra() const { return principal != entra::NoPrincipal; }
};

struct Decision
{
    bool allowed = false;
    Planes planes = 0;
    bool conditional = false;     // denied, but conditional (ABAC) Azure assignments would allow it
    bool someNames = false;       // denied, but a Kubernetes rule allows it for some resourceNames
    bool disabledAccount = false; // allowed, but the Entra account is disabled (latent access)
};

/** One element of an explanation path, with the object it links to (null for none). */
struct PathStep
{
    enum class Kind : std::uint8_t { Principal, Group, Subject, Binding, Assignment, Role, RoleDefinition, Rule, DataAction, Cluster, Note };
    Kind kind = Kind::Note;
    std::string label; // human text ("group Finance Devs (3f2c...)")
    ObjectRef ref;
};

/** principal -> group chain -> binding or assignment -> role -> rule or dataAction. */
struct GrantPath
{
    Plane plane = Plane::Kubernetes;
    std::vector<PathStep> steps;
    std::string text;        // one readable sentence
    bool assumption = false; // relies on an assumption of docs/semantics.md; the text says which
    bool conditional = false;
    bool someNamesOnly = false; // the rule is restricted by resourceNames
};

struct Explanation
{
    Decision decision;
    std::vector<GrantPath> paths;
    std::vector<std::string> misses; // nearest misses for a "no"
    std::vector<std::string> notes;  // assumptions, unresolved references, disabled account...
};

struct PrincipalResult
{
    entra::PrincipalId principal = entra::NoPrincipal;
    Planes planes = 0;
    bool conditional = false;
};

struct WhoCanResult
{
    k8s::Request request;                     // the request answered (cluster-scoped ones lose their namespace)
    bool anyNamespace = false;                // answered for every namespace (-A)
    std::vector<k8s::SubjectGrants> subjects; // Kubernetes RBAC subjects, as kubectl who-can tools list them
    std::vector<PrincipalResult> principals;  // Entra users and service principals allowed (any plane)
    std::vector<std::string> notes;           // what could not be resolved, assumptions, how the request was read
};

/** An Azure role assignment that concerns the selected cluster: at or above it, or on one of its namespaces. */
struct ClusterAssignment
{
    std::uint32_t assignment = 0; // index into Snapshot::azure.assignments
    int roleDefinition = -1;      // index into Snapshot::azure.roleDefinitions, -1 when unknown
    entra::PrincipalId assignee = entra::NoPrincipal;
    azure::ScopeMatch match = azure::ScopeMatch::None;
    std::string ns; // for Namespace matches
    bool conditional = false;
    bool listsAdminCredential = false; // the role grants listClusterAdminCredential/action
    bool listsUserCredential = false;  // the role grants listClusterUserCredential/action
};

/** Whom a binding subject reaches in the Entra directory (see PermissionGraph::reachOf()). */
struct SubjectReach
{
    enum class Kind : std::uint8_t {
        None,      // no Entra principal (a service account, a system: group, an unknown name)
        Principal, // one user or service principal, by its Kubernetes user name
        MembersOf, // the transitive members of a group (by its exact object ID)
        Everyone,  // system:authenticated: every Entra user and service principal
    };
    Kind kind = Kind::None;
    entra::PrincipalId principal = entra::NoPrincipal;
};

/**
 * Everything that may grant one identity anything, whatever the request: the bindings that name it,
 * the Azure assignments that reach it (directly or through its groups), the AKS admin groups it is in,
 * and the assignments that let it download the admin credential. Built by PermissionGraph::profile()
 * and asked per request by PermissionGraph::evaluate(); a matrix keeps one per row.
 */
struct AccessProfile
{
    Identity who;
    bool privileged = false;                      // in system:masters
    bool disabled = false;                        // a disabled Entra account
    bool azureRbac = false;                       // the Azure RBAC plane answers for this identity
    std::vector<entra::PrincipalId> adminGroups;  // AKS admin groups it belongs to (Entra integration on)
    std::vector<std::uint32_t> adminCredential;   // ClusterAssignment indexes that yield the admin credential
    k8s::BindingSet bindings;                     // the bindings that name it
    std::vector<std::uint32_t> assignments;       // ClusterAssignment indexes that reach it: cluster-wide first, then by namespace
    std::vector<std::string_view> assignmentNamespaces; // per assignment: "" or its namespace (views into the graph)
    std::size_t clusterAssignmentCount = 0;       // assignments[0, clusterAssignmentCount) apply cluster-wide
};

/** A request made ready for evaluation: its attributes and the Azure data actions it maps to. */
struct Query
{
    k8s::Request request;
    std::vector<std::string> azureActions; // every one must be granted (a wildcard request expands); none: Azure cannot grant it
    bool discovery = false;                // a discovery path the AKS webhook allows every Entra caller
};

/** Which Azure data actions of a Query some assignment grants (a bit per action). */
class ActionCoverage final
{
public:
    void set(std::size_t action);
    bool any() const;
    bool all(std::size_t actions) const;
    void merge(const ActionCoverage &other);

private:
    std::uint64_t m_bits = 0;           // actions 0..63
    std::vector<std::uint64_t> m_more;  // actions 64.. (wildcard requests over many resources)
};

/** Where one namespace's grants sit in a profile: its RoleBindings and its namespace-scoped assignments. */
struct NamespaceSlice
{
    std::size_t bindingsFirst = 0, bindingsLast = 0;
    std::size_t assignmentsFirst = 0, assignmentsLast = 0;
    bool empty() const { return bindingsFirst == bindingsLast && assignmentsFirst == assignmentsLast; }
};

/** One part of an evaluation (cluster-wide or one namespace), merged by PermissionGraph::decide(). */
struct PartialVerdict
{
    bool kubernetes = false;
    bool someNames = false;
    ActionCoverage granted;     // by unconditional assignments
    ActionCoverage conditional; // by assignments behind an ABAC condition
    void merge(const PartialVerdict &other);
};

/** Why an evaluation allowed: every Kubernetes grant and every Azure assignment that matched. */
struct Trace
{
    struct AzureHit
    {
        std::uint32_t clusterAssignment = 0;
        std::string pattern; // the first dataActions pattern that matched
        bool conditional = false;
    };
    std::vector<k8s::Grant> grants;
    std::vector<AzureHit> azure;
};

/**
 * The one permission graph: Kubernetes RBAC, Entra ID and Azure RBAC of one snapshot joined for one
 * AKS cluster, with AKS's semantics (docs/semantics.md). Immutable once built; every query is const
 * and may run on any thread.
 *
 * The rules are written once, as the small named predicates below and in kubernetes/rules.h and
 * azure/dataactions.h. Every answer is built from them: check() and explain() walk forward from one
 * identity (profile() then evaluate()), whoCan() walks backward from one request, the matrices cache
 * profiles and the cluster-wide part of each column, drafts and the generator's proof call check().
 */
class PermissionGraph final
{
public:
    /** `clusterSelector`: cluster name or resource ID; empty picks the only cluster (or none). */
    explicit PermissionGraph(Snapshot snapshot, const std::string &clusterSelector = {});
    ~PermissionGraph();
    PermissionGraph(const PermissionGraph &) = delete;
    PermissionGraph &operator=(const PermissionGraph &) = delete;

    const Snapshot &snapshot() const { return m_snapshot; }
    const k8s::Authorizer &kubernetes() const { return *m_authorizer; }
    const k8s::ResourceTable &resources() const { return m_resources; }
    const azure::ManagedCluster *cluster() const; // null when the snapshot has no (matching) AKS cluster
    const Diagnostics &diagnostics() const { return m_diagnostics; } // graph-level findings (cluster choice, dangling refs)
    std::vector<std::string> namespaces() const; // known namespaces, sorted

    // ------------------------------------------------------------ identities

    /** Resolves --as (UPN, object ID, unique display name, or any Kubernetes user name) plus --as-group. */
    Identity identityFor(const std::string &as, const std::vector<std::string> &asGroups, std::string *error = nullptr) const;
    /** How AKS sees an Entra user or service principal: its Kubernetes user name and transitive groups. */
    Identity identityOf(entra::PrincipalId principal) const;
    /** A member of an Entra group, as far as that membership goes: what belonging to the group grants. */
    Identity memberOf(entra::PrincipalId group) const;
    /** The Kubernetes user name AKS gives an Entra principal (UPN, or object ID for guests and SPs). */
    std::string kubernetesUserName(entra::PrincipalId principal) const;
    /** Whom a binding subject names among Entra principals: the reverse of identityOf(). */
    SubjectReach reachOf(const k8s::Subject &subject) const;
    /** reachOf() expanded: the Entra users and service principals a binding subject names. */
    std::vector<entra::PrincipalId> principalsNamedBy(const k8s::Subject &subject) const;

    // ------------------------------------------------------------ the rules, as named predicates

    /** The AKS admin groups grant cluster-admin (they do only with Entra integration). */
    bool adminGroupsApply() const;
    /** The Azure RBAC plane answers for this identity: Azure RBAC on, an Entra principal, not a service account. */
    bool azureRbacApplies(const Identity &who) const;
    /** Holding this assignment yields a cluster-admin credential: local accounts on, at or above the cluster,
     *  unconditional, and listClusterAdminCredential (or listClusterUserCredential without Entra integration). */
    bool yieldsAdminCredential(const ClusterAssignment &a) const;
    /** The assignment counts for the request: cluster-wide ones always, a namespace's only for resource
     *  requests in that namespace. */
    static bool assignmentApplies(const ClusterAssignment &a, const k8s::Request &request);
    /** The request's Azure data actions: one, or every concrete action a wildcard request expands to. */
    std::vector<std::string> azureActionsFor(const k8s::Request &request) const;
    /** True when the request's resource is a CustomResourceDefinition's (Azure maps those to customresources). */
    bool isCustomResource(const k8s::Request &request) const;
    /** True for a resource the table knows as cluster-scoped (nodes, namespaces, clusterroles...). */
    bool isClusterScoped(const k8s::Request &request) const;

    // ------------------------------------------------------------ evaluation

    Query query(const k8s::Request &request) const;
    AccessProfile profile(const Identity &who) const;
    /** The planes that allow the request; `trace` (optional) receives every grant. */
    Decision evaluate(const AccessProfile &profile, const Query &query, Trace *trace = nullptr) const;
    /** The parts evaluate() merges. The cluster-wide part does not depend on the query's namespace, so a
     *  matrix computes it once per column; the namespace part covers the RoleBindings and namespace
     *  assignments of query.request.ns. */
    PartialVerdict evaluateClusterWide(const AccessProfile &profile, const Query &query, Trace *trace = nullptr) const;
    PartialVerdict evaluateNamespace(const AccessProfile &profile, const Query &query, Trace *trace = nullptr) const;
    /** The namespace part for a slice found once (a matrix row): an empty slice adds nothing. */
    NamespaceSlice namespaceSlice(const AccessProfile &profile, std::string_view ns) const;
    PartialVerdict evaluateNamespace(const AccessProfile &profile, const NamespaceSlice &slice, const Query &query, Trace *trace = nullptr) const;
    Decision decide(const AccessProfile &profile, const Query &query, const PartialVerdict &verdict) const;

    /** evaluate(profile(who), query(request)). */
    Decision check(const Identity &who, const k8s::Request &request) const;
    Explanation explain(const Identity &who, const k8s::Request &request) const;
    /**
     * Every Kubernetes subject and Entra principal allowed: the reverse walk over the same predicates.
     * A cluster-scoped resource or a non-resource URL is answered cluster-wide whatever the namespace
     * or `anyNamespace` (no request for it can carry a namespace); the result's notes say so.
     */
    WhoCanResult whoCan(const k8s::Request &request, bool anyNamespace = false) const;

    const std::vector<ClusterAssignment> &clusterAssignments() const;
    /** The ClusterAssignment of Snapshot::azure.assignments[assignment]; null when it does not concern the cluster. */
    const ClusterAssignment *clusterAssignmentOf(std::uint32_t assignment) const;
    /** The file name of a SourceRef ("" when none). */
    std::string fileOf(const SourceRef &src) const;

    struct Private;

private:
    void indexAzure();
    void gather(const Identity &who, AccessProfile &profile) const; // profile() but for `who` itself
    void reportFindings();
    void azurePart(const AccessProfile &profile, const Query &query, std::size_t first, std::size_t last, PartialVerdict &out,
                   Trace *trace) const;
    const std::vector<entra::PrincipalId> &principalsByName() const;
    void explainKubernetes(const AccessProfile &profile, const Trace &trace, Explanation &out) const;
    void explainAzure(const AccessProfile &profile, const Query &query, const Trace &trace, Explanation &out) const;
    void explainMisses(const AccessProfile &profile, const Query &query, Explanation &out) const;
    std::vector<PathStep> groupChainSteps(const Identity &who, entra::PrincipalId group) const;
    std::vector<PathStep> assignmentSteps(const AccessProfile &profile, const ClusterAssignment &a) const;
    PathStep principalStep(const Identity &who) const;

    Snapshot m_snapshot;
    std::unique_ptr<k8s::Authorizer> m_authorizer;
    k8s::ResourceTable m_resources;
    Diagnostics m_diagnostics;
    std::unique_ptr<Private> d;
};

} // namespace clr
