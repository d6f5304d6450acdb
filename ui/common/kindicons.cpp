// SPDX-License-Identifier: GPL-3.0-or-later
#include "common/kindicons.h"

#include "common/planestyle.h"

#include <QHash>
#include <QPainter>
#include <QPainterPath>
#include <QPixmap>

#include <cmath>

namespace clr::ui::kindicons {

namespace {

enum class Shape { Circle, Square, Hexagon };

struct Glyph
{
    Shape shape = Shape::Circle;
    QColor color;
    QString text; // letters; empty = person silhouettes
    int persons = 0;
};

QPainterPath shapePath(Shape shape, const QRectF &r)
{
    QPainterPath path;
    if (shape == Shape::Circle) {
        path.addEllipse(r);
    } else if (shape == Shape::Square) {
        path.addRoundedRect(r, r.width() / 5, r.width() / 5);
    } else {
        const QPointF c = r.center();
        const qreal rad = r.width() / 2;
        QPolygonF poly;
        for (int i = 0; i < 6; ++i) {
            const qreal a = (60.0 * i - 30.0) * 3.14159265358979 / 180.0;
            poly << QPointF(c.x() + rad * std::cos(a), c.y() + rad * std::sin(a));
        }
        path.addPolygon(poly);
        path.closeSubpath();
    }
    return path;
}

void drawPerson(QPainter &p, const QRectF &r)
{
    const qreal w = r.width();
    p.drawEllipse(QRectF(r.center().x() - w * 0.17, r.top() + w * 0.12, w * 0.34, w * 0.34));
    p.drawChord(QRectF(r.left() + w * 0.18, r.top() + w * 0.52, w * 0.64, w * 0.6), 0, 180 * 16);
}

QPixmap render(const Glyph &g, int size)
{
    QPixmap pm(size, size);
    pm.fill(Qt::transparent);
    QPainter p(&pm);
    p.setRenderHint(QPainter::Antialiasing);
    const QRectF r(0.5, 0.5, size - 1.0, size - 1.0);
    p.setPen(Qt::NoPen);
    p.setBrush(g.color);
    p.drawPath(shapePath(g.shape, r));
    p.setBrush(planestyle::textOn(g.color));
    if (g.persons == 1) {
        drawPerson(p, r);
    } else if (g.persons == 2) {
        drawPerson(p, r.adjusted(-size * 0.18, size * 0.05, -size * 0.18, size * 0.05));
        drawPerson(p, r.adjusted(size * 0.18, size * 0.05, size * 0.18, size * 0.05));
    } else {
        QFont f = p.font();
        f.setBold(true);
        f.setPixelSize(qMax(6, int(size * (g.text.size() > 2 ? 0.34 : g.text.size() > 1 ? 0.42 : 0.6))));
        p.setFont(f);
        p.setPen(planestyle::textOn(g.color));
        p.drawText(r, Qt::AlignCenter, g.text);
    }
    return pm;
}

QIcon makeIcon(const Glyph &g)
{
    QIcon icon;
    for (int size : {16, 24, 32, 48})
        icon.addPixmap(render(g, size));
    return icon;
}

Glyph subjectGlyph(SubjectKind kind)
{
    switch (kind) {
    case SubjectKind::User:
        return {Shape::Circle, subjectColor(kind), {}, 1};
    case SubjectKind::Group:
        return {Shape::Circle, subjectColor(kind), {}, 2};
    case SubjectKind::ServicePrincipal:
        return {Shape::Square, subjectColor(kind), QStringLiteral("A"), 0};
    case SubjectKind::ManagedIdentity:
        return {Shape::Square, subjectColor(kind), QStringLiteral("M"), 0};
    case SubjectKind::ServiceAccount:
        return {Shape::Hexagon, subjectColor(kind), QStringLiteral("SA"), 0};
    case SubjectKind::KubernetesUser:
        return {Shape::Hexagon, subjectColor(kind), {}, 1};
    case SubjectKind::KubernetesGroup:
        return {Shape::Hexagon, subjectColor(kind), {}, 2};
    case SubjectKind::UnresolvedPrincipal:
        break;
    }
    return {Shape::Circle, subjectColor(kind), QStringLiteral("?"), 0};
}

Glyph objectGlyph(ObjectKind kind)
{
    switch (kind) {
    case ObjectKind::Role:
        return {Shape::Square, objectColor(kind), QStringLiteral("R"), 0};
    case ObjectKind::ClusterRole:
        return {Shape::Square, objectColor(kind), QStringLiteral("CR"), 0};
    case ObjectKind::RoleBinding:
        return {Shape::Circle, objectColor(kind), QStringLiteral("RB"), 0};
    case ObjectKind::ClusterRoleBinding:
        return {Shape::Circle, objectColor(kind), QStringLiteral("CRB"), 0};
    case ObjectKind::RoleDefinition:
        return {Shape::Square, objectColor(kind), QStringLiteral("AZ"), 0};
    case ObjectKind::Assignment:
        return {Shape::Circle, objectColor(kind), QStringLiteral("RA"), 0};
    case ObjectKind::Namespace:
        return {Shape::Hexagon, objectColor(kind), QStringLiteral("ns"), 0};
    case ObjectKind::Folder:
        break;
    }
    return {Shape::Square, objectColor(kind), QStringLiteral("…"), 0};
}

} // namespace

QColor subjectColor(SubjectKind kind)
{
    switch (kind) {
    case SubjectKind::User:
        return QColor(0x45, 0x5a, 0x64);
    case SubjectKind::Group:
        return QColor(0xf5, 0x9e, 0x0b);
    case SubjectKind::ServicePrincipal:
        return QColor(0x3f, 0x51, 0xb5);
    case SubjectKind::ManagedIdentity:
        return QColor(0x2e, 0x7d, 0x32);
    case SubjectKind::ServiceAccount:
    case SubjectKind::KubernetesUser:
    case SubjectKind::KubernetesGroup:
        return planestyle::color(Plane::Kubernetes);
    case SubjectKind::UnresolvedPrincipal:
        break;
    }
    return QColor(0x9e, 0x9e, 0x9e);
}

QColor objectColor(ObjectKind kind)
{
    switch (kind) {
    case ObjectKind::Role:
    case ObjectKind::ClusterRole:
        return planestyle::color(Plane::Kubernetes);
    case ObjectKind::RoleBinding:
    case ObjectKind::ClusterRoleBinding:
        return planestyle::color(Plane::Kubernetes).darker(130);
    case ObjectKind::RoleDefinition:
        return planestyle::color(Plane::Azure);
    case ObjectKind::Assignment:
        return planestyle::color(Plane::Azure).darker(130);
    case ObjectKind::Namespace:
        return QColor(0x60, 0x7d, 0x8b);
    case ObjectKind::Folder:
        break;
    }
    return QColor(0x90, 0xa4, 0xae);
}

QIcon subject(SubjectKind kind, bool unresolved)
{
    static QHash<int, QIcon> cache;
    const int key = int(kind) * 2 + (unresolved ? 1 : 0);
    auto it = cache.find(key);
    if (it != cache.end())
        return *it;
    Glyph g = subjectGlyph(kind);
    if (unresolved)
        g.color = subjectColor(SubjectKind::UnresolvedPrincipal);
    return *cache.insert(key, makeIcon(g));
}

QIcon object(ObjectKind kind)
{
    static QHash<int, QIcon> cache;
    auto it = cache.find(int(kind));
    if (it != cache.end())
        return *it;
    return *cache.insert(int(kind), makeIcon(objectGlyph(kind)));
}

} // namespace clr::ui::kindicons
