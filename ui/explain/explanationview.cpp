// SPDX-License-Identifier: GPL-3.0-or-later
#include "explain/explanationview.h"

#include "explain/explanationhtml.h"

namespace clr::ui {

ExplanationView::ExplanationView(QWidget *parent)
    : QTextBrowser(parent)
{
    setObjectName(QStringLiteral("explanationView"));
    setOpenLinks(false);
    setOpenExternalLinks(false);
    connect(this, &QTextBrowser::anchorClicked, this, [this](const QUrl &url) {
        const QString ref = refFromUrl(url);
        if (!ref.isEmpty())
            Q_EMIT refActivated(ref);
    });
    showMessage(tr("Select a cell of the access matrix or a who-can result to see why it is allowed or denied."));
}

void ExplanationView::showExplanation(const PermissionGraph &graph, const ExplainTarget &target)
{
    m_explanation = graph.explain(target.who, target.request);
    setHtml(explanationHtml(m_explanation, target));
}

void ExplanationView::showComparison(const Side &base, const Side &head)
{
    m_explanation = base.target ? base.graph->explain(base.target->who, base.target->request) : Explanation{};
    m_headExplanation = head.target ? head.graph->explain(head.target->who, head.target->request) : Explanation{};
    const bool before = base.target && m_explanation.decision.allowed, after = head.target && m_headExplanation.decision.allowed;
    QString html;
    if (before != after)
        html = QStringLiteral("<p style=\"color:%1;\"><b>%2</b></p>")
                   .arg(after ? QStringLiteral("#1b8a3a") : QStringLiteral("#c62828"),
                        after ? tr("Gained from BASE to HEAD").toHtmlEscaped() : tr("Lost from BASE to HEAD").toHtmlEscaped());
    else
        html = QStringLiteral("<p style=\"color:gray;\">%1</p>").arg(tr("The same in BASE and HEAD").toHtmlEscaped());
    for (const Side *side : {&base, &head}) {
        const bool isBase = side == &base;
        html += QStringLiteral("<hr><h4>%1 — %2</h4>").arg(isBase ? tr("BASE") : tr("HEAD"), side->label.toHtmlEscaped());
        if (!side->target)
            html += QStringLiteral("<p><i>%1</i></p>").arg(tr("Not in this snapshot.").toHtmlEscaped());
        else
            html += explanationHtml(isBase ? m_explanation : m_headExplanation, *side->target);
    }
    setHtml(html);
}

void ExplanationView::showMessage(const QString &text)
{
    m_explanation = {};
    m_headExplanation = {};
    setHtml(QStringLiteral("<p style=\"color:gray;\">%1</p>").arg(text.toHtmlEscaped()));
}

} // namespace clr::ui
