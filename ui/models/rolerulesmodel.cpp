// SPDX-License-Identifier: GPL-3.0-or-later
#include "models/rolerulesmodel.h"

#include "common/stringconv.h"
#include "models/itemroles.h"

#include <QStringList>

namespace clr::ui {

namespace {

QString listText(const std::vector<std::string> &values, bool emptyIsCore = false)
{
    QStringList out;
    for (const auto &v : values)
        out << (v.empty() && emptyIsCore ? QStringLiteral("\"\" (core)") : toQString(v));
    return out.join(QStringLiteral(", "));
}

} // namespace

RoleRulesModel::RoleRulesModel(QObject *parent)
    : QAbstractTableModel(parent)
{
}

void RoleRulesModel::setRole(SessionPtr session, int role)
{
    beginResetModel();
    m_session = std::move(session);
    m_role = m_session ? role : -1;
    endResetModel();
}

const k8s::Role *RoleRulesModel::currentRole() const
{
    if (!m_session || m_role < 0)
        return nullptr;
    return &m_session->graph->kubernetes().cluster().roles[std::size_t(m_role)];
}

int RoleRulesModel::rowCount(const QModelIndex &parent) const
{
    const auto *r = currentRole();
    return parent.isValid() || !r ? 0 : int(r->rules.size());
}

int RoleRulesModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant RoleRulesModel::text(int row, int column) const
{
    const auto &r = *currentRole();
    const auto &rule = r.rules[std::size_t(row)];
    switch (Column(column)) {
    case VerbsColumn:
        return listText(rule.verbs);
    case ApiGroupsColumn:
        return listText(rule.apiGroups, true);
    case ResourcesColumn:
        return listText(rule.resources);
    case ResourceNamesColumn:
        return listText(rule.resourceNames);
    case NonResourceUrlsColumn:
        return listText(rule.nonResourceURLs);
    case OriginColumn:
        return std::size_t(row) < r.ruleOrigins.size() ? toQString(r.ruleOrigins[std::size_t(row)]) : QString();
    case ColumnCount:
        break;
    }
    return {};
}

QVariant RoleRulesModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid))
        return {};
    switch (role) {
    case Qt::DisplayRole:
    case Qt::ToolTipRole:
    case SortRole:
        return text(index.row(), index.column());
    case RefRole: {
        const QString origin = text(index.row(), OriginColumn).toString();
        return origin.isEmpty() ? QVariant() : QVariant(toQString(ObjectRef(ObjectRef::Kind::ClusterRole, toStd(origin)).toString()));
    }
    default:
        return {};
    }
}

QVariant RoleRulesModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (role != Qt::DisplayRole)
        return {};
    if (orientation == Qt::Vertical)
        return section + 1;
    switch (Column(section)) {
    case VerbsColumn:
        return tr("Verbs");
    case ApiGroupsColumn:
        return tr("API groups");
    case ResourcesColumn:
        return tr("Resources");
    case ResourceNamesColumn:
        return tr("Resource names");
    case NonResourceUrlsColumn:
        return tr("Non-resource URLs");
    case OriginColumn:
        return tr("Aggregated from");
    case ColumnCount:
        break;
    }
    return {};
}

} // namespace clr::ui
