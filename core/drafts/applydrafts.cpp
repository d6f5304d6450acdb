// SPDX-License-Identifier: GPL-3.0-or-later
#include "drafts/applydrafts.h"

#include <algorithm>

namespace clr::drafts {

namespace {

std::string principalTypeOf(const entra::Principal &p)
{
    switch (p.type) {
    case entra::PrincipalType::Group:
        return "Group";
    case entra::PrincipalType::ServicePrincipal:
        return "ServicePrincipal";
    case entra::PrincipalType::User:
        return "User";
    case entra::PrincipalType::Unresolved:
        break;
    }
    return "User";
}

} // namespace

Snapshot applyDrafts(const Snapshot &base, const DraftSet &drafts)
{
    Snapshot out = base;
    const auto fileIndex = std::uint32_t(out.files.size());
    out.files.emplace_back(kDraftsFileName);
    for (const Draft &d : drafts.drafts) {
        if (d.isKubernetes()) {
            k8s::Binding b = bindingOf(d);
            b.source.file = fileIndex;
            out.kube.bindings.push_back(std::move(b));
        } else {
            azure::RoleAssignment a = assignmentOf(d);
            a.source.file = fileIndex;
            out.azure.assignments.push_back(std::move(a));
        }
    }
    return out; // PermissionGraph resolves the new assignments' role definitions
}

bool isDraft(const Snapshot &snapshot, const SourceRef &source)
{
    return source.file != 0 && source.file < snapshot.files.size() && snapshot.files[source.file] == kDraftsFileName;
}

k8s::Subject kubernetesSubject(const DraftSubject &subject)
{
    k8s::Subject s;
    s.name = subject.name;
    switch (subject.kind) {
    case DraftSubject::Kind::Group:
        s.kind = k8s::Subject::Kind::Group;
        break;
    case DraftSubject::Kind::ServiceAccount:
        s.kind = k8s::Subject::Kind::ServiceAccount;
        s.ns = subject.ns;
        break;
    case DraftSubject::Kind::User:
        s.kind = k8s::Subject::Kind::User;
        break;
    }
    return s;
}

k8s::Binding bindingOf(const Draft &draft)
{
    k8s::Binding b;
    if (!draft.isKubernetes())
        return b;
    b.name = draft.name.empty() ? defaultBindingName(draft) : draft.name;
    b.cluster = draft.kind == DraftKind::ClusterRoleBinding;
    b.ns = b.cluster ? std::string() : draft.ns;
    b.roleRef = {b.cluster ? std::string("ClusterRole") : draft.roleKind, draft.roleName};
    b.subjects.push_back(kubernetesSubject(draft.subject));
    return b;
}

azure::RoleAssignment assignmentOf(const Draft &draft)
{
    azure::RoleAssignment a;
    a.id = draft.assignmentId();
    a.name = draft.id;
    a.principalId = draft.subject.objectId;
    std::transform(a.principalId.begin(), a.principalId.end(), a.principalId.begin(), [](unsigned char c) { return char(std::tolower(c)); });
    a.principalType = draft.subject.principalType;
    a.roleDefinitionId = draft.roleDefinitionId;
    a.roleDefinitionName = draft.roleDefinitionName;
    a.scope = draft.scope;
    a.description = "Drafted with Clearance";
    return a;
}

const Draft *draftOfRef(const DraftSet &drafts, const ObjectRef &ref)
{
    for (const Draft &d : drafts.drafts) {
        if (d.ref() == ref)
            return &d;
    }
    return nullptr;
}

DraftSubject subjectForPrincipal(const PermissionGraph &graph, entra::PrincipalId principal)
{
    const entra::Principal &p = graph.snapshot().directory.at(principal);
    DraftSubject s;
    s.objectId = p.id;
    s.displayName = p.displayName.empty() ? p.id : p.displayName;
    s.principalType = principalTypeOf(p);
    if (p.type == entra::PrincipalType::Group) {
        s.kind = DraftSubject::Kind::Group;
        s.name = p.id; // groups only ever match by object ID on AKS
    } else {
        s.kind = DraftSubject::Kind::User;
        s.name = graph.kubernetesUserName(principal); // UPN for members, object ID for guests and SPs
    }
    return s;
}

DraftSubject subjectForServiceAccount(const std::string &ns, const std::string &name)
{
    DraftSubject s;
    s.kind = DraftSubject::Kind::ServiceAccount;
    s.name = name;
    s.ns = ns;
    s.displayName = "system:serviceaccount:" + ns + ':' + name;
    return s;
}

DraftSubject subjectForKubernetes(DraftSubject::Kind kind, const std::string &name)
{
    DraftSubject s;
    s.kind = kind;
    s.name = name;
    s.displayName = name;
    return s;
}

gen::KubeObjects kubeObjectsOf(const DraftSet &drafts, const std::vector<gen::GeneratedPolicy> &generated)
{
    gen::KubeObjects out;
    out.generated = true;
    out.header = {"Drafted with Clearance: review, then kubectl apply -f this file"};
    for (const Draft &d : drafts.drafts) {
        if (!d.isKubernetes())
            continue;
        out.bindings.push_back(bindingOf(d));
        if (!d.subject.displayName.empty() && d.subject.displayName != d.subject.name)
            out.displayNames[d.subject.name] = d.subject.displayName;
    }
    for (const auto &policy : generated) {
        const gen::KubeObjects objects = gen::objectsOf(policy);
        out.roles.insert(out.roles.end(), objects.roles.begin(), objects.roles.end());
        out.bindings.insert(out.bindings.end(), objects.bindings.begin(), objects.bindings.end());
        out.displayNames.insert(objects.displayNames.begin(), objects.displayNames.end());
    }
    return out;
}

std::vector<gen::AzureAssignmentDraft> azureDraftsOf(const DraftSet &drafts)
{
    std::vector<gen::AzureAssignmentDraft> out;
    for (const Draft &d : drafts.drafts) {
        if (d.isKubernetes())
            continue;
        out.push_back({d.subject.objectId, d.subject.principalType, d.subject.displayName, d.roleDefinitionId,
                       d.roleDefinitionName, d.scope, "Drafted with Clearance"});
    }
    return out;
}

} // namespace clr::drafts
