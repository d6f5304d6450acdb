// SPDX-License-Identifier: GPL-3.0-or-later
#include "drafts/draft.h"

#include "generate/generator.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QUuid>

#include <cmath>

namespace clr::drafts {

namespace {

constexpr int kFormatVersion = 1;

QString q(const std::string &s)
{
    return QString::fromStdString(s);
}

std::string s(const QJsonValue &v)
{
    return v.toString().toStdString();
}

const char *subjectKindName(DraftSubject::Kind kind)
{
    switch (kind) {
    case DraftSubject::Kind::Group:
        return "Group";
    case DraftSubject::Kind::ServiceAccount:
        return "ServiceAccount";
    case DraftSubject::Kind::User:
        break;
    }
    return "User";
}

std::optional<DraftSubject::Kind> subjectKindFromName(const std::string &name)
{
    if (name == "User")
        return DraftSubject::Kind::User;
    if (name == "Group")
        return DraftSubject::Kind::Group;
    if (name == "ServiceAccount")
        return DraftSubject::Kind::ServiceAccount;
    return std::nullopt;
}

QJsonObject subjectToJson(const DraftSubject &subject)
{
    QJsonObject o;
    o[QStringLiteral("kind")] = QString::fromLatin1(subjectKindName(subject.kind));
    o[QStringLiteral("name")] = q(subject.name);
    if (!subject.ns.empty())
        o[QStringLiteral("namespace")] = q(subject.ns);
    o[QStringLiteral("displayName")] = q(subject.displayName);
    if (!subject.objectId.empty())
        o[QStringLiteral("objectId")] = q(subject.objectId);
    if (!subject.principalType.empty())
        o[QStringLiteral("principalType")] = q(subject.principalType);
    return o;
}

QJsonObject draftToJson(const Draft &d)
{
    QJsonObject o;
    o[QStringLiteral("id")] = q(d.id);
    o[QStringLiteral("kind")] = QString::fromLatin1(kindName(d.kind));
    o[QStringLiteral("subject")] = subjectToJson(d.subject);
    o[QStringLiteral("created")] = double(d.createdMs);
    if (d.isKubernetes()) {
        o[QStringLiteral("name")] = q(d.name);
        o[QStringLiteral("roleRef")] = QJsonObject{{QStringLiteral("kind"), q(d.roleKind)}, {QStringLiteral("name"), q(d.roleName)}};
        if (!d.ns.empty())
            o[QStringLiteral("namespace")] = q(d.ns);
    } else {
        o[QStringLiteral("roleDefinitionId")] = q(d.roleDefinitionId);
        o[QStringLiteral("roleDefinitionName")] = q(d.roleDefinitionName);
        o[QStringLiteral("scope")] = q(d.scope);
    }
    return o;
}

std::optional<Draft> draftFromJson(const QJsonObject &o, QString *error)
{
    Draft d;
    d.id = s(o[QStringLiteral("id")]);
    const auto kind = kindFromName(s(o[QStringLiteral("kind")]));
    const QJsonObject subject = o[QStringLiteral("subject")].toObject();
    const auto subjectKind = subjectKindFromName(s(subject[QStringLiteral("kind")]));
    if (d.id.empty() || !kind || !subjectKind) {
        if (error)
            *error = QStringLiteral("draft %1: missing id, unknown kind or subject kind").arg(q(d.id));
        return std::nullopt;
    }
    d.kind = *kind;
    d.subject.kind = *subjectKind;
    d.subject.name = s(subject[QStringLiteral("name")]);
    d.subject.ns = s(subject[QStringLiteral("namespace")]);
    d.subject.displayName = s(subject[QStringLiteral("displayName")]);
    d.subject.objectId = s(subject[QStringLiteral("objectId")]);
    d.subject.principalType = s(subject[QStringLiteral("principalType")]);
    // Whole milliseconds that a double holds exactly; anything else (NaN, 1e300) would be undefined
    // behaviour to convert and could not be written back as read.
    const double created = o[QStringLiteral("created")].toDouble();
    d.createdMs = std::isfinite(created) && std::fabs(created) <= 9007199254740992.0 ? std::int64_t(created) : 0;
    // Only the fields of the draft's kind: toJson() writes no others, so a file reads back as written.
    if (d.isKubernetes()) {
        d.name = s(o[QStringLiteral("name")]);
        const QJsonObject roleRef = o[QStringLiteral("roleRef")].toObject();
        d.roleKind = s(roleRef[QStringLiteral("kind")]);
        d.roleName = s(roleRef[QStringLiteral("name")]);
        d.ns = s(o[QStringLiteral("namespace")]);
    } else {
        d.roleDefinitionId = s(o[QStringLiteral("roleDefinitionId")]);
        d.roleDefinitionName = s(o[QStringLiteral("roleDefinitionName")]);
        d.scope = s(o[QStringLiteral("scope")]);
    }
    return d;
}

std::string subjectLabel(const DraftSubject &subject)
{
    const std::string &label = subject.displayName.empty() ? subject.name : subject.displayName;
    return subject.kind == DraftSubject::Kind::ServiceAccount ? subject.ns + '/' + label : label;
}

} // namespace

const char *kindName(DraftKind kind)
{
    switch (kind) {
    case DraftKind::ClusterRoleBinding:
        return "ClusterRoleBinding";
    case DraftKind::AzureAssignment:
        return "AzureRoleAssignment";
    case DraftKind::RoleBinding:
        break;
    }
    return "RoleBinding";
}

std::optional<DraftKind> kindFromName(const std::string &name)
{
    for (DraftKind k : {DraftKind::RoleBinding, DraftKind::ClusterRoleBinding, DraftKind::AzureAssignment}) {
        if (name == kindName(k))
            return k;
    }
    return std::nullopt;
}

std::string Draft::describe() const
{
    const std::string who = std::string(subject.kind == DraftSubject::Kind::Group ? "group " : "") + subjectLabel(subject);
    switch (kind) {
    case DraftKind::RoleBinding:
        return "RoleBinding " + ns + '/' + name + ": " + roleKind + ' ' + roleName + " for " + who;
    case DraftKind::ClusterRoleBinding:
        return "ClusterRoleBinding " + name + ": ClusterRole " + roleName + " for " + who;
    case DraftKind::AzureAssignment:
        break;
    }
    return "Azure role assignment: " + roleDefinitionName + " for " + who + " at " + scope;
}

ObjectRef Draft::ref() const
{
    switch (kind) {
    case DraftKind::RoleBinding:
        return {ObjectRef::Kind::RoleBinding, ns, name};
    case DraftKind::ClusterRoleBinding:
        return {ObjectRef::Kind::ClusterRoleBinding, name};
    case DraftKind::AzureAssignment:
        break;
    }
    return {ObjectRef::Kind::Assignment, assignmentId()};
}

std::string Draft::assignmentId() const
{
    return scope + "/providers/Microsoft.Authorization/roleAssignments/" + id;
}

int DraftSet::indexOf(const std::string &id) const
{
    for (std::size_t i = 0; i < drafts.size(); ++i) {
        if (drafts[i].id == id)
            return int(i);
    }
    return -1;
}

const Draft *DraftSet::find(const std::string &id) const
{
    const int i = indexOf(id);
    return i < 0 ? nullptr : &drafts[std::size_t(i)];
}

std::string newDraftId()
{
    return QUuid::createUuid().toString(QUuid::WithoutBraces).toStdString();
}

std::string defaultBindingName(const Draft &draft)
{
    std::string label = draft.subject.displayName.empty() ? draft.subject.name : draft.subject.displayName;
    return gen::sanitizeName(draft.roleName + '-' + label);
}

QByteArray toJson(const DraftSet &set)
{
    QJsonArray drafts;
    for (const Draft &d : set.drafts)
        drafts.append(draftToJson(d));
    const QJsonObject root{{QStringLiteral("version"), kFormatVersion}, {QStringLiteral("drafts"), drafts}};
    return QJsonDocument(root).toJson(QJsonDocument::Indented);
}

std::optional<DraftSet> fromJson(const QByteArray &json, QString *error)
{
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(json, &parseError);
    if (!doc.isObject()) {
        if (error)
            *error = parseError.error != QJsonParseError::NoError ? parseError.errorString() : QStringLiteral("not a JSON object");
        return std::nullopt;
    }
    const QJsonObject root = doc.object();
    if (root[QStringLiteral("version")].toInt() != kFormatVersion || !root[QStringLiteral("drafts")].isArray()) {
        if (error)
            *error = QStringLiteral("not a Clearance draft set (version %1)").arg(kFormatVersion);
        return std::nullopt;
    }
    DraftSet set;
    for (const QJsonValue &v : root[QStringLiteral("drafts")].toArray()) {
        auto d = draftFromJson(v.toObject(), error);
        if (!d)
            return std::nullopt;
        set.drafts.push_back(std::move(*d));
    }
    return set;
}

} // namespace clr::drafts
