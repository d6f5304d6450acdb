// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "graph/neighbourhood.h"

#include <QColor>
#include <QIcon>
#include <QPainterPath>
#include <QRectF>

namespace clr::ui {

/** How a box of the graph tab looks: its outline says what kind of object it is, its accent which. */
struct NodeStyle
{
    enum class Shape : std::uint8_t {
        Rounded,       // principals: users, service principals, service accounts
        DoubleRounded, // groups
        Pill,          // bindings and assignments: they connect
        Octagon,       // roles and role definitions
        Folder,        // scopes: where access lands
        Small,         // "N more"
    };
    Shape shape = Shape::Rounded;
    QColor accent;
    QIcon icon;
};

/** The style table: one row per GraphNode::Kind, refined by what the node is (its subject kind,
 *  an Azure role, the admin-group plane, a warning). */
NodeStyle nodeStyle(const GraphNode &node);

/** The outline of a shape in `rect`. */
QPainterPath nodeOutline(NodeStyle::Shape shape, const QRectF &rect);

} // namespace clr::ui
