// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "generate/generator.h"

#include <cstddef>
#include <string>
#include <vector>

namespace clr::gen {

/**
 * What a generated policy allows, established with the Kubernetes authorizer itself (the same
 * engine as can-i, who-can and the matrix): every requested permission, and which others among
 * a candidate set. The candidates are the requested resources × every standard verb (and every
 * verb seen) × the requested namespaces, cluster-wide and one other namespace × unnamed, each
 * requested name and one other name; the requested paths and a path below each × every HTTP verb.
 * A user who is not the subject is probed too: the bindings must target the subject only.
 */
struct Proof
{
    std::vector<k8s::Request> requested;
    std::vector<k8s::Request> missing;         // requested but denied (never expected)
    std::vector<k8s::Request> expanded;        // the requests the documented verb expansions added
    std::vector<k8s::Request> expansions;      // probed requests allowed only because of those expansions
    std::vector<k8s::Request> extras;          // allowed beyond the request otherwise (never expected)
    std::vector<k8s::Request> grantedToOthers; // allowed to a user that is not the subject (never expected)
    std::size_t candidates = 0;                // how many requests were probed

    bool exact() const { return missing.empty() && extras.empty() && grantedToOthers.empty(); }
    /** "grants exactly these N permissions" (plus the expansions), or what is missing or extra. */
    std::string summary() const;
};

Proof verify(const GeneratedPolicy &policy);

} // namespace clr::gen
