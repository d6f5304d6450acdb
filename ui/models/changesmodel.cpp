// SPDX-License-Identifier: GPL-3.0-or-later
#include "models/changesmodel.h"

#include "common/stringconv.h"
#include "models/itemroles.h"

#include <QBrush>
#include <QColor>
#include <QStringList>

namespace clr::ui {

namespace {

QColor gainedColor()
{
    return QColor(0x2e, 0x7d, 0x32);
}

QColor lostColor()
{
    return QColor(0xc6, 0x28, 0x28);
}

QString causesText(const compare::Comparison &c, const compare::PermissionChange &line)
{
    if (line.causes.empty())
        return ChangesModel::tr("no single change identified");
    QStringList out;
    for (auto i : line.causes)
        out << QStringLiteral("[%1] %2").arg(i + 1).arg(toQString(c.changes[i].summary));
    return out.join(QStringLiteral("; "));
}

} // namespace

// ---------------------------------------------------------------- ChangesModel

ChangesModel::ChangesModel(QObject *parent)
    : QAbstractItemModel(parent)
{
}

void ChangesModel::setComparison(std::shared_ptr<const compare::Comparison> comparison)
{
    beginResetModel();
    m_comparison = std::move(comparison);
    endResetModel();
}

const compare::IdentityDelta *ChangesModel::deltaAt(const QModelIndex &index) const
{
    if (!m_comparison || !index.isValid())
        return nullptr;
    const std::size_t i = index.internalId() == 0 ? std::size_t(index.row()) : std::size_t(index.internalId() - 1);
    return i < m_comparison->identities.size() ? &m_comparison->identities[i] : nullptr;
}

const compare::PermissionChange *ChangesModel::lineAt(const QModelIndex &index, bool *gained) const
{
    const compare::IdentityDelta *d = deltaAt(index);
    if (!d || index.internalId() == 0)
        return nullptr;
    const auto row = std::size_t(index.row());
    if (gained)
        *gained = row < d->gained.size();
    return row < d->gained.size() ? &d->gained[row] : &d->lost[row - d->gained.size()];
}

QModelIndex ChangesModel::index(int row, int column, const QModelIndex &parent) const
{
    if (!hasIndex(row, column, parent))
        return {};
    if (!parent.isValid())
        return createIndex(row, column, quintptr(0));
    return createIndex(row, column, quintptr(parent.row() + 1));
}

QModelIndex ChangesModel::parent(const QModelIndex &child) const
{
    if (!child.isValid() || child.internalId() == 0)
        return {};
    return createIndex(int(child.internalId() - 1), 0, quintptr(0));
}

int ChangesModel::rowCount(const QModelIndex &parent) const
{
    if (!m_comparison || parent.column() > 0)
        return 0;
    if (!parent.isValid())
        return int(m_comparison->identities.size());
    if (parent.internalId() != 0)
        return 0; // lines have no children
    const auto &d = m_comparison->identities[std::size_t(parent.row())];
    return int(d.gained.size() + d.lost.size());
}

int ChangesModel::columnCount(const QModelIndex &) const
{
    return ColumnCount;
}

QVariant ChangesModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid))
        return {};
    const compare::IdentityDelta *d = deltaAt(index);
    if (!d)
        return {};
    if (role == PartyKeyRole)
        return toQString(d->who.key.toString());
    bool gained = false;
    if (const compare::PermissionChange *line = lineAt(index, &gained))
        return lineData(*d, *line, gained, index.column(), role);
    return identityData(*d, index.column(), role);
}

QVariant ChangesModel::identityData(const compare::IdentityDelta &d, int column, int role) const
{
    const int gained = int(d.gained.size()), lost = int(d.lost.size());
    switch (role) {
    case Qt::DisplayRole:
        if (column == WhatColumn)
            return toQString(d.who.label());
        return tr("%1 gained, %2 lost · %3").arg(gained).arg(lost).arg(QString::fromLatin1(compare::partyKindName(d.who.kind)));
    case Qt::ToolTipRole:
        return toQString(d.who.label()) + (d.who.inBase ? QString() : tr(" (only in HEAD)")) + (d.who.inHead ? QString() : tr(" (only in BASE)"));
    case ComparisonRole:
        return int(gained ? compare::CellChange::Gained : compare::CellChange::Lost);
    case SortRole:
        return toQString(d.who.label());
    default:
        return {};
    }
}

QVariant ChangesModel::lineData(const compare::IdentityDelta &, const compare::PermissionChange &line, bool gained, int column, int role) const
{
    switch (role) {
    case Qt::DisplayRole:
        if (column == WhatColumn)
            return (gained ? QStringLiteral("+ ") : QStringLiteral("− ")) + toQString(line.text());
        return causesText(*m_comparison, line);
    case Qt::ToolTipRole:
        return toQString(line.text()) + QStringLiteral("\n") + causesText(*m_comparison, line)
            + (line.path.text.empty() ? QString() : QStringLiteral("\n") + (gained ? tr("Path in HEAD: ") : tr("Path in BASE: ")) + toQString(line.path.text));
    case Qt::ForegroundRole:
        return column == WhatColumn ? QVariant(QBrush(gained ? gainedColor() : lostColor())) : QVariant();
    case ComparisonRole:
        return int(gained ? compare::CellChange::Gained : compare::CellChange::Lost);
    case SortRole:
        return toQString(line.text());
    default:
        return {};
    }
}

QVariant ChangesModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    return section == WhatColumn ? tr("Who, and what they gained (+) or lost (−)") : tr("Because");
}

// ---------------------------------------------------------------- ChangeListModel

ChangeListModel::ChangeListModel(QObject *parent)
    : QAbstractTableModel(parent)
{
}

void ChangeListModel::setComparison(std::shared_ptr<const compare::Comparison> comparison)
{
    beginResetModel();
    m_comparison = std::move(comparison);
    endResetModel();
}

int ChangeListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() || !m_comparison ? 0 : int(m_comparison->changes.size());
}

int ChangeListModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant ChangeListModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const compare::Change &c = m_comparison->changes[std::size_t(index.row())];
    if (role == Qt::DisplayRole || role == SortRole) {
        switch (index.column()) {
        case NumberColumn:
            return role == SortRole ? QVariant(index.row() + 1) : QVariant(QStringLiteral("[%1]").arg(index.row() + 1));
        case ChangeColumn:
            return toQString(c.summary);
        case EffectColumn:
            return c.effective ? tr("alters access") : tr("no effect");
        case SourceColumn: {
            QStringList where;
            if (!c.baseSource.empty())
                where << tr("BASE %1").arg(toQString(c.baseSource));
            if (!c.headSource.empty())
                where << tr("HEAD %1").arg(toQString(c.headSource));
            return where.join(QStringLiteral(", "));
        }
        default:
            return {};
        }
    }
    if (role == Qt::ToolTipRole) {
        QStringList lines{toQString(c.summary)};
        for (const auto &d : c.details)
            lines << toQString(d);
        return lines.join(QLatin1Char('\n'));
    }
    if (role == Qt::ForegroundRole && index.column() == EffectColumn && !c.effective)
        return QBrush(QColor(Qt::gray));
    return {};
}

QVariant ChangeListModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case NumberColumn:
        return tr("#");
    case ChangeColumn:
        return tr("Change");
    case EffectColumn:
        return tr("Effect");
    case SourceColumn:
        return tr("Where");
    default:
        return {};
    }
}

} // namespace clr::ui
