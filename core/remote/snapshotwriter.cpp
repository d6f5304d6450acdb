// SPDX-License-Identifier: GPL-3.0-or-later
#include "remote/snapshotwriter.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QRandomGenerator>

namespace clr::remote {

SnapshotWriter::SnapshotWriter(QString target, QString temp) : m_target(std::move(target)), m_temp(std::move(temp)) {}

SnapshotWriter::~SnapshotWriter()
{
    abort();
}

Expected<std::unique_ptr<SnapshotWriter>> SnapshotWriter::create(const QString &target)
{
    const QFileInfo info(QDir::cleanPath(QDir::current().absoluteFilePath(target)));
    QDir parent = info.absoluteDir();
    if (!parent.exists() && !QDir().mkpath(parent.absolutePath()))
        return Error{QStringLiteral("cannot create the folder %1").arg(parent.absolutePath())};
    for (int attempt = 0; attempt < 16; ++attempt) {
        const QString name = QStringLiteral(".%1.partial-%2").arg(info.fileName()).arg(QRandomGenerator::global()->generate(), 8, 16, QLatin1Char('0'));
        const QString temp = parent.filePath(name);
        if (QFileInfo::exists(temp))
            continue;
        if (!parent.mkdir(name))
            return Error{QStringLiteral("cannot create a folder in %1 (is it writable?)").arg(parent.absolutePath())};
        return std::unique_ptr<SnapshotWriter>(new SnapshotWriter(info.absoluteFilePath(), temp));
    }
    return Error{QStringLiteral("cannot create a temporary folder in %1").arg(parent.absolutePath())};
}

std::optional<Error> SnapshotWriter::write(const QString &relativePath, const QByteArray &content)
{
    if (m_done)
        return Error{QStringLiteral("the snapshot is already complete")};
    const QString path = QDir(m_temp).filePath(relativePath);
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate) || file.write(content) != content.size() || !file.flush())
        return Error{QStringLiteral("cannot write %1: %2").arg(path, file.errorString())};
    if (!m_files.contains(relativePath))
        m_files << relativePath;
    m_bytes += content.size();
    return std::nullopt;
}

void SnapshotWriter::remove(const QString &relativePrefix)
{
    for (auto it = m_files.begin(); it != m_files.end();) {
        if (it->startsWith(relativePrefix)) {
            QFile::remove(QDir(m_temp).filePath(*it));
            it = m_files.erase(it);
        } else {
            ++it;
        }
    }
}

std::optional<Error> SnapshotWriter::commit()
{
    if (m_done)
        return Error{QStringLiteral("the snapshot is already complete")};
    QString old;
    if (QFileInfo::exists(m_target)) {
        old = m_temp + QStringLiteral(".old");
        if (!QDir().rename(m_target, old))
            return Error{QStringLiteral("cannot move the previous %1 aside").arg(m_target)};
    }
    if (!QDir().rename(m_temp, m_target)) {
        if (!old.isEmpty())
            QDir().rename(old, m_target);
        return Error{QStringLiteral("cannot rename %1 to %2").arg(m_temp, m_target)};
    }
    m_done = true;
    if (!old.isEmpty())
        QDir(old).removeRecursively();
    return std::nullopt;
}

void SnapshotWriter::abort()
{
    if (m_done)
        return;
    m_done = true;
    QDir(m_temp).removeRecursively();
}

} // namespace clr::remote
