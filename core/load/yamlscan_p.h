// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Private to clearance_core: a linear pre-scan of a YAML document for the flow collections
// ([...] and {...}) that yaml-cpp 0.7 cannot read within bounded memory. Its scanner keeps every
// token of a flow collection that might turn out to be a mapping key (one at the start of a line,
// of a document or after "- ") until the collection closes: about 100 bytes per byte of input, and
// for each '[' of "[[[[..." before a single event arrives. The event budgets cannot stop that, so
// such documents are refused before yaml-cpp sees them.

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace clr::detail {

struct FlowProblem
{
    std::size_t offset = 0; // of the bracket concerned, within the scanned text
    std::string message;
};

/**
 * Finds a flow collection nested deeper than limits::kMaxDepth or longer than
 * limits::kMaxYamlFlowBytes. Conservative: a '[' or '{' counts only where a node starts (as the
 * first thing on a line, after "- ", ": ", "? ", an anchor or a tag, or inside another flow
 * collection), never inside plain text, quoted scalars, block scalars or comments.
 */
std::optional<FlowProblem> checkFlowCollections(std::string_view text);

} // namespace clr::detail
