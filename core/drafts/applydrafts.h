// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "drafts/draft.h"
#include "generate/export.h"
#include "graph/permissiongraph.h"
#include "load/snapshot.h"

#include <string>
#include <vector>

namespace clr::drafts {

/** The name applyDrafts() adds to Snapshot::files: an object whose SourceRef points there is a draft. */
inline constexpr const char *kDraftsFileName = "(drafts)";

/**
 * A copy of `base` with every draft added as the object it proposes: RoleBindings and
 * ClusterRoleBindings into kube.bindings, Azure drafts into azure.assignments (id =
 * Draft::assignmentId()). Each added object's source file is kDraftsFileName, so it can be told
 * apart (isDraft()); its PathStep ref is Draft::ref(). The base snapshot is never changed.
 */
Snapshot applyDrafts(const Snapshot &base, const DraftSet &drafts);
/** True when `source` is an object applyDrafts() added to `snapshot`. */
bool isDraft(const Snapshot &snapshot, const SourceRef &source);

/** The Kubernetes binding a draft proposes (Azure drafts: an empty binding). */
k8s::Binding bindingOf(const Draft &draft);
/** The Azure assignment an Azure draft proposes. */
azure::RoleAssignment assignmentOf(const Draft &draft);
/** The draft that made a PathStep ref (an explanation step), or nullptr. */
const Draft *draftOfRef(const DraftSet &drafts, const ObjectRef &ref);

/** An Entra principal as AKS matches it: group → object ID, member user → UPN, guest, service
 *  principal or managed identity → object ID; the display name kept for comments. */
DraftSubject subjectForPrincipal(const PermissionGraph &graph, entra::PrincipalId principal);
DraftSubject subjectForServiceAccount(const std::string &ns, const std::string &name);
/** A Kubernetes-only user or group (not an Entra object). */
DraftSubject subjectForKubernetes(DraftSubject::Kind kind, const std::string &name);
k8s::Subject kubernetesSubject(const DraftSubject &subject);

/** The Kubernetes drafts (and generated policies) as objects for gen::toYaml()/writeFolder(). */
gen::KubeObjects kubeObjectsOf(const DraftSet &drafts, const std::vector<gen::GeneratedPolicy> &generated = {});
/** The Azure drafts for gen::toAzScript()/toArmTemplate(). */
std::vector<gen::AzureAssignmentDraft> azureDraftsOf(const DraftSet &drafts);

} // namespace clr::drafts
