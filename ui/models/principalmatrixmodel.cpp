// SPDX-License-Identifier: GPL-3.0-or-later
#include "models/principalmatrixmodel.h"

#include "common/kindicons.h"
#include "common/stringconv.h"
#include "models/itemroles.h"

#include <algorithm>

namespace clr::ui {

PrincipalMatrixModel::PrincipalMatrixModel(QObject *parent)
    : MatrixModel(parent)
{
}

PrincipalMatrixModel::~PrincipalMatrixModel() = default;

void PrincipalMatrixModel::setSession(SessionPtr session)
{
    beginResetModel();
    resetColumns(session);
    m_subject.reset();
    rebuild();
    endResetModel();
}

void PrincipalMatrixModel::setSubject(std::optional<SubjectRef> subject)
{
    if (subject == m_subject)
        return;
    beginResetModel();
    m_subject = subject;
    rebuild();
    endResetModel();
}

void PrincipalMatrixModel::rebuild()
{
    m_matrix.reset();
    m_namespaces.clear();
    m_touched.clear();
    if (!m_session || !m_subject || !m_session->catalog->canAsk(*m_subject))
        return;
    m_who = m_session->catalog->identity(*m_subject);
    m_namespaces.push_back(std::string()); // cluster scope first
    for (auto &ns : m_session->graph->namespaces())
        m_namespaces.push_back(std::move(ns));
    m_matrix = std::make_unique<PrincipalMatrix>(*m_session->graph, m_who, m_columns, m_namespaces);
    m_touched.assign(m_namespaces.size(), false);
}

int PrincipalMatrixModel::rowOf(const std::string &ns) const
{
    auto it = std::find(m_namespaces.begin(), m_namespaces.end(), ns);
    return it == m_namespaces.end() ? -1 : int(it - m_namespaces.begin());
}

int PrincipalMatrixModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() || !m_matrix ? 0 : m_matrix->rowCount();
}

int PrincipalMatrixModel::computedRowCount() const
{
    return int(std::count(m_touched.begin(), m_touched.end(), true));
}

MatrixCell PrincipalMatrixModel::cellAt(int row, int col) const
{
    m_touched[std::size_t(row)] = true;
    return m_matrix->cell(row, col);
}

QVariant PrincipalMatrixModel::rowHeaderData(int row, int role) const
{
    const std::string &ns = m_namespaces[std::size_t(row)];
    switch (role) {
    case Qt::DisplayRole:
        return ns.empty() ? tr("All namespaces (cluster scope)") : toQString(ns);
    case Qt::DecorationRole:
        return kindicons::object(ObjectKind::Namespace);
    case Qt::ToolTipRole:
        return ns.empty() ? tr("Cluster-scoped resources, and namespaced ones across all namespaces (kubectl -A)")
                          : tr("Namespace %1").arg(toQString(ns));
    default:
        return {};
    }
}

Identity PrincipalMatrixModel::identityAt(int) const
{
    return m_who;
}

std::string PrincipalMatrixModel::namespaceAt(int row) const
{
    return m_namespaces[std::size_t(row)];
}

QString PrincipalMatrixModel::whoLabel(int) const
{
    return m_subject ? m_session->catalog->name(*m_subject) : QString();
}

std::optional<SubjectRef> PrincipalMatrixModel::subjectOfRow(int) const
{
    return m_subject;
}

} // namespace clr::ui
