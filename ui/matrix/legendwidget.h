// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QWidget>

namespace clr::ui {

/**
 * The key to the matrix colours: one swatch per plane, then "some names", "conditional", "denied", the
 * drafts' mark, and while a comparison is open its "gained" and "lost" marks.
 */
class LegendWidget final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(LegendWidget)

public:
    explicit LegendWidget(QWidget *parent = nullptr);
    /** Shows or hides the comparison's entries. */
    void setComparing(bool comparing);
    /** The texts of the entries shown, in order (for tests and accessibility). */
    QStringList entries() const;

private:
    QList<QWidget *> m_comparisonEntries;
};

} // namespace clr::ui
