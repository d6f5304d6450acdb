// SPDX-License-Identifier: GPL-3.0-or-later
// Helpers shared by `clearance generate` and `clearance export` (internal to the CLI library).
#pragma once

#include "cli/options.h"
#include "generate/audit.h"
#include "generate/generator.h"
#include "generate/proof.h"
#include "generate/replace.h"
#include "graph/permissiongraph.h"

#include <iosfwd>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace clr::cli {

/** The binding subject chosen on the command line, with the names used for objects and comments. */
struct SubjectChoice
{
    k8s::Subject subject;
    std::string label;       // for object names
    std::string displayName; // for comments ("" when unknown)
};

/** The graph of -f/--demo, or an empty one when generate is given no snapshot. */
std::unique_ptr<PermissionGraph> optionalGraph(const Options &opts, std::ostream &err, int *exitCode);

/** -n NS[,NS...] as a list. */
std::vector<std::string> generateNamespaces(const Options &opts);
std::optional<std::string> generateUsageError(const Options &opts);
std::string describeFilter(const gen::AuditFilter &filter);

/** Exactly one of --as, --user, --group, --serviceaccount, resolved against the Entra export. */
std::optional<SubjectChoice> chooseSubject(const Options &opts, const PermissionGraph &graph, std::ostream &err);
/** The subject flags when given, else the binding's only subject. */
std::optional<SubjectChoice> subjectOfBinding(const Options &opts, const PermissionGraph &graph, const k8s::Binding &binding,
                                              std::ostream &err);

gen::GenerateOptions generateOptions(const Options &opts, const SubjectChoice &who);
std::vector<std::string> headerFor(const Options &opts, const SubjectChoice &who, const gen::Proof &proof);
/** YAML (default), a JSON List (-o json), or one file per object (--out-dir). Returns an exit code. */
int emitObjects(const Options &opts, const PermissionGraph &graph, const gen::GeneratedPolicy &policy,
                const std::vector<std::string> &header, std::ostream &out, std::ostream &err);
void reportReplacement(const gen::Replacement &replacement, std::ostream &err);
std::string deleteCommand(const k8s::Binding &binding);

} // namespace clr::cli
