// SPDX-License-Identifier: GPL-3.0-or-later
#include "graph/edgeitem.h"

#include "graph/nodeitem.h"

#include <QPainter>
#include <QPen>

#include <cmath>

namespace clr::ui {

EdgeItem::EdgeItem(NodeItem *from, NodeItem *to, QString label)
    : m_from(from)
    , m_to(to)
    , m_label(std::move(label))
{
    setZValue(0);
    setPen(QPen(QColor(0x78, 0x90, 0x9c), 1.4));
    from->addEdge(this);
    to->addEdge(this);
    adjust();
}

EdgeItem::~EdgeItem() = default;

void EdgeItem::adjust()
{
    prepareGeometryChange();
    QPainterPath path;
    QPointF start = m_from->outPort(), end = m_to->inPort();
    if (end.x() > start.x() + 10) {
        const qreal dx = (end.x() - start.x()) / 2;
        path.moveTo(start);
        path.cubicTo(start + QPointF(dx, 0), end - QPointF(dx, 0), end);
        m_headDirection = QPointF(1, 0);
    } else {
        // Backwards or within a column (a membership cycle): arc over the top of both boxes.
        start = m_from->mapToScene(QPointF(0, -NodeItem::kHeight / 2));
        end = m_to->mapToScene(QPointF(NodeItem::kWidth / 4, -NodeItem::kHeight / 2));
        const qreal lift = 60 + std::abs(end.x() - start.x()) * 0.2;
        path.moveTo(start);
        path.cubicTo(start - QPointF(0, lift), end - QPointF(0, lift), end);
        m_headDirection = QPointF(0, 1);
    }
    m_head = end;
    setPath(path);
}

QRectF EdgeItem::boundingRect() const
{
    return QGraphicsPathItem::boundingRect().adjusted(-60, -14, 60, 14);
}

void EdgeItem::paint(QPainter *painter, const QStyleOptionGraphicsItem *, QWidget *)
{
    painter->setRenderHint(QPainter::Antialiasing);
    painter->setPen(pen());
    painter->setBrush(Qt::NoBrush);
    painter->drawPath(path());
    // Arrow head at the target.
    const QPointF d = m_headDirection, n(-d.y(), d.x());
    QPolygonF head;
    head << m_head << m_head - d * 9 + n * 4.5 << m_head - d * 9 - n * 4.5;
    painter->setBrush(pen().color());
    painter->drawPolygon(head);
    if (!m_label.isEmpty()) {
        QFont f = painter->font();
        f.setPointSizeF(f.pointSizeF() * 0.8);
        painter->setFont(f);
        painter->setPen(QColor(0x60, 0x60, 0x60));
        const QPointF mid = path().pointAtPercent(0.5);
        painter->drawText(QRectF(mid.x() - 60, mid.y() - 14, 120, 12), Qt::AlignCenter, m_label);
    }
}

} // namespace clr::ui
