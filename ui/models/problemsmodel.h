// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "common/diagnostics.h"

#include <QAbstractTableModel>

namespace clr::ui {

/** What went wrong while loading (and what the graph found): severity, file, line, message. */
class ProblemsModel final : public QAbstractTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ProblemsModel)

public:
    enum Column { SeverityColumn, FileColumn, LineColumn, MessageColumn, ColumnCount };

    explicit ProblemsModel(QObject *parent = nullptr);

    void setDiagnostics(Diagnostics diagnostics);
    const Diagnostic &diagnostic(int row) const { return m_diagnostics[std::size_t(row)]; }
    /** Errors and warnings (infos are notes, not problems). */
    int problemCount() const;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    QVariant displayData(const Diagnostic &d, int column) const;

    Diagnostics m_diagnostics;
};

} // namespace clr::ui
