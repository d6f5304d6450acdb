// SPDX-License-Identifier: GPL-3.0-or-later
// `clearance export` helpers (internal to the CLI library).
#pragma once

#include "cli/options.h"
#include "generate/export.h"
#include "graph/permissiongraph.h"

#include <iosfwd>
#include <optional>

namespace clr::cli {

/** The view the matrix flags ask for (--view, then --columns, --kind, ...); nullopt after a message on bad input. */
std::optional<gen::MatrixView> matrixViewOf(const Options &opts, const PermissionGraph &graph, std::ostream &err);
/** True when a flag or --view chose the rows: otherwise identities without any access are left out. */
bool viewChosen(const Options &opts);
/** A namespace's matrix (-n NS) as the view shows it; nullopt after a message (exit 2). */
std::optional<gen::MatrixTable> namespaceMatrixTable(const Options &opts, const PermissionGraph &graph, std::ostream &err);

} // namespace clr::cli
