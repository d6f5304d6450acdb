// SPDX-License-Identifier: GPL-3.0-or-later
#include "models/bindingsubjectsmodel.h"

#include "common/kindicons.h"
#include "common/stringconv.h"
#include "models/itemroles.h"

#include <QBrush>
#include <QColor>

namespace clr::ui {

BindingSubjectsModel::BindingSubjectsModel(QObject *parent)
    : QAbstractTableModel(parent)
{
}

void BindingSubjectsModel::setBinding(SessionPtr session, int binding)
{
    beginResetModel();
    m_session = std::move(session);
    m_rows.clear();
    if (m_session && binding >= 0) {
        const auto &b = m_session->graph->kubernetes().cluster().bindings[std::size_t(binding)];
        for (const auto &s : b.subjects)
            m_rows.push_back(makeRow(s, b));
    }
    endResetModel();
}

QString BindingSubjectsModel::displayNameWarning(const std::string &name) const
{
    // One linear scan per subject, only for the binding on screen: fine even at 200k principals.
    for (auto id : m_session->graph->snapshot().directory.lookup(name)) {
        const auto &p = m_session->graph->snapshot().directory.at(id);
        if (p.type == entra::PrincipalType::Group)
            return tr("never matches: AKS knows group '%1' only by its object ID %2").arg(toQString(name), toQString(p.id));
        if (p.type == entra::PrincipalType::User && p.guest)
            return tr("never matches: guest %1 is known to AKS by object ID %2").arg(toQString(p.displayName), toQString(p.id));
    }
    return {};
}

BindingSubjectsModel::Row BindingSubjectsModel::makeRow(const k8s::Subject &s, const k8s::Binding &b) const
{
    const auto &cat = *m_session->catalog;
    Row row;
    row.name = toQString(s.name);
    if (s.kind == k8s::Subject::Kind::ServiceAccount) {
        const std::string ns = s.ns.empty() ? b.ns : s.ns;
        row.kind = tr("ServiceAccount");
        row.ns = toQString(ns);
        row.subject = ns.empty() ? std::nullopt : cat.findServiceAccount(ns, s.name);
        row.neverMatches = ns.empty();
        row.resolves = ns.empty() ? tr("never matches: a service account in a ClusterRoleBinding needs a namespace")
                       : row.subject && !cat.unresolved(*row.subject) ? tr("service account %1/%2").arg(row.ns, row.name)
                                                                       : tr("service account not in the snapshot");
        return row;
    }
    const bool user = s.kind == k8s::Subject::Kind::User;
    row.kind = user ? tr("User") : tr("Group");
    row.subject = user ? cat.findKubernetesUser(s.name) : cat.findKubernetesGroup(s.name);
    if (row.subject && row.subject->isEntra()) {
        row.resolves = tr("%1 %2").arg(cat.kindLabel(*row.subject), cat.name(*row.subject));
        return row;
    }
    const QString warning = m_session->graph->snapshot().hasEntra() ? displayNameWarning(s.name) : QString();
    row.neverMatches = !warning.isEmpty();
    if (row.neverMatches)
        row.resolves = warning;
    else if (s.name.starts_with("system:"))
        row.resolves = tr("Kubernetes built-in %1").arg(user ? tr("user") : tr("group"));
    else
        row.resolves = tr("not in the Entra export");
    return row;
}

std::optional<SubjectRef> BindingSubjectsModel::subjectAt(int row) const
{
    if (row < 0 || row >= rowCount())
        return std::nullopt;
    return m_rows[std::size_t(row)].subject;
}

int BindingSubjectsModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int BindingSubjectsModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant BindingSubjectsModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid))
        return {};
    const Row &row = m_rows[std::size_t(index.row())];
    const QString texts[] = {row.kind, row.name, row.ns, row.resolves};
    switch (role) {
    case Qt::DisplayRole:
    case Qt::ToolTipRole:
    case SortRole:
        return texts[index.column()];
    case Qt::DecorationRole:
        if (index.column() == NameColumn && row.subject)
            return kindicons::subject(row.subject->kind, m_session->catalog->unresolved(*row.subject));
        return {};
    case Qt::ForegroundRole:
        return row.neverMatches ? QVariant(QBrush(QColor(0xc6, 0x28, 0x28))) : QVariant();
    case SubjectRole:
        return row.subject ? QVariant::fromValue(*row.subject) : QVariant();
    case RefRole:
        return row.subject ? QVariant(toQString(m_session->catalog->refOf(*row.subject).toString())) : QVariant();
    default:
        return {};
    }
}

QVariant BindingSubjectsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (Column(section)) {
    case KindColumn:
        return tr("Kind");
    case NameColumn:
        return tr("Name");
    case NamespaceColumn:
        return tr("Namespace");
    case ResolvesToColumn:
        return tr("On AKS this is");
    case ColumnCount:
        break;
    }
    return {};
}

} // namespace clr::ui
