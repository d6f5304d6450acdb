// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Private to clearance_core: the state the per-format loaders share while a snapshot loads.

#include "document_p.h"
#include "load/snapshot.h"

#include <atomic>
#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

namespace clr::detail {

/** Indexes across all files of one load: duplicates, role definitions by GUID, tenants, progress. */
struct LoadState
{
    std::vector<std::uint8_t> definedPrincipals; // by PrincipalId: defined by an export, not only referenced
    std::unordered_map<std::string, std::size_t> definitionsByGuid; // lower-case GUID -> azure.roleDefinitions index
    std::unordered_set<std::string> assignmentIds;                   // lower-case
    std::unordered_set<std::string> clusterIds;                      // lower-case
    std::unordered_set<std::string> kubeObjects;                     // "Kind/namespace/name"
    struct Tenant
    {
        std::uint32_t file = 0;
        std::string id;
        TextPos pos;
    };
    std::vector<Tenant> tenants; // the first tenant each file exposes
    std::int64_t bytesDone = 0;
    std::int64_t bytesTotal = 0;
};

/**
 * One file being loaded: where its objects go, how they are cited (SourceRef, diagnostics), and
 * the per-file summaries that replace one message per object (skipped kinds, duplicates...).
 */
class FileContext final
{
public:
    FileContext(Snapshot &snapshot, LoadState &state, std::uint32_t file, std::string name,
                const std::atomic<bool> *cancel);

    Snapshot &snapshot;
    LoadState &state;
    bool builtin = false; // the role definitions shipped in resources

    const std::string &name() const { return m_name; }
    SourceRef source(TextPos pos) const { return {m_file, pos.line, pos.column}; }

    void report(Diagnostic::Severity severity, TextPos pos, std::string message);
    void error(TextPos pos, std::string message) { report(Diagnostic::Severity::Error, pos, std::move(message)); }
    void warn(TextPos pos, std::string message) { report(Diagnostic::Severity::Warning, pos, std::move(message)); }
    void info(TextPos pos, std::string message) { report(Diagnostic::Severity::Info, pos, std::move(message)); }

    /** A field of the wrong type, an unknown kind: problems a generated export may repeat in every
     *  object. The first kMaxInputWarnings of a file are reported one by one, the rest in one summary
     *  at finish(). */
    void inputWarning(TextPos pos, std::string message);
    static constexpr int kMaxInputWarnings = 50;

    /** Polled every few thousand objects; true once the user cancelled. */
    bool cancelled();

    /** An object of a kind Clearance does not use (a Pod, a device, a federated credential). */
    void skipped(TextPos pos, const std::string &label);
    /** An entry that no loader recognises. */
    void unrecognized(TextPos pos, std::string what);
    /** An object already loaded (same ID or name); `conflict` when the copies may disagree. */
    void duplicate(TextPos pos, std::string what, bool conflict);
    /** A tenant ID the export exposes; the first one per file is compared across files at the end. */
    void tenant(TextPos pos, std::string_view tenantId);

    /** Writes the summaries. Call once at the end of the file. */
    void finish();

private:
    struct Tally
    {
        int count = 0;
        TextPos first;
        std::string firstWhat;
        void add(TextPos pos, std::string what);
    };

    std::uint32_t m_file;
    std::string m_name;
    const std::atomic<bool> *m_cancel;
    unsigned m_ticks = 0;
    bool m_stopped = false;
    bool m_tenantSeen = false;
    std::map<std::string, int> m_skippedLabels;
    Tally m_skipped;
    Tally m_unrecognized;
    Tally m_merged;
    Tally m_conflicts;
    int m_inputWarnings = 0;
    Tally m_moreInputWarnings;
};

} // namespace clr::detail
