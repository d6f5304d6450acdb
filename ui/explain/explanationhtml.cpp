// SPDX-License-Identifier: GPL-3.0-or-later
#include "explain/explanationhtml.h"

#include "common/planestyle.h"
#include "common/stringconv.h"

#include <QObject>
#include <QStringList>

namespace clr::ui {

namespace {

constexpr QLatin1String kScheme("clr:");

QString stepHtml(const PathStep &step)
{
    const QString label = toQString(step.label).toHtmlEscaped();
    if (step.ref.isNull())
        return label;
    return QStringLiteral("<a href=\"%1\">%2</a>").arg(linkForRef(step.ref.toString()), label);
}

QString pathHtml(const GrantPath &path)
{
    QStringList steps;
    for (const auto &step : path.steps)
        steps << stepHtml(step);
    QString html = planestyle::chipHtml(path.plane) + QStringLiteral(" ") + steps.join(QStringLiteral(" → "));
    QStringList flags;
    if (path.someNamesOnly)
        flags << QObject::tr("only for the resource names the rule lists");
    if (path.conditional)
        flags << QObject::tr("conditional: an ABAC condition Clearance does not evaluate");
    if (path.assumption)
        flags << QObject::tr("relies on an assumption about AKS (see notes)");
    if (!flags.isEmpty())
        html += QStringLiteral("<br><i>%1</i>").arg(flags.join(QStringLiteral("; ")).toHtmlEscaped());
    return html;
}

QString verdictHtml(const Explanation &ex, const ExplainTarget &target)
{
    const Decision &d = ex.decision;
    const QString who = target.whoLabel.isEmpty() ? toQString(target.who.user.name) : target.whoLabel;
    const QString what = toQString(target.request.describe());
    QString html;
    if (d.allowed) {
        html = QStringLiteral("<h3><span style=\"color:#2e7d32;\">✔ Yes</span> — %1 can %2</h3>").arg(who.toHtmlEscaped(), what.toHtmlEscaped());
        QStringList chips;
        for (Plane p : kAllPlanes) {
            if (d.planes & planeBit(p))
                chips << planestyle::chipHtml(p);
        }
        html += QStringLiteral("<p>%1 %2</p>").arg(QObject::tr("Granted by"), chips.join(QStringLiteral(" ")));
        if (d.disabledAccount)
            html += QStringLiteral("<p><b>%1</b></p>").arg(QObject::tr("The account is disabled: this access is latent and returns when it is enabled."));
    } else {
        html = QStringLiteral("<h3><span style=\"color:#c62828;\">✘ No</span> — %1 cannot %2</h3>").arg(who.toHtmlEscaped(), what.toHtmlEscaped());
        if (d.conditional)
            html += QStringLiteral("<p>%1</p>").arg(QObject::tr("Only an Azure role assignment with an ABAC condition would allow it; Clearance does not evaluate conditions."));
    }
    return html;
}

QString listHtml(const QString &title, const std::vector<std::string> &items)
{
    if (items.empty())
        return {};
    QString html = QStringLiteral("<h4>%1</h4><ul>").arg(title.toHtmlEscaped());
    for (const auto &item : items)
        html += QStringLiteral("<li>%1</li>").arg(toQString(item).toHtmlEscaped());
    return html + QStringLiteral("</ul>");
}

} // namespace

QString linkForRef(const std::string &ref)
{
    return kScheme + QString::fromLatin1(QUrl::toPercentEncoding(toQString(ref)));
}

QString refFromUrl(const QUrl &url)
{
    const QString text = url.toString(QUrl::FullyEncoded);
    if (!text.startsWith(kScheme))
        return {};
    return QUrl::fromPercentEncoding(text.mid(kScheme.size()).toUtf8());
}

QString explanationHtml(const Explanation &ex, const ExplainTarget &target)
{
    QString html = verdictHtml(ex, target);
    if (!ex.paths.empty()) {
        html += QStringLiteral("<h4>%1</h4><ol>").arg(ex.decision.allowed ? QObject::tr("Why") : QObject::tr("Paths that do not suffice"));
        for (const auto &path : ex.paths)
            html += QStringLiteral("<li>%1</li>").arg(pathHtml(path));
        html += QStringLiteral("</ol>");
    }
    html += listHtml(QObject::tr("Nearest misses"), ex.misses);
    if (!ex.decision.allowed && ex.misses.empty() && ex.paths.empty())
        html += QStringLiteral("<p><i>%1</i></p>").arg(QObject::tr("No binding or assignment comes close: nothing names this identity or its groups for this request."));
    html += listHtml(QObject::tr("Notes"), ex.notes);
    html += QStringLiteral("<p style=\"color:gray;\">%1 <code>%2</code></p>")
                .arg(QObject::tr("Kubernetes user:"), toQString(target.who.user.name).toHtmlEscaped());
    return html;
}

} // namespace clr::ui
