// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "azure/model.h"
#include "entra/directory.h"
#include "load/snapshot.h"
#include "kubernetes/authorizer.h"
#include "kubernetes/resources.h"

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace clr {

struct AzureVerdict;

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
    bool conditional = false; // only conditional (ABAC) Azure assignments would allow it
    bool disabledAccount = false; // allowed, but the Entra account is disabled (latent access)
};

/** One element of an explanation path. `ref` is a stable link target for the UI. */
struct PathStep
{
    enum class Kind : std::uint8_t { Principal, Group, Subject, Binding, Assignment, Role, RoleDefinition, Rule, DataAction, Cluster, Note };
    Kind kind = Kind::Note;
    std::string label; // human text ("group Finance Devs (3f2c...)")
    std::string ref;   // "principal:<oid>", "binding:<ns>/<name>", "clusterrolebinding:<name>", "role:<ns>/<name>",
                       // "clusterrole:<name>", "assignment:<id>", "roledefinition:<id>" ("" for none)
};

/** principal -> group chain -> binding or assignment -> role -> rule or dataAction. */
struct GrantPath
{
    Plane plane = Plane::Kubernetes;
    std::vector<PathStep> steps;
    std::string text;        // one readable sentence
    bool assumption = false; // relies on an (assumption) of DOMAIN.md; the text says which
    bool conditional = false;
    bool someNamesOnly = false; // the rule is restricted by resourceNames
};

struct Explanation
{
    Decision decision;
    std::vector<GrantPath> paths;
    std::vector<std::string> misses; // nearest misses for a "no" (and notes for a "yes")
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
    std::vector<k8s::SubjectGrants> subjects;  // Kubernetes RBAC subjects, as kubectl who-can tools list them
    std::vector<PrincipalResult> principals;   // Entra users and service principals allowed (any plane)
    std::vector<std::string> notes;            // what could not be resolved, assumptions
};

/**
 * The one permission graph: Kubernetes RBAC, Entra ID and Azure RBAC of one snapshot joined for
 * one AKS cluster, with AKS's semantics (DOMAIN.md §1-§4). Immutable once built; every query is
 * const and may run on any thread. The CLI, the matrix, the explanations and the generator all
 * ask this class: there is no second evaluator.
 */
class PermissionGraph final
{
public:
    /** `clusterSelector`: cluster name or resource ID; empty picks the only cluster (or none). */
    explicit PermissionGraph(Snapshot snapshot, const std::string &clusterSelector = {});
    ~PermissionGraph();

    const Snapshot &snapshot() const { return m_snapshot; }
    const k8s::Authorizer &kubernetes() const { return *m_authorizer; }
    const k8s::ResourceTable &resources() const { return m_resources; }
    const azure::ManagedCluster *cluster() const; // null when the snapshot has no (matching) AKS cluster
    const Diagnostics &diagnostics() const { return m_diagnostics; } // graph-level findings (cluster choice, dangling refs)
    std::vector<std::string> namespaces() const; // known namespaces, sorted

    /** Resolves --as (UPN, object ID, unique display name, or any Kubernetes user name) plus --as-group. */
    Identity identityFor(const std::string &as, const std::vector<std::string> &asGroups, std::string *error = nullptr) const;
    Identity identityOf(entra::PrincipalId principal) const;

    Decision check(const Identity &who, const k8s::Request &request) const;
    Explanation explain(const Identity &who, const k8s::Request &request) const;
    WhoCanResult whoCan(const k8s::Request &request, bool anyNamespace = false) const;

    /** The Kubernetes user name AKS gives an Entra principal (UPN, or object ID for guests and SPs). */
    std::string kubernetesUserName(entra::PrincipalId principal) const;

    /** True when the request's resource is a CustomResourceDefinition's (Azure maps those to customresources). */
    bool isCustomResource(const k8s::Request &request) const;
    /** The file name of a SourceRef ("" when none). */
    std::string fileOf(const SourceRef &src) const;

    struct Private;

private:
    friend struct MatrixSupport;
    void indexAzure();
    void reportFindings();
    bool isPrivileged(const Identity &who) const;
    std::vector<entra::PrincipalId> adminGroupsOf(const Identity &who) const;
    std::vector<std::uint32_t> azureRefsOf(const Identity &who) const;
    std::vector<std::uint32_t> adminCredentialRefs(const Identity &who) const;
    std::vector<std::string> azureActionsFor(const k8s::Request &request) const;
    AzureVerdict azureVerdict(const Identity &who, const k8s::Request &request) const;
    bool azureDiscoveryDefault(const Identity &who, const k8s::Request &request) const;
    const std::vector<entra::PrincipalId> &principalsByName() const;
    void explainKubernetes(const Identity &who, const k8s::Request &request, Explanation &out) const;
    void explainAzure(const Identity &who, const k8s::Request &request, Explanation &out) const;
    void explainMisses(const Identity &who, const k8s::Request &request, Explanation &out) const;
    std::vector<PathStep> groupChainSteps(const Identity &who, entra::PrincipalId group) const;
    PathStep principalStep(const Identity &who) const;

    Snapshot m_snapshot;
    std::unique_ptr<k8s::Authorizer> m_authorizer;
    k8s::ResourceTable m_resources;
    Diagnostics m_diagnostics;
    std::unique_ptr<Private> d;
};

} // namespace clr
