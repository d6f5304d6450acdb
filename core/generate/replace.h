// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "generate/audit.h"
#include "generate/generator.h"

#include <optional>
#include <string>
#include <vector>

namespace clr::gen {

/** An existing binding, its least-privilege replacement, and what the replacement takes away. */
struct Replacement
{
    std::string oldBinding; // "RoleBinding team-a/devs" or "ClusterRoleBinding ops"
    std::string oldRole;    // "ClusterRole edit"
    GeneratedPolicy policy; // covers the audited requests the old binding allowed, nothing else
    std::vector<k8s::Request> notFromOldBinding; // audited requests the old binding never allowed: not carried over
    std::vector<k8s::PolicyRule> removed; // what the old role allowed in the binding's scope that the replacement does not
    std::vector<std::string> notes;       // grants narrowed to some namespaces, wildcard rules
};

/** "NS/NAME" is a RoleBinding, "NAME" a ClusterRoleBinding; null when the cluster has none. */
const k8s::Binding *findBinding(const k8s::Cluster &cluster, const std::string &ref);

/** The audit filter that selects a subject's requests (a ServiceAccount without namespace takes `bindingNamespace`). */
AuditFilter filterFor(const k8s::Subject &subject, const std::string &bindingNamespace = {});

/**
 * Option (c) of least-privilege generation: the minimal replacement of the binding `ref` for the
 * subject of `options` (the audit requests of that subject). Only requests the old binding allowed
 * are carried over, so the replacement never grants more than the old binding. Everything is
 * decided by k8s::Authorizer. Returns nullopt with `error` when the binding or its role is missing.
 */
std::optional<Replacement> proposeReplacement(const k8s::Cluster &cluster, const std::string &ref, std::vector<k8s::Request> requests,
                                              const GenerateOptions &options, std::string *error);

/** "get, list on secrets, configmaps (core) named a, b" or "get on /metrics". */
std::string describeRule(const k8s::PolicyRule &rule);

} // namespace clr::gen
