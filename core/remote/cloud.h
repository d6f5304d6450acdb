// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "remote/expected.h"

#include <QString>
#include <QStringList>
#include <QUrl>

namespace clr::remote {

/** The endpoints of one Azure cloud, as the az CLI names them. */
struct CloudEndpoints
{
    QString name;        // AzureCloud, AzureChinaCloud, AzureUSGovernment
    QUrl login;          // Microsoft Entra ID (authority host)
    QUrl graph;          // Microsoft Graph
    QUrl arm;            // Azure Resource Manager
    QString armResource; // the token audience for ARM (az: activeDirectoryResourceId)
    QString graphResource;

    /** --cloud NAME, then --login-url / --graph-url / --arm-url override (empty: keep). */
    static Expected<CloudEndpoints> resolve(const QString &cloud, const QString &loginUrl = {}, const QString &graphUrl = {},
                                            const QString &armUrl = {});
    static QStringList names();
};

} // namespace clr::remote
