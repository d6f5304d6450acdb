// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "remote/execconsent.h"
#include "remote/execcredential.h"

#include <QObject>

#include <functional>

class QProcess;

namespace clr::remote {

/** What the host program offers a credential plugin. */
struct ExecHost
{
    bool stdinIsTerminal = false;  // the CLI in a terminal; never the GUI
    /** The plugin's standard error as it arrives (a device-code prompt): the terminal or a window. */
    std::function<void(const QByteArray &)> stderrSink;
    ExecConsent *consent = nullptr; // null: nothing runs
};

/**
 * Runs a client-go credential plugin once, asynchronously, as kubectl does: the inherited
 * environment plus exec.env plus KUBERNETES_EXEC_INFO; standard input passed through only when
 * interactive (interactiveMode and a terminal); standard error to the host as it comes; standard
 * output read as an ExecCredential. Asks ExecConsent first.
 */
class ExecPlugin final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ExecPlugin)

public:
    using Done = std::function<void(Expected<ExecCredential>)>;
    /** `user.exec` must be set. */
    ExecPlugin(const KubeUser &user, KubeCluster cluster, ExecHost host, QObject *parent = nullptr);
    ~ExecPlugin() override;

    /** Calls `done` once (not before returning). */
    void run(Done done);
    void cancel();
    /** Where `command` would run from: itself when it has a '/', else the first match on PATH. */
    static QString resolveCommand(const QString &command);

private:
    void launch();
    void finish(Expected<ExecCredential> result);
    QString describe() const;

    ExecConfig m_exec;
    KubeCluster m_cluster;
    QString m_user;
    QString m_userOrigin;
    ExecHost m_host;
    QString m_resolved;
    Done m_done;
    QProcess *m_process = nullptr;
};

} // namespace clr::remote
