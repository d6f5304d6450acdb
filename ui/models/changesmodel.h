// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "compare/compare.h"

#include <QAbstractItemModel>
#include <QAbstractTableModel>

#include <memory>

namespace clr::ui {

/**
 * Who gained and who lost what, as a tree: one row per party whose access differs (its label, how many
 * lines it gained and lost), one child per line ("+ in namespace team-a: get, list pods") with the
 * changes that caused it. ComparisonRole says gained or lost, PartyKeyRole names the party.
 */
class ChangesModel final : public QAbstractItemModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ChangesModel)

public:
    enum Column { WhatColumn, CauseColumn, ColumnCount };

    explicit ChangesModel(QObject *parent = nullptr);

    void setComparison(std::shared_ptr<const compare::Comparison> comparison);
    const compare::Comparison *comparison() const { return m_comparison.get(); }
    /** The party of a row (an identity row or one of its lines); null for an invalid index. */
    const compare::IdentityDelta *deltaAt(const QModelIndex &index) const;
    /** The line of a child row, and whether it is a gain; null for an identity row. */
    const compare::PermissionChange *lineAt(const QModelIndex &index, bool *gained = nullptr) const;

    QModelIndex index(int row, int column, const QModelIndex &parent = {}) const override;
    QModelIndex parent(const QModelIndex &child) const override;
    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    QVariant identityData(const compare::IdentityDelta &d, int column, int role) const;
    QVariant lineData(const compare::IdentityDelta &d, const compare::PermissionChange &line, bool gained, int column, int role) const;

    std::shared_ptr<const compare::Comparison> m_comparison;
};

/** Every change between the snapshots: its number (as causes cite it), what changed, whether it altered access, where. */
class ChangeListModel final : public QAbstractTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ChangeListModel)

public:
    enum Column { NumberColumn, ChangeColumn, EffectColumn, SourceColumn, ColumnCount };

    explicit ChangeListModel(QObject *parent = nullptr);

    void setComparison(std::shared_ptr<const compare::Comparison> comparison);
    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    std::shared_ptr<const compare::Comparison> m_comparison;
};

} // namespace clr::ui
