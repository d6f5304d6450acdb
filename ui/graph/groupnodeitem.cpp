// SPDX-License-Identifier: GPL-3.0-or-later
#include "graph/groupnodeitem.h"

#include "common/kindicons.h"

#include <QPainterPath>

namespace clr::ui {

QPainterPath GroupNodeItem::outline(const QRectF &rect) const
{
    QPainterPath path;
    path.addRoundedRect(rect, 10, 10);
    path.addRoundedRect(rect.adjusted(3, 3, -3, -3), 8, 8);
    return path;
}

QColor GroupNodeItem::accent() const
{
    return kindicons::subjectColor(SubjectKind::Group);
}

QIcon GroupNodeItem::icon() const
{
    return kindicons::subject(SubjectKind::Group, node().warning);
}

} // namespace clr::ui
