// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QHash>
#include <QObject>
#include <QString>

#include <functional>
#include <optional>

namespace clr::remote {

/**
 * Where refresh tokens and client secrets entered in the GUI live, and nothing else. Asynchronous:
 * keychains answer over D-Bus and may ask the user to unlock.
 */
class SecretStore
{
public:
    /** The secret, or nullopt when there is none (error empty) or it could not be read (error says why). */
    using ReadDone = std::function<void(std::optional<QByteArray> secret, QString error)>;
    using WriteDone = std::function<void(QString error)>;

    virtual ~SecretStore() = default;
    virtual void read(const QString &key, ReadDone done) = 0;
    virtual void write(const QString &key, const QByteArray &secret, WriteDone done) = 0;
    virtual void remove(const QString &key, WriteDone done) = 0;
    /** False when secrets last only as long as the process (no keychain available). */
    virtual bool persistent() const = 0;
    /** In words, for the user: "the system keychain (Secret Service)", "memory only: ...". */
    virtual QString description() const = 0;
};

/** Secrets for this process only. */
class MemorySecretStore final : public SecretStore
{
public:
    explicit MemorySecretStore(QString why = {}) : m_why(std::move(why)) {}
    void read(const QString &key, ReadDone done) override;
    void write(const QString &key, const QByteArray &secret, WriteDone done) override;
    void remove(const QString &key, WriteDone done) override;
    bool persistent() const override { return false; }
    QString description() const override;

private:
    QHash<QString, QByteArray> m_secrets;
    QString m_why;
};

/**
 * The OS keychain through QtKeychain (Secret Service on Linux, Keychain on macOS, Credential
 * Manager on Windows), service name "Clearance", never QtKeychain's plain-text fallback. When the
 * keychain is missing or refuses, the store says so once through `notice` and keeps secrets in
 * memory for the session from then on.
 */
class KeychainSecretStore final : public QObject, public SecretStore
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(KeychainSecretStore)

public:
    static constexpr const char *service = "Clearance";
    explicit KeychainSecretStore(std::function<void(const QString &)> notice = nullptr, QObject *parent = nullptr);

    void read(const QString &key, ReadDone done) override;
    void write(const QString &key, const QByteArray &secret, WriteDone done) override;
    void remove(const QString &key, WriteDone done) override;
    bool persistent() const override { return !m_fallback; }
    QString description() const override;
    /** Whether the library was built in (CLEARANCE_HAVE_KEYCHAIN). */
    static bool available();

private:
    void fallBack(const QString &why);

    std::function<void(const QString &)> m_notice;
    std::optional<MemorySecretStore> m_fallback;
};

} // namespace clr::remote
