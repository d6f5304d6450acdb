// SPDX-License-Identifier: GPL-3.0-or-later
#include "matrix/matrixdelegate.h"

#include "common/planestyle.h"
#include "compare/compare.h"
#include "models/itemroles.h"

#include <QPainter>
#include <QPainterPath>

#include <algorithm>
#include <vector>

namespace clr::ui {

namespace {

std::vector<QColor> planeColors(Planes planes)
{
    std::vector<QColor> out;
    for (Plane p : kAllPlanes) {
        if (planes & planeBit(p))
            out.push_back(planestyle::color(p));
    }
    if (out.empty())
        out.push_back(planestyle::color(Plane::Kubernetes));
    return out;
}

void paintAllowed(QPainter *p, const QRectF &r, Planes planes)
{
    const auto colors = planeColors(planes);
    QPainterPath clip;
    clip.addRoundedRect(r, 3, 3);
    p->setClipPath(clip, Qt::IntersectClip);
    const qreal w = r.width() / qreal(colors.size());
    for (std::size_t i = 0; i < colors.size(); ++i)
        p->fillRect(QRectF(r.left() + w * qreal(i), r.top(), w, r.height()), colors[i]);
}

void paintSomeNames(QPainter *p, const QRectF &r, Planes planes)
{
    const QColor c = planeColors(planes).front();
    QPolygonF half;
    half << r.bottomLeft() << r.topLeft() << r.bottomRight();
    p->setPen(Qt::NoPen);
    p->setBrush(c);
    p->drawPolygon(half);
    p->setBrush(Qt::NoBrush);
    p->setPen(QPen(c, 1.5));
    p->drawRoundedRect(r.adjusted(0.75, 0.75, -0.75, -0.75), 3, 3);
}

void paintConditional(QPainter *p, const QRectF &r)
{
    const QColor c = planestyle::color(Plane::Azure);
    p->setBrush(planestyle::conditionalColor().lighter(130));
    p->setPen(QPen(c, 1.5, Qt::DashLine));
    p->drawRoundedRect(r.adjusted(0.75, 0.75, -0.75, -0.75), 3, 3);
    p->setPen(c.darker(130));
    QFont f = p->font();
    f.setBold(true);
    p->setFont(f);
    p->drawText(r, Qt::AlignCenter, QStringLiteral("?"));
}

} // namespace

MatrixDelegate::MatrixDelegate(QObject *parent)
    : QStyledItemDelegate(parent)
{
}

void MatrixDelegate::paintCell(QPainter *p, const QRectF &r, MatrixCell::State state, Planes planes)
{
    p->save();
    p->setRenderHint(QPainter::Antialiasing);
    switch (state) {
    case MatrixCell::State::Allowed:
        paintAllowed(p, r, planes);
        break;
    case MatrixCell::State::SomeNames:
        paintSomeNames(p, r, planes);
        break;
    case MatrixCell::State::Conditional:
        paintConditional(p, r);
        break;
    case MatrixCell::State::Denied:
        p->setPen(Qt::NoPen);
        p->setBrush(planestyle::deniedColor());
        p->drawRoundedRect(r, 3, 3);
        break;
    }
    p->restore();
}

void MatrixDelegate::paintDraftGrant(QPainter *p, const QRectF &r)
{
    // Effect preview: a bold dashed outline and a "+" in the draft colour over the (denied) cell.
    const QColor c = draftColor();
    p->save();
    p->setRenderHint(QPainter::Antialiasing);
    p->setBrush(QColor(c.red(), c.green(), c.blue(), 60));
    p->setPen(QPen(c, 2, Qt::DashLine));
    p->drawRoundedRect(r.adjusted(1, 1, -1, -1), 3, 3);
    QFont f = p->font();
    f.setBold(true);
    p->setFont(f);
    p->setPen(c.darker(120));
    p->drawText(r, Qt::AlignCenter, QStringLiteral("+"));
    p->restore();
}

void MatrixDelegate::paintDifference(QPainter *p, const QRectF &r)
{
    // Rows pinned for comparison disagree here: a bold amber frame and a corner flag, visible on any state.
    const QColor c = differenceColor();
    p->save();
    p->setRenderHint(QPainter::Antialiasing);
    p->setBrush(Qt::NoBrush);
    p->setPen(QPen(c, 2.5));
    p->drawRoundedRect(r.adjusted(1.5, 1.5, -1.5, -1.5), 3, 3);
    QPolygonF flag;
    flag << r.topRight() << QPointF(r.right() - 9, r.top()) << QPointF(r.right(), r.top() + 9);
    p->setPen(Qt::NoPen);
    p->setBrush(c);
    p->drawPolygon(flag);
    p->restore();
}

QColor MatrixDelegate::differenceColor()
{
    return QColor(0xe6, 0x8a, 0x00);
}

QColor MatrixDelegate::draftColor()
{
    return QColor(0xd8, 0x1b, 0x60);
}

QColor MatrixDelegate::gainedColor()
{
    return QColor(0x1b, 0x8a, 0x3a);
}

QColor MatrixDelegate::lostColor()
{
    return QColor(0xc6, 0x28, 0x28);
}

void MatrixDelegate::paintGained(QPainter *p, const QRectF &r)
{
    const QColor c = gainedColor();
    p->save();
    p->setRenderHint(QPainter::Antialiasing);
    p->setBrush(Qt::NoBrush);
    p->setPen(QPen(c, 2.5));
    p->drawRoundedRect(r.adjusted(1.25, 1.25, -1.25, -1.25), 3, 3);
    const qreal s = std::min(r.width(), r.height()) * 0.55;
    QPolygonF corner;
    corner << r.topRight() << QPointF(r.right() - s, r.top()) << QPointF(r.right(), r.top() + s);
    p->setPen(Qt::NoPen);
    p->setBrush(c);
    p->drawPolygon(corner);
    p->restore();
}

void MatrixDelegate::paintLost(QPainter *p, const QRectF &r)
{
    const QColor c = lostColor();
    p->save();
    p->setRenderHint(QPainter::Antialiasing);
    p->setBrush(Qt::NoBrush);
    p->setPen(QPen(c, 2.5));
    p->drawRoundedRect(r.adjusted(1.25, 1.25, -1.25, -1.25), 3, 3);
    p->drawLine(r.bottomLeft() + QPointF(3, -3), r.topRight() + QPointF(-3, 3));
    p->restore();
}

void MatrixDelegate::paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    const bool selected = option.state & QStyle::State_Selected;
    if (selected)
        painter->fillRect(option.rect, option.palette.color(QPalette::Highlight).lighter(170));
    const QRectF cell = QRectF(option.rect).adjusted(3, 3, -3, -3);
    paintCell(painter, cell, MatrixCell::State(index.data(CellStateRole).toInt()), Planes(index.data(PlanesRole).toInt()));
    if (index.data(DraftGrantRole).toBool())
        paintDraftGrant(painter, cell);
    if (index.data(CompareDiffRole).toBool())
        paintDifference(painter, QRectF(option.rect));
    switch (compare::CellChange(index.data(ComparisonRole).toInt())) {
    case compare::CellChange::Gained:
        paintGained(painter, cell);
        break;
    case compare::CellChange::Lost:
        paintLost(painter, cell);
        break;
    case compare::CellChange::Unchanged:
        break;
    }
    const QString group = index.model()->headerData(index.column(), Qt::Horizontal, ResourceGroupRole).toString();
    const bool groupStart = index.column() == 0 || index.model()->headerData(index.column() - 1, Qt::Horizontal, ResourceGroupRole).toString() != group;
    painter->save();
    if (groupStart) {
        painter->setPen(QPen(option.palette.color(QPalette::Mid), 1));
        painter->drawLine(option.rect.topLeft(), option.rect.bottomLeft());
    }
    if (selected || (option.state & QStyle::State_HasFocus)) {
        painter->setRenderHint(QPainter::Antialiasing);
        painter->setPen(QPen(option.palette.color(QPalette::Highlight), 2));
        painter->setBrush(Qt::NoBrush);
        painter->drawRoundedRect(QRectF(option.rect).adjusted(1.5, 1.5, -1.5, -1.5), 3, 3);
    }
    painter->restore();
}

QSize MatrixDelegate::sizeHint(const QStyleOptionViewItem &option, const QModelIndex &) const
{
    return QSize(option.fontMetrics.horizontalAdvance(QStringLiteral("delete")) + 12, option.fontMetrics.height() + 8);
}

} // namespace clr::ui
