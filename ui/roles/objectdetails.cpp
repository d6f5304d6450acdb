// SPDX-License-Identifier: GPL-3.0-or-later
#include "roles/objectdetails.h"

#include "common/stringconv.h"
#include "explain/explanationhtml.h"

#include <QObject>
#include <QStringList>

namespace clr::ui {

namespace {

const QString kSourceScheme = QStringLiteral("src:");

QString link(const ObjectRef &ref, const QString &label)
{
    return QStringLiteral("<a href=\"%1\">%2</a>").arg(linkForRef(ref.toString()), label.toHtmlEscaped());
}

QString sourceLine(const Session &s, const SourceRef &src)
{
    const std::string file = s.graph->fileOf(src);
    if (file.empty())
        return QStringLiteral("<p><i>%1</i></p>").arg(QObject::tr("Not from a file (implicit or built in)."));
    const QString label = src.line > 0 ? QStringLiteral("%1:%2").arg(toQString(file)).arg(src.line) : toQString(file);
    return QStringLiteral("<p>%1 <a href=\"%2\">%3</a></p>").arg(QObject::tr("Defined in"), sourceLink(file, src.line), label.toHtmlEscaped());
}

QString roleHtml(const Session &s, const RbacObjectsModel &model, RbacObject o)
{
    const auto &kube = s.graph->kubernetes().cluster();
    const auto &r = kube.roles[o.index];
    QString html = QStringLiteral("<h3>%1 %2</h3>").arg(r.cluster ? QStringLiteral("ClusterRole") : QStringLiteral("Role"),
                                                         toQString(r.cluster ? r.name : r.ns + '/' + r.name).toHtmlEscaped());
    if (r.aggregated) {
        QStringList origins;
        for (const auto &name : r.ruleOrigins) {
            const QString l = link({ObjectRef::Kind::ClusterRole, name}, toQString(name));
            if (!origins.contains(l))
                origins << l;
        }
        html += QStringLiteral("<p>%1 %2</p>").arg(QObject::tr("Aggregated: its rules come from"),
                                                   origins.isEmpty() ? QObject::tr("no ClusterRole (no label matches)") : origins.join(QStringLiteral(", ")));
    }
    QStringList users;
    for (std::uint32_t b = 0; b < kube.bindings.size(); ++b) {
        if (s.graph->kubernetes().roleOf(b) == int(o.index))
            users << link(model.refOf({kube.bindings[b].cluster ? ObjectKind::ClusterRoleBinding : ObjectKind::RoleBinding, b}),
                          toQString(kube.bindings[b].cluster ? kube.bindings[b].name : kube.bindings[b].ns + '/' + kube.bindings[b].name));
    }
    html += QStringLiteral("<p>%1 %2</p>").arg(QObject::tr("Bound by:"), users.isEmpty() ? QObject::tr("nothing") : users.join(QStringLiteral(", ")));
    return html + sourceLine(s, r.source);
}

QString bindingHtml(const Session &s, const RbacObjectsModel &model, RbacObject o)
{
    const auto &kube = s.graph->kubernetes().cluster();
    const auto &b = kube.bindings[o.index];
    QString html = QStringLiteral("<h3>%1 %2</h3>").arg(b.cluster ? QStringLiteral("ClusterRoleBinding") : QStringLiteral("RoleBinding"),
                                                         toQString(b.cluster ? b.name : b.ns + '/' + b.name).toHtmlEscaped());
    const int role = s.graph->kubernetes().roleOf(o.index);
    const QString roleLabel = toQString(b.roleRef.kind + ' ' + b.roleRef.name);
    if (role < 0) {
        html += QStringLiteral("<p style=\"color:#c62828;\">%1</p>")
                    .arg(QObject::tr("Refers to %1, which does not exist: this binding grants nothing.").arg(roleLabel).toHtmlEscaped());
    } else {
        const auto &r = kube.roles[std::size_t(role)];
        html += QStringLiteral("<p>%1 %2%3</p>")
                    .arg(QObject::tr("Grants"), link(model.refOf({r.cluster ? ObjectKind::ClusterRole : ObjectKind::Role, std::uint32_t(role)}), roleLabel),
                         b.cluster ? QObject::tr(" in every namespace and at cluster scope") : QObject::tr(" in namespace %1 only").arg(toQString(b.ns)));
    }
    return html + sourceLine(s, b.source);
}

QString definitionHtml(const Session &s, const RbacObjectsModel &model, RbacObject o)
{
    const auto &az = s.graph->snapshot().azure;
    const auto &d = az.roleDefinitions[o.index];
    QString html = QStringLiteral("<h3>%1</h3><p>%2</p>").arg(toQString(d.roleName).toHtmlEscaped(), toQString(d.description).toHtmlEscaped());
    html += QStringLiteral("<p>%1 · <code>%2</code></p>").arg(d.builtin ? QObject::tr("Built-in role") : QObject::tr("Custom role"), toQString(d.id).toHtmlEscaped());
    QStringList uses;
    for (std::uint32_t a = 0; a < az.assignments.size(); ++a) {
        if (az.definitionOf(az.assignments[a]) == &d)
            uses << link(model.refOf({ObjectKind::Assignment, a}), toQString(az.assignments[a].scope));
    }
    html += QStringLiteral("<p>%1 %2</p>").arg(QObject::tr("Assigned at:"), uses.isEmpty() ? QObject::tr("nowhere in this snapshot") : uses.join(QStringLiteral("<br>")));
    return html + sourceLine(s, d.source);
}

QString assignmentHtml(const Session &s, const RbacObjectsModel &model, RbacObject o)
{
    const auto &az = s.graph->snapshot().azure;
    const auto &a = az.assignments[o.index];
    const auto *def = az.definitionOf(a);
    QString html = QStringLiteral("<h3>%1</h3>").arg(QObject::tr("Azure role assignment"));
    if (def) {
        const auto defIndex = std::uint32_t(def - az.roleDefinitions.data());
        html += QStringLiteral("<p>%1 %2</p>").arg(QObject::tr("Role:"), link(model.refOf({ObjectKind::RoleDefinition, defIndex}), toQString(def->roleName)));
    } else {
        html += QStringLiteral("<p style=\"color:#c62828;\">%1</p>").arg(QObject::tr("Unknown role definition %1: grants nothing here.").arg(toQString(a.roleDefinitionId)).toHtmlEscaped());
    }
    const auto p = s.graph->snapshot().directory.find(a.principalId);
    if (p != entra::NoPrincipal && s.graph->snapshot().directory.at(p).type != entra::PrincipalType::Unresolved) {
        const auto ref = s.catalog->principalRef(p);
        html += QStringLiteral("<p>%1 %2</p>").arg(QObject::tr("Assigned to:"), link(s.catalog->refOf(ref), s.catalog->kindLabel(ref) + QLatin1Char(' ') + s.catalog->name(ref)));
    } else {
        html += QStringLiteral("<p style=\"color:#c62828;\">%1</p>")
                    .arg(QObject::tr("Assigned to %1 (%2), which is not in the Entra export: its access cannot be attributed.")
                             .arg(toQString(a.principalId), toQString(a.principalType))
                             .toHtmlEscaped());
    }
    html += QStringLiteral("<p>%1 <code>%2</code></p>").arg(QObject::tr("Scope:"), toQString(a.scope).toHtmlEscaped());
    if (!a.condition.empty())
        html += QStringLiteral("<p>%1 <code>%2</code></p>").arg(QObject::tr("Condition (not evaluated):"), toQString(a.condition).toHtmlEscaped());
    if (!a.description.empty())
        html += QStringLiteral("<p><i>%1</i></p>").arg(toQString(a.description).toHtmlEscaped());
    return html + sourceLine(s, a.source);
}

} // namespace

QString sourceLink(const std::string &file, int line)
{
    return kSourceScheme + QString::fromLatin1(QUrl::toPercentEncoding(toQString(file))) + QStringLiteral("?line=%1").arg(line);
}

bool parseSourceLink(const QUrl &url, QString *file, int *line)
{
    const QString text = url.toString(QUrl::FullyEncoded);
    if (!text.startsWith(kSourceScheme))
        return false;
    const QString rest = text.mid(kSourceScheme.size());
    const auto q = rest.lastIndexOf(QStringLiteral("?line="));
    *file = QUrl::fromPercentEncoding(rest.left(q).toUtf8());
    *line = q < 0 ? 0 : rest.mid(q + 6).toInt();
    return true;
}

QString objectDetailsHtml(const Session &session, const RbacObjectsModel &model, RbacObject object)
{
    switch (object.kind) {
    case ObjectKind::Role:
    case ObjectKind::ClusterRole:
        return roleHtml(session, model, object);
    case ObjectKind::RoleBinding:
    case ObjectKind::ClusterRoleBinding:
        return bindingHtml(session, model, object);
    case ObjectKind::RoleDefinition:
        return definitionHtml(session, model, object);
    case ObjectKind::Assignment:
        return assignmentHtml(session, model, object);
    default:
        return {};
    }
}

} // namespace clr::ui
