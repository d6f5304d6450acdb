// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "graph/nodeitem.h"

namespace clr::ui {

/** Where access applies: a namespace, the whole cluster, or a scope outside it; a tab-shaped box. */
class ScopeNodeItem final : public NodeItem
{
public:
    using NodeItem::NodeItem;

protected:
    QPainterPath outline(const QRectF &rect) const override;
    QColor accent() const override;
    QIcon icon() const override;
};

} // namespace clr::ui
