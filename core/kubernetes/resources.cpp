// SPDX-License-Identifier: GPL-3.0-or-later
// Offline stand-in for API discovery: the resources a Kubernetes 1.32 API server serves (names,
// short names and scope as `kubectl api-resources` lists them), plus the snapshot's CRDs.
#include "kubernetes/resources.h"

#include "common/strings.h"

namespace clr::k8s {

namespace {

struct Builtin
{
    const char *group;
    const char *version;
    const char *plural;
    const char *singular;
    const char *kind;
    const char *shortNames; // comma separated
    bool namespaced;
    const char *subresources; // comma separated
};

// clang-format off
constexpr Builtin kBuiltins[] = {
    {"", "v1", "bindings", "binding", "Binding", "", true, ""},
    {"", "v1", "componentstatuses", "componentstatus", "ComponentStatus", "cs", false, ""},
    {"", "v1", "configmaps", "configmap", "ConfigMap", "cm", true, ""},
    {"", "v1", "endpoints", "endpoints", "Endpoints", "ep", true, ""},
    {"", "v1", "events", "event", "Event", "ev", true, ""},
    {"", "v1", "limitranges", "limitrange", "LimitRange", "limits", true, ""},
    {"", "v1", "namespaces", "namespace", "Namespace", "ns", false, "finalize,status"},
    {"", "v1", "nodes", "node", "Node", "no", false, "proxy,status"},
    {"", "v1", "persistentvolumeclaims", "persistentvolumeclaim", "PersistentVolumeClaim", "pvc", true, "status"},
    {"", "v1", "persistentvolumes", "persistentvolume", "PersistentVolume", "pv", false, "status"},
    {"", "v1", "pods", "pod", "Pod", "po", true, "attach,binding,ephemeralcontainers,eviction,exec,log,portforward,proxy,resize,status"},
    {"", "v1", "podtemplates", "podtemplate", "PodTemplate", "", true, ""},
    {"", "v1", "replicationcontrollers", "replicationcontroller", "ReplicationController", "rc", true, "scale,status"},
    {"", "v1", "resourcequotas", "resourcequota", "ResourceQuota", "quota", true, "status"},
    {"", "v1", "secrets", "secret", "Secret", "", true, ""},
    {"", "v1", "serviceaccounts", "serviceaccount", "ServiceAccount", "sa", true, "token"},
    {"", "v1", "services", "service", "Service", "svc", true, "proxy,status"},
    // Not served by discovery, but authorized: the impersonation filter asks "impersonate" on these
    // (users, groups and uids cluster-wide; serviceaccounts above, in their namespace).
    {"", "v1", "users", "user", "User", "", false, ""},
    {"", "v1", "groups", "group", "Group", "", false, ""},
    {"", "v1", "uids", "uid", "UID", "", false, ""},
    {"admissionregistration.k8s.io", "v1", "mutatingwebhookconfigurations", "mutatingwebhookconfiguration", "MutatingWebhookConfiguration", "", false, ""},
    {"admissionregistration.k8s.io", "v1", "validatingadmissionpolicies", "validatingadmissionpolicy", "ValidatingAdmissionPolicy", "", false, "status"},
    {"admissionregistration.k8s.io", "v1", "validatingadmissionpolicybindings", "validatingadmissionpolicybinding", "ValidatingAdmissionPolicyBinding", "", false, ""},
    {"admissionregistration.k8s.io", "v1", "validatingwebhookconfigurations", "validatingwebhookconfiguration", "ValidatingWebhookConfiguration", "", false, ""},
    {"apiextensions.k8s.io", "v1", "customresourcedefinitions", "customresourcedefinition", "CustomResourceDefinition", "crd,crds", false, "status"},
    {"apiregistration.k8s.io", "v1", "apiservices", "apiservice", "APIService", "", false, "status"},
    {"apps", "v1", "controllerrevisions", "controllerrevision", "ControllerRevision", "", true, ""},
    {"apps", "v1", "daemonsets", "daemonset", "DaemonSet", "ds", true, "status"},
    {"apps", "v1", "deployments", "deployment", "Deployment", "deploy", true, "scale,status"},
    {"apps", "v1", "replicasets", "replicaset", "ReplicaSet", "rs", true, "scale,status"},
    {"apps", "v1", "statefulsets", "statefulset", "StatefulSet", "sts", true, "scale,status"},
    {"authentication.k8s.io", "v1", "selfsubjectreviews", "selfsubjectreview", "SelfSubjectReview", "", false, ""},
    {"authentication.k8s.io", "v1", "userextras", "userextra", "UserExtra", "", false, ""}, // impersonation of extra fields
    {"authentication.k8s.io", "v1", "tokenreviews", "tokenreview", "TokenReview", "", false, ""},
    {"authorization.k8s.io", "v1", "localsubjectaccessreviews", "localsubjectaccessreview", "LocalSubjectAccessReview", "", true, ""},
    {"authorization.k8s.io", "v1", "selfsubjectaccessreviews", "selfsubjectaccessreview", "SelfSubjectAccessReview", "", false, ""},
    {"authorization.k8s.io", "v1", "selfsubjectrulesreviews", "selfsubjectrulesreview", "SelfSubjectRulesReview", "", false, ""},
    {"authorization.k8s.io", "v1", "subjectaccessreviews", "subjectaccessreview", "SubjectAccessReview", "", false, ""},
    {"autoscaling", "v2", "horizontalpodautoscalers", "horizontalpodautoscaler", "HorizontalPodAutoscaler", "hpa", true, "status"},
    {"batch", "v1", "cronjobs", "cronjob", "CronJob", "cj", true, "status"},
    {"batch", "v1", "jobs", "job", "Job", "", true, "status"},
    {"certificates.k8s.io", "v1", "certificatesigningrequests", "certificatesigningrequest", "CertificateSigningRequest", "csr", false, "approval,status"},
    {"coordination.k8s.io", "v1", "leases", "lease", "Lease", "", true, ""},
    {"discovery.k8s.io", "v1", "endpointslices", "endpointslice", "EndpointSlice", "", true, ""},
    {"events.k8s.io", "v1", "events", "event", "Event", "ev", true, ""},
    {"flowcontrol.apiserver.k8s.io", "v1", "flowschemas", "flowschema", "FlowSchema", "", false, "status"},
    {"flowcontrol.apiserver.k8s.io", "v1", "prioritylevelconfigurations", "prioritylevelconfiguration", "PriorityLevelConfiguration", "", false, "status"},
    {"networking.k8s.io", "v1", "ingressclasses", "ingressclass", "IngressClass", "", false, ""},
    {"networking.k8s.io", "v1", "ingresses", "ingress", "Ingress", "ing", true, "status"},
    {"networking.k8s.io", "v1", "networkpolicies", "networkpolicy", "NetworkPolicy", "netpol", true, ""},
    {"node.k8s.io", "v1", "runtimeclasses", "runtimeclass", "RuntimeClass", "", false, ""},
    {"policy", "v1", "poddisruptionbudgets", "poddisruptionbudget", "PodDisruptionBudget", "pdb", true, "status"},
    {"rbac.authorization.k8s.io", "v1", "clusterrolebindings", "clusterrolebinding", "ClusterRoleBinding", "", false, ""},
    {"rbac.authorization.k8s.io", "v1", "clusterroles", "clusterrole", "ClusterRole", "", false, ""},
    {"rbac.authorization.k8s.io", "v1", "rolebindings", "rolebinding", "RoleBinding", "", true, ""},
    {"rbac.authorization.k8s.io", "v1", "roles", "role", "Role", "", true, ""},
    {"scheduling.k8s.io", "v1", "priorityclasses", "priorityclass", "PriorityClass", "pc", false, ""},
    {"storage.k8s.io", "v1", "csidrivers", "csidriver", "CSIDriver", "", false, ""},
    {"storage.k8s.io", "v1", "csinodes", "csinode", "CSINode", "", false, ""},
    {"storage.k8s.io", "v1", "csistoragecapacities", "csistoragecapacity", "CSIStorageCapacity", "", true, ""},
    {"storage.k8s.io", "v1", "storageclasses", "storageclass", "StorageClass", "sc", false, ""},
    {"storage.k8s.io", "v1", "volumeattachments", "volumeattachment", "VolumeAttachment", "", false, "status"},
    {"metrics.k8s.io", "v1beta1", "nodes", "", "NodeMetrics", "", false, ""},
    {"metrics.k8s.io", "v1beta1", "pods", "", "PodMetrics", "", true, ""},
};
// clang-format on

const std::vector<std::string> kAllVerbs = {"get", "list", "watch", "create", "update", "patch", "delete", "deletecollection"};

std::vector<std::string> splitList(const char *s)
{
    std::vector<std::string> out;
    if (!*s)
        return out;
    for (auto part : split(s, ','))
        out.emplace_back(part);
    return out;
}

bool listHas(const std::vector<std::string> &list, const std::string &v)
{
    for (const auto &x : list) {
        if (x == v)
            return true;
    }
    return false;
}

} // namespace

ResourceTable::ResourceTable()
{
    m_resources.reserve(std::size(kBuiltins) + 16);
    for (const auto &b : kBuiltins) {
        ResourceInfo info{b.group, b.version, b.plural, b.singular, b.kind, splitList(b.shortNames), b.namespaced, false, kAllVerbs,
                          splitList(b.subresources)};
        m_resources.push_back(std::move(info));
    }
}

void ResourceTable::addCustomResources(const std::vector<CustomResource> &crds)
{
    for (const auto &crd : crds) {
        if (crd.plural.empty() || find(crd.group, crd.plural))
            continue;
        ResourceInfo info{crd.group, crd.versions.empty() ? std::string() : crd.versions.front(), crd.plural, crd.singular,
                          crd.kind, crd.shortNames, crd.namespaced, true, kAllVerbs, {}};
        m_resources.push_back(std::move(info));
    }
}

const ResourceInfo *ResourceTable::find(const std::string &group, const std::string &plural) const
{
    for (const auto &r : m_resources) {
        if (r.group == group && r.plural == plural)
            return &r;
    }
    return nullptr;
}

ResolvedType ResourceTable::resolve(std::string_view typeArg) const
{
    ResolvedType out;
    const std::string lower = toLower(typeArg);
    if (lower == "*") {
        out.resource = "*";
        out.known = true;
        return out;
    }
    // kubectl's schema.ParseResourceArg: "res.version.group" (fully specified) or "res.group".
    const auto dot = lower.find('.');
    std::string name = lower.substr(0, dot);
    std::string group = dot == std::string::npos ? std::string() : lower.substr(dot + 1);
    std::string version;
    auto matches = [&](const ResourceInfo &r, const std::string &g) {
        if (name.empty()) // "" or ".group": no resource is called "", even one without a singular name
            return false;
        if (r.group != g && !(g.empty() && dot == std::string::npos))
            return false;
        return r.plural == name || toLower(r.singular) == name || toLower(r.kind) == name || listHas(r.shortNames, name);
    };
    auto pick = [&](const std::string &g) -> const ResourceInfo * {
        // Without a group, prefer the core group, then the first match in table order (kubectl's priority).
        const ResourceInfo *best = nullptr;
        for (const auto &r : m_resources) {
            if (!matches(r, g))
                continue;
            if (r.group == g)
                return &r;
            if (!best)
                best = &r;
        }
        return best;
    };
    const ResourceInfo *found = nullptr;
    if (const auto second = group.find('.'); second != std::string::npos) {
        // Try "res.version.group" first, as kubectl does for arguments with two or more dots.
        version = group.substr(0, second);
        const std::string rest = group.substr(second + 1);
        found = pick(rest);
        if (found && found->version != version)
            found = nullptr;
        if (found)
            group = rest;
    }
    if (!found)
        found = pick(group);
    if (found) {
        out.group = found->group;
        out.resource = found->plural;
        out.known = true;
        out.namespaced = found->namespaced;
        out.custom = found->custom;
    } else {
        out.group = group;
        out.resource = name;
    }
    return out;
}

} // namespace clr::k8s
