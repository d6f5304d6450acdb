// SPDX-License-Identifier: GPL-3.0-or-later
#include "graph/morenodeitem.h"

#include "common/kindicons.h"

#include <QPainterPath>

namespace clr::ui {

QPainterPath MoreNodeItem::outline(const QRectF &rect) const
{
    QPainterPath path;
    path.addRoundedRect(rect.adjusted(20, 6, -20, -6), 6, 6);
    return path;
}

QColor MoreNodeItem::accent() const
{
    return kindicons::objectColor(ObjectKind::Folder);
}

QIcon MoreNodeItem::icon() const
{
    return kindicons::object(ObjectKind::Folder);
}

} // namespace clr::ui
