// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "compare/compare.h"
#include "explain/explaintarget.h"
#include "generate/matrixview.h"
#include "session.h"

#include <QModelIndex>
#include <QWidget>

#include <memory>
#include <optional>
#include <vector>

class QAbstractItemModel;
class QComboBox;
class QLabel;
class QTableView;

namespace clr::ui {

class LegendWidget;
class MatrixFilterBar;
class MatrixFilterProxy;
class MatrixFindBar;
class MatrixModel;
class MatrixSortProxy;
class MatrixViewJob;
class NamespaceMatrixModel;
class PrincipalMatrixModel;
struct MatrixViewOutcome;

/**
 * The access matrix tab: who (rows) may do what (resource × verb columns) in one namespace or at
 * cluster scope; or one identity across all namespaces. Rows follow the Identities panel when the
 * mode asks for it. The current cell is what the Explanation panel explains.
 *
 * The identity matrix goes through a view (MatrixFilterBar: a gen::MatrixView) applied on a worker
 * thread (MatrixViewJob), then shown by two proxies: MatrixFilterProxy (rows and columns) and
 * MatrixSortProxy (order, rows pinned for comparison). The view's model is therefore a proxy:
 * sourceIndex() and viewIndex() translate between it and currentModel().
 */
class MatrixPage final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(MatrixPage)

public:
    enum class Mode { AllIdentities, Selection, OneIdentity };
    /** Above this many rows "Only identities with access" starts on. */
    static constexpr int kOnlyAllowedThreshold = 300;

    explicit MatrixPage(QWidget *parent = nullptr);
    ~MatrixPage() override;

    void setSession(SessionPtr session);
    /** "" selects the cluster scope. Unknown namespaces are ignored (returns false). */
    bool setNamespace(const QString &ns);
    QString namespaceName() const;
    void setMode(Mode mode);
    Mode mode() const;
    /** What the Identities panel selected: the subjects that ask, and the current row's subject. */
    void setSelection(std::vector<SubjectRef> requesters, std::optional<SubjectRef> current);

    QTableView *view() const { return m_view; }
    MatrixModel *currentModel() const;
    NamespaceMatrixModel *namespaceModel() const { return m_namespaceModel; }
    PrincipalMatrixModel *principalModel() const { return m_principalModel; }
    MatrixFilterProxy *filterProxy() const { return m_filterProxy; }
    MatrixSortProxy *sortProxy() const { return m_sortProxy; }
    MatrixFilterBar *filterBar() const { return m_filterBar; }
    MatrixFindBar *findBar() const { return m_findBar; }
    MatrixViewJob *viewJob() const { return m_job; }
    /** The index of currentModel() behind an index of the view's model, and back (invalid when hidden). */
    QModelIndex sourceIndex(const QModelIndex &viewIndex) const;
    QModelIndex viewIndex(const QModelIndex &sourceIndex) const;
    /** Marks gained and lost cells of a comparison in both matrices and the legend (null: none). */
    void setComparison(std::shared_ptr<const compare::Comparison> comparison);
    LegendWidget *legend() const { return m_legend; }
    /** Makes the cell of `subject` (its row) × verb on resource current; false when not shown. */
    bool selectCell(SubjectRef subject, const QString &resourceLabel, const QString &verb);

    /** True while the view is being applied on the worker thread. */
    bool isFiltering() const;
    /** Pins the rows of these subjects (two to five, shown by the view) on top; false otherwise. */
    bool compare(const std::vector<SubjectRef> &subjects);
    void stopComparing();
    std::vector<SubjectRef> comparedSubjects() const;
    /** Shows the find bar (Ctrl+F on this tab). */
    void activateFind();
    /** Makes the next (or previous) shown row whose name, sign-in name or object ID contains `text` current. */
    bool findNext(const QString &text, bool backwards = false);
    /** Writes the identity matrix as the view shows it (gen::tableOfView(), what `export --what matrix`
     *  writes), on a worker thread; exported() follows. */
    void exportView(const QString &path, bool html);

Q_SIGNALS:
    void explainRequested(const clr::ui::ExplainTarget &target);
    /** The view was applied and the proxies show it. */
    void viewApplied();
    void exported(const QString &path, const QString &error);

private:
    void buildControls();
    void applyMode();
    void applyRows();
    void onCurrentChanged(const QModelIndex &current);
    void updateHint();
    void fillNamespaces();
    void setViewModel(QAbstractItemModel *model);
    void fitGroupWidths();
    // matrixpage_view.cpp: the view, compare and find
    void connectView();
    void scheduleView();
    void startView();
    void onViewFinished(const std::shared_ptr<const MatrixViewOutcome> &outcome);
    void applyColumns();
    void onHeaderClicked(int viewColumn);
    void updateCompareButton();
    std::vector<int> selectedBaseRows() const;

    SessionPtr m_session;
    QComboBox *m_modeCombo = nullptr;
    QComboBox *m_namespaceCombo = nullptr;
    QLabel *m_hint = nullptr;
    LegendWidget *m_legend = nullptr;
    MatrixFilterBar *m_filterBar = nullptr;
    MatrixFindBar *m_findBar = nullptr;
    QTableView *m_view = nullptr;
    NamespaceMatrixModel *m_namespaceModel = nullptr;
    PrincipalMatrixModel *m_principalModel = nullptr;
    MatrixFilterProxy *m_filterProxy = nullptr;
    MatrixSortProxy *m_sortProxy = nullptr;
    MatrixFilterProxy *m_principalProxy = nullptr; // the principal matrix's shown columns
    MatrixViewJob *m_job = nullptr;
    std::vector<SubjectRef> m_selection;
    bool m_rowsAreAll = false; // the namespace model holds every requester (not the selection)
    std::optional<SubjectRef> m_current;
    std::shared_ptr<const std::vector<SubjectRef>> m_rows; // the namespace model's rows, shared with the worker
    quint64 m_rowsVersion = 0;
    bool m_viewScheduled = false;
    int m_shownRows = 0;
};

} // namespace clr::ui
