// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "compare/compare.h"
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
    std::string draftId;     // "" for a generated least-privilege policy
    std::string description; // Draft::describe(), or the generated binding's change summary
    std::vector<Gain> gains; // by display name
};

/**
 * Who gains what: "drafts vs. snapshot" is a comparison of the snapshot (BASE) with the snapshot plus
 * the drafts (HEAD), computed by compare::compare() like `clearance diff` and File > Compare. Each
 * draft's gains are the comparison's gains caused by the object it adds; members of nested groups
 * count, as everywhere.
 */
struct EffectSummary
{
    std::vector<DraftEffect> drafts;
    compare::Comparison comparison; // the whole comparison the drafts' effects are read from
    std::size_t gainCount() const;
    /** Plain text, one paragraph per draft: "Bob Builder (through nested group Leads) gains: ...". */
    std::string text() const;
};

struct EffectOptions
{
    std::size_t memberLimit = 2000; // identities evaluated in all (compare::CompareOptions::identityLimit)
    const std::atomic<bool> *cancel = nullptr;
};

/** `after` must be built from applyDrafts(before.snapshot(), drafts). */
EffectSummary computeEffect(const PermissionGraph &before, const PermissionGraph &after, const DraftSet &drafts,
                            const EffectOptions &options = {});

/** "get, list pods in team-a; delete pods in team-a" grouped text of requests. */
std::string describeRequests(const std::vector<k8s::Request> &requests, std::size_t limit = 12);

} // namespace clr::drafts
