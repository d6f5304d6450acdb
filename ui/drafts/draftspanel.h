// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QWidget>

class QAction;
class QLabel;
class QTableView;
class QTextBrowser;
class QToolButton;

namespace clr::ui {

class DraftsController;

/**
 * The Drafts dock: the proposed changes (editable in place: namespace, role, name), remove and
 * edit, undo and redo, the effect summary (who gains what, nested group members included), the
 * least-privilege proof of the last generation, and exports (YAML, a folder, az script, ARM JSON).
 */
class DraftsPanel final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(DraftsPanel)

public:
    explicit DraftsPanel(DraftsController *controller, QWidget *parent = nullptr);
    ~DraftsPanel() override;

    QTableView *view() const { return m_view; }
    QAction *undoAction() const { return m_undo; }
    QAction *redoAction() const { return m_redo; }
    QAction *removeAction() const { return m_remove; }
    QAction *editAction() const { return m_edit; }
    QTextBrowser *effectView() const { return m_effect; }
    /** Shows a generation's result ("grants exactly these N permissions"). */
    void showProof(const QString &text, bool exact);

    void exportYamlDialog();
    void exportFolderDialog();
    void exportAzureDialog();

private:
    void buildActions();
    void updateActions();
    void report(const QString &error, const QString &done);

    DraftsController *m_controller;
    QTableView *m_view = nullptr;
    QTextBrowser *m_effect = nullptr;
    QLabel *m_status = nullptr;
    QLabel *m_proof = nullptr;
    QToolButton *m_exportButton = nullptr;
    QAction *m_undo = nullptr;
    QAction *m_redo = nullptr;
    QAction *m_remove = nullptr;
    QAction *m_edit = nullptr;
};

} // namespace clr::ui
