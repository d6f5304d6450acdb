// SPDX-License-Identifier: GPL-3.0-or-later
#include "testpki.h"

#include <QFile>
#include <QProcess>

namespace clr::fakes {

const TestPki &TestPki::instance()
{
    static const TestPki pki;
    return pki;
}

TestPki::TestPki()
{
    m_ok = m_dir.isValid() && make();
}

QByteArray TestPki::read(const QString &name) const
{
    QFile f(path(name));
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

QSslCertificate TestPki::caCertificate() const
{
    return QSslCertificate(read(QStringLiteral("ca.pem")));
}

QSslCertificate TestPki::serverCertificate() const
{
    return QSslCertificate(read(QStringLiteral("server.pem")));
}

QSslKey TestPki::serverKey() const
{
    return QSslKey(read(QStringLiteral("server.key")), QSsl::Rsa);
}

QSslCertificate TestPki::untrustedCertificate() const
{
    return QSslCertificate(read(QStringLiteral("rogue.pem")));
}

QSslKey TestPki::untrustedKey() const
{
    return QSslKey(read(QStringLiteral("rogue.key")), QSsl::Rsa);
}

bool TestPki::run(const QStringList &args)
{
    QProcess p;
    p.setWorkingDirectory(m_dir.path());
    p.start(QStringLiteral("openssl"), args);
    if (!p.waitForFinished(60000) || p.exitStatus() != QProcess::NormalExit || p.exitCode() != 0) {
        m_error = QStringLiteral("openssl %1 failed: %2").arg(args.join(QLatin1Char(' ')), QString::fromLocal8Bit(p.readAllStandardError()));
        return false;
    }
    return true;
}

bool TestPki::make()
{
    QFile ext(path(QStringLiteral("server.ext")));
    if (!ext.open(QIODevice::WriteOnly))
        return false;
    ext.write("subjectAltName=DNS:localhost,IP:127.0.0.1,DNS:kubernetes.test\nbasicConstraints=CA:FALSE\n"
              "keyUsage=digitalSignature,keyEncipherment\nextendedKeyUsage=serverAuth\n");
    ext.close();
    QFile namedExt(path(QStringLiteral("named.ext")));
    if (!namedExt.open(QIODevice::WriteOnly))
        return false;
    namedExt.write("subjectAltName=DNS:kubernetes.test\nbasicConstraints=CA:FALSE\nextendedKeyUsage=serverAuth\n");
    namedExt.close();
    QFile clientExt(path(QStringLiteral("client.ext")));
    if (!clientExt.open(QIODevice::WriteOnly))
        return false;
    clientExt.write("basicConstraints=CA:FALSE\nkeyUsage=digitalSignature,keyEncipherment\nextendedKeyUsage=clientAuth\n");
    clientExt.close();
    const QString days = QStringLiteral("2");
    auto sign = [&](const QString &name, const QString &subject, const QString &extFile, const QString &ca) {
        return run({QStringLiteral("req"), QStringLiteral("-new"), QStringLiteral("-key"), name + QStringLiteral(".key"), QStringLiteral("-subj"),
                    subject, QStringLiteral("-out"), name + QStringLiteral(".csr")})
            && run({QStringLiteral("x509"), QStringLiteral("-req"), QStringLiteral("-in"), name + QStringLiteral(".csr"), QStringLiteral("-CA"),
                    ca + QStringLiteral(".pem"), QStringLiteral("-CAkey"), ca + QStringLiteral(".key"), QStringLiteral("-CAcreateserial"),
                    QStringLiteral("-days"), days, QStringLiteral("-extfile"), extFile, QStringLiteral("-out"), name + QStringLiteral(".pem")});
    };
    auto rsa = [&](const QString &name) {
        // -traditional: "BEGIN RSA PRIVATE KEY" (PKCS#1), as kubeadm writes client keys
        return run({QStringLiteral("genrsa"), QStringLiteral("-traditional"), QStringLiteral("-out"), name + QStringLiteral(".key"), QStringLiteral("2048")});
    };
    auto selfSignedCa = [&](const QString &name, const QString &cn) {
        return rsa(name)
            && run({QStringLiteral("req"), QStringLiteral("-x509"), QStringLiteral("-new"), QStringLiteral("-key"), name + QStringLiteral(".key"),
                    QStringLiteral("-subj"), QStringLiteral("/CN=") + cn, QStringLiteral("-days"), days, QStringLiteral("-addext"),
                    QStringLiteral("basicConstraints=critical,CA:TRUE"), QStringLiteral("-addext"), QStringLiteral("keyUsage=critical,keyCertSign,cRLSign"),
                    QStringLiteral("-out"), name + QStringLiteral(".pem")});
    };
    return selfSignedCa(QStringLiteral("ca"), QStringLiteral("Clearance Test CA"))
        && rsa(QStringLiteral("server")) && sign(QStringLiteral("server"), QStringLiteral("/CN=localhost"), QStringLiteral("server.ext"), QStringLiteral("ca"))
        && rsa(QStringLiteral("named")) && sign(QStringLiteral("named"), QStringLiteral("/CN=kubernetes.test"), QStringLiteral("named.ext"), QStringLiteral("ca"))
        && rsa(QStringLiteral("client-rsa"))
        && sign(QStringLiteral("client-rsa"), QStringLiteral("/O=devs/CN=alice"), QStringLiteral("client.ext"), QStringLiteral("ca"))
        && run({QStringLiteral("ecparam"), QStringLiteral("-name"), QStringLiteral("prime256v1"), QStringLiteral("-genkey"), QStringLiteral("-noout"),
                QStringLiteral("-out"), QStringLiteral("client-ec.key")})
        && sign(QStringLiteral("client-ec"), QStringLiteral("/O=ops/CN=bob"), QStringLiteral("client.ext"), QStringLiteral("ca"))
        // A service principal's certificate: self-signed, key in PKCS#8, both in one PEM file.
        && run({QStringLiteral("req"), QStringLiteral("-x509"), QStringLiteral("-newkey"), QStringLiteral("rsa:2048"), QStringLiteral("-nodes"),
                QStringLiteral("-keyout"), QStringLiteral("spn.key"), QStringLiteral("-subj"), QStringLiteral("/CN=clearance-ci"),
                QStringLiteral("-days"), days, QStringLiteral("-out"), QStringLiteral("spn.crt")})
        && run({QStringLiteral("x509"), QStringLiteral("-in"), QStringLiteral("spn.crt"), QStringLiteral("-pubkey"), QStringLiteral("-noout"),
                QStringLiteral("-out"), QStringLiteral("spn.pub")})
        && selfSignedCa(QStringLiteral("rogueca"), QStringLiteral("Rogue CA"))
        && rsa(QStringLiteral("rogue")) && sign(QStringLiteral("rogue"), QStringLiteral("/CN=localhost"), QStringLiteral("server.ext"), QStringLiteral("rogueca"))
        && [&] {
               QFile pem(path(QStringLiteral("spn.pem")));
               return pem.open(QIODevice::WriteOnly) && pem.write(read(QStringLiteral("spn.crt")) + read(QStringLiteral("spn.key"))) > 0;
           }();
}

} // namespace clr::fakes
