// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Private to clearance_core: decides what each parsed document holds (from content, never the file
// name) and hands every object to the Kubernetes, Entra or Azure loader.

#include "graph/loadcontext_p.h"

namespace clr::detail {

/**
 * Loads a document: a Kubernetes object or List, a Graph or ARM page ("value"), an az CLI array, or
 * a single Graph/ARM/az object. Arrays and pages may mix kinds; each entry is classified on its own.
 */
void loadDocument(Document &doc, FileContext &ctx);

} // namespace clr::detail
