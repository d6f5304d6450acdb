// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "models/rbacobjectsmodel.h"
#include "session.h"

#include <QString>
#include <QUrl>

namespace clr::ui {

/**
 * Rich-text summary of one RBAC object for the roles tab: what it is, what it refers to and what
 * refers to it (as "clr:" links, see explanationhtml.h), and where it was defined ("src:" links).
 */
QString objectDetailsHtml(const Session &session, const RbacObjectsModel &model, RbacObject object);

/** "src:<percent-encoded file>?line=N" and back; false when `url` is no source link. */
QString sourceLink(const std::string &file, int line);
bool parseSourceLink(const QUrl &url, QString *file, int *line);

} // namespace clr::ui
