// SPDX-License-Identifier: GPL-3.0-or-later
#include "matrix/legendwidget.h"

#include "common/planestyle.h"
#include "common/flowlayout.h"
#include "matrix/matrixdelegate.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QPainter>
#include <QPixmap>

namespace clr::ui {

namespace {

enum class Mark { None, Draft, Gained, Lost };

QPixmap swatch(MatrixCell::State state, Planes planes, qreal dpr, Mark mark = Mark::None)
{
    const QSize size(28, 16);
    QPixmap pm(size * dpr);
    pm.setDevicePixelRatio(dpr);
    pm.fill(Qt::transparent);
    QPainter p(&pm);
    const QRectF r(1, 1, size.width() - 2, size.height() - 2);
    MatrixDelegate::paintCell(&p, r, state, planes);
    if (mark == Mark::Draft)
        MatrixDelegate::paintDraftGrant(&p, r);
    else if (mark == Mark::Gained)
        MatrixDelegate::paintGained(&p, r);
    else if (mark == Mark::Lost)
        MatrixDelegate::paintLost(&p, r);
    return pm;
}

} // namespace

LegendWidget::LegendWidget(QWidget *parent)
    : QWidget(parent)
{
    auto *layout = new FlowLayout(this);
    auto add = [&](MatrixCell::State state, Planes planes, const QString &text, const QString &tip, Mark mark = Mark::None) {
        // One widget per entry so that swatch and text wrap together.
        auto *entry = new QWidget(this);
        auto *row = new QHBoxLayout(entry);
        row->setContentsMargins(0, 0, 0, 0);
        row->setSpacing(4);
        auto *icon = new QLabel(entry);
        icon->setPixmap(swatch(state, planes, devicePixelRatioF(), mark));
        auto *label = new QLabel(text, entry);
        label->setObjectName(QStringLiteral("legendEntry"));
        entry->setToolTip(tip);
        row->addWidget(icon);
        row->addWidget(label);
        layout->addWidget(entry);
        return entry;
    };
    add(MatrixCell::State::Allowed, planeBit(Plane::Kubernetes), planestyle::label(Plane::Kubernetes),
        tr("Allowed by a Kubernetes RoleBinding or ClusterRoleBinding"));
    add(MatrixCell::State::Allowed, planeBit(Plane::Azure), planestyle::label(Plane::Azure),
        tr("Allowed by an Azure role assignment's dataActions (AKS Azure RBAC)"));
    add(MatrixCell::State::Allowed, planeBit(Plane::AksAdminGroup), planestyle::label(Plane::AksAdminGroup),
        tr("Member of an AKS admin group (aadProfile.adminGroupObjectIds): cluster-admin"));
    add(MatrixCell::State::Allowed, planeBit(Plane::AdminCredential), planestyle::label(Plane::AdminCredential),
        tr("May download the cluster admin credential while local accounts are enabled: cluster-admin"));
    add(MatrixCell::State::SomeNames, planeBit(Plane::Kubernetes), tr("Some names only"),
        tr("A rule allows it only for the resource names it lists"));
    add(MatrixCell::State::Conditional, 0, tr("Conditional (ABAC)"),
        tr("Only an Azure assignment with a condition would allow it; Clearance does not evaluate conditions"));
    add(MatrixCell::State::Denied, 0, tr("Denied"), tr("Nothing grants it"));
    add(MatrixCell::State::Denied, 0, tr("New with drafts"), tr("Denied now; the drafts would allow it"), Mark::Draft);
    m_comparisonEntries << add(MatrixCell::State::Denied, 0, tr("Gained (compare)"),
                               tr("Compared snapshots: denied in BASE, allowed in HEAD"), Mark::Gained)
                        << add(MatrixCell::State::Allowed, planeBit(Plane::Kubernetes), tr("Lost (compare)"),
                               tr("Compared snapshots: allowed in BASE, denied in HEAD"), Mark::Lost);
    setComparing(false);
}

void LegendWidget::setComparing(bool comparing)
{
    for (QWidget *w : m_comparisonEntries)
        w->setHidden(!comparing);
}

QStringList LegendWidget::entries() const
{
    QStringList out;
    for (auto *label : findChildren<QLabel *>(QStringLiteral("legendEntry")))
        if (!label->parentWidget()->isHidden())
            out << label->text();
    return out;
}

} // namespace clr::ui
