// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "compare/compare.h"
#include "explain/explaintarget.h"
#include "session.h"

#include <QWidget>

#include <optional>
#include <vector>

class QComboBox;
class QLabel;
class QTableView;

namespace clr::ui {

class LegendWidget;
class MatrixModel;
class NamespaceMatrixModel;
class PrincipalMatrixModel;

/**
 * The access matrix tab: who (rows) may do what (resource × verb columns) in one namespace or at
 * cluster scope; or one identity across all namespaces. Rows follow the Identities panel when the
 * mode asks for it. The current cell is what the Explanation panel explains.
 */
class MatrixPage final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(MatrixPage)

public:
    enum class Mode { AllIdentities, Selection, OneIdentity };

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
    /** Marks gained and lost cells of a comparison in both matrices and the legend (null: none). */
    void setComparison(std::shared_ptr<const compare::Comparison> comparison);
    LegendWidget *legend() const { return m_legend; }
    /** Makes the cell of `subject` (its row) × verb on resource current; false when not shown. */
    bool selectCell(SubjectRef subject, const QString &resourceLabel, const QString &verb);

Q_SIGNALS:
    void explainRequested(const clr::ui::ExplainTarget &target);

private:
    void buildControls();
    void applyMode();
    void applyRows();
    void onCurrentChanged(const QModelIndex &current);
    void updateHint();
    void fillNamespaces();
    void setViewModel(MatrixModel *model);
    void fitGroupWidths();

    SessionPtr m_session;
    QComboBox *m_modeCombo = nullptr;
    QComboBox *m_namespaceCombo = nullptr;
    QLabel *m_hint = nullptr;
    LegendWidget *m_legend = nullptr;
    QTableView *m_view = nullptr;
    NamespaceMatrixModel *m_namespaceModel = nullptr;
    PrincipalMatrixModel *m_principalModel = nullptr;
    std::vector<SubjectRef> m_selection;
    bool m_rowsAreAll = false; // the namespace model holds every requester (not the selection)
    std::optional<SubjectRef> m_current;
};

} // namespace clr::ui
