// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "drafts/draft.h"
#include "graph/permissiongraph.h"
#include "kubernetes/request.h"

#include <atomic>
#include <cstddef>
#include <string>
#include <vector>

namespace clr::drafts {

/** One identity that a draft gives access it did not have. */
struct Gain
{
    std::string who;     // display name ("Bob Builder", "team-b/runner")
    std::string userName; // the Kubernetes user name AKS gives it
    std::string via;     // "" (direct) or the group chain: "member of Leads, member of Devs"
    bool nested = false; // through a nested group (not a direct member of the draft's group)
    bool disabled = false;
    std::vector<k8s::Request> requests; // newly allowed
};

struct DraftEffect
{
    std::string draftId;
    std::string description; // Draft::describe()
    std::vector<Gain> gains; // by display name
    std::size_t membersChecked = 0;
    std::size_t membersSkipped = 0; // beyond the member limit
};

/**
 * Who gains what: for each draft, the identities it reaches (a group's transitive members, found
 * with Directory::transitiveMembers, so people in nested groups count) asked every probe request
 * (the matrix columns plus the concrete rules of the bound role, in the draft's namespace or
 * cluster-wide) on the base graph and on the graph with the drafts: a gain is allowed after and
 * not before. One evaluator: PermissionGraph::check on both graphs.
 */
struct EffectSummary
{
    std::vector<DraftEffect> drafts;
    std::size_t gainCount() const;
    /** Plain text, one paragraph per draft: "Bob Builder (through nested group Leads) gains: ...". */
    std::string text() const;
};

struct EffectOptions
{
    std::size_t memberLimit = 2000; // identities checked per draft
    const std::atomic<bool> *cancel = nullptr;
};

/** `after` must be built from applyDrafts(before.snapshot(), drafts) (same directory, same ids). */
EffectSummary computeEffect(const PermissionGraph &before, const PermissionGraph &after, const DraftSet &drafts,
                            const EffectOptions &options = {});

/** "get, list pods in team-a; delete pods in team-a" grouped text of requests. */
std::string describeRequests(const std::vector<k8s::Request> &requests, std::size_t limit = 12);

} // namespace clr::drafts
