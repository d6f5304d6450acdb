// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "explain/explaintarget.h"

#include <QTextBrowser>

namespace clr::ui {

/**
 * The Explanation panel: why a cell or a who-can result is allowed (or not), as sentences whose
 * groups, bindings, roles and assignments are links. A click emits refActivated() with the
 * PathStep ref; the main window selects that object. Never navigates by itself.
 */
class ExplanationView final : public QTextBrowser
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ExplanationView)

public:
    explicit ExplanationView(QWidget *parent = nullptr);

    /** Explains `target` against `graph` and shows it. */
    void showExplanation(const PermissionGraph &graph, const ExplainTarget &target);
    /** A placeholder text instead of an explanation. */
    void showMessage(const QString &text);
    /** The last explanation shown (empty after showMessage). */
    const Explanation &explanation() const { return m_explanation; }

Q_SIGNALS:
    void refActivated(const QString &ref);

private:
    Explanation m_explanation;
};

} // namespace clr::ui
