// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "fakeserver.h"

#include <QDateTime>
#include <QHash>
#include <QJsonArray>
#include <QJsonObject>
#include <QSet>
#include <QStringList>

#include <memory>

namespace clr::fakes {

/**
 * In-process stand-ins for a Kubernetes API server, Microsoft Graph, Azure Resource Manager, the
 * Microsoft identity platform and IMDS, serving the shapes the real services return, with knobs
 * for every fault the fetchers must survive: nextLink and continue paging, a group whose members
 * span delta pages, 410 on an expired continue token, 429 with and without Retry-After, 401, token
 * expiry, 403 for a missing permission, entries with nothing but an id, syncStateNotFound,
 * truncated bodies and servers that stall. Each service listens on its own HTTPS port.
 */
class FakeCloud final : public QObject
{
    Q_OBJECT

public:
    FakeCloud();
    ~FakeCloud() override;
    bool start();

    FakeServer &kube() { return *m_kube; }
    FakeServer &graph() { return *m_graph; }
    FakeServer &arm() { return *m_arm; }
    FakeServer &login() { return *m_login; }
    FakeServer &imds() { return *m_imds; }

    // ------------------------------------------------------------------ faults (any service)
    /** The next `times` requests whose path contains `pathPart` on `server` get `response`. */
    void addFault(FakeServer &server, const QString &pathPart, FakeResponse response, int times = 1);

    // ------------------------------------------------------------------ Kubernetes
    /** Adds an object to a list ("clusterroles", "rolebindings", "namespaces", ...). */
    void addKube(const QString &resource, const QJsonObject &object);
    QSet<QString> kubeTokens;          // accepted bearer tokens
    QSet<QString> kubeClientNames;     // accepted client certificate CNs (issued by the test CA)
    QSet<QString> kubeForbidden;       // resources that answer 403
    QHash<QString, int> expireContinue; // resource -> 410 this many times on a continue token
    QStringList kubeIdentities;        // who each authenticated request was ("token:x", "cert:alice")
    bool serveCrds = true;
    bool kubeKindLast = false;         // lists with kind after items

    // ------------------------------------------------------------------ Azure tokens
    QString tenantId = QStringLiteral("72f988bf-86f1-41af-91ab-2d7cd011db47");
    int tokenLifetime = 3600;
    /** A token the Graph and ARM fakes accept for `audience` until it expires. */
    QString issueToken(const QString &audience, int lifetimeSeconds = -1);
    void revokeTokens() { m_tokens.clear(); }
    static QString graphAudience() { return QStringLiteral("https://graph.microsoft.com/"); }
    static QString armAudience() { return QStringLiteral("https://management.core.windows.net/"); }
    int tokenRequests = 0;

    // ------------------------------------------------------------------ Microsoft Graph
    struct Member
    {
        QString type; // #microsoft.graph.user, .group, .servicePrincipal
        QString id;
    };
    struct Group
    {
        QJsonObject properties; // id, displayName, securityEnabled, ...
        QList<Member> members;
    };
    QJsonArray users;
    QJsonArray servicePrincipals;
    QList<Group> groups;
    int graphPageSize = 999;           // entries per users/servicePrincipals page (min with $top)
    int deltaRefsPerPage = 1000;       // member references per groups/delta page (groups span pages)
    QSet<QString> graphForbidden;      // "users", "servicePrincipals", "groups": 403
    QSet<QString> graphIdOnly;         // collections that come back with only ids (missing permission)
    /** Delta tokens older than this generation answer syncStateNotFound. */
    int deltaExpiredBefore = 0;
    void addMember(const QString &groupId, const Member &member);
    void removeMember(const QString &groupId, const QString &memberId);
    void removeGroup(const QString &groupId);
    void addGroup(const Group &group);
    int generation() const { return m_generation; }

    // ------------------------------------------------------------------ Azure Resource Manager
    struct SubscriptionData
    {
        QJsonObject subscription;
        QJsonArray clusters;
        QJsonArray assignments;
        QJsonArray definitions; // custom ones; the built-ins are added from builtinDefinitions
    };
    QList<SubscriptionData> subscriptions;
    QJsonArray builtinDefinitions;
    int armPageSize = 1000;

    // ------------------------------------------------------------------ sign-in
    QHash<QString, QString> clientSecrets;   // client ID -> secret
    QString certificateClientId;             // accepts client assertions signed by the test PKI's spn key
    QString federatedClientId;
    QString federatedToken;                  // the accepted workload identity assertion
    QString publicClientId;                  // the registered app for device code and browser sign-in
    int devicePendingPolls = 1;              // authorization_pending this many times
    QStringList refreshTokensIssued;
    int refreshRedemptions = 0;
    QString imdsClientId;                    // expected client_id (empty: system-assigned)

private:
    struct Fault
    {
        FakeServer *server;
        QString pathPart;
        FakeResponse response;
        int remaining;
    };
    struct TokenInfo
    {
        QString audience;
        QDateTime expires;
    };
    struct Change
    {
        int generation;
        QString groupId;
        enum Kind { AddMember, RemoveMember, RemoveGroup, AddGroup } kind;
        Member member;
    };

    bool takeFault(FakeServer &server, const FakeRequest &request, const FakeServer::Reply &reply);
    bool validToken(const FakeRequest &request, const QString &audience) const;

    void handleKube(const FakeRequest &request, const FakeServer::Reply &reply);
    void kubeList(const QString &resource, const FakeRequest &request, const FakeServer::Reply &reply);
    QString kubeIdentity(const FakeRequest &request) const;

    void handleGraph(const FakeRequest &request, const FakeServer::Reply &reply);
    void graphCollection(const QString &name, const QJsonArray &items, const FakeRequest &request, const FakeServer::Reply &reply);
    void groupsDelta(const FakeRequest &request, const FakeServer::Reply &reply);
    void groupsChanges(int since, const FakeServer::Reply &reply);

    void handleArm(const FakeRequest &request, const FakeServer::Reply &reply);
    void armPage(const QJsonArray &items, const FakeRequest &request, const FakeServer::Reply &reply);

    void handleLogin(const FakeRequest &request, const FakeServer::Reply &reply);
    void tokenEndpoint(const FakeRequest &request, const FakeServer::Reply &reply);
    void handleImds(const FakeRequest &request, const FakeServer::Reply &reply);
    FakeResponse tokenResponse(const QString &audience, bool withRefresh);
    bool verifyAssertion(const QString &assertion, const QString &audience) const;

    std::unique_ptr<FakeServer> m_kube, m_graph, m_arm, m_login, m_imds;
    QList<Fault> m_faults;
    QHash<QString, QList<QJsonObject>> m_kubeObjects;
    QHash<QString, TokenInfo> m_tokens;
    QList<Change> m_changes;
    int m_generation = 1;
    QHash<QString, int> m_devicePolls;       // device code -> polls so far
    QHash<QString, QString> m_refreshTokens; // refresh token -> client id
    QHash<QString, QString> m_authCodes;     // code -> code_challenge
    int m_counter = 0;
};

/** Loads a tenant written by clearance-gen-tenant into the fake services (ARM shapes from az ones). */
bool loadGeneratedTenant(FakeCloud &cloud, const QString &dir, QString *error);

/** The built-in role definitions shipped in resources/, in ARM's shape. */
QJsonArray builtinRoleDefinitionsAsArm(const QString &sourceDir);

} // namespace clr::fakes
