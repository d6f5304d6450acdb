// SPDX-License-Identifier: GPL-3.0-or-later
#include "common/planestyle.h"

#include <QStringList>

namespace clr::ui::planestyle {

QColor color(Plane plane)
{
    switch (plane) {
    case Plane::Kubernetes:
        return QColor(0x32, 0x6c, 0xe5); // the Kubernetes logo blue
    case Plane::Azure:
        return QColor(0x00, 0x96, 0x88); // teal
    case Plane::AksAdminGroup:
        return QColor(0x8e, 0x44, 0xad); // purple
    case Plane::AdminCredential:
        return QColor(0xe6, 0x51, 0x00); // red-orange: the path people overlook
    }
    return Qt::black;
}

QString label(Plane plane)
{
    switch (plane) {
    case Plane::Kubernetes:
        return QStringLiteral("Kubernetes RBAC");
    case Plane::Azure:
        return QStringLiteral("Azure RBAC");
    case Plane::AksAdminGroup:
        return QStringLiteral("AKS admin group");
    case Plane::AdminCredential:
        return QStringLiteral("Admin credential");
    }
    return {};
}

QString labels(Planes planes)
{
    QStringList out;
    for (Plane p : kAllPlanes) {
        if (planes & planeBit(p))
            out << label(p);
    }
    return out.join(QStringLiteral(", "));
}

QString chipHtml(Plane plane)
{
    const QColor bg = color(plane);
    return QStringLiteral("<span style=\"background-color:%1; color:%2;\">&nbsp;%3&nbsp;</span>")
        .arg(bg.name(), textOn(bg).name(), label(plane).toHtmlEscaped());
}

QColor deniedColor()
{
    return QColor(0xe8, 0xe8, 0xec);
}

QColor conditionalColor()
{
    return color(Plane::Azure).lighter(150);
}

QColor textOn(const QColor &background)
{
    return background.lightnessF() > 0.6 ? QColor(Qt::black) : QColor(Qt::white);
}

} // namespace clr::ui::planestyle
