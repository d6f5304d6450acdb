// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "common/diagnostics.h"

#include <QWidget>

class QCheckBox;
class QLabel;
class QLineEdit;
class QTreeView;

namespace clr::ui {

class ProblemsModel;
class ProblemsProxy;

/** The Problems panel: every load error and finding with file:line; double-click opens the file there. */
class ProblemsPanel final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ProblemsPanel)

public:
    explicit ProblemsPanel(QWidget *parent = nullptr);

    void setDiagnostics(Diagnostics diagnostics);
    /** Errors and warnings shown (notes excluded). */
    int problemCount() const;
    ProblemsModel *model() const { return m_model; }
    ProblemsProxy *proxy() const { return m_proxy; }
    QTreeView *view() const { return m_view; }

Q_SIGNALS:
    void openSourceRequested(const QString &file, int line);
    /** The number of errors and warnings changed (for the panel title). */
    void countChanged(int problems);

private:
    void activate(const QModelIndex &index);
    void updateCount();

    QCheckBox *m_showNotes = nullptr;
    QLineEdit *m_filter = nullptr;
    QLabel *m_count = nullptr;
    QTreeView *m_view = nullptr;
    ProblemsModel *m_model = nullptr;
    ProblemsProxy *m_proxy = nullptr;
};

} // namespace clr::ui
