// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "changes_p.h"
#include "evaluate_p.h"

#include <cstddef>
#include <cstdint>
#include <unordered_map>
#include <vector>

namespace clr::compare::detail {

/**
 * The changes behind one answer that differs: the request is evaluated again on the side that allows it
 * (HEAD for a gain, BASE for a loss) with a Trace, and every grant of the trace is followed back to what
 * changed on its way: the binding, its role (and the ClusterRole an aggregated rule came from), the group
 * memberships between the identity and the binding's group, the assignment and its role definition, the
 * admin group, the cluster setting that opened or closed a plane, the principal itself.
 */
/** The membership changes on the way from a principal up to a group, by (principal << 32 | group): one
 *  party asks for the same few chains for every request that differs, and each is a walk of the directory. */
using ChainCache = std::unordered_map<std::uint64_t, std::vector<std::size_t>>;

std::vector<std::size_t> causesOf(const SideView &side, Side s, const ChangeIndex &index, const std::vector<Change> &changes, Query &query,
                                  ChainCache &chains);

/** explain()'s path on that side that passes through most of the causes (the first path when none does). */
GrantPath pathThrough(const SideView &side, const k8s::Request &request, const std::vector<Change> &changes,
                      const std::vector<std::size_t> &causes);

} // namespace clr::compare::detail
