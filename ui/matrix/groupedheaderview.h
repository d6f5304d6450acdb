// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QHeaderView>

namespace clr::ui {

/**
 * A horizontal header in two bands: the upper band names the resource once over all of its verb
 * columns (ResourceGroupRole), the lower band names each verb (DisplayRole). The resource label is
 * centred on the visible part of its span, so it stays readable while scrolling sideways.
 */
class GroupedHeaderView final : public QHeaderView
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(GroupedHeaderView)

public:
    explicit GroupedHeaderView(QWidget *parent = nullptr);

    QSize sizeHint() const override;
    /** First and last column of the resource group that `logicalIndex` belongs to. */
    std::pair<int, int> groupSpan(int logicalIndex) const;

protected:
    void paintSection(QPainter *painter, const QRect &rect, int logicalIndex) const override;

private:
    QString groupOf(int logicalIndex) const;
    void paintGroup(QPainter *painter, const QRect &band, int logicalIndex) const;
    int bandHeight() const;
};

} // namespace clr::ui
