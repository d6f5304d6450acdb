// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "kubernetes/model.h"

#include <string>
#include <string_view>
#include <vector>

namespace clr::k8s {

/** One API resource as discovery would list it. */
struct ResourceInfo
{
    std::string group; // "" = core
    std::string version;
    std::string plural;
    std::string singular;
    std::string kind;
    std::vector<std::string> shortNames;
    bool namespaced = true;
    bool custom = false; // from a CustomResourceDefinition
    std::vector<std::string> verbs;
    std::vector<std::string> subresources;
};

/** The result of resolving a kubectl TYPE argument offline. */
struct ResolvedType
{
    std::string group;
    std::string resource;
    std::string subresource;
    bool known = false; // found in the table; otherwise evaluated as given (kubectl warns)
    bool namespaced = true;
    bool custom = false;
};

/**
 * Stands in for API discovery: the standard resources of a current Kubernetes release (with
 * short names and the verbs they serve) plus the CRDs found in the snapshot.
 */
class ResourceTable final
{
public:
    ResourceTable(); // built-in resources only
    void addCustomResources(const std::vector<CustomResource> &crds);

    /** Resolves `pods`, `po`, `pod`, `Pod`, `deployments.apps`, `deployments.v1.apps`, `deploy/scale`... */
    ResolvedType resolve(std::string_view type) const;
    const ResourceInfo *find(const std::string &group, const std::string &plural) const;
    const std::vector<ResourceInfo> &all() const { return m_resources; }

private:
    std::vector<ResourceInfo> m_resources;
};

} // namespace clr::k8s
