// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "graph/nodeitem.h"

namespace clr::ui {

/** A RoleBinding, ClusterRoleBinding or the AKS admin group binding: a pill. */
class BindingNodeItem final : public NodeItem
{
public:
    using NodeItem::NodeItem;

protected:
    QPainterPath outline(const QRectF &rect) const override;
    QColor accent() const override;
    QIcon icon() const override;
};

} // namespace clr::ui
