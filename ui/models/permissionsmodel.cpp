// SPDX-License-Identifier: GPL-3.0-or-later
#include "models/permissionsmodel.h"

#include "azure/dataactions.h"
#include "common/stringconv.h"
#include "models/itemroles.h"

#include <QBrush>
#include <QColor>

namespace clr::ui {

PermissionsModel::PermissionsModel(QObject *parent)
    : QAbstractTableModel(parent)
{
}

QString PermissionsModel::meaning(const std::string &pattern, bool data, bool exclusion)
{
    const QString neg = exclusion ? tr("excluded: ") : QString();
    if (data) {
        const QString p = toQString(pattern);
        const QString prefix = toQString(azure::kClusterDataActionPrefix);
        if (p.startsWith(prefix, Qt::CaseInsensitive))
            return neg + tr("Kubernetes API: %1").arg(p.mid(prefix.size()));
        if (azure::actionPatternMatches(pattern, std::string(azure::kClusterDataActionPrefix) + "pods/read"))
            return neg + tr("Kubernetes API: everything this pattern covers");
        return neg + tr("data plane outside AKS");
    }
    if (azure::actionPatternMatches(pattern, azure::kListAdminCredentialAction))
        return neg + tr("can download the cluster admin credential: cluster-admin while local accounts are on");
    if (azure::actionPatternMatches(pattern, azure::kListUserCredentialAction))
        return neg + tr("can download a user kubeconfig (a login prompt on Entra clusters)");
    return neg + tr("Azure management plane (no Kubernetes access by itself)");
}

void PermissionsModel::setDefinition(SessionPtr session, int definition)
{
    beginResetModel();
    m_session = std::move(session);
    m_rows.clear();
    if (m_session && definition >= 0) {
        const auto &def = m_session->graph->snapshot().azure.roleDefinitions[std::size_t(definition)];
        for (const auto &perm : def.permissions) {
            auto add = [this](const std::vector<std::string> &patterns, const QString &type, bool data, bool exclusion) {
                for (const auto &p : patterns)
                    m_rows.push_back({type, toQString(p), meaning(p, data, exclusion), exclusion});
            };
            add(perm.actions, tr("Action"), false, false);
            add(perm.notActions, tr("NotAction"), false, true);
            add(perm.dataActions, tr("DataAction"), true, false);
            add(perm.notDataActions, tr("NotDataAction"), true, true);
        }
    }
    endResetModel();
}

int PermissionsModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int PermissionsModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant PermissionsModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid))
        return {};
    const Row &row = m_rows[std::size_t(index.row())];
    switch (role) {
    case Qt::DisplayRole:
    case Qt::ToolTipRole:
    case SortRole:
        return index.column() == TypeColumn ? row.type : index.column() == PatternColumn ? row.pattern : row.meaning;
    case Qt::ForegroundRole:
        return row.exclusion ? QVariant(QBrush(QColor(0xc6, 0x28, 0x28))) : QVariant();
    default:
        return {};
    }
}

QVariant PermissionsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (Column(section)) {
    case TypeColumn:
        return tr("Type");
    case PatternColumn:
        return tr("Pattern");
    case MeaningColumn:
        return tr("Meaning for this cluster");
    case ColumnCount:
        break;
    }
    return {};
}

} // namespace clr::ui
