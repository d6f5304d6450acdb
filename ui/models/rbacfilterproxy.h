// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QSortFilterProxyModel>

namespace clr::ui {

/** Filters the roles tree on FilterTextRole (name and details); folders stay while a child matches. */
class RbacFilterProxy final : public QSortFilterProxyModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RbacFilterProxy)

public:
    explicit RbacFilterProxy(QObject *parent = nullptr);
    void setFilterText(const QString &text);
    QString filterText() const { return m_text; }

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const override;

private:
    QString m_text;
};

} // namespace clr::ui
