// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "drafts/draft.h"

#include <QString>

#include <optional>

namespace clr::drafts {

/**
 * Where a user's drafts live between runs: one JSON file, written atomically (QSaveFile: a temporary
 * file renamed over the old one) so that a crash or kill -9 at any moment leaves either the previous
 * or the new draft set on disk, never a torn one. Callers save after every change.
 */
class DraftStore final
{
public:
    /** `path` empty: defaultPath(). */
    explicit DraftStore(QString path = {});

    /** QStandardPaths::AppDataLocation/drafts.json (CLEARANCE_DRAFTS_FILE overrides it). */
    static QString defaultPath();
    const QString &path() const { return m_path; }

    /** The saved drafts; an empty set when there is no file yet. A file that does not parse is
     *  kept aside as "<path>.corrupt" (never overwritten silently) and nullopt is returned. */
    std::optional<DraftSet> load(QString *error = nullptr) const;
    /** Writes atomically, creating the folder; false and `error` set on failure (old file intact). */
    bool save(const DraftSet &set, QString *error = nullptr) const;

private:
    QString m_path;
};

} // namespace clr::drafts
