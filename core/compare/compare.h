// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "compare/change.h"
#include "compare/party.h"
#include "graph/permissiongraph.h"

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace clr::compare {

/**
 * Where a gained or lost permission applies, the way the matrix shows it: in one namespace; in every
 * namespace (and across namespaces, the matrix's cluster-scope row) except those listed; or for a
 * cluster-scoped resource or a non-resource URL.
 */
struct Scope
{
    enum class Kind : std::uint8_t { Namespace, AllNamespaces, Cluster };
    Kind kind = Kind::Namespace;
    std::string ns;                  // Namespace
    std::vector<std::string> except; // AllNamespaces: namespaces where it did not change
    /** True when a request in `ns` ("" = across namespaces or cluster-scoped) is covered. */
    bool appliesIn(const std::string &ns) const;
    /** "in namespace team-a", "in every namespace", "in every namespace except a, b", "cluster-wide". */
    std::string text() const;
    bool operator==(const Scope &) const = default;
};

/** Verbs on resources, compressed: "get, list, watch" on "pods, pods/log". */
struct Permission
{
    std::vector<std::string> verbs;
    std::vector<std::string> resources; // matrix labels ("deployments.apps", "pods/exec", "secrets named app-tls") or URLs
    std::string text() const;           // "get, list, watch pods, pods/log"
};

/** One line of a comparison: what one party gained (or lost) in one scope, and why. */
struct PermissionChange
{
    Scope scope;
    std::vector<Permission> permissions;
    /** Every request gained or lost: namespace set for a Namespace scope, "" otherwise. */
    std::vector<k8s::Request> requests;
    /** The changes that made the difference (indexes into Comparison::changes); empty when none was found. */
    std::vector<std::size_t> causes;
    /** explain() of the first request, in HEAD for a gain and in BASE for a loss: the path through a cause. */
    GrantPath path;
    /** "in namespace team-a: get, list, watch pods, pods/log; update configmaps". */
    std::string text() const;
};

/** One party whose access differs, with what it gained and lost. */
struct IdentityDelta
{
    Party who;
    std::vector<PermissionChange> gained;
    std::vector<PermissionChange> lost;
};

enum class CellChange : std::uint8_t { Unchanged, Gained, Lost };

struct CompareOptions
{
    /** Evaluate only this party (--as); the others are not looked at. */
    std::optional<ObjectRef> only;
    /** At most this many of the affected parties are evaluated (0: all); Comparison::skipped counts the rest. */
    std::size_t identityLimit = 0;
    const std::atomic<bool> *cancel = nullptr;
};

/**
 * Who gained and who lost what between BASE and HEAD, and why. Built by compare(): the changes between
 * the snapshots, the parties they can reach (everyone else keeps exactly the access they had), each
 * evaluated on both graphs with PermissionGraph's own profile/evaluate, and every difference grouped
 * by scope and cause.
 */
struct Comparison
{
    std::vector<Change> changes;        // every difference that may matter; `effective` says which did
    std::vector<IdentityDelta> identities; // parties whose access differs, sorted
    std::size_t evaluated = 0;          // parties evaluated on both sides
    std::size_t skipped = 0;            // affected parties beyond CompareOptions::identityLimit
    bool cancelled = false;
    std::vector<std::string> notes;

    std::size_t gainedCount() const; // parties that gained something
    std::size_t lostCount() const;   // parties that lost something
    const IdentityDelta *find(const ObjectRef &party) const;
    /** Whether `party` gained or lost `request` (what the matrix marks). */
    CellChange cellChange(const ObjectRef &party, const k8s::Request &request) const;
    /** Only what applies in namespace `ns` (-n): namespace lines of ns and every-namespace lines that cover it. */
    Comparison inNamespace(const std::string &ns) const;
    /** Re-sorts the lookup index after `identities` was edited by hand. */
    void reindex();

private:
    std::vector<std::pair<std::string, std::size_t>> m_index; // party key text -> identities index, sorted
};

/**
 * Compares two graphs of the same cluster. Never throws; evaluation is exactly check()'s (profile, query,
 * evaluateClusterWide, evaluateNamespace, decide), asked for every matrix column and every request the
 * party's own roles name, in the cluster scope and in each namespace where the party holds a RoleBinding
 * or a namespace-scoped assignment on either side (every other namespace answers as the cluster scope).
 */
Comparison compare(const PermissionGraph &base, const PermissionGraph &head, const CompareOptions &options = {});

/** "pods", "deployments.apps", "pods/exec", "secrets named app-tls", "/metrics": a request's column label. */
std::string requestLabel(const k8s::Request &request);

} // namespace clr::compare
