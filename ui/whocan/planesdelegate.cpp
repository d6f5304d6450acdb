// SPDX-License-Identifier: GPL-3.0-or-later
#include "whocan/planesdelegate.h"

#include "common/planestyle.h"
#include "models/itemroles.h"

#include <QApplication>
#include <QPainter>

namespace clr::ui {

PlanesDelegate::PlanesDelegate(QObject *parent)
    : QStyledItemDelegate(parent)
{
}

void PlanesDelegate::paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    const Planes planes = Planes(index.data(PlanesRole).toInt());
    if (!planes) {
        QStyledItemDelegate::paint(painter, option, index); // "conditional" text
        return;
    }
    QStyleOptionViewItem opt = option;
    initStyleOption(&opt, index);
    opt.text.clear();
    const QWidget *widget = option.widget;
    QStyle *style = widget ? widget->style() : QApplication::style();
    style->drawControl(QStyle::CE_ItemViewItem, &opt, painter, widget);

    painter->save();
    painter->setRenderHint(QPainter::Antialiasing);
    QFont small = option.font;
    small.setPointSizeF(small.pointSizeF() * 0.9);
    painter->setFont(small);
    const QFontMetrics fm(small);
    qreal x = option.rect.left() + 3;
    for (Plane p : kAllPlanes) {
        if (!(planes & planeBit(p)))
            continue;
        const QString text = planestyle::label(p);
        const QRectF chip(x, option.rect.top() + 2, fm.horizontalAdvance(text) + 10, option.rect.height() - 4);
        painter->setPen(Qt::NoPen);
        painter->setBrush(planestyle::color(p));
        painter->drawRoundedRect(chip, chip.height() / 2, chip.height() / 2);
        painter->setPen(planestyle::textOn(planestyle::color(p)));
        painter->drawText(chip, Qt::AlignCenter, text);
        x = chip.right() + 4;
    }
    painter->restore();
}

QSize PlanesDelegate::sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    QSize size = QStyledItemDelegate::sizeHint(option, index);
    size.setWidth(size.width() + 40);
    size.setHeight(qMax(size.height(), option.fontMetrics.height() + 6));
    return size;
}

} // namespace clr::ui
