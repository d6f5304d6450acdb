// SPDX-License-Identifier: GPL-3.0-or-later
#include "graph/assignmentnodeitem.h"

#include "common/kindicons.h"

#include <QPainterPath>

namespace clr::ui {

QPainterPath AssignmentNodeItem::outline(const QRectF &rect) const
{
    QPainterPath path;
    path.addRoundedRect(rect, rect.height() / 2, rect.height() / 2);
    return path;
}

QColor AssignmentNodeItem::accent() const
{
    return kindicons::objectColor(ObjectKind::Assignment);
}

QIcon AssignmentNodeItem::icon() const
{
    return kindicons::object(ObjectKind::Assignment);
}

} // namespace clr::ui
