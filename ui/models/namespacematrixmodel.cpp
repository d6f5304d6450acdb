// SPDX-License-Identifier: GPL-3.0-or-later
#include "models/namespacematrixmodel.h"

#include "common/kindicons.h"
#include "models/itemroles.h"

#include <QBrush>
#include <QPalette>

namespace clr::ui {

NamespaceMatrixModel::NamespaceMatrixModel(QObject *parent)
    : MatrixModel(parent)
{
}

NamespaceMatrixModel::~NamespaceMatrixModel() = default;

void NamespaceMatrixModel::setSession(SessionPtr session)
{
    beginResetModel();
    resetColumns(session);
    m_rows.clear();
    clearCache();
    endResetModel();
}

void NamespaceMatrixModel::setNamespace(const std::string &ns)
{
    if (ns == m_namespace)
        return;
    m_namespace = ns;
    clearCache();
    if (rowCount() && columnCount())
        Q_EMIT dataChanged(index(0, 0), index(rowCount() - 1, columnCount() - 1));
}

void NamespaceMatrixModel::setRows(std::vector<SubjectRef> rows)
{
    beginResetModel();
    m_rows = std::move(rows);
    clearCache();
    endResetModel();
}

void NamespaceMatrixModel::clearCache()
{
    m_cache.clear();
    m_cache.resize(m_rows.size());
    m_computed = 0;
}

int NamespaceMatrixModel::rowOf(SubjectRef ref) const
{
    for (std::size_t i = 0; i < m_rows.size(); ++i) {
        if (m_rows[i] == ref)
            return int(i);
    }
    return -1;
}

int NamespaceMatrixModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() || !m_session ? 0 : int(m_rows.size());
}

const NamespaceMatrixModel::RowData &NamespaceMatrixModel::row(int r) const
{
    auto &slot = m_cache[std::size_t(r)];
    if (!slot) {
        auto data = std::make_unique<RowData>();
        data->who = m_session->catalog->identity(m_rows[std::size_t(r)]);
        // A one-row NamespaceMatrix per row: the core matrix wants its identities up front, which
        // would mean resolving every group of every user before showing the first row.
        const NamespaceMatrix matrix(*m_session->graph, m_namespace, {data->who}, m_columns);
        data->cells.reserve(m_columns.size());
        for (int c = 0; c < matrix.columnCount(); ++c)
            data->cells.push_back(matrix.cell(0, c));
        slot = std::move(data);
        ++m_computed;
    }
    return *slot;
}

MatrixCell NamespaceMatrixModel::cellAt(int r, int col) const
{
    return row(r).cells[std::size_t(col)];
}

Identity NamespaceMatrixModel::identityAt(int r) const
{
    return row(r).who;
}

std::string NamespaceMatrixModel::namespaceAt(int) const
{
    return m_namespace;
}

QString NamespaceMatrixModel::whoLabel(int r) const
{
    return m_session->catalog->label(m_rows[std::size_t(r)]);
}

std::optional<SubjectRef> NamespaceMatrixModel::subjectOfRow(int r) const
{
    return m_rows[std::size_t(r)];
}

QVariant NamespaceMatrixModel::rowHeaderData(int r, int role) const
{
    const auto &cat = *m_session->catalog;
    const SubjectRef ref = m_rows[std::size_t(r)];
    switch (role) {
    case Qt::DisplayRole:
        return cat.disabled(ref) ? tr("%1 (disabled)").arg(cat.label(ref)) : cat.label(ref);
    case Qt::DecorationRole:
        return kindicons::subject(ref.kind, cat.unresolved(ref));
    case Qt::ToolTipRole:
        return cat.toolTip(ref);
    case Qt::ForegroundRole:
        if (cat.disabled(ref) || cat.unresolved(ref))
            return QBrush(QPalette().color(QPalette::Disabled, QPalette::Text));
        return {};
    case SubjectRole:
        return QVariant::fromValue(ref);
    case RefRole:
        return QString::fromStdString(cat.refOf(ref).toString());
    default:
        return {};
    }
}

} // namespace clr::ui
