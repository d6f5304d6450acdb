// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>
#include <QStringList>

#include <functional>

namespace clr::remote {

/** A kubeconfig wants to run a program: which one, for whom, from which file. */
struct ExecConsentRequest
{
    QString command;      // as the kubeconfig writes it
    QString resolvedPath; // the executable that would run (PATH searched)
    QStringList args;
    QString user;         // kubeconfig user name
    QString kubeconfig;   // the file that defines the user
};

/**
 * Decides whether a credential plugin may run. A kubeconfig can name any program, so nothing runs
 * without the user's yes; the answer is asked once per executable path and then remembered.
 */
class ExecConsent
{
public:
    using Answer = std::function<void(bool allowed)>;
    virtual ~ExecConsent() = default;
    /** Calls `answer` exactly once, possibly later (a dialog). */
    virtual void request(const ExecConsentRequest &request, Answer answer) = 0;
};

/**
 * Consent remembered in QSettings (file Clearance/consent.ini, key "execConsent/allowed": executable paths). Commands given on
 * the command line (--allow-exec CMD: a name, a path or the resolved path) are allowed and
 * remembered; anything else goes to `ask` (the GUI's dialog), or is refused when there is none.
 */
class RememberedExecConsent final : public ExecConsent
{
public:
    using Asker = std::function<void(const ExecConsentRequest &, Answer)>;
    explicit RememberedExecConsent(QStringList allowedOnCommandLine = {}, Asker ask = nullptr);
    void request(const ExecConsentRequest &request, Answer answer) override;

    static bool isRemembered(const QString &resolvedPath);
    static void remember(const QString &resolvedPath, bool allowed);

private:
    bool allowedByFlag(const ExecConsentRequest &request) const;

    QStringList m_allowed;
    Asker m_ask;
};

} // namespace clr::remote
