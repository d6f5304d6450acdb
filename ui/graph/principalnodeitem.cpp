// SPDX-License-Identifier: GPL-3.0-or-later
#include "graph/principalnodeitem.h"

#include "common/kindicons.h"

#include <QPainterPath>

namespace clr::ui {

QPainterPath PrincipalNodeItem::outline(const QRectF &rect) const
{
    QPainterPath path;
    path.addRoundedRect(rect, 10, 10);
    return path;
}

QColor PrincipalNodeItem::accent() const
{
    return node().subject ? kindicons::subjectColor(node().subject->kind) : kindicons::subjectColor(SubjectKind::UnresolvedPrincipal);
}

QIcon PrincipalNodeItem::icon() const
{
    return node().subject ? kindicons::subject(node().subject->kind, node().warning) : kindicons::subject(SubjectKind::UnresolvedPrincipal);
}

} // namespace clr::ui
