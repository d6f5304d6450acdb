// SPDX-License-Identifier: GPL-3.0-or-later
#include "graph/graphpage.h"

#include "common/stringconv.h"
#include "graph/graphscene.h"
#include "graph/graphview.h"

#include <QFileDialog>
#include <QHBoxLayout>
#include <QImage>
#include <QLabel>
#include <QMessageBox>
#include <QPainter>
#include <QSvgGenerator>
#include <QToolButton>
#include <QVBoxLayout>

namespace clr::ui {

namespace {

QToolButton *toolButton(const QString &text, const QString &tip, QWidget *parent)
{
    auto *button = new QToolButton(parent);
    button->setText(text);
    button->setToolTip(tip);
    button->setAutoRaise(true);
    return button;
}

} // namespace

GraphPage::GraphPage(QWidget *parent)
    : QWidget(parent)
    , m_title(new QLabel(this))
    , m_scene(new GraphScene(this))
    , m_view(new GraphView(this))
{
    m_view->setScene(m_scene);
    m_title->setObjectName(QStringLiteral("graphTitle"));
    auto *zoomIn = toolButton(tr("Zoom &in"), tr("Zoom in (+, or the mouse wheel)"), this);
    auto *zoomOut = toolButton(tr("Zoom &out"), tr("Zoom out (-)"), this);
    auto *fit = toolButton(tr("&Fit"), tr("Fit the whole graph (0)"), this);
    auto *png = toolButton(tr("Export &PNG…"), tr("Save the graph as a PNG image"), this);
    auto *svg = toolButton(tr("Export &SVG…"), tr("Save the graph as an SVG drawing"), this);
    connect(zoomIn, &QToolButton::clicked, m_view, &GraphView::zoomIn);
    connect(zoomOut, &QToolButton::clicked, m_view, &GraphView::zoomOut);
    connect(fit, &QToolButton::clicked, m_view, &GraphView::fit);
    connect(png, &QToolButton::clicked, this, [this] { exportDialog(false); });
    connect(svg, &QToolButton::clicked, this, [this] { exportDialog(true); });
    connect(m_scene, &GraphScene::nodeActivated, this, &GraphPage::onNodeActivated);
    connect(m_scene, &GraphScene::nodeRevealRequested, this, [this](const GraphNode &node) { Q_EMIT refActivated(toQString(node.ref.toString())); });

    auto *bar = new QHBoxLayout;
    bar->addWidget(m_title, 1);
    for (QWidget *w : {static_cast<QWidget *>(zoomIn), static_cast<QWidget *>(zoomOut), static_cast<QWidget *>(fit),
                       static_cast<QWidget *>(png), static_cast<QWidget *>(svg)})
        bar->addWidget(w);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(bar);
    layout->addWidget(m_view, 1);
    m_scene->setMessage(tr("Select an identity, a role, a binding or an assignment to see its neighbourhood."));
}

GraphPage::~GraphPage() = default;

void GraphPage::setSession(SessionPtr session)
{
    m_session = std::move(session);
    m_subject.reset();
    m_object.clear();
    m_neighbourhood = {};
    m_dirty = false;
    m_title->clear();
    m_scene->setMessage(tr("Select an identity, a role, a binding or an assignment to see its neighbourhood."));
}

void GraphPage::showSubject(SubjectRef subject)
{
    if (m_subject == subject && m_object.empty())
        return;
    m_subject = subject;
    m_object.clear();
    m_dirty = true;
    refreshIfVisible();
}

void GraphPage::showObject(const QString &ref)
{
    if (!m_subject && m_object == toStd(ref))
        return;
    m_subject.reset();
    m_object = toStd(ref);
    m_dirty = true;
    refreshIfVisible();
}

void GraphPage::refreshIfVisible()
{
    if (isVisible())
        rebuild();
}

void GraphPage::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    if (m_dirty)
        rebuild();
}

const Neighbourhood &GraphPage::neighbourhood()
{
    if (m_dirty)
        rebuild();
    return m_neighbourhood;
}

void GraphPage::rebuild()
{
    m_dirty = false;
    if (!m_session)
        return;
    if (m_subject)
        m_neighbourhood = Neighbourhood::ofSubject(*m_session, *m_subject);
    else if (!m_object.empty())
        m_neighbourhood = Neighbourhood::ofObject(*m_session, ObjectRef::parse(m_object).value_or(ObjectRef()));
    else
        return;
    m_title->setText(QStringLiteral("<b>%1</b> — %2").arg(m_neighbourhood.title.toHtmlEscaped(), tr("double-click a box to centre on it, drag to pan, wheel to zoom")));
    m_scene->setNeighbourhood(m_neighbourhood);
    m_view->fit();
}

void GraphPage::onNodeActivated(const GraphNode &node)
{
    if (node.subject)
        showSubject(*node.subject);
    else if (!node.ref.isNull())
        showObject(toQString(node.ref.toString()));
}

bool GraphPage::exportPng(const QString &path)
{
    const QRectF source = m_scene->sceneRect();
    QImage image((source.size() * 2).toSize(), QImage::Format_ARGB32_Premultiplied);
    image.fill(Qt::white);
    QPainter painter(&image);
    painter.setRenderHints(QPainter::Antialiasing | QPainter::TextAntialiasing);
    m_scene->render(&painter, QRectF(QPointF(0, 0), image.size()), source);
    painter.end();
    return image.save(path, "PNG");
}

bool GraphPage::exportSvg(const QString &path)
{
    const QRectF source = m_scene->sceneRect();
    QSvgGenerator generator;
    generator.setFileName(path);
    generator.setSize(source.size().toSize());
    generator.setViewBox(QRectF(QPointF(0, 0), source.size()));
    generator.setTitle(m_neighbourhood.title);
    generator.setDescription(tr("Clearance permission graph"));
    QPainter painter;
    if (!painter.begin(&generator))
        return false;
    m_scene->render(&painter, QRectF(QPointF(0, 0), source.size()), source);
    return painter.end();
}

void GraphPage::exportDialog(bool svg)
{
    const QString filter = svg ? tr("SVG drawing (*.svg)") : tr("PNG image (*.png)");
    QString path = QFileDialog::getSaveFileName(this, svg ? tr("Export SVG") : tr("Export PNG"), QString(), filter);
    if (path.isEmpty())
        return;
    const QString suffix = svg ? QStringLiteral(".svg") : QStringLiteral(".png");
    if (!path.endsWith(suffix, Qt::CaseInsensitive))
        path += suffix;
    if (!(svg ? exportSvg(path) : exportPng(path)))
        QMessageBox::warning(this, tr("Export failed"), tr("Could not write %1").arg(path));
}

} // namespace clr::ui
