// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "graph/nodeitem.h"

namespace clr::ui {

/** A user, service principal, managed identity, service account or Kubernetes-only subject: a rounded box in the colour of its kind. */
class PrincipalNodeItem final : public NodeItem
{
public:
    using NodeItem::NodeItem;

protected:
    QPainterPath outline(const QRectF &rect) const override;
    QColor accent() const override;
    QIcon icon() const override;
};

} // namespace clr::ui
