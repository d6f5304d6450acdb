// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "cli/options.h"
#include "graph/permissiongraph.h"
#include "load/snapshot.h"

#include <iosfwd>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace clr::cli {

/** loadSnapshot(paths) that Ctrl+C stops (as loadGraph's): nullopt when interrupted (exit 130). */
std::optional<Snapshot> loadInterruptibly(const std::vector<std::string> &paths);

/** Loads the snapshot the options name (printing diagnostics to err) and builds the graph. */
std::unique_ptr<PermissionGraph> loadGraph(const Options &opts, std::ostream &err, int *exitCode);

/** Builds the request from VERB TYPE[/NAME] | URL [NAME], warning about unknown types like kubectl. */
std::optional<k8s::Request> parseRequest(const Options &opts, const PermissionGraph &graph, std::size_t first,
                                         std::ostream &err);

/** Resolves --as/--as-group into an identity, or prints why it cannot. */
std::optional<Identity> resolveIdentity(const Options &opts, const PermissionGraph &graph, std::ostream &err);

/** Prints rows as aligned columns (kubectl's tabwriter style: two spaces of padding). */
void printTable(std::ostream &out, const std::vector<std::vector<std::string>> &rows, bool headers = true);

} // namespace clr::cli
