// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "remote/expected.h"

#include <QString>
#include <QStringList>

#include <memory>

namespace clr::remote {

/**
 * Writes a snapshot folder so that it appears whole or not at all: files go into a hidden
 * temporary folder next to the target (".NAME.partial-XXXXXX", which folder loaders skip), and
 * commit() renames it into place, replacing an older snapshot of the same path only then. Until
 * commit(), destroying the writer (an error, Cancel, Ctrl+C) removes everything written.
 */
class SnapshotWriter final
{
public:
    static Expected<std::unique_ptr<SnapshotWriter>> create(const QString &target);
    ~SnapshotWriter();
    SnapshotWriter(const SnapshotWriter &) = delete;
    SnapshotWriter &operator=(const SnapshotWriter &) = delete;

    /** Writes `relativePath` (folders created); returns its error. */
    std::optional<Error> write(const QString &relativePath, const QByteArray &content);
    /** Removes files written under `relativePrefix` (a list restarted from its first page). */
    void remove(const QString &relativePrefix);
    /** Files written so far, relative, in writing order. */
    QStringList files() const { return m_files; }
    qint64 bytesWritten() const { return m_bytes; }
    /** Renames the folder into place; the writer is done afterwards. */
    std::optional<Error> commit();
    void abort();

    QString target() const { return m_target; }
    QString tempPath() const { return m_temp; }

private:
    SnapshotWriter(QString target, QString temp);

    QString m_target;
    QString m_temp;
    QStringList m_files;
    qint64 m_bytes = 0;
    bool m_done = false;
};

} // namespace clr::remote
