// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QSortFilterProxyModel>

namespace clr::ui {

/** Hides notes unless asked, filters by text, sorts by SortRole (errors first, lines numerically). */
class ProblemsProxy final : public QSortFilterProxyModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ProblemsProxy)

public:
    explicit ProblemsProxy(QObject *parent = nullptr);
    void setShowNotes(bool show);
    bool showNotes() const { return m_showNotes; }
    void setFilterText(const QString &text);

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const override;

private:
    bool m_showNotes = false;
    QString m_text;
};

} // namespace clr::ui
