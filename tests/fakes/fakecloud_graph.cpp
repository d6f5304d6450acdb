// SPDX-License-Identifier: GPL-3.0-or-later
// FakeCloud: Microsoft Graph (users, servicePrincipals, groups/delta).
#include "fakecloud.h"

#include <QJsonDocument>

namespace clr::fakes {

namespace {

QByteArray toJson(const QJsonObject &o)
{
    return QJsonDocument(o).toJson(QJsonDocument::Compact);
}

FakeResponse graphError(int status, const QString &code, const QString &message)
{
    return FakeResponse::json(toJson(QJsonObject{
                                  {QStringLiteral("error"), QJsonObject{{QStringLiteral("code"), code},
                                                                        {QStringLiteral("message"), message},
                                                                        {QStringLiteral("innerError"), QJsonObject{{QStringLiteral("request-id"), QStringLiteral("0000")}}}}}}),
                              status);
}

/** A skip token with characters that must survive being followed verbatim. */
QString skipToken(int offset, int extra = 0)
{
    return QStringLiteral("RFNwdAIAAQAA%2B%2F%3D-") + QString::number(offset) + QLatin1Char('-') + QString::number(extra); // not arg(): "%2B"
}

bool parseSkipToken(const QString &encoded, int *offset, int *extra)
{
    const QStringList parts = encoded.split(QLatin1Char('-'));
    if (parts.size() != 3 || parts[0] != QLatin1String("RFNwdAIAAQAA%2B%2F%3D"))
        return false;
    *offset = parts[1].toInt();
    *extra = parts[2].toInt();
    return true;
}

/** The raw (still percent-encoded) value of a query item. */
QString rawQueryItem(const QUrl &url, const QString &name)
{
    for (const QString &part : url.query(QUrl::FullyEncoded).split(QLatin1Char('&'))) {
        if (part.startsWith(name + QLatin1Char('=')))
            return part.mid(name.size() + 1);
    }
    return {};
}

QJsonObject idOnly(const QJsonObject &o)
{
    return QJsonObject{{QStringLiteral("id"), o.value(QStringLiteral("id"))}};
}

} // namespace

void FakeCloud::addMember(const QString &groupId, const Member &member)
{
    for (Group &g : groups) {
        if (g.properties.value(QStringLiteral("id")).toString() == groupId)
            g.members << member;
    }
    m_changes << Change{++m_generation, groupId, Change::AddMember, member};
}

void FakeCloud::removeMember(const QString &groupId, const QString &memberId)
{
    for (Group &g : groups) {
        if (g.properties.value(QStringLiteral("id")).toString() == groupId)
            g.members.removeIf([&](const Member &m) { return m.id == memberId; });
    }
    m_changes << Change{++m_generation, groupId, Change::RemoveMember, Member{QString(), memberId}};
}

void FakeCloud::removeGroup(const QString &groupId)
{
    groups.removeIf([&](const Group &g) { return g.properties.value(QStringLiteral("id")).toString() == groupId; });
    m_changes << Change{++m_generation, groupId, Change::RemoveGroup, {}};
}

void FakeCloud::addGroup(const Group &group)
{
    groups << group;
    m_changes << Change{++m_generation, group.properties.value(QStringLiteral("id")).toString(), Change::AddGroup, {}};
}

void FakeCloud::handleGraph(const FakeRequest &request, const FakeServer::Reply &reply)
{
    if (!validToken(request, graphAudience())) {
        reply(graphError(401, QStringLiteral("InvalidAuthenticationToken"), QStringLiteral("Access token has expired or is not yet valid.")));
        return;
    }
    const QString path = request.path();
    if (path == QLatin1String("/v1.0/users"))
        graphCollection(QStringLiteral("users"), users, request, reply);
    else if (path == QLatin1String("/v1.0/servicePrincipals"))
        graphCollection(QStringLiteral("servicePrincipals"), servicePrincipals, request, reply);
    else if (path == QLatin1String("/v1.0/groups/delta"))
        groupsDelta(request, reply);
    else
        reply(graphError(404, QStringLiteral("Request_ResourceNotFound"), QStringLiteral("Resource not found")));
}

void FakeCloud::graphCollection(const QString &name, const QJsonArray &items, const FakeRequest &request, const FakeServer::Reply &reply)
{
    if (graphForbidden.contains(name)) {
        reply(graphError(403, QStringLiteral("Authorization_RequestDenied"), QStringLiteral("Insufficient privileges to complete the operation.")));
        return;
    }
    if (!request.hasQuery(QStringLiteral("$select")) || request.query(QStringLiteral("$top")) != QLatin1String("999")) {
        reply(graphError(400, QStringLiteral("BadRequest"), QStringLiteral("expected $select and $top=999")));
        return;
    }
    int offset = 0, extra = 0;
    if (request.hasQuery(QStringLiteral("$skiptoken")) && !parseSkipToken(rawQueryItem(request.url, QStringLiteral("$skiptoken")), &offset, &extra)) {
        reply(graphError(400, QStringLiteral("BadRequest"), QStringLiteral("Invalid skip token (the nextLink was not followed verbatim): ") + rawQueryItem(request.url, QStringLiteral("$skiptoken"))));
        return;
    }
    const int size = std::min(999, graphPageSize);
    QJsonArray value;
    for (int i = offset; i < items.size() && value.size() < size; ++i)
        value.append(graphIdOnly.contains(name) ? idOnly(items[i].toObject()) : items[i]);
    QJsonObject page{{QStringLiteral("@odata.context"),
                      QStringLiteral("https://graph.microsoft.com/v1.0/$metadata#%1(%2)").arg(name, request.query(QStringLiteral("$select")))}};
    if (offset + value.size() < items.size()) {
        QUrl next = m_graph->url();
        next.setPath(request.path());
        next.setQuery(QStringLiteral("$select=%1&$top=999&$skiptoken=%2")
                          .arg(QString::fromLatin1(QUrl::toPercentEncoding(request.query(QStringLiteral("$select")), ",")), skipToken(offset + value.size())),
                      QUrl::StrictMode);
        page.insert(QStringLiteral("@odata.nextLink"), next.toString(QUrl::FullyEncoded));
    }
    page.insert(QStringLiteral("value"), value);
    reply(FakeResponse::json(toJson(page)));
}

void FakeCloud::groupsDelta(const FakeRequest &request, const FakeServer::Reply &reply)
{
    if (graphForbidden.contains(QStringLiteral("groups"))) {
        reply(graphError(403, QStringLiteral("Authorization_RequestDenied"), QStringLiteral("Insufficient privileges to complete the operation.")));
        return;
    }
    if (request.hasQuery(QStringLiteral("$deltatoken"))) {
        const int since = request.query(QStringLiteral("$deltatoken")).toInt();
        if (since < deltaExpiredBefore) {
            reply(graphError(400, QStringLiteral("syncStateNotFound"),
                             QStringLiteral("The sync state generation is not found. The delta token is expired and data must be "
                                            "synchronized again.")));
            return;
        }
        groupsChanges(since, reply);
        return;
    }
    // A full round: groups in order, at most deltaRefsPerPage member references per page; a group
    // with more members continues on the next page with its id and the rest of members@delta.
    int groupIndex = 0, memberIndex = 0;
    if (request.hasQuery(QStringLiteral("$skiptoken")) && !parseSkipToken(rawQueryItem(request.url, QStringLiteral("$skiptoken")), &groupIndex, &memberIndex)) {
        reply(graphError(400, QStringLiteral("BadRequest"), QStringLiteral("Invalid skip token: ") + request.url.toString(QUrl::FullyEncoded)));
        return;
    }
    QJsonArray value;
    int refs = 0;
    while (groupIndex < groups.size() && refs < deltaRefsPerPage) {
        const Group &g = groups[groupIndex];
        QJsonObject entry = memberIndex == 0 ? g.properties : QJsonObject{{QStringLiteral("id"), g.properties.value(QStringLiteral("id"))}};
        if (graphIdOnly.contains(QStringLiteral("groups")))
            entry = idOnly(g.properties);
        QJsonArray members;
        while (memberIndex < g.members.size() && refs < deltaRefsPerPage) {
            const Member &m = g.members[memberIndex++];
            members.append(QJsonObject{{QStringLiteral("@odata.type"), m.type}, {QStringLiteral("id"), m.id}});
            ++refs;
        }
        entry.insert(QStringLiteral("members@delta"), members);
        value.append(entry);
        if (memberIndex >= g.members.size()) {
            ++groupIndex;
            memberIndex = 0;
        }
    }
    QJsonObject page{{QStringLiteral("@odata.context"), QStringLiteral("https://graph.microsoft.com/v1.0/$metadata#groups(id,displayName,members)")}};
    QUrl link = m_graph->url();
    link.setPath(QStringLiteral("/v1.0/groups/delta"));
    if (groupIndex < groups.size()) {
        link.setQuery(QStringLiteral("$skiptoken=") + skipToken(groupIndex, memberIndex), QUrl::StrictMode);
        page.insert(QStringLiteral("@odata.nextLink"), link.toString(QUrl::FullyEncoded));
    } else {
        link.setQuery(QStringLiteral("$deltatoken=%1").arg(m_generation));
        page.insert(QStringLiteral("@odata.deltaLink"), link.toString(QUrl::FullyEncoded));
    }
    page.insert(QStringLiteral("value"), value);
    reply(FakeResponse::json(toJson(page)));
}

void FakeCloud::groupsChanges(int since, const FakeServer::Reply &reply)
{
    QJsonArray value;
    for (const Change &c : std::as_const(m_changes)) {
        if (c.generation <= since)
            continue;
        QJsonObject entry{{QStringLiteral("id"), c.groupId}};
        switch (c.kind) {
        case Change::RemoveGroup:
            entry.insert(QStringLiteral("@removed"), QJsonObject{{QStringLiteral("reason"), QStringLiteral("changed")}});
            break;
        case Change::AddGroup:
            for (const Group &g : std::as_const(groups)) {
                if (g.properties.value(QStringLiteral("id")).toString() == c.groupId) {
                    entry = g.properties;
                    QJsonArray members;
                    for (const Member &m : g.members)
                        members.append(QJsonObject{{QStringLiteral("@odata.type"), m.type}, {QStringLiteral("id"), m.id}});
                    entry.insert(QStringLiteral("members@delta"), members);
                }
            }
            break;
        case Change::AddMember:
            entry.insert(QStringLiteral("members@delta"),
                         QJsonArray{QJsonObject{{QStringLiteral("@odata.type"), c.member.type}, {QStringLiteral("id"), c.member.id}}});
            break;
        case Change::RemoveMember:
            entry.insert(QStringLiteral("members@delta"),
                         QJsonArray{QJsonObject{{QStringLiteral("@odata.type"), QStringLiteral("#microsoft.graph.user")},
                                                {QStringLiteral("id"), c.member.id},
                                                {QStringLiteral("@removed"), QJsonObject{{QStringLiteral("reason"), QStringLiteral("deleted")}}}}});
            break;
        }
        value.append(entry);
    }
    QUrl link = m_graph->url();
    link.setPath(QStringLiteral("/v1.0/groups/delta"));
    link.setQuery(QStringLiteral("$deltatoken=%1").arg(m_generation));
    reply(FakeResponse::json(toJson(QJsonObject{
        {QStringLiteral("@odata.context"), QStringLiteral("https://graph.microsoft.com/v1.0/$metadata#groups(id,displayName,members)")},
        {QStringLiteral("@odata.deltaLink"), link.toString(QUrl::FullyEncoded)},
        {QStringLiteral("value"), value}})));
}

} // namespace clr::fakes
