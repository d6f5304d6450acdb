// SPDX-License-Identifier: GPL-3.0-or-later
#include "drafts/draftstore.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSaveFile>
#include <QStandardPaths>

namespace clr::drafts {

DraftStore::DraftStore(QString path)
    : m_path(path.isEmpty() ? defaultPath() : std::move(path))
{
}

QString DraftStore::defaultPath()
{
    const QString overridden = qEnvironmentVariable("CLEARANCE_DRAFTS_FILE");
    if (!overridden.isEmpty())
        return overridden;
    return QStandardPaths::writableLocation(QStandardPaths::AppDataLocation) + QStringLiteral("/drafts.json");
}

std::optional<DraftSet> DraftStore::load(QString *error) const
{
    QFile file(m_path);
    if (!file.exists())
        return DraftSet();
    if (!file.open(QIODevice::ReadOnly)) {
        if (error)
            *error = QStringLiteral("%1: %2").arg(m_path, file.errorString());
        return std::nullopt;
    }
    QString parseError;
    auto set = fromJson(file.readAll(), &parseError);
    file.close();
    if (!set) {
        const QString aside = m_path + QStringLiteral(".corrupt");
        QFile::remove(aside);
        QFile::copy(m_path, aside);
        if (error)
            *error = QStringLiteral("%1: %2 (kept as %3)").arg(m_path, parseError, aside);
    }
    return set;
}

bool DraftStore::save(const DraftSet &set, QString *error) const
{
    QDir().mkpath(QFileInfo(m_path).absolutePath());
    QSaveFile file(m_path);
    if (!file.open(QIODevice::WriteOnly) || file.write(toJson(set)) < 0 || !file.commit()) {
        if (error)
            *error = QStringLiteral("%1: %2").arg(m_path, file.errorString());
        return false;
    }
    return true;
}

} // namespace clr::drafts
