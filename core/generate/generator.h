// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "graph/matrix.h"
#include "kubernetes/model.h"
#include "kubernetes/request.h"

#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace clr::gen {

/** The resource verbs the proof probes, in the order generated rules list them. */
const std::vector<std::string> &standardVerbs();
/** The non-resource (HTTP) verbs the proof probes. */
const std::vector<std::string> &httpVerbs();
/**
 * audit2rbac's verb expansions (a client that lists usually watches, one that updates usually
 * patches): watch -> get,list; list -> get,watch; update -> get,patch; patch -> get,update.
 * Applied only with GenerateOptions::expandVerbs; the proof reports what they add separately.
 */
const std::map<std::string, std::vector<std::string>> &verbExpansions();

/** The label every generated object carries. */
inline constexpr const char *kManagedByLabel = "app.kubernetes.io/managed-by";
inline constexpr const char *kManagedByValue = "clearance";

struct GenerateOptions
{
    k8s::Subject subject;      // as AKS matches it: UPN / object ID (User), group object ID (Group), SA
    std::string subjectLabel;  // readable name used in object names (e.g. a group's display name); default subject.name
    std::string name;          // base object name; default "clearance:" + sanitized label
    bool expandVerbs = false;  // add verbExpansions()
    bool skipDefaultAccess = true; // drop requests that the default bootstrap roles allow every authenticated user
};

/** Roles and bindings that grant a set of requests, with the requests they were made from. */
struct GeneratedPolicy
{
    std::vector<k8s::Role> roles;       // ClusterRoles first, then Roles, each sorted by namespace/name
    std::vector<k8s::Binding> bindings; // ClusterRoleBindings first, then RoleBindings
    k8s::Subject subject;
    std::vector<k8s::Request> requested; // normalised: unique, none covered by another, default access removed
    std::vector<k8s::Request> expanded;  // added by verb expansion (not requested)
    std::vector<k8s::Request> skipped;   // every authenticated user may already make these (discovery, self reviews)
    bool empty() const { return roles.empty(); }
};

/** Lower-case, characters outside [a-z0-9:.-] become '-', at most 253 characters. */
std::string sanitizeName(std::string_view s);

/** The binding subject for a Kubernetes user name: ServiceAccount for system:serviceaccount:NS:NAME, else User. */
k8s::Subject subjectForUser(const std::string &userName);
k8s::Subject groupSubject(const std::string &group);
/** A user the subject matches (a stand-in member for a Group), with the groups impersonation adds. */
k8s::UserInfo probeUser(const k8s::Subject &subject);

/** True when any request `a` may make is one `b` asks for: same verb and resource (or path), a's
 *  namespace empty (cluster-wide) or equal, a's name empty (every name) or equal. */
bool covers(const k8s::Request &a, const k8s::Request &b);
/** Sorts, removes duplicates and requests covered by another request. */
std::vector<k8s::Request> normalizeRequests(std::vector<k8s::Request> requests);

/**
 * Compacts the requests of one scope into rules without wildcards: per group, resource and verb the
 * names are kept only when every request named an object; verbs of the same resource and names
 * are merged; then resources of the same group sharing verbs and names. Non-resource paths
 * sharing verbs are merged. The rules allow exactly the requests (plus every name where a request
 * named none).
 */
std::vector<k8s::PolicyRule> compactRules(const std::vector<k8s::Request> &requests);

/**
 * Generates the least-privilege objects for `requests`:
 * - requests without a namespace (cluster-scoped resources, lists across namespaces, non-resource
 *   URLs) go to one ClusterRole bound by a ClusterRoleBinding;
 * - permissions needed in several namespaces go to a ClusterRole per set of such namespaces,
 *   bound by a RoleBinding (of the same name) in each of them, never cluster-wide;
 * - what only one namespace needs goes to a Role there.
 * Object names: options.name or "clearance:<label>"; shared ClusterRoles add ":namespaced" (or
 * ":namespaced-K"). Every object is labelled app.kubernetes.io/managed-by=clearance.
 */
GeneratedPolicy generate(std::vector<k8s::Request> requests, const GenerateOptions &options);

/** The requests of matrix cells selected for one namespace ("exactly these permissions"). */
std::vector<k8s::Request> requestsFromCells(const std::vector<MatrixColumn> &cells, const std::string &ns);

/** "get pods/log named x in ns" style text used by the proof and the CLI. */
std::string describeRequest(const k8s::Request &r);

} // namespace clr::gen
