// SPDX-License-Identifier: GPL-3.0-or-later
#include "graph/rolenodeitem.h"

#include "common/kindicons.h"

#include <QPainterPath>

namespace clr::ui {

namespace {
bool isAzure(const GraphNode &node)
{
    return node.ref.kind == ObjectRef::Kind::RoleDefinition;
}
} // namespace

QPainterPath RoleNodeItem::outline(const QRectF &rect) const
{
    const qreal c = 10;
    QPainterPath path;
    path.moveTo(rect.left() + c, rect.top());
    path.lineTo(rect.right() - c, rect.top());
    path.lineTo(rect.right(), rect.top() + c);
    path.lineTo(rect.right(), rect.bottom() - c);
    path.lineTo(rect.right() - c, rect.bottom());
    path.lineTo(rect.left() + c, rect.bottom());
    path.lineTo(rect.left(), rect.bottom() - c);
    path.lineTo(rect.left(), rect.top() + c);
    path.closeSubpath();
    return path;
}

QColor RoleNodeItem::accent() const
{
    return kindicons::objectColor(isAzure(node()) ? ObjectKind::RoleDefinition : ObjectKind::Role);
}

QIcon RoleNodeItem::icon() const
{
    if (isAzure(node()))
        return kindicons::object(ObjectKind::RoleDefinition);
    return kindicons::object(node().cluster ? ObjectKind::ClusterRole : ObjectKind::Role);
}

} // namespace clr::ui
