// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "session.h"

#include <QAbstractTableModel>

#include <vector>

namespace clr::ui {

/**
 * The actions, notActions, dataActions and notDataActions of one Azure role definition, one
 * pattern per row, with what it means for an AKS cluster (Kubernetes data actions, the admin
 * credential that bypasses Entra ID).
 */
class PermissionsModel final : public QAbstractTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(PermissionsModel)

public:
    enum Column { TypeColumn, PatternColumn, MeaningColumn, ColumnCount };

    explicit PermissionsModel(QObject *parent = nullptr);

    /** Shows Snapshot::azure.roleDefinitions[definition] (-1 = none). */
    void setDefinition(SessionPtr session, int definition);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    struct Row
    {
        QString type;
        QString pattern;
        QString meaning;
        bool exclusion = false;
    };
    static QString meaning(const std::string &pattern, bool data, bool exclusion);

    SessionPtr m_session;
    std::vector<Row> m_rows;
};

} // namespace clr::ui
