// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "graph/matrix.h"

#include <QWidget>

#include <string>
#include <vector>

class QLineEdit;
class QTreeWidget;
class QTreeWidgetItem;

namespace clr::ui {

/**
 * The column checklist of the matrix's filter bar: every resource with its verbs, each checkable, and a
 * search box that narrows the list. What is checked becomes the view's column picks ("VERB:RESOURCE",
 * "*:RESOURCE" for a whole resource; none when everything is checked).
 */
class ColumnChecklist final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ColumnChecklist)

public:
    explicit ColumnChecklist(QWidget *parent = nullptr);

    void setColumns(const std::vector<MatrixColumn> &columns);
    /** Checks what the picks select (empty: everything). */
    void setPicks(const std::vector<std::string> &picks);
    std::vector<std::string> picks() const;
    void setSearchText(const QString &text);
    QTreeWidget *tree() const { return m_tree; }
    QLineEdit *searchEdit() const { return m_search; }

Q_SIGNALS:
    void picksChanged(const std::vector<std::string> &picks);

private:
    void applySearch();
    void setAll(bool checked);

    std::vector<MatrixColumn> m_columns;
    QLineEdit *m_search = nullptr;
    QTreeWidget *m_tree = nullptr;
    bool m_updating = false;
};

} // namespace clr::ui
