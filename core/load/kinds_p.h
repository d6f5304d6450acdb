// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Private to clearance_core: whether an object's apiVersion and kind exist in Kubernetes, so that a
// typo (`kind: ClusterRolebinding`, `rbac.authorisation.k8s.io`) is a warning with "did you mean"
// instead of an object skipped as if it were of a kind Clearance does not use.

#include <string>
#include <string_view>

namespace clr::k8s::detail {

struct KindVerdict
{
    enum class What : unsigned char {
        Standard,     // a kind of a standard API group (Clearance may not use it)
        Custom,       // an API group that is not a standard one: a custom resource
        UnknownKind,  // a standard group (or none given) without this kind
        UnknownGroup, // an API group that is not a standard one but nearly spells one
    };
    What what = What::Standard;
    std::string suggestion; // the nearly matching kind or group; empty when nothing is near
    std::string otherApiVersion; // UnknownKind: a standard apiVersion that has this kind (Role -> rbac...)
};

/** Checks `kind` under `apiVersion` ("v1", "group/version", or empty when not given). */
KindVerdict checkKind(std::string_view apiVersion, std::string_view kind);

/** "unknown kind 'Lst' in v1 (did you mean 'List'?)", "unknown API group 'x' (did you mean 'y'?)". */
std::string describeUnknown(const KindVerdict &verdict, std::string_view apiVersion, std::string_view kind);

} // namespace clr::k8s::detail
