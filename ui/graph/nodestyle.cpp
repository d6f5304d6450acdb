// SPDX-License-Identifier: GPL-3.0-or-later
#include "graph/nodestyle.h"

#include "common/kindicons.h"
#include "common/planestyle.h"

namespace clr::ui {

NodeStyle nodeStyle(const GraphNode &node)
{
    using S = NodeStyle::Shape;
    switch (node.kind) {
    case GraphNode::Kind::Principal: {
        const SubjectKind kind = node.subject ? node.subject->kind : SubjectKind::UnresolvedPrincipal;
        return {S::Rounded, kindicons::subjectColor(kind), kindicons::subject(kind, node.warning)};
    }
    case GraphNode::Kind::Group:
        return {S::DoubleRounded, kindicons::subjectColor(SubjectKind::Group), kindicons::subject(SubjectKind::Group, node.warning)};
    case GraphNode::Kind::Binding:
        // The AKS admin group "binding" is no Kubernetes object (no ref): it is the admin-group plane.
        return {S::Pill, node.ref.isNull() ? planestyle::color(Plane::AksAdminGroup) : kindicons::objectColor(ObjectKind::RoleBinding),
                kindicons::object(node.cluster ? ObjectKind::ClusterRoleBinding : ObjectKind::RoleBinding)};
    case GraphNode::Kind::Assignment:
        return {S::Pill, kindicons::objectColor(ObjectKind::Assignment), kindicons::object(ObjectKind::Assignment)};
    case GraphNode::Kind::Role:
        if (node.ref.kind == ObjectRef::Kind::RoleDefinition)
            return {S::Octagon, kindicons::objectColor(ObjectKind::RoleDefinition), kindicons::object(ObjectKind::RoleDefinition)};
        return {S::Octagon, kindicons::objectColor(ObjectKind::Role), kindicons::object(node.cluster ? ObjectKind::ClusterRole : ObjectKind::Role)};
    case GraphNode::Kind::Scope:
        // A warning scope is the admin credential's "whole cluster": that plane's colour.
        return {S::Folder, node.warning ? planestyle::color(Plane::AdminCredential) : kindicons::objectColor(ObjectKind::Namespace),
                kindicons::object(ObjectKind::Namespace)};
    case GraphNode::Kind::More:
        break;
    }
    return {S::Small, kindicons::objectColor(ObjectKind::Folder), kindicons::object(ObjectKind::Folder)};
}

QPainterPath nodeOutline(NodeStyle::Shape shape, const QRectF &rect)
{
    QPainterPath path;
    switch (shape) {
    case NodeStyle::Shape::Rounded:
        path.addRoundedRect(rect, 10, 10);
        break;
    case NodeStyle::Shape::DoubleRounded:
        path.addRoundedRect(rect, 10, 10);
        path.addRoundedRect(rect.adjusted(3, 3, -3, -3), 8, 8);
        break;
    case NodeStyle::Shape::Pill:
        path.addRoundedRect(rect, rect.height() / 2, rect.height() / 2);
        break;
    case NodeStyle::Shape::Octagon: {
        const qreal c = 10;
        path.moveTo(rect.left() + c, rect.top());
        path.lineTo(rect.right() - c, rect.top());
        path.lineTo(rect.right(), rect.top() + c);
        path.lineTo(rect.right(), rect.bottom() - c);
        path.lineTo(rect.right() - c, rect.bottom());
        path.lineTo(rect.left() + c, rect.bottom());
        path.lineTo(rect.left(), rect.bottom() - c);
        path.lineTo(rect.left(), rect.top() + c);
        path.closeSubpath();
        break;
    }
    case NodeStyle::Shape::Folder: {
        const qreal tab = rect.width() * 0.35, h = 7;
        path.moveTo(rect.left(), rect.top());
        path.lineTo(rect.left() + tab, rect.top());
        path.lineTo(rect.left() + tab + h, rect.top() + h);
        path.lineTo(rect.right(), rect.top() + h);
        path.lineTo(rect.right(), rect.bottom());
        path.lineTo(rect.left(), rect.bottom());
        path.closeSubpath();
        break;
    }
    case NodeStyle::Shape::Small:
        path.addRoundedRect(rect.adjusted(20, 6, -20, -6), 6, 6);
        break;
    }
    return path;
}

} // namespace clr::ui
