// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QGraphicsView>

namespace clr::ui {

/** The graph's view: wheel to zoom under the mouse, drag to pan, +/-/0 on the keyboard. */
class GraphView final : public QGraphicsView
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(GraphView)

public:
    explicit GraphView(QWidget *parent = nullptr);

    void zoomIn();
    void zoomOut();
    /** Fits the whole scene, never enlarging beyond 100 %, and keeps fitting on resize until the user zooms. */
    void fit();
    qreal zoom() const { return transform().m11(); }

protected:
    void wheelEvent(QWheelEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;
    void keyPressEvent(QKeyEvent *event) override;

private:
    void scaleBy(qreal factor);
    bool m_autoFit = true; // until the user zooms, the graph keeps fitting the view as it resizes
};

} // namespace clr::ui
