// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "compare/compare.h"

#include <QWidget>

class QAction;
class QLabel;
class QTableView;
class QTreeView;

namespace clr::ui {

class ChangeListModel;
class ChangesModel;
class CompareController;

/**
 * The Changes dock of File > Compare: which snapshots are compared, who gained and who lost what with
 * the cause of each line (a tree by identity), and every change between the snapshots, those with no
 * effect included. Swap exchanges BASE and HEAD; the report exports as HTML or JSON, as `clearance diff`
 * writes it. Selecting a line asks for its explanation on both sides.
 */
class ChangesPanel final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ChangesPanel)

public:
    explicit ChangesPanel(CompareController *controller, QWidget *parent = nullptr);
    ~ChangesPanel() override;

    QTreeView *view() const { return m_view; }
    QTableView *changesView() const { return m_changes; }
    ChangesModel *model() const { return m_model; }
    ChangeListModel *changeListModel() const { return m_changeList; }
    QAction *swapAction() const { return m_swap; }
    QAction *closeAction() const { return m_close; }
    QString summary() const;
    /** Writes the report (`html` true: HTML, else JSON); returns an error message, empty on success. */
    QString exportReport(const QString &path, bool html) const;

Q_SIGNALS:
    /** A line (or an identity, for its first line) became current: explain its first request on both sides. */
    void explainRequested(const clr::compare::Party &party, const clr::k8s::Request &request);

private:
    void onComparison();
    void onCurrent(const QModelIndex &index);
    void exportDialog();

    CompareController *m_controller;
    ChangesModel *m_model;
    ChangeListModel *m_changeList;
    QLabel *m_summary = nullptr;
    QTreeView *m_view = nullptr;
    QTableView *m_changes = nullptr;
    QAction *m_swap = nullptr;
    QAction *m_export = nullptr;
    QAction *m_close = nullptr;
};

} // namespace clr::ui
