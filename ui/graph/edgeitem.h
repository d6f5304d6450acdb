// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QGraphicsPathItem>

namespace clr::ui {

class NodeItem;

/** An arrow between two nodes: a smooth curve left to right, an arc when it points back (a cycle). */
class EdgeItem final : public QGraphicsPathItem
{
public:
    EdgeItem(NodeItem *from, NodeItem *to, QString label);
    ~EdgeItem() override;
    Q_DISABLE_COPY_MOVE(EdgeItem)

    /** Recomputes the path after a node moved. */
    void adjust();
    NodeItem *from() const { return m_from; }
    NodeItem *to() const { return m_to; }

    void paint(QPainter *painter, const QStyleOptionGraphicsItem *option, QWidget *widget) override;
    QRectF boundingRect() const override;

private:
    NodeItem *m_from;
    NodeItem *m_to;
    QString m_label;
    QPointF m_head;
    QPointF m_headDirection;
};

} // namespace clr::ui
