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

void ExplanationView::showMessage(const QString &text)
{
    m_explanation = {};
    setHtml(QStringLiteral("<p style=\"color:gray;\">%1</p>").arg(text.toHtmlEscaped()));
}

} // namespace clr::ui
