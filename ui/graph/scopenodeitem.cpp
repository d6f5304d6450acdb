// SPDX-License-Identifier: GPL-3.0-or-later
#include "graph/scopenodeitem.h"

#include "common/kindicons.h"
#include "common/planestyle.h"

#include <QPainterPath>

namespace clr::ui {

QPainterPath ScopeNodeItem::outline(const QRectF &rect) const
{
    // A folder tab: namespaces are where access lands.
    const qreal tab = rect.width() * 0.35, h = 7;
    QPainterPath path;
    path.moveTo(rect.left(), rect.top());
    path.lineTo(rect.left() + tab, rect.top());
    path.lineTo(rect.left() + tab + h, rect.top() + h);
    path.lineTo(rect.right(), rect.top() + h);
    path.lineTo(rect.right(), rect.bottom());
    path.lineTo(rect.left(), rect.bottom());
    path.closeSubpath();
    return path;
}

QColor ScopeNodeItem::accent() const
{
    if (node().warning)
        return planestyle::color(Plane::AdminCredential);
    return kindicons::objectColor(ObjectKind::Namespace);
}

QIcon ScopeNodeItem::icon() const
{
    return kindicons::object(ObjectKind::Namespace);
}

} // namespace clr::ui
