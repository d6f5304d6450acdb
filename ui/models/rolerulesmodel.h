// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "session.h"

#include <QAbstractTableModel>

namespace clr::ui {

/** The rules of one Role or ClusterRole; for an aggregated ClusterRole, which ClusterRole each came from. */
class RoleRulesModel final : public QAbstractTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RoleRulesModel)

public:
    // The origin comes first: it is what an aggregated ClusterRole is read for (hidden when empty).
    enum Column { OriginColumn, VerbsColumn, ApiGroupsColumn, ResourcesColumn, ResourceNamesColumn, NonResourceUrlsColumn, ColumnCount };

    explicit RoleRulesModel(QObject *parent = nullptr);

    /** Shows the rules of the authorizer's role `role` (-1 = none). */
    void setRole(SessionPtr session, int role);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    const k8s::Role *currentRole() const;
    QVariant text(int row, int column) const;

    SessionPtr m_session;
    int m_role = -1;
};

} // namespace clr::ui
