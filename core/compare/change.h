// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "common/objectref.h"

#include <cstdint>
#include <string>
#include <vector>

namespace clr::compare {

/**
 * One difference between BASE and HEAD that may alter access: an object added, removed or edited, a
 * group's members, a principal, a cluster setting. Whether it did is decided by evaluating both sides
 * (`effective`); the others are listed as "no effect" (reordered rules, renamed labels, a binding that
 * duplicates another).
 */
struct Change
{
    enum class Kind : std::uint8_t {
        Binding,        // RoleBinding or ClusterRoleBinding
        Role,           // Role or ClusterRole (its own rules, labels, aggregation, or its aggregated rules)
        Assignment,     // Azure role assignment that concerns the cluster
        RoleDefinition, // Azure role definition used by such an assignment
        Membership,     // members added to or removed from an Entra group
        Principal,      // an Entra user, service principal or group added, removed or edited
        ClusterSetting, // aadProfile, local accounts, admin groups, the cluster itself
        CustomResource, // a CustomResourceDefinition (Azure maps its resources to customresources)
    };
    enum class Op : std::uint8_t { Added, Removed, Edited, Renamed };

    Kind kind = Kind::Binding;
    Op op = Op::Edited;
    ObjectRef ref;     // the object; Membership: the group; ClusterSetting: the admin group, or null
    ObjectRef from;    // Renamed: the old name of the object
    ObjectRef member;  // Membership: the one member added or removed (null when several; see details)
    /** ClusterSetting: "cluster", "entraIntegration", "enableAzureRbac", "disableLocalAccounts", "enableRbac" or
     *  "adminGroupObjectIds"; CustomResource: "group/plural". */
    std::string setting;
    std::string summary; // one line: "RoleBinding team-a/devs added", "ClusterRole view edited"
    std::vector<std::string> details; // what exactly: "+ subject Group 3f2c... (Devs)", "rules reordered"
    std::string baseSource; // "file:line" of the object in BASE ("" when absent or unknown)
    std::string headSource; // "file:line" of the object in HEAD
    bool effective = false; // some identity gained or lost access through it
};

/** "binding", "role", "assignment", "roleDefinition", "membership", "principal", "clusterSetting", "customResource". */
const char *changeKindName(Change::Kind kind);
/** "added", "removed", "edited", "renamed". */
const char *changeOpName(Change::Op op);

} // namespace clr::compare
