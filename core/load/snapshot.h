// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "azure/model.h"
#include "common/diagnostics.h"
#include "entra/directory.h"
#include "kubernetes/model.h"

#include <string>
#include <vector>

namespace clr {

/**
 * Everything loaded from one set of exports: Kubernetes RBAC, Entra ID and Azure RBAC, plus the
 * files they came from and what went wrong while reading them. A value: copy or move it freely;
 * PermissionGraph indexes one.
 */
struct Snapshot
{
    std::vector<std::string> files{std::string()}; // SourceRef::file indexes this; [0] = no file
    Diagnostics diagnostics;
    k8s::Cluster kube;
    entra::Directory directory;
    azure::Azure azure;
    bool hasEntra() const { return directory.size() > 0; }
};

} // namespace clr
