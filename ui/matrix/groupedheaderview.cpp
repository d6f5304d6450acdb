// SPDX-License-Identifier: GPL-3.0-or-later
#include "matrix/groupedheaderview.h"

#include "models/itemroles.h"

#include <QPainter>

namespace clr::ui {

GroupedHeaderView::GroupedHeaderView(QWidget *parent)
    : QHeaderView(Qt::Horizontal, parent)
{
    setSectionsClickable(true);
    setHighlightSections(true);
    setDefaultAlignment(Qt::AlignCenter);
}

int GroupedHeaderView::bandHeight() const
{
    return fontMetrics().height() + 8;
}

QSize GroupedHeaderView::sizeHint() const
{
    QSize size = QHeaderView::sizeHint();
    size.setHeight(2 * bandHeight());
    return size;
}

QString GroupedHeaderView::groupOf(int logicalIndex) const
{
    return model() ? model()->headerData(logicalIndex, Qt::Horizontal, ResourceGroupRole).toString() : QString();
}

std::pair<int, int> GroupedHeaderView::groupSpan(int logicalIndex) const
{
    const QString group = groupOf(logicalIndex);
    int first = logicalIndex, last = logicalIndex;
    while (first > 0 && groupOf(first - 1) == group)
        --first;
    while (last + 1 < count() && groupOf(last + 1) == group)
        ++last;
    return {first, last};
}

void GroupedHeaderView::paintSection(QPainter *painter, const QRect &rect, int logicalIndex) const
{
    if (!rect.isValid())
        return;
    const int band = bandHeight();
    paintGroup(painter, QRect(rect.left(), rect.top(), rect.width(), band), logicalIndex);

    QStyleOptionHeader opt;
    initStyleOption(&opt);
    initStyleOptionForIndex(&opt, logicalIndex);
    opt.rect = QRect(rect.left(), rect.top() + band, rect.width(), rect.height() - band);
    opt.text = model()->headerData(logicalIndex, Qt::Horizontal, Qt::DisplayRole).toString();
    opt.textAlignment = Qt::AlignCenter;
    opt.sortIndicator = QStyleOptionHeader::None;
    painter->save();
    style()->drawControl(QStyle::CE_Header, &opt, painter, this);
    painter->restore();
}

void GroupedHeaderView::paintGroup(QPainter *painter, const QRect &band, int logicalIndex) const
{
    const auto [first, last] = groupSpan(logicalIndex);
    const int left = sectionViewportPosition(first);
    const int right = sectionViewportPosition(last) + sectionSize(last);
    const QRect span(left, band.top(), right - left, band.height());

    QStyleOptionHeader opt;
    initStyleOption(&opt);
    opt.rect = span;
    opt.section = first;
    opt.position = QStyleOptionHeader::Middle;
    opt.state &= ~QStyle::State_Sunken;
    // Only the part over this section is painted here; neighbours paint theirs, so the label is whole.
    painter->save();
    painter->setClipRect(band);
    style()->drawControl(QStyle::CE_HeaderSection, &opt, painter, this);
    const QRect visible = span.intersected(viewport()->rect().adjusted(0, 0, 0, 0)).intersected(QRect(0, band.top(), width(), band.height()));
    QFont bold = font();
    bold.setBold(true);
    painter->setFont(bold);
    painter->setPen(palette().color(QPalette::ButtonText));
    const QString label = painter->fontMetrics().elidedText(groupOf(logicalIndex), Qt::ElideRight, visible.width() - 6);
    painter->drawText(visible, Qt::AlignCenter, label);
    painter->restore();
}

} // namespace clr::ui
