// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "graph/neighbourhood.h"

#include <QGraphicsScene>

#include <vector>

namespace clr::ui {

class NodeItem;

/**
 * The graph tab's scene: one item per node of a Neighbourhood (the item class follows the node
 * kind), laid out in layers left to right, each column ordered by where its predecessors sit so
 * that edges cross as little as a single pass manages.
 */
class GraphScene final : public QGraphicsScene
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(GraphScene)

public:
    static constexpr qreal kColumnGap = 64;
    static constexpr qreal kRowGap = 16;

    explicit GraphScene(QObject *parent = nullptr);

    void setNeighbourhood(const Neighbourhood &neighbourhood);
    /** A grey sentence instead of a graph. */
    void setMessage(const QString &text);
    const std::vector<NodeItem *> &nodeItems() const { return m_nodes; }

Q_SIGNALS:
    /** A node was double-clicked. */
    void nodeActivated(const clr::ui::GraphNode &node);
    /** A node's context menu asked to show it in its list (Identities or Roles). */
    void nodeRevealRequested(const clr::ui::GraphNode &node);

protected:
    void mouseDoubleClickEvent(QGraphicsSceneMouseEvent *event) override;
    void contextMenuEvent(QGraphicsSceneContextMenuEvent *event) override;

private:
    NodeItem *createItem(const GraphNode &node);
    void layout(const Neighbourhood &n);
    NodeItem *nodeAt(const QPointF &pos) const;

    std::vector<NodeItem *> m_nodes;
};

} // namespace clr::ui
