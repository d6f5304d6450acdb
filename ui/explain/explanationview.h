// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "explain/explaintarget.h"

#include <QTextBrowser>

#include <optional>

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

    /** One side of a comparison: its graph, its name, and the question as that graph has it (none when the
     *  identity is not in that snapshot). */
    struct Side
    {
        const PermissionGraph *graph = nullptr;
        QString label;
        std::optional<ExplainTarget> target;
    };
    /** Explains the same question in BASE and in HEAD, one after the other, with what changed between them. */
    void showComparison(const Side &base, const Side &head);
    /** After showComparison(): HEAD's explanation (explanation() holds BASE's). */
    const Explanation &headExplanation() const { return m_headExplanation; }
    /** A placeholder text instead of an explanation. */
    void showMessage(const QString &text);
    /** The last explanation shown (empty after showMessage). */
    const Explanation &explanation() const { return m_explanation; }

Q_SIGNALS:
    void refActivated(const QString &ref);

private:
    Explanation m_explanation;
    Explanation m_headExplanation;
};

} // namespace clr::ui
