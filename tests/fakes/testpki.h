// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QSslCertificate>
#include <QSslKey>
#include <QString>
#include <QTemporaryDir>

namespace clr::fakes {

/**
 * Certificates made at test time with the openssl binary (nothing secret is committed): a CA, a
 * server certificate for localhost/127.0.0.1/kubernetes.test signed by it, one for kubernetes.test
 * only (named.pem, for tls-server-name), client certificates
 * (RSA and EC) signed by it, a service principal's self-signed certificate with its RSA key in
 * PKCS#8 (for client assertions), and an unrelated CA with a server certificate nobody trusts.
 * Made once per process.
 */
class TestPki final
{
public:
    static const TestPki &instance();
    bool ok() const { return m_ok; }
    QString error() const { return m_error; }

    QString path(const QString &name) const { return m_dir.filePath(name); } // ca.pem, server.pem, server.key ...
    QByteArray read(const QString &name) const;
    QSslCertificate caCertificate() const;
    QSslCertificate serverCertificate() const;
    QSslKey serverKey() const;
    QSslCertificate untrustedCertificate() const;
    QSslKey untrustedKey() const;

private:
    TestPki();
    bool run(const QStringList &args);
    bool make();

    QTemporaryDir m_dir;
    bool m_ok = false;
    QString m_error;
};

} // namespace clr::fakes
