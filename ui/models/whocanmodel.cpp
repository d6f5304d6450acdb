// SPDX-License-Identifier: GPL-3.0-or-later
#include "models/whocanmodel.h"

#include "common/kindicons.h"
#include "common/planestyle.h"
#include "common/stringconv.h"
#include "models/itemroles.h"

#include <QBrush>
#include <QPalette>
#include <QStringList>

#include <set>

namespace clr::ui {

WhoCanModel::WhoCanModel(QObject *parent)
    : QAbstractTableModel(parent)
{
}

void WhoCanModel::setResult(SessionPtr session, const k8s::Request &request, const WhoCanResult &result)
{
    beginResetModel();
    m_session = std::move(session);
    m_request = request;
    m_rows.clear();
    m_principalRows = 0;
    if (m_session) {
        const auto &cat = *m_session->catalog;
        m_rows.reserve(result.principals.size() + result.subjects.size());
        for (const auto &p : result.principals)
            m_rows.push_back({cat.principalRef(p.principal), p.planes, p.conditional, {}, {}});
        m_principalRows = int(m_rows.size());
        addSubjectRows(result);
    }
    endResetModel();
}

void WhoCanModel::addSubjectRows(const WhoCanResult &result)
{
    const auto &cat = *m_session->catalog;
    const auto &dir = m_session->graph->snapshot().directory;
    for (const auto &sg : result.subjects) {
        const auto &s = sg.subject;
        std::optional<SubjectRef> ref;
        if (s.kind == k8s::Subject::Kind::ServiceAccount)
            ref = cat.findServiceAccount(s.ns, s.name);
        else if (s.kind == k8s::Subject::Kind::User)
            ref = cat.findKubernetesUser(s.name);
        else if (dir.find(s.name) == entra::NoPrincipal)
            ref = cat.findKubernetesGroup(s.name);
        if (!ref || ref->isEntra())
            continue; // Entra principals are listed above with all their planes; groups through their members
        QStringList where;
        for (const auto &ns : sg.namespaces)
            where << (ns.empty() ? tr("all namespaces") : toQString(ns));
        m_rows.push_back({*ref, planeBit(Plane::Kubernetes), false, grantsText(sg), where.join(QStringLiteral(", "))});
    }
}

QString WhoCanModel::grantsText(const k8s::SubjectGrants &grants) const
{
    const auto &kube = m_session->graph->kubernetes().cluster();
    std::set<QString> via;
    for (const auto &g : grants.grants) {
        const auto &b = kube.bindings[g.binding];
        const auto &r = kube.roles[g.role];
        via.insert(QStringLiteral("%1 %2 → %3 %4")
                       .arg(b.cluster ? QStringLiteral("ClusterRoleBinding") : QStringLiteral("RoleBinding"),
                            toQString(b.cluster ? b.name : b.ns + '/' + b.name), r.cluster ? QStringLiteral("ClusterRole") : QStringLiteral("Role"),
                            toQString(r.name)));
    }
    return QStringList(via.begin(), via.end()).join(QStringLiteral("; "));
}

std::optional<SubjectRef> WhoCanModel::subjectAt(int row) const
{
    if (row < 0 || row >= rowCount())
        return std::nullopt;
    return m_rows[std::size_t(row)].subject;
}

int WhoCanModel::rowOf(SubjectRef ref) const
{
    for (std::size_t i = 0; i < m_rows.size(); ++i) {
        if (m_rows[i].subject == ref)
            return int(i);
    }
    return -1;
}

int WhoCanModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int WhoCanModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant WhoCanModel::displayData(const Row &row, int column) const
{
    const auto &cat = *m_session->catalog;
    switch (Column(column)) {
    case NameColumn:
        return cat.disabled(row.subject) ? tr("%1 (disabled)").arg(cat.label(row.subject)) : cat.label(row.subject);
    case KindColumn:
        return cat.kindLabel(row.subject);
    case KubernetesNameColumn:
        return cat.kubernetesName(row.subject);
    case PlanesColumn:
        return row.conditional && !row.planes ? tr("Azure RBAC (conditional)") : planestyle::labels(row.planes);
    case GrantedByColumn:
        return row.where.isEmpty() ? row.grantedBy : tr("%1 (in %2)").arg(row.grantedBy, row.where);
    case ColumnCount:
        break;
    }
    return {};
}

QVariant WhoCanModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid))
        return {};
    const Row &row = m_rows[std::size_t(index.row())];
    switch (role) {
    case Qt::DisplayRole:
        return displayData(row, index.column());
    case SortRole:
        if (index.column() == PlanesColumn)
            return int(row.planes) + (row.conditional ? 16 : 0);
        return displayData(row, index.column()).toString().toLower();
    case Qt::DecorationRole:
        return index.column() == NameColumn ? QVariant(kindicons::subject(row.subject.kind, m_session->catalog->unresolved(row.subject))) : QVariant();
    case Qt::ToolTipRole:
        return index.column() == NameColumn ? m_session->catalog->toolTip(row.subject) : displayData(row, index.column());
    case Qt::ForegroundRole:
        if (m_session->catalog->disabled(row.subject))
            return QBrush(QPalette().color(QPalette::Disabled, QPalette::Text));
        return {};
    case PlanesRole:
        return int(row.planes);
    case SubjectRole:
        return QVariant::fromValue(row.subject);
    case FilterTextRole:
        return displayData(row, NameColumn).toString() + QLatin1Char(' ') + displayData(row, KubernetesNameColumn).toString();
    default:
        return {};
    }
}

QVariant WhoCanModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (Column(section)) {
    case NameColumn:
        return tr("Name");
    case KindColumn:
        return tr("Kind");
    case KubernetesNameColumn:
        return tr("Kubernetes name");
    case PlanesColumn:
        return tr("Granted through");
    case GrantedByColumn:
        return tr("Bindings");
    case ColumnCount:
        break;
    }
    return {};
}

} // namespace clr::ui
