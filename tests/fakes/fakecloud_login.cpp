// SPDX-License-Identifier: GPL-3.0-or-later
// FakeCloud: the Microsoft identity platform's token, device code and authorize endpoints, and IMDS.
#include "fakecloud.h"

#include "testpki.h"

#include <QCryptographicHash>
#include <QJsonDocument>
#include <QProcess>
#include <QTemporaryFile>

namespace clr::fakes {

namespace {

QByteArray toJson(const QJsonObject &o)
{
    return QJsonDocument(o).toJson(QJsonDocument::Compact);
}

FakeResponse oauthError(const QString &error, const QString &description, int status = 400)
{
    return FakeResponse::json(toJson(QJsonObject{{QStringLiteral("error"), error},
                                                 {QStringLiteral("error_description"), description + QStringLiteral("\r\nTrace ID: 1\r\nCorrelation ID: 2")}}),
                              status);
}

/** "https://graph.microsoft.com/.default offline_access" -> "https://graph.microsoft.com/" */
QString audienceOfScope(const QString &scope)
{
    for (const QString &s : scope.split(QLatin1Char(' '), Qt::SkipEmptyParts)) {
        if (s.endsWith(QLatin1String("/.default")))
            return s.chopped(8);
    }
    return {};
}

QByteArray base64UrlDecode(const QString &s)
{
    return QByteArray::fromBase64(s.toLatin1(), QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
}

} // namespace

FakeResponse FakeCloud::tokenResponse(const QString &audience, bool withRefresh)
{
    ++tokenRequests;
    QJsonObject o{{QStringLiteral("token_type"), QStringLiteral("Bearer")},
                  {QStringLiteral("expires_in"), tokenLifetime},
                  {QStringLiteral("access_token"), issueToken(audience)}};
    if (withRefresh) {
        const QString refresh = QStringLiteral("fake-refresh-token-%1-secret").arg(++m_counter);
        m_refreshTokens.insert(refresh, publicClientId);
        refreshTokensIssued << refresh;
        o.insert(QStringLiteral("refresh_token"), refresh);
    }
    return FakeResponse::json(toJson(o));
}

bool FakeCloud::verifyAssertion(const QString &assertion, const QString &audience) const
{
    const QStringList parts = assertion.split(QLatin1Char('.'));
    if (parts.size() != 3)
        return false;
    const QJsonObject header = QJsonDocument::fromJson(base64UrlDecode(parts[0])).object();
    const QJsonObject claims = QJsonDocument::fromJson(base64UrlDecode(parts[1])).object();
    const TestPki &pki = TestPki::instance();
    const QByteArray thumb = QSslCertificate(pki.read(QStringLiteral("spn.crt"))).digest(QCryptographicHash::Sha1)
                                 .toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
    if (header.value(QStringLiteral("alg")).toString() != QLatin1String("RS256") || header.value(QStringLiteral("x5t")).toString().toLatin1() != thumb
        || claims.value(QStringLiteral("aud")).toString() != audience || claims.value(QStringLiteral("iss")).toString() != certificateClientId
        || claims.value(QStringLiteral("sub")).toString() != certificateClientId)
        return false;
    // The signature, checked by openssl against the certificate's public key.
    QTemporaryFile data, signature;
    if (!data.open() || !signature.open())
        return false;
    data.write((parts[0] + QLatin1Char('.') + parts[1]).toLatin1());
    data.flush();
    signature.write(base64UrlDecode(parts[2]));
    signature.flush();
    QProcess openssl;
    openssl.start(QStringLiteral("openssl"), {QStringLiteral("dgst"), QStringLiteral("-sha256"), QStringLiteral("-verify"), pki.path(QStringLiteral("spn.pub")),
                                              QStringLiteral("-signature"), signature.fileName(), data.fileName()});
    return openssl.waitForFinished(30000) && openssl.exitCode() == 0;
}

void FakeCloud::handleLogin(const FakeRequest &request, const FakeServer::Reply &reply)
{
    const QStringList parts = request.path().split(QLatin1Char('/'), Qt::SkipEmptyParts);
    if (parts.size() != 4 || parts[1] != QLatin1String("oauth2") || parts[2] != QLatin1String("v2.0")) {
        reply(oauthError(QStringLiteral("invalid_request"), QStringLiteral("AADSTS90002: Tenant not found."), 404));
        return;
    }
    const QString leaf = parts[3];
    const QMap<QString, QString> form = request.form();
    if (leaf == QLatin1String("token")) {
        tokenEndpoint(request, reply);
    } else if (leaf == QLatin1String("devicecode")) {
        if (form.value(QStringLiteral("client_id")) != publicClientId) {
            reply(oauthError(QStringLiteral("unauthorized_client"), QStringLiteral("AADSTS700016: Application with identifier 'x' was not found in the directory.")));
            return;
        }
        const QString code = QStringLiteral("device-%1").arg(++m_counter);
        m_devicePolls.insert(code, 0);
        m_authCodes.insert(code, audienceOfScope(form.value(QStringLiteral("scope"))));
        reply(FakeResponse::json(toJson(QJsonObject{
            {QStringLiteral("device_code"), code},
            {QStringLiteral("user_code"), QStringLiteral("FAKE-CODE")},
            {QStringLiteral("verification_uri"), QStringLiteral("https://microsoft.com/devicelogin")},
            {QStringLiteral("expires_in"), 900},
            {QStringLiteral("interval"), 1},
            {QStringLiteral("message"), QStringLiteral("To sign in, use a web browser to open the page https://microsoft.com/devicelogin and "
                                                       "enter the code FAKE-CODE to authenticate.")}})));
    } else if (leaf == QLatin1String("authorize")) {
        // The browser's side: sign the user in at once and redirect to the loopback address.
        const QString code = QStringLiteral("authcode-%1").arg(++m_counter);
        m_authCodes.insert(code, request.query(QStringLiteral("code_challenge")) + QLatin1Char('|') + audienceOfScope(request.query(QStringLiteral("scope"))));
        QUrl redirect(request.query(QStringLiteral("redirect_uri")));
        redirect.setQuery(QStringLiteral("code=%1&state=%2").arg(code, request.query(QStringLiteral("state"))));
        FakeResponse r;
        r.status = 302;
        r.headers.append(qMakePair(QByteArray("Location"), QByteArray(redirect.toEncoded())));
        reply(r);
    } else {
        reply(oauthError(QStringLiteral("invalid_request"), QStringLiteral("unknown endpoint"), 404));
    }
}

void FakeCloud::tokenEndpoint(const FakeRequest &request, const FakeServer::Reply &reply)
{
    const QMap<QString, QString> form = request.form();
    const QString grant = form.value(QStringLiteral("grant_type"));
    const QString clientId = form.value(QStringLiteral("client_id"));
    const QString audience = audienceOfScope(form.value(QStringLiteral("scope")));
    const QString endpoint = m_login->url().toString() + request.path();
    if (grant == QLatin1String("client_credentials")) {
        if (form.contains(QStringLiteral("client_secret"))) {
            if (clientSecrets.value(clientId) != form.value(QStringLiteral("client_secret")) || clientId.isEmpty()) {
                reply(oauthError(QStringLiteral("invalid_client"), QStringLiteral("AADSTS7000215: Invalid client secret provided."), 401));
                return;
            }
        } else if (clientId == certificateClientId && !clientId.isEmpty()) {
            if (!verifyAssertion(form.value(QStringLiteral("client_assertion")), endpoint)) {
                reply(oauthError(QStringLiteral("invalid_client"), QStringLiteral("AADSTS700027: Client assertion failed signature validation."), 401));
                return;
            }
        } else if (clientId == federatedClientId && !clientId.isEmpty()) {
            if (form.value(QStringLiteral("client_assertion")) != federatedToken) {
                reply(oauthError(QStringLiteral("invalid_client"), QStringLiteral("AADSTS700213: No matching federated identity record found."), 401));
                return;
            }
        } else {
            reply(oauthError(QStringLiteral("unauthorized_client"), QStringLiteral("AADSTS700016: Application not found."), 400));
            return;
        }
        reply(tokenResponse(audience, false));
        return;
    }
    if (grant == QLatin1String("urn:ietf:params:oauth:grant-type:device_code")) {
        const QString code = form.value(QStringLiteral("device_code"));
        if (!m_devicePolls.contains(code)) {
            reply(oauthError(QStringLiteral("expired_token"), QStringLiteral("AADSTS70020: The provided value for the input parameter 'device_code' is not valid.")));
            return;
        }
        if (m_devicePolls[code]++ < devicePendingPolls) {
            reply(oauthError(QStringLiteral("authorization_pending"), QStringLiteral("AADSTS70016: OAuth 2.0 device flow error. Authorization is pending.")));
            return;
        }
        m_devicePolls.remove(code);
        reply(tokenResponse(m_authCodes.take(code), true));
        return;
    }
    if (grant == QLatin1String("refresh_token")) {
        const QString refresh = form.value(QStringLiteral("refresh_token"));
        if (!m_refreshTokens.contains(refresh) || m_refreshTokens.value(refresh) != clientId) {
            reply(oauthError(QStringLiteral("invalid_grant"), QStringLiteral("AADSTS70008: The refresh token has expired.")));
            return;
        }
        ++refreshRedemptions;
        m_refreshTokens.remove(refresh); // rotated
        reply(tokenResponse(audience, true));
        return;
    }
    if (grant == QLatin1String("authorization_code")) {
        const QString stored = m_authCodes.take(form.value(QStringLiteral("code")));
        const QString challenge = stored.section(QLatin1Char('|'), 0, 0);
        const QByteArray expected = QCryptographicHash::hash(form.value(QStringLiteral("code_verifier")).toLatin1(), QCryptographicHash::Sha256)
                                        .toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
        if (stored.isEmpty() || challenge.toLatin1() != expected) {
            reply(oauthError(QStringLiteral("invalid_grant"), QStringLiteral("AADSTS501481: The Code_Verifier does not match the code_challenge.")));
            return;
        }
        reply(tokenResponse(audience, true));
        return;
    }
    reply(oauthError(QStringLiteral("unsupported_grant_type"), QStringLiteral("AADSTS70003: unsupported grant type")));
}

void FakeCloud::handleImds(const FakeRequest &request, const FakeServer::Reply &reply)
{
    if (request.header("metadata") != "true" || request.path() != QLatin1String("/metadata/identity/oauth2/token")) {
        reply(FakeResponse::json(R"({"error":"invalid_request","error_description":"Required metadata header not specified"})", 400));
        return;
    }
    if (request.query(QStringLiteral("client_id")) != imdsClientId) {
        reply(FakeResponse::json(R"({"error":"invalid_request","error_description":"Identity not found"})", 400));
        return;
    }
    const QString resource = request.query(QStringLiteral("resource"));
    ++tokenRequests;
    const QString token = issueToken(resource);
    reply(FakeResponse::json(toJson(QJsonObject{
        {QStringLiteral("access_token"), token},
        {QStringLiteral("expires_on"), QString::number(QDateTime::currentDateTimeUtc().addSecs(tokenLifetime).toSecsSinceEpoch())},
        {QStringLiteral("resource"), resource},
        {QStringLiteral("token_type"), QStringLiteral("Bearer")}})));
}

} // namespace clr::fakes
