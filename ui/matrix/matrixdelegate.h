// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "graph/matrix.h"

#include <QStyledItemDelegate>

namespace clr::ui {

/**
 * Paints a matrix cell from CellStateRole and PlanesRole: allowed cells filled with the colour of
 * each granting plane (stripes when several grant), "some names" cells half filled, conditional
 * cells outlined, denied cells light grey. The first column of each resource gets a separator. On top:
 * the drafts' mark (DraftGrantRole), the comparison's marks (ComparisonRole), and an amber frame
 * where rows pinned side by side differ (CompareDiffRole).
 */
class MatrixDelegate final : public QStyledItemDelegate
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(MatrixDelegate)

public:
    explicit MatrixDelegate(QObject *parent = nullptr);

    void paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const override;
    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override;

    /** The cell glyph alone, shared with the legend. */
    static void paintCell(QPainter *painter, const QRectF &rect, MatrixCell::State state, Planes planes);
    /** The effect-preview mark of a cell that only the drafts allow (DraftGrantRole). */
    static void paintDraftGrant(QPainter *painter, const QRectF &rect);
    static QColor draftColor();
    /** The mark of a cell on which the rows pinned for comparison disagree (CompareDiffRole). */
    static void paintDifference(QPainter *painter, const QRectF &rect);
    static QColor differenceColor();
    /** The comparison marks (ComparisonRole): a gained cell gets a solid green frame and an up-pointing corner,
     *  a lost cell a solid red frame and a strike-through; unlike the drafts' dashed magenta "+". */
    static void paintGained(QPainter *painter, const QRectF &rect);
    static void paintLost(QPainter *painter, const QRectF &rect);
    static QColor gainedColor();
    static QColor lostColor();
};

} // namespace clr::ui
