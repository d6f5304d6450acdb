// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "session.h"

#include <QWidget>

#include <optional>
#include <vector>

class QLineEdit;
class QTimer;
class QTreeView;

namespace clr::ui {

class IdentityFilterProxy;
class IdentityModel;

/**
 * The Identities panel: a filter box over the lazy identities tree. Selection changes report the
 * subjects that ask (a group stands for its transitive members) and the current subject.
 */
class IdentitiesPanel final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(IdentitiesPanel)

public:
    explicit IdentitiesPanel(QWidget *parent = nullptr);
    ~IdentitiesPanel() override;

    void setSession(SessionPtr session);
    /** Makes `subject` current and visible, clearing the filter if it hides it. */
    bool selectSubject(SubjectRef subject);
    std::optional<SubjectRef> currentSubject() const;
    std::vector<SubjectRef> selectedRequesters() const;
    void focusFilter();
    /** Applies a filter at once (the box waits for typing to pause). */
    void setFilterText(const QString &text);

    IdentityModel *model() const { return m_model; }
    IdentityFilterProxy *proxy() const { return m_proxy; }
    QTreeView *view() const { return m_view; }
    QLineEdit *filterEdit() const { return m_filter; }

Q_SIGNALS:
    void selectionChanged(const std::vector<clr::ui::SubjectRef> &requesters, std::optional<clr::ui::SubjectRef> current);

private:
    void emitSelection();
    void expandFolders();

    QLineEdit *m_filter = nullptr;
    QTimer *m_filterTimer = nullptr;
    QTreeView *m_view = nullptr;
    IdentityModel *m_model = nullptr;
    IdentityFilterProxy *m_proxy = nullptr;
};

} // namespace clr::ui
