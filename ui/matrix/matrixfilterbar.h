// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "generate/matrixview.h"
#include "session.h"

#include <QWidget>

#include <array>
#include <string>
#include <vector>

class QAction;
class QCheckBox;
class QComboBox;
class QMenu;
class QProgressBar;
class QPushButton;
class QToolButton;

namespace clr::ui {

class ColumnChecklist;

/**
 * The matrix's filter bar: it edits one gen::MatrixView (the same the command line's
 * `export --what matrix` takes) and says when it changed. "Only identities with access", the column
 * checklist and presets, the row filters (kind, transitive members of a group, plane, enabled or
 * disabled accounts), the sort, saved views (gen::MatrixViewStore), the compare button and the progress
 * of the worker that applies the view.
 */
class MatrixFilterBar final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(MatrixFilterBar)

public:
    explicit MatrixFilterBar(QWidget *parent = nullptr);
    ~MatrixFilterBar() override;

    void setSession(SessionPtr session);
    const gen::MatrixView &view() const { return m_view; }
    /** Shows `view` in the controls; viewChanged() follows when it differs. */
    void setView(const gen::MatrixView &view);
    /** "Only identities with access" on or off, unless the user has chosen already (a large matrix turns it on). */
    void setOnlyAllowedDefault(bool on);
    /** Sorts by one column (a click on its header): allowed first, grouped by plane. */
    void setSortColumn(const std::string &columnId);
    /** Restricts rows to the transitive members of an Entra group (object ID; "" clears). */
    void setMemberOf(const std::string &groupId);
    /** Loads a saved view by name; false when there is none. */
    bool loadSavedView(const QString &name);
    /** Saves the current view under `name` (what "Save view…" asks for). */
    bool saveView(const QString &name);
    /** How many columns the view shows, of how many. */
    std::pair<int, int> columnCounts() const;

    void setBusy(bool busy);
    void setProgress(int done, int total);
    void setCompareState(bool canCompare, bool comparing);
    /** True while the rows are filtered by who-can answers (the row filters need them). */
    QCheckBox *onlyAllowedCheck() const { return m_onlyAllowed; }
    QToolButton *presetButton(gen::ColumnPreset preset) const { return m_presets[std::size_t(preset)]; }
    QComboBox *sortCombo() const { return m_sort; }
    QComboBox *viewCombo() const { return m_views; }
    QPushButton *compareButton() const { return m_compare; }
    QToolButton *rowsButton() const { return m_rows; }
    QToolButton *columnsButton() const { return m_columnsButton; }
    ColumnChecklist *checklist() const { return m_checklist; }
    QProgressBar *progressBar() const { return m_progress; }

Q_SIGNALS:
    void viewChanged();
    void cancelRequested();
    void compareRequested();
    void stopComparingRequested();

private:
    void buildColumns();
    void buildRowsMenu();
    void buildViews();
    void changed();
    void syncControls();
    void refreshViewNames();
    void pickGroup();
    QString memberOfLabel() const;

    SessionPtr m_session;
    gen::MatrixView m_view;
    std::vector<MatrixColumn> m_columns;
    bool m_onlyAllowedChosen = false; // the user clicked the box: no default overrides it any more
    bool m_syncing = false;
    bool m_comparing = false;

    QCheckBox *m_onlyAllowed = nullptr;
    QToolButton *m_columnsButton = nullptr;
    ColumnChecklist *m_checklist = nullptr;
    std::array<QToolButton *, 4> m_presets{};
    QToolButton *m_rows = nullptr;
    QMenu *m_rowsMenu = nullptr;
    std::vector<QAction *> m_kindActions;   // by RowKind
    std::vector<QAction *> m_planeActions;  // by kAllPlanes order
    std::vector<QAction *> m_accountActions; // by AccountFilter
    QAction *m_memberAction = nullptr;
    QAction *m_clearMemberAction = nullptr;
    QComboBox *m_sort = nullptr;
    QComboBox *m_views = nullptr;
    QToolButton *m_saveView = nullptr;
    QToolButton *m_deleteView = nullptr;
    QPushButton *m_compare = nullptr;
    QProgressBar *m_progress = nullptr;
    QToolButton *m_cancel = nullptr;
};

} // namespace clr::ui
