// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QSortFilterProxyModel>

namespace clr::ui {

/**
 * Sorts who-can results by SortRole (source order until a header is clicked: the core already
 * sorts by Kubernetes name, and a 200k-row sort nobody asked for would stall the window) and
 * filters them by name or Kubernetes name.
 */
class WhoCanProxy final : public QSortFilterProxyModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(WhoCanProxy)

public:
    explicit WhoCanProxy(QObject *parent = nullptr);
    void setFilterText(const QString &text);

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const override;

private:
    QString m_text;
};

} // namespace clr::ui
