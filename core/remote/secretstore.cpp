// SPDX-License-Identifier: GPL-3.0-or-later
#include "remote/secretstore.h"

#ifdef CLEARANCE_HAVE_KEYCHAIN
#include <qt6keychain/keychain.h>
#endif

namespace clr::remote {

void MemorySecretStore::read(const QString &key, ReadDone done)
{
    const auto it = m_secrets.constFind(key);
    done(it == m_secrets.constEnd() ? std::nullopt : std::optional<QByteArray>(*it), QString());
}

void MemorySecretStore::write(const QString &key, const QByteArray &secret, WriteDone done)
{
    m_secrets.insert(key, secret);
    done(QString());
}

void MemorySecretStore::remove(const QString &key, WriteDone done)
{
    m_secrets.remove(key);
    done(QString());
}

QString MemorySecretStore::description() const
{
    return m_why.isEmpty() ? QStringLiteral("memory only, for this session")
                           : QStringLiteral("memory only, for this session (%1)").arg(m_why);
}

KeychainSecretStore::KeychainSecretStore(std::function<void(const QString &)> notice, QObject *parent)
    : QObject(parent), m_notice(std::move(notice))
{
    if (!available())
        fallBack(QStringLiteral("this build has no QtKeychain"));
}

bool KeychainSecretStore::available()
{
#ifdef CLEARANCE_HAVE_KEYCHAIN
    return true;
#else
    return false;
#endif
}

QString KeychainSecretStore::description() const
{
    return m_fallback ? m_fallback->description() : QStringLiteral("the system keychain (service \"Clearance\")");
}

void KeychainSecretStore::fallBack(const QString &why)
{
    if (m_fallback)
        return;
    m_fallback.emplace(why);
    if (m_notice) {
        m_notice(QStringLiteral("No keychain is available (%1): sign-in secrets are kept in memory for this session only "
                                "and you will sign in again next time. Nothing is written to disk.")
                     .arg(why));
    }
}

#ifdef CLEARANCE_HAVE_KEYCHAIN

namespace {

/** Errors that mean "there is no usable keychain", as opposed to "no such entry". */
bool keychainMissing(QKeychain::Error error)
{
    return error == QKeychain::NoBackendAvailable || error == QKeychain::NotImplemented || error == QKeychain::AccessDeniedByUser
        || error == QKeychain::AccessDenied || error == QKeychain::OtherError;
}

} // namespace

void KeychainSecretStore::read(const QString &key, ReadDone done)
{
    if (m_fallback) {
        m_fallback->read(key, std::move(done));
        return;
    }
    auto *job = new QKeychain::ReadPasswordJob(QLatin1String(service), this);
    job->setInsecureFallback(false); // never QtKeychain's plain-text QSettings store
    job->setAutoDelete(true);
    job->setKey(key);
    connect(job, &QKeychain::Job::finished, this, [this, job, key, done] {
        if (job->error() == QKeychain::NoError) {
            done(job->binaryData(), QString());
        } else if (job->error() == QKeychain::EntryNotFound) {
            done(std::nullopt, QString());
        } else {
            if (keychainMissing(job->error()))
                fallBack(job->errorString());
            done(std::nullopt, job->errorString());
        }
    });
    job->start();
}

void KeychainSecretStore::write(const QString &key, const QByteArray &secret, WriteDone done)
{
    if (m_fallback) {
        m_fallback->write(key, secret, std::move(done));
        return;
    }
    auto *job = new QKeychain::WritePasswordJob(QLatin1String(service), this);
    job->setInsecureFallback(false);
    job->setAutoDelete(true);
    job->setKey(key);
    job->setBinaryData(secret);
    connect(job, &QKeychain::Job::finished, this, [this, job, key, secret, done] {
        if (job->error() == QKeychain::NoError) {
            done(QString());
            return;
        }
        if (keychainMissing(job->error())) {
            fallBack(job->errorString());
            m_fallback->write(key, secret, done);
            return;
        }
        done(job->errorString());
    });
    job->start();
}

void KeychainSecretStore::remove(const QString &key, WriteDone done)
{
    if (m_fallback) {
        m_fallback->remove(key, std::move(done));
        return;
    }
    auto *job = new QKeychain::DeletePasswordJob(QLatin1String(service), this);
    job->setInsecureFallback(false);
    job->setAutoDelete(true);
    job->setKey(key);
    connect(job, &QKeychain::Job::finished, this, [job, done] {
        done(job->error() == QKeychain::NoError || job->error() == QKeychain::EntryNotFound ? QString() : job->errorString());
    });
    job->start();
}

#else

void KeychainSecretStore::read(const QString &key, ReadDone done)
{
    m_fallback->read(key, std::move(done));
}

void KeychainSecretStore::write(const QString &key, const QByteArray &secret, WriteDone done)
{
    m_fallback->write(key, secret, std::move(done));
}

void KeychainSecretStore::remove(const QString &key, WriteDone done)
{
    m_fallback->remove(key, std::move(done));
}

#endif

} // namespace clr::remote
