// SPDX-License-Identifier: GPL-3.0-or-later
#include "graph/bindingnodeitem.h"

#include "common/kindicons.h"
#include "common/planestyle.h"

#include <QPainterPath>

namespace clr::ui {

QPainterPath BindingNodeItem::outline(const QRectF &rect) const
{
    QPainterPath path;
    path.addRoundedRect(rect, rect.height() / 2, rect.height() / 2);
    return path;
}

QColor BindingNodeItem::accent() const
{
    // The AKS admin group "binding" has no ref: it is the admin-group plane, not a Kubernetes object.
    return node().ref.isNull() ? planestyle::color(Plane::AksAdminGroup) : kindicons::objectColor(ObjectKind::RoleBinding);
}

QIcon BindingNodeItem::icon() const
{
    return kindicons::object(node().cluster ? ObjectKind::ClusterRoleBinding : ObjectKind::RoleBinding);
}

} // namespace clr::ui
