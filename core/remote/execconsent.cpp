// SPDX-License-Identifier: GPL-3.0-or-later
#include "remote/execconsent.h"

#include <QFileInfo>
#include <QSettings>

namespace clr::remote {

namespace {

const QString kAllowedKey = QStringLiteral("execConsent/allowed");

/** One file for the command line and the window (QSettings' default file differs between them). */
QStringList allowedPaths()
{
    const QSettings settings(QSettings::IniFormat, QSettings::UserScope, QStringLiteral("Clearance"), QStringLiteral("consent"));
    return settings.value(kAllowedKey).toStringList();
}

} // namespace

RememberedExecConsent::RememberedExecConsent(QStringList allowedOnCommandLine, Asker ask)
    : m_allowed(std::move(allowedOnCommandLine)), m_ask(std::move(ask))
{
}

bool RememberedExecConsent::isRemembered(const QString &resolvedPath)
{
    return allowedPaths().contains(resolvedPath);
}

void RememberedExecConsent::remember(const QString &resolvedPath, bool allowed)
{
    QSettings settings(QSettings::IniFormat, QSettings::UserScope, QStringLiteral("Clearance"), QStringLiteral("consent"));
    QStringList list = settings.value(kAllowedKey).toStringList();
    list.removeAll(resolvedPath);
    if (allowed)
        list << resolvedPath;
    settings.setValue(kAllowedKey, list);
    settings.sync();
}

bool RememberedExecConsent::allowedByFlag(const ExecConsentRequest &request) const
{
    for (const QString &allowed : m_allowed) {
        if (allowed == request.command || allowed == request.resolvedPath)
            return true;
        // "--allow-exec kubelogin" for a kubeconfig that writes /usr/local/bin/kubelogin
        if (!allowed.contains(QLatin1Char('/')) && QFileInfo(request.resolvedPath).fileName() == allowed)
            return true;
    }
    return false;
}

void RememberedExecConsent::request(const ExecConsentRequest &request, Answer answer)
{
    if (isRemembered(request.resolvedPath)) {
        answer(true);
        return;
    }
    if (allowedByFlag(request)) {
        remember(request.resolvedPath, true);
        answer(true);
        return;
    }
    if (!m_ask) {
        answer(false);
        return;
    }
    const QString path = request.resolvedPath;
    m_ask(request, [path, answer](bool allowed) {
        if (allowed)
            remember(path, true); // a "no" is not remembered: the next attempt asks again
        answer(allowed);
    });
}

} // namespace clr::remote
