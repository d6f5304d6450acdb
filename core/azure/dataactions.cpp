// SPDX-License-Identifier: GPL-3.0-or-later
#include "azure/dataactions.h"

#include "common/strings.h"

#include <array>
#include <initializer_list>
#include <utility>

namespace clr::azure {

namespace {

// kClusterDataActionPrefix without its trailing '/': guard's clusterType for authz mode "aks" (rbac.go).
constexpr std::string_view kClusterType = "Microsoft.ContainerService/managedClusters";

char lowerAscii(char c)
{
    return (c >= 'A' && c <= 'Z') ? char(c - 'A' + 'a') : c;
}

/**
 * Go's path.Join: joins the non-empty parts with '/', then cleans the result like path.Clean
 * (repeated '/' collapse, "." vanishes, ".." removes the previous element, no trailing '/').
 * guard builds every action id with path.Join, so "/api/" and "/api" give the same action and an
 * unknown verb (empty suffix) simply disappears instead of leaving a trailing '/'.
 */
std::string goPathJoin(std::initializer_list<std::string_view> parts)
{
    std::string joined;
    for (std::string_view part : parts) {
        if (part.empty())
            continue;
        if (!joined.empty())
            joined += '/';
        joined += part;
    }
    if (joined.empty())
        return {};
    const bool rooted = joined.front() == '/';
    // Nearly every action is already clean (no empty, "." or ".." segment): return it as joined.
    bool clean = true;
    for (std::size_t start = rooted ? 1 : 0; clean && start <= joined.size();) {
        const std::size_t end = std::min(joined.find('/', start), joined.size());
        const std::string_view seg(joined.data() + start, end - start);
        clean = !seg.empty() && seg != "." && seg != "..";
        start = end + 1;
    }
    if (clean)
        return joined;
    std::vector<std::string_view> kept;
    for (std::string_view seg : split(joined, '/')) {
        if (seg.empty() || seg == ".")
            continue;
        if (seg != "..") {
            kept.push_back(seg);
        } else if (!kept.empty() && kept.back() != "..") {
            kept.pop_back();
        } else if (!rooted) {
            kept.push_back(seg); // a relative path keeps leading ".." (path.Clean)
        }
    }
    std::string out = rooted ? "/" : "";
    for (std::size_t i = 0; i < kept.size(); ++i) {
        if (i)
            out += '/';
        out += kept[i];
    }
    return out.empty() ? std::string(".") : out;
}

/** Path segments with empty ones dropped: tolerates trailing and doubled slashes when matching. */
std::vector<std::string_view> lenientSegments(std::string_view path)
{
    std::vector<std::string_view> out;
    for (std::string_view seg : split(path, '/'))
        if (!seg.empty())
            out.push_back(seg);
    return out;
}

bool segmentsStartWith(const std::vector<std::string_view> &segs, const std::vector<std::string_view> &prefix)
{
    if (prefix.size() > segs.size())
        return false;
    for (std::size_t i = 0; i < prefix.size(); ++i)
        if (!iequals(segs[i], prefix[i]))
            return false;
    return true;
}

/**
 * The segment counts at which a whole ARM scope ends inside `segs` (0 = "/", 2 = subscription,
 * 4 = resource group, then after each <type>/<name> pair of a resource). Only these prefixes are
 * ancestors: "/subscriptions/s/resourceGroups" or ".../providers/Microsoft.ContainerService" are not scopes.
 */
std::vector<std::size_t> scopeBoundaries(const std::vector<std::string_view> &segs)
{
    std::vector<std::size_t> out{0};
    std::size_t pos = 0;
    const std::size_t n = segs.size();
    if (pos + 1 < n && iequals(segs[pos], "subscriptions")) {
        pos += 2;
        out.push_back(pos);
    }
    if (pos + 1 < n && iequals(segs[pos], "resourceGroups")) {
        pos += 2;
        out.push_back(pos);
    }
    while (pos + 1 < n) {
        if (iequals(segs[pos], "providers"))
            pos += 2; // "providers/<namespace>" opens a resource but is not a scope by itself
        if (pos + 1 >= n)
            break;
        pos += 2;
        out.push_back(pos);
    }
    return out;
}

bool isHex(char c)
{
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

/** 8-4-4-4-12 hex digits: the form of subscription IDs and role definition names. */
bool isGuid(std::string_view s)
{
    if (s.size() != 36)
        return false;
    for (std::size_t i = 0; i < s.size(); ++i) {
        const bool dash = i == 8 || i == 13 || i == 18 || i == 23;
        if (dash ? s[i] != '-' : !isHex(s[i]))
            return false;
    }
    return true;
}

/** Resource group names: 1-90 characters, letters (Unicode allowed), digits, '-', '_', '(', ')', '.', not ending in '.'. */
bool isResourceGroupName(std::string_view s)
{
    if (s.empty() || s.size() > 90 || s.back() == '.')
        return false;
    for (char ch : s) {
        const auto c = static_cast<unsigned char>(ch);
        const bool ok = c >= 0x80 || (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')
            || c == '-' || c == '_' || c == '(' || c == ')' || c == '.';
        if (!ok)
            return false;
    }
    return true;
}

/** Resource provider namespaces look like "Microsoft.ContainerService": a dot, no blanks. */
bool isProviderNamespace(std::string_view s)
{
    if (s.find('.') == std::string_view::npos || s.front() == '.' || s.back() == '.')
        return false;
    for (char ch : s)
        if (static_cast<unsigned char>(ch) <= ' ')
            return false;
    return true;
}

/** A resource type or name segment: no control characters and no surrounding blanks. */
bool isPlainSegment(std::string_view s)
{
    if (s.empty() || s.front() == ' ' || s.back() == ' ')
        return false;
    for (char ch : s)
        if (static_cast<unsigned char>(ch) < ' ')
            return false;
    return true;
}

/** Strict segments: leading '/' required, one trailing '/' tolerated, no empty segment in between. */
bool strictSegments(std::string_view scope, std::vector<std::string_view> *out)
{
    if (scope.empty() || scope.front() != '/')
        return false;
    scope.remove_prefix(1);
    if (scope.size() > 1 && scope.back() == '/')
        scope.remove_suffix(1); // one trailing '/' after a segment; "//" stays an empty segment
    out->clear();
    if (scope.empty())
        return true; // "/" (root)
    for (std::string_view seg : split(scope, '/')) {
        if (seg.empty())
            return false;
        out->push_back(seg);
    }
    return true;
}

/** "providers/<namespace>" followed by one or more <type>/<name> pairs, up to the next "providers". */
bool parseProviderSection(const std::vector<std::string_view> &segs, std::size_t *pos)
{
    std::size_t p = *pos;
    if (p + 1 >= segs.size() || !iequals(segs[p], "providers") || !isProviderNamespace(segs[p + 1]))
        return false;
    p += 2;
    int pairs = 0;
    while (p < segs.size() && !iequals(segs[p], "providers")) {
        if (p + 1 >= segs.size() || !isPlainSegment(segs[p]) || !isPlainSegment(segs[p + 1]))
            return false;
        p += 2;
        ++pairs;
    }
    *pos = p;
    return pairs > 0;
}

/** Shared by roleGrantsDataAction/roleGrantsAction: the allow list and the exclusions of one Permission. */
using PatternList = std::vector<std::string> Permission::*;

const std::string *firstMatch(const std::vector<std::string> &patterns, std::string_view action)
{
    for (const std::string &pattern : patterns)
        if (actionPatternMatches(pattern, action))
            return &pattern;
    return nullptr;
}

/**
 * Azure: a role's effective permissions are its allowed patterns minus its excluded ones (Learn "Understand
 * Azure role definitions": NotActions/NotDataActions are subtracted, they are not deny rules). Each
 * Permission block of the ARM model is evaluated on its own: an exclusion removes the action from the
 * block it is written in (all built-in roles have exactly one block, where this equals role-wide subtraction).
 */
bool roleGrants(const RoleDefinition &role, std::string_view action, PatternList allow, PatternList exclude,
                std::string *matchedPattern)
{
    if (action.empty())
        return false;
    for (const Permission &perm : role.permissions) {
        const std::string *hit = firstMatch(perm.*allow, action);
        if (!hit || firstMatch(perm.*exclude, action))
            continue;
        if (matchedPattern)
            *matchedPattern = *hit;
        return true;
    }
    return false;
}

} // namespace

std::string_view verbAction(std::string_view verb)
{
    // guard checkaccessreqhelper.go getActionName: an exact, case-sensitive switch. Verbs outside the
    // table (approve, sign, attest, post, put, ...) get no suffix at all, not "<verb>/action".
    static constexpr std::array<std::pair<std::string_view, std::string_view>, 13> table{{
        {"get", "read"}, {"list", "read"}, {"watch", "read"},
        {"create", "write"}, {"update", "write"}, {"patch", "write"},
        {"delete", "delete"}, {"deletecollection", "delete"},
        {"bind", "bind/action"}, {"escalate", "escalate/action"}, {"use", "use/action"},
        {"impersonate", "impersonate/action"},
        {"*", "*"},
    }};
    for (const auto &[k8sVerb, action] : table)
        if (k8sVerb == verb)
            return action;
    return {};
}

std::string dataActionFor(const k8s::Request &request, bool customResource)
{
    // Non-resource URLs: path.Join(clusterType, path, action) (guard getDataActions), e.g. GET /logs -> logs/read.
    if (!request.resourceRequest)
        return goPathJoin({kClusterType, request.path, verbAction(request.verb)});

    // Custom resources (guard getAuthInfoListForCustomResource): one action per verb family, the group and
    // resource travel only as ABAC attributes. guard's isCustomResourceAccessRequest excludes the core group.
    if (customResource && !request.apiGroup.empty()) {
        const std::string_view action = verbAction(request.verb);
        if (action != "read" && action != "write" && action != "delete" && action != "*")
            return {};
        return goPathJoin({kClusterType, "customresources", action});
    }

    // guard getResourceAndAction: pods/exec is the only subresource with its own action (any verb);
    // every other subresource (log, attach, portforward, proxy, status, scale, token, ...) is dropped.
    if (request.resource == "pods" && request.subresource == "exec")
        return goPathJoin({kClusterType, request.apiGroup, "pods/exec/action"});
    return goPathJoin({kClusterType, request.apiGroup, request.resource, verbAction(request.verb)});
}

bool isWildcardRequest(const k8s::Request &request)
{
    if (!request.resourceRequest)
        return false; // guard maps non-resource requests literally, "*" included
    return request.verb == "*" || request.apiGroup == "*" || request.resource == "*";
}

bool isDiscoveryPath(std::string_view path)
{
    // guard rbac.go AllowNonResPathDiscoveryAccess: strings.HasPrefix on the lower-cased path.
    const std::string lower = toLower(path);
    for (std::string_view prefix : {"/api", "/openapi", "/version", "/healthz"})
        if (startsWith(lower, prefix))
            return true;
    return false;
}

bool isDiscoveryRequest(const k8s::Request &request)
{
    return !request.resourceRequest && iequals(request.verb, "get") && isDiscoveryPath(request.path);
}

bool actionPatternMatches(std::string_view pattern, std::string_view action)
{
    // Iterative glob: on a mismatch, retry from the most recent '*' consuming one more character.
    // Earlier stars never need revisiting, so this is O(|pattern| * |action|) at worst, never exponential.
    std::size_t p = 0;
    std::size_t a = 0;
    std::size_t starP = std::string_view::npos;
    std::size_t starA = 0;
    while (a < action.size()) {
        if (p < pattern.size() && pattern[p] == '*') {
            starP = p++;
            starA = a;
        } else if (p < pattern.size() && lowerAscii(pattern[p]) == lowerAscii(action[a])) {
            ++p;
            ++a;
        } else if (starP != std::string_view::npos) {
            p = starP + 1;
            a = ++starA;
        } else {
            return false;
        }
    }
    while (p < pattern.size() && pattern[p] == '*')
        ++p;
    return p == pattern.size();
}

bool roleGrantsDataAction(const RoleDefinition &role, std::string_view action, std::string *matchedPattern)
{
    return roleGrants(role, action, &Permission::dataActions, &Permission::notDataActions, matchedPattern);
}

bool roleGrantsAction(const RoleDefinition &role, std::string_view action, std::string *matchedPattern)
{
    return roleGrants(role, action, &Permission::actions, &Permission::notActions, matchedPattern);
}

bool isManagementGroupScope(std::string_view scope)
{
    const auto segs = lenientSegments(scope);
    return !scope.empty() && scope.front() == '/' && segs.size() == 4 && iequals(segs[0], "providers")
        && iequals(segs[1], "Microsoft.Management") && iequals(segs[2], "managementGroups");
}

ScopeMatch matchScope(std::string_view assignmentScope, std::string_view clusterId, std::string *ns)
{
    const auto scope = lenientSegments(assignmentScope);
    const auto cluster = lenientSegments(clusterId);
    if (assignmentScope.empty() || cluster.empty())
        return ScopeMatch::None;
    // Assumption (docs/semantics.md §4): the management-group tree is not in the snapshot, so any management
    // group counts as an ancestor of every subscription. This can over-report, never under-report.
    if (isManagementGroupScope(assignmentScope))
        return ScopeMatch::Cluster;
    if (scope.size() <= cluster.size()) {
        if (!segmentsStartWith(cluster, scope))
            return ScopeMatch::None;
        for (std::size_t boundary : scopeBoundaries(cluster))
            if (boundary == scope.size())
                return ScopeMatch::Cluster;
        return ScopeMatch::None;
    }
    // guard getScope: a namespaced request is checked on "<clusterId>/namespaces/<ns>".
    if (scope.size() == cluster.size() + 2 && segmentsStartWith(scope, cluster)
        && iequals(scope[cluster.size()], "namespaces")) {
        if (ns)
            *ns = toLower(scope.back()); // ARM compares IDs case-insensitively; Kubernetes namespaces are lower case
        return ScopeMatch::Namespace;
    }
    return ScopeMatch::None;
}

bool isManagedNamespaceScope(std::string_view scope, std::string_view clusterId, std::string *ns)
{
    const auto segs = lenientSegments(scope);
    const auto cluster = lenientSegments(clusterId);
    if (cluster.empty() || segs.size() != cluster.size() + 2 || !segmentsStartWith(segs, cluster)
        || !iequals(segs[cluster.size()], "managedNamespaces"))
        return false;
    if (ns)
        *ns = toLower(segs.back());
    return true;
}

bool isValidScope(std::string_view scope)
{
    std::vector<std::string_view> segs;
    if (!strictSegments(scope, &segs))
        return false;
    std::size_t pos = 0;
    if (!segs.empty() && iequals(segs[0], "subscriptions")) {
        if (segs.size() < 2 || !isGuid(segs[1]))
            return false;
        pos = 2;
        if (pos < segs.size() && iequals(segs[pos], "resourceGroups")) {
            if (pos + 1 >= segs.size() || !isResourceGroupName(segs[pos + 1]))
                return false;
            pos += 2;
        }
    }
    // Tenant-level resources (management groups), subscription/RG resources, nested child resources and
    // extension resources ("<resource>/providers/<ns>/<type>/<name>") all follow this section grammar.
    while (pos < segs.size())
        if (!parseProviderSection(segs, &pos))
            return false;
    return true;
}

std::string roleDefinitionGuid(std::string_view roleDefinitionId)
{
    while (!roleDefinitionId.empty() && roleDefinitionId.back() == '/')
        roleDefinitionId.remove_suffix(1);
    const auto slash = roleDefinitionId.rfind('/');
    const std::string_view last = slash == std::string_view::npos ? roleDefinitionId : roleDefinitionId.substr(slash + 1);
    return isGuid(last) ? toLower(last) : std::string();
}

} // namespace clr::azure
