// SPDX-License-Identifier: GPL-3.0-or-later
#include "drafts/identitymime.h"

#include "drafts/applydrafts.h"
#include "models/subjectcatalog.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMimeData>

namespace clr::ui {

drafts::DraftSubject draftSubjectOf(const SubjectCatalog &catalog, SubjectRef ref)
{
    switch (ref.kind) {
    case SubjectKind::ServiceAccount: {
        const auto &sa = catalog.serviceAccount(ref);
        return drafts::subjectForServiceAccount(sa.ns, sa.name);
    }
    case SubjectKind::KubernetesUser:
        return drafts::subjectForKubernetes(drafts::DraftSubject::Kind::User, catalog.kubernetesName(ref).toStdString());
    case SubjectKind::KubernetesGroup:
        return drafts::subjectForKubernetes(drafts::DraftSubject::Kind::Group, catalog.kubernetesName(ref).toStdString());
    default:
        break;
    }
    return drafts::subjectForPrincipal(catalog.graph(), ref.id);
}

QMimeData *encodeIdentities(const SubjectCatalog &catalog, const std::vector<SubjectRef> &refs)
{
    QJsonArray items;
    QStringList names;
    for (const SubjectRef &ref : refs) {
        const drafts::DraftSubject s = draftSubjectOf(catalog, ref);
        items.append(QJsonObject{{QStringLiteral("kind"), int(ref.kind)},
                                 {QStringLiteral("id"), qint64(ref.id)},
                                 {QStringLiteral("subjectKind"), int(s.kind)},
                                 {QStringLiteral("name"), QString::fromStdString(s.name)},
                                 {QStringLiteral("namespace"), QString::fromStdString(s.ns)},
                                 {QStringLiteral("displayName"), QString::fromStdString(s.displayName)},
                                 {QStringLiteral("objectId"), QString::fromStdString(s.objectId)},
                                 {QStringLiteral("principalType"), QString::fromStdString(s.principalType)}});
        names << QString::fromStdString(s.name);
    }
    auto *data = new QMimeData;
    data->setData(kIdentityMimeType, QJsonDocument(items).toJson(QJsonDocument::Compact));
    data->setText(names.join(QLatin1Char('\n')));
    return data;
}

std::vector<DraggedIdentity> decodeIdentities(const QMimeData *data)
{
    std::vector<DraggedIdentity> out;
    if (!data || !data->hasFormat(kIdentityMimeType))
        return out;
    const QJsonArray items = QJsonDocument::fromJson(data->data(kIdentityMimeType)).array();
    for (const QJsonValue &v : items) {
        const QJsonObject o = v.toObject();
        const int kind = o[QStringLiteral("kind")].toInt(-1);
        const int subjectKind = o[QStringLiteral("subjectKind")].toInt(-1);
        if (kind < 0 || kind >= kSubjectKindCount || subjectKind < 0 || subjectKind > 2)
            continue;
        DraggedIdentity d;
        d.ref = {SubjectKind(kind), std::uint32_t(o[QStringLiteral("id")].toInteger())};
        d.subject.kind = drafts::DraftSubject::Kind(subjectKind);
        d.subject.name = o[QStringLiteral("name")].toString().toStdString();
        d.subject.ns = o[QStringLiteral("namespace")].toString().toStdString();
        d.subject.displayName = o[QStringLiteral("displayName")].toString().toStdString();
        d.subject.objectId = o[QStringLiteral("objectId")].toString().toStdString();
        d.subject.principalType = o[QStringLiteral("principalType")].toString().toStdString();
        if (!d.subject.name.empty())
            out.push_back(std::move(d));
    }
    return out;
}

} // namespace clr::ui
