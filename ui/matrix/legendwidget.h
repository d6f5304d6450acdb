// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QWidget>

namespace clr::ui {

/** The key to the matrix colours: one swatch per plane, then "some names", "conditional", "denied". */
class LegendWidget final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(LegendWidget)

public:
    explicit LegendWidget(QWidget *parent = nullptr);
    /** The entries' texts, in order (for tests and accessibility). */
    QStringList entries() const;
};

} // namespace clr::ui
