// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "graph/nodeitem.h"

namespace clr::ui {

/** A Role, ClusterRole or Azure role definition: a box with cut corners. */
class RoleNodeItem final : public NodeItem
{
public:
    using NodeItem::NodeItem;

protected:
    QPainterPath outline(const QRectF &rect) const override;
    QColor accent() const override;
    QIcon icon() const override;
};

} // namespace clr::ui
