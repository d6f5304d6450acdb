// SPDX-License-Identifier: GPL-3.0-or-later
#include "loadcontext_p.h"

namespace clr::detail {

FileContext::FileContext(Snapshot &snapshot_, LoadState &state_, std::uint32_t file, std::string name,
                         const std::atomic<bool> *cancel)
    : snapshot(snapshot_), state(state_), m_file(file), m_name(std::move(name)), m_cancel(cancel)
{
}

void FileContext::report(Diagnostic::Severity severity, TextPos pos, std::string message)
{
    snapshot.diagnostics.push_back({severity, m_name, pos.line, pos.column, std::move(message)});
}

void FileContext::inputWarning(TextPos pos, std::string message)
{
    if (m_inputWarnings++ < kMaxInputWarnings)
        warn(pos, std::move(message));
    else
        m_moreInputWarnings.add(pos, std::move(message));
}

bool FileContext::cancelled()
{
    if (!m_stopped && ++m_ticks % 4096 == 0 && m_cancel)
        m_stopped = m_cancel->load(std::memory_order_relaxed);
    return m_stopped;
}

void FileContext::Tally::add(TextPos pos, std::string what)
{
    if (count++ == 0) {
        first = pos;
        firstWhat = std::move(what);
    }
}

void FileContext::skipped(TextPos pos, const std::string &label)
{
    ++m_skippedLabels[label];
    m_skipped.add(pos, label);
}

void FileContext::unrecognized(TextPos pos, std::string what)
{
    m_unrecognized.add(pos, std::move(what));
}

void FileContext::duplicate(TextPos pos, std::string what, bool conflict)
{
    (conflict ? m_conflicts : m_merged).add(pos, std::move(what));
}

void FileContext::tenant(TextPos pos, std::string_view tenantId)
{
    if (m_tenantSeen || tenantId.empty() || builtin)
        return;
    m_tenantSeen = true;
    state.tenants.push_back({m_file, std::string(tenantId), pos});
}

void FileContext::finish()
{
    if (m_skipped.count > 0) {
        std::string kinds;
        for (const auto &[label, count] : m_skippedLabels)
            kinds += (kinds.empty() ? "" : ", ") + label + " (" + std::to_string(count) + ")";
        info(m_skipped.first,
             "skipped " + std::to_string(m_skipped.count) + " object(s) of kinds Clearance does not use: " + kinds);
    }
    if (m_unrecognized.count == 1) {
        warn(m_unrecognized.first, m_unrecognized.firstWhat + "; skipped");
    } else if (m_unrecognized.count > 1) {
        warn(m_unrecognized.first, std::to_string(m_unrecognized.count) + " entries of unrecognized shape skipped (first: "
                                       + m_unrecognized.firstWhat + ")");
    }
    if (m_merged.count > 0) {
        info(m_merged.first, std::to_string(m_merged.count) + " object(s) were already loaded and were merged (first: "
                                 + m_merged.firstWhat + ")");
    }
    if (m_moreInputWarnings.count > 0) {
        warn(m_moreInputWarnings.first, std::to_string(m_moreInputWarnings.count)
                                            + " more warnings like the ones above in this file, not listed one by one (the first: "
                                            + m_moreInputWarnings.firstWhat + ")");
    }
    if (m_conflicts.count > 0) {
        warn(m_conflicts.first, std::to_string(m_conflicts.count)
                                    + " object(s) were already loaded from an earlier file or document; the first "
                                      "copy was kept (first: "
                                    + m_conflicts.firstWhat + ")");
    }
}

} // namespace clr::detail
