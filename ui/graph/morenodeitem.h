// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "graph/nodeitem.h"

namespace clr::ui {

/** "N more": what the layer could not show; a dashed box. */
class MoreNodeItem final : public NodeItem
{
public:
    using NodeItem::NodeItem;

protected:
    QPainterPath outline(const QRectF &rect) const override;
    QColor accent() const override;
    QIcon icon() const override;
};

} // namespace clr::ui
