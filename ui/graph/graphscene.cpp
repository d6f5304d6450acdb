// SPDX-License-Identifier: GPL-3.0-or-later
#include "graph/graphscene.h"

#include "graph/edgeitem.h"
#include "graph/nodeitem.h"

#include <QGraphicsSceneContextMenuEvent>
#include <QGraphicsSceneMouseEvent>
#include <QGraphicsTextItem>
#include <QMenu>

#include <algorithm>
#include <map>

namespace clr::ui {

GraphScene::GraphScene(QObject *parent)
    : QGraphicsScene(parent)
{
    setBackgroundBrush(Qt::white);
}

NodeItem *GraphScene::createItem(const GraphNode &node)
{
    return new NodeItem(node);
}

void GraphScene::setMessage(const QString &text)
{
    clear();
    m_nodes.clear();
    auto *item = addText(text);
    item->setDefaultTextColor(Qt::gray);
    setSceneRect(itemsBoundingRect().adjusted(-40, -40, 40, 40));
}

void GraphScene::setNeighbourhood(const Neighbourhood &n)
{
    clear();
    m_nodes.clear();
    if (n.nodes.empty()) {
        setMessage(tr("Nothing to draw"));
        return;
    }
    for (const auto &node : n.nodes) {
        m_nodes.push_back(createItem(node));
        addItem(m_nodes.back());
    }
    layout(n);
    for (const auto &e : n.edges)
        addItem(new EdgeItem(m_nodes[std::size_t(e.from)], m_nodes[std::size_t(e.to)], e.label));
    setSceneRect(itemsBoundingRect().adjusted(-40, -60, 40, 40));
}

void GraphScene::layout(const Neighbourhood &n)
{
    std::map<int, std::vector<int>> columns;
    for (std::size_t i = 0; i < n.nodes.size(); ++i)
        columns[n.nodes[i].layer].push_back(int(i));
    std::vector<std::vector<int>> predecessors(n.nodes.size());
    for (const auto &e : n.edges)
        predecessors[std::size_t(e.to)].push_back(e.from);
    std::vector<qreal> y(n.nodes.size(), 0);
    for (auto &[layer, nodes] : columns) {
        // Barycentre of already placed predecessors; nodes without any keep their order at the end.
        std::vector<std::pair<qreal, int>> keyed;
        for (int i = 0; i < int(nodes.size()); ++i) {
            qreal sum = 0;
            int count = 0;
            for (int p : predecessors[std::size_t(nodes[std::size_t(i)])]) {
                if (n.nodes[std::size_t(p)].layer < layer) {
                    sum += y[std::size_t(p)];
                    ++count;
                }
            }
            keyed.emplace_back(count ? sum / count : 1e9 + i, nodes[std::size_t(i)]);
        }
        std::stable_sort(keyed.begin(), keyed.end());
        const qreal step = NodeItem::kHeight + kRowGap;
        const qreal top = -step * qreal(keyed.size() - 1) / 2;
        for (std::size_t r = 0; r < keyed.size(); ++r) {
            const int node = keyed[r].second;
            y[std::size_t(node)] = top + step * qreal(r);
            m_nodes[std::size_t(node)]->setPos(layer * (NodeItem::kWidth + kColumnGap), y[std::size_t(node)]);
        }
    }
}

NodeItem *GraphScene::nodeAt(const QPointF &pos) const
{
    for (QGraphicsItem *item : items(pos)) {
        if (auto *node = dynamic_cast<NodeItem *>(item))
            return node;
    }
    return nullptr;
}

void GraphScene::mouseDoubleClickEvent(QGraphicsSceneMouseEvent *event)
{
    if (NodeItem *node = nodeAt(event->scenePos())) {
        const GraphNode copy = node->node(); // the scene is rebuilt by the handler
        Q_EMIT nodeActivated(copy);
        event->accept();
        return;
    }
    QGraphicsScene::mouseDoubleClickEvent(event);
}

void GraphScene::contextMenuEvent(QGraphicsSceneContextMenuEvent *event)
{
    NodeItem *node = nodeAt(event->scenePos());
    if (!node || node->node().ref.isNull())
        return;
    const GraphNode copy = node->node();
    QMenu menu;
    menu.addAction(tr("Centre the graph on %1").arg(copy.label), this, [this, copy] { Q_EMIT nodeActivated(copy); });
    menu.addAction(copy.subject ? tr("Show in Identities") : tr("Show in Roles and bindings"), this,
                   [this, copy] { Q_EMIT nodeRevealRequested(copy); });
    menu.exec(event->screenPos());
}

} // namespace clr::ui
