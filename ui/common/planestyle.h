// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "graph/permissiongraph.h"

#include <QColor>
#include <QString>

namespace clr::ui {

/**
 * The one palette of the planes that grant access, shared by the matrix, the legend, the who-can
 * list, the explanation and the graph, so a colour means the same thing everywhere.
 */
namespace planestyle {

QColor color(Plane plane);
/** "Kubernetes RBAC", "Azure RBAC", "AKS admin group", "Admin credential". */
QString label(Plane plane);
/** Labels of every plane set in `planes`, comma separated. */
QString labels(Planes planes);
/** A small coloured HTML chip naming the plane, for rich text. */
QString chipHtml(Plane plane);
QColor deniedColor();
QColor conditionalColor();
/** Black or white, whichever reads better on `background`. */
QColor textOn(const QColor &background);

} // namespace planestyle

} // namespace clr::ui
