// SPDX-License-Identifier: GPL-3.0-or-later
#include "session.h"

#include "common/stringconv.h"

#include <QFileInfo>
#include <QLocale>

namespace clr::ui {

QString Session::title() const
{
    if (demo)
        return QStringLiteral("Contoso demo");
    if (paths.isEmpty())
        return QStringLiteral("nothing open");
    const QString first = QFileInfo(paths.first()).fileName().isEmpty() ? paths.first() : QFileInfo(paths.first()).fileName();
    if (paths.size() == 1)
        return first;
    return QStringLiteral("%1 and %2 more").arg(first).arg(paths.size() - 1);
}

QString Session::summary() const
{
    const auto &snap = graph->snapshot();
    qsizetype users = 0, groups = 0, sps = 0;
    for (const auto &p : snap.directory.principals()) {
        users += p.type == entra::PrincipalType::User;
        groups += p.type == entra::PrincipalType::Group;
        sps += p.type == entra::PrincipalType::ServicePrincipal;
    }
    const QLocale locale;
    const auto *cluster = graph->cluster();
    QStringList parts;
    parts << (cluster ? toQString(cluster->name) : QStringLiteral("no AKS cluster"));
    parts << QStringLiteral("%1 users, %2 groups, %3 service principals")
                 .arg(locale.toString(users), locale.toString(groups), locale.toString(sps));
    parts << QStringLiteral("%1 roles, %2 bindings, %3 assignments")
                 .arg(locale.toString(qsizetype(snap.kube.roles.size())), locale.toString(qsizetype(snap.kube.bindings.size())),
                      locale.toString(qsizetype(snap.azure.assignments.size())));
    if (cluster) {
        parts << (cluster->enableAzureRbac ? QStringLiteral("Azure RBAC on") : QStringLiteral("Azure RBAC off"));
        parts << (cluster->disableLocalAccounts ? QStringLiteral("local accounts off") : QStringLiteral("local accounts ON"));
    }
    parts << QStringLiteral("loaded in %1 s").arg(locale.toString(double(loadMilliseconds) / 1000.0, 'f', 1));
    return parts.join(QStringLiteral(" · "));
}

Diagnostics Session::diagnostics() const
{
    Diagnostics out = graph->snapshot().diagnostics;
    out.insert(out.end(), graph->diagnostics().begin(), graph->diagnostics().end());
    return out;
}

} // namespace clr::ui
