// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "load/snapshot.h"

#include <QtGlobal>

#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace clr {

namespace detail {
struct LoadState;
struct PlannedFile;
}

struct LoadOptions
{
    bool builtinAzureRoles = true; // add the real built-in role definitions shipped in resources
    /** Called with (bytes done, bytes total) between files; may be called from the loading thread. */
    std::function<void(qint64, qint64)> progress;
    const std::atomic<bool> *cancel = nullptr; // checked between files and between objects
};

/**
 * Loads exports into a Snapshot, detecting each file's kind from its content:
 * Kubernetes manifests and Lists (YAML or JSON, single or multi-document), Microsoft Graph pages
 * (users, groups, service principals, memberships), az CLI arrays, ARM pages of role assignments and
 * definitions, and AKS cluster objects. A file that fails to parse adds a Diagnostic with its
 * file:line:column and the rest still loads. Never throws.
 */
class SnapshotLoader final
{
public:
    explicit SnapshotLoader(LoadOptions options = {});
    ~SnapshotLoader();
    SnapshotLoader(SnapshotLoader &&) noexcept;
    SnapshotLoader &operator=(SnapshotLoader &&) noexcept;
    /** A file, a folder (recursive, sorted) or "-" for standard input. */
    void addPath(const std::string &path);
    /** Several paths: all are listed first, so progress reports bytes over the whole set. */
    void addPaths(const std::vector<std::string> &paths);
    /** In-memory content; `name` is what diagnostics call it. */
    void addContent(const std::string &name, const std::string &content);
    bool cancelled() const;
    /** Post-processing (namespace defaults, aggregation inputs, membership finalisation) and hand-over. */
    Snapshot finish();

private:
    bool checkCancel();
    std::int64_t loadFile(const detail::PlannedFile &file);
    void loadText(const std::string &name, std::string_view content);
    void loadBuiltinRoles();
    void linkReferencedPrincipals();
    void checkAdminGroup(const azure::ManagedCluster &cluster, entra::PrincipalId group);
    void fillRoleDefinitionNames();
    void finalizeDirectory();
    void checkTenants();

    LoadOptions m_options;
    Snapshot m_snapshot;
    bool m_cancelled = false;
    std::unique_ptr<detail::LoadState> m_state; // indexes that live while loading (duplicates, tenants, bytes)
};

/** Convenience: load paths (empty = nothing) in one call. */
Snapshot loadSnapshot(const std::vector<std::string> &paths, LoadOptions options = {});
/** The Contoso demo snapshot compiled into the binary. */
Snapshot loadDemoSnapshot(LoadOptions options = {});

} // namespace clr
