// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "graph/neighbourhood.h"
#include "graph/nodestyle.h"

#include <QGraphicsItem>
#include <QIcon>

#include <vector>

namespace clr::ui {

class EdgeItem;

/**
 * A box of the graph tab: an icon, a label and a detail line inside an outline whose shape and
 * accent colour say what kind of object it is (see nodeStyle()). Movable: edges follow.
 */
class NodeItem final : public QGraphicsItem
{
public:
    static constexpr qreal kWidth = 200;
    static constexpr qreal kHeight = 46;

    explicit NodeItem(GraphNode node);
    ~NodeItem() override;
    Q_DISABLE_COPY_MOVE(NodeItem)

    const GraphNode &node() const { return m_node; }
    void addEdge(EdgeItem *edge);
    /** Where edges enter (left middle) and leave (right middle), in scene coordinates. */
    QPointF inPort() const;
    QPointF outPort() const;

    QRectF boundingRect() const final;
    QPainterPath shape() const final;
    void paint(QPainter *painter, const QStyleOptionGraphicsItem *option, QWidget *widget) final;

protected:
    QVariant itemChange(GraphicsItemChange change, const QVariant &value) override;
    void hoverEnterEvent(QGraphicsSceneHoverEvent *event) override;
    void hoverLeaveEvent(QGraphicsSceneHoverEvent *event) override;

private:
    QRectF box() const;
    GraphNode m_node;
    NodeStyle m_style;
    std::vector<EdgeItem *> m_edges;
    bool m_hovered = false;
};

} // namespace clr::ui
