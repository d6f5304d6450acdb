// SPDX-License-Identifier: GPL-3.0-or-later
#include "kinds_p.h"

#include "common/strings.h"
#include "kubernetes/resources.h"

#include <map>
#include <set>
#include <vector>

namespace clr::k8s::detail {

namespace {

/** Kinds that are no resources of the table but appear in files (client-side Lists, subresource
 *  kinds), and resources of groups newer or older than the table's release. */
constexpr std::pair<const char *, const char *> kExtraKinds[] = {
    {"", "List"},
    {"", "Status"},
    {"admissionregistration.k8s.io", "MutatingAdmissionPolicy"},
    {"admissionregistration.k8s.io", "MutatingAdmissionPolicyBinding"},
    {"authentication.k8s.io", "TokenRequest"},
    {"autoscaling", "Scale"},
    {"certificates.k8s.io", "ClusterTrustBundle"},
    {"coordination.k8s.io", "LeaseCandidate"},
    {"extensions", "DaemonSet"},
    {"extensions", "Deployment"},
    {"extensions", "Ingress"},
    {"extensions", "NetworkPolicy"},
    {"extensions", "PodSecurityPolicy"},
    {"extensions", "ReplicaSet"},
    {"internal.apiserver.k8s.io", "StorageVersion"},
    {"networking.k8s.io", "IPAddress"},
    {"networking.k8s.io", "ServiceCIDR"},
    {"policy", "Eviction"},
    {"policy", "PodSecurityPolicy"},
    {"resource.k8s.io", "DeviceClass"},
    {"resource.k8s.io", "DeviceTaintRule"},
    {"resource.k8s.io", "ResourceClaim"},
    {"resource.k8s.io", "ResourceClaimTemplate"},
    {"resource.k8s.io", "ResourceSlice"},
    {"storage.k8s.io", "VolumeAttributesClass"},
    {"storagemigration.k8s.io", "StorageVersionMigration"},
};

struct Catalog
{
    std::map<std::string, std::set<std::string>> kindsByGroup; // standard groups ("" = core)
    std::map<std::string, std::string> apiVersionOfKind;      // the first standard apiVersion of each kind
    std::vector<std::string_view> groups;
    std::vector<std::string_view> allKinds;

    Catalog()
    {
        const ResourceTable table;
        for (const ResourceInfo &r : table.all()) {
            if (!r.custom)
                add(r.group, r.kind, r.group.empty() ? r.version : r.group + "/" + r.version);
        }
        for (const auto &[group, kind] : kExtraKinds)
            add(group, kind, std::string(group).empty() ? "v1" : std::string(group) + "/v1");
        for (const auto &[group, kinds] : kindsByGroup) {
            groups.push_back(group);
            allKinds.insert(allKinds.end(), kinds.begin(), kinds.end());
        }
    }

    void add(const std::string &group, const std::string &kind, const std::string &apiVersion)
    {
        auto &kinds = kindsByGroup[group];
        kinds.insert(kind);
        kinds.insert(kind + "List"); // typed lists, as the API server returns them
        apiVersionOfKind.emplace(kind, apiVersion);
    }

    bool has(const std::string &group, std::string_view kind) const
    {
        const auto it = kindsByGroup.find(group);
        return it != kindsByGroup.end() && it->second.count(std::string(kind)) > 0;
    }
};

const Catalog &catalog()
{
    static const Catalog instance;
    return instance;
}

std::vector<std::string_view> kindsOf(const std::set<std::string> &kinds)
{
    return {kinds.begin(), kinds.end()};
}

} // namespace

KindVerdict checkKind(std::string_view apiVersion, std::string_view kind)
{
    const Catalog &c = catalog();
    KindVerdict verdict;
    const auto slash = apiVersion.find('/');
    std::string group;
    if (slash != std::string_view::npos) {
        group = std::string(apiVersion.substr(0, slash));
        if (!c.kindsByGroup.count(group)) {
            const std::string_view near = nearMiss(group, c.groups);
            verdict.what = near.empty() ? KindVerdict::What::Custom : KindVerdict::What::UnknownGroup;
            verdict.suggestion = std::string(near);
            return verdict;
        }
    } else if (!apiVersion.empty() && apiVersion != "v1") { // the core group has one version
        verdict.what = KindVerdict::What::UnknownGroup;
        verdict.suggestion = nearMiss(apiVersion, {"v1"}).empty() ? std::string() : std::string("v1");
        return verdict;
    }
    const bool known = apiVersion.empty() ? c.apiVersionOfKind.count(std::string(kind)) > 0
                                                || (endsWith(kind, "List") && c.apiVersionOfKind.count(std::string(kind.substr(0, kind.size() - 4))))
                                          : c.has(group, kind);
    if (known)
        return verdict;
    verdict.what = KindVerdict::What::UnknownKind;
    const auto own = c.kindsByGroup.find(group);
    verdict.suggestion = std::string(nearMiss(kind, apiVersion.empty() ? c.allKinds : kindsOf(own->second)));
    if (const auto it = c.apiVersionOfKind.find(std::string(kind)); it != c.apiVersionOfKind.end())
        verdict.otherApiVersion = it->second;
    return verdict;
}

std::string describeUnknown(const KindVerdict &verdict, std::string_view apiVersion, std::string_view kind)
{
    constexpr std::size_t kShown = 100; // of a kind or apiVersion in a message
    const std::string shownVersion = shortened(apiVersion, kShown);
    const std::string shownKind = shortened(kind, kShown);
    apiVersion = shownVersion;
    kind = shownKind;
    std::string out;
    if (verdict.what == KindVerdict::What::UnknownGroup) {
        out = apiVersion.find('/') == std::string_view::npos
            ? "unknown apiVersion '" + std::string(apiVersion) + "'"
            : "unknown API group '" + std::string(apiVersion.substr(0, apiVersion.find('/'))) + "' in apiVersion '"
                + std::string(apiVersion) + "'";
    } else {
        out = "unknown kind '" + std::string(kind) + "'"
            + (apiVersion.empty() ? std::string(" (no apiVersion)") : " in apiVersion '" + std::string(apiVersion) + "'");
    }
    if (!verdict.otherApiVersion.empty())
        out += " (" + std::string(kind) + " is in apiVersion '" + verdict.otherApiVersion + "')";
    else if (!verdict.suggestion.empty())
        out += " (did you mean '" + verdict.suggestion + "'?)";
    return out;
}

} // namespace clr::k8s::detail
