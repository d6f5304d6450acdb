// SPDX-License-Identifier: GPL-3.0-or-later
#include "graph/nodeitem.h"

#include "graph/edgeitem.h"

#include <QObject>
#include <QPainter>
#include <QStyleOptionGraphicsItem>

namespace clr::ui {

NodeItem::NodeItem(GraphNode node)
    : m_node(std::move(node))
    , m_style(nodeStyle(m_node))
{
    setFlags(ItemIsSelectable | ItemIsMovable | ItemSendsGeometryChanges | ItemIsFocusable);
    setAcceptHoverEvents(true);
    setZValue(1);
    QString tip = QStringLiteral("<b>%1</b><br>%2").arg(m_node.label.toHtmlEscaped(), m_node.detail.toHtmlEscaped());
    if (!m_node.ref.isNull())
        tip += QObject::tr("<br><i>Double-click to centre the graph on it; right-click for more</i>");
    setToolTip(tip);
}

NodeItem::~NodeItem() = default;

void NodeItem::addEdge(EdgeItem *edge)
{
    m_edges.push_back(edge);
}

QRectF NodeItem::box() const
{
    return QRectF(-kWidth / 2, -kHeight / 2, kWidth, kHeight);
}

QRectF NodeItem::boundingRect() const
{
    return box().adjusted(-3, -3, 3, 3);
}

QPainterPath NodeItem::shape() const
{
    return nodeOutline(m_style.shape, box());
}

QPointF NodeItem::inPort() const
{
    return mapToScene(QPointF(-kWidth / 2, 0));
}

QPointF NodeItem::outPort() const
{
    return mapToScene(QPointF(kWidth / 2, 0));
}

void NodeItem::paint(QPainter *painter, const QStyleOptionGraphicsItem *option, QWidget *)
{
    painter->setRenderHint(QPainter::Antialiasing);
    const bool selected = option->state & QStyle::State_Selected;
    const QColor border = m_node.warning ? QColor(0xc6, 0x28, 0x28) : m_style.accent;
    painter->setPen(QPen(border, selected || m_hovered ? 3.0 : 1.6, m_node.warning ? Qt::DashLine : Qt::SolidLine));
    painter->setBrush(Qt::white);
    const QPainterPath outline = nodeOutline(m_style.shape, box());
    painter->drawPath(outline);
    QColor tint = m_style.accent;
    tint.setAlphaF(0.12);
    painter->setBrush(tint);
    painter->drawPath(outline);

    const QRectF r = box();
    m_style.icon.paint(painter, QRect(int(r.left() + 10), int(r.center().y() - 12), 24, 24));
    const QRectF text = r.adjusted(42, 5, -10, -5);
    QFont bold = painter->font();
    bold.setBold(true);
    painter->setFont(bold);
    painter->setPen(Qt::black);
    const QFontMetricsF fm(bold);
    painter->drawText(text.adjusted(0, 0, 0, -text.height() / 2), Qt::AlignLeft | Qt::AlignVCenter,
                      fm.elidedText(m_node.label, Qt::ElideRight, text.width()));
    QFont small = painter->font();
    small.setBold(false);
    small.setPointSizeF(small.pointSizeF() * 0.85);
    painter->setFont(small);
    painter->setPen(QColor(0x55, 0x55, 0x55));
    painter->drawText(text.adjusted(0, text.height() / 2, 0, 0), Qt::AlignLeft | Qt::AlignVCenter,
                      QFontMetricsF(small).elidedText(m_node.detail, Qt::ElideRight, text.width()));
}

QVariant NodeItem::itemChange(GraphicsItemChange change, const QVariant &value)
{
    if (change == ItemPositionHasChanged) {
        for (auto *edge : m_edges)
            edge->adjust();
    }
    return QGraphicsItem::itemChange(change, value);
}

void NodeItem::hoverEnterEvent(QGraphicsSceneHoverEvent *event)
{
    m_hovered = true;
    update();
    QGraphicsItem::hoverEnterEvent(event);
}

void NodeItem::hoverLeaveEvent(QGraphicsSceneHoverEvent *event)
{
    m_hovered = false;
    update();
    QGraphicsItem::hoverLeaveEvent(event);
}

} // namespace clr::ui
