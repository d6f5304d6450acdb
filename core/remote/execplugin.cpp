// SPDX-License-Identifier: GPL-3.0-or-later
#include "remote/execplugin.h"

#include <QFileInfo>
#include <QPointer>
#include <QProcess>
#include <QStandardPaths>
#include <QTimer>

namespace clr::remote {

ExecPlugin::ExecPlugin(const KubeUser &user, KubeCluster cluster, ExecHost host, QObject *parent)
    : QObject(parent), m_exec(user.exec.value_or(ExecConfig{})), m_cluster(std::move(cluster)), m_user(user.name),
      m_userOrigin(user.origin), m_host(std::move(host))
{
}

ExecPlugin::~ExecPlugin()
{
    m_done = nullptr;
    if (m_process) {
        m_process->disconnect(this);
        m_process->kill();
        m_process->waitForFinished(1000);
    }
}

QString ExecPlugin::resolveCommand(const QString &command)
{
    if (command.contains(QLatin1Char('/')))
        return QFileInfo(command).absoluteFilePath();
    return QStandardPaths::findExecutable(command);
}

QString ExecPlugin::describe() const
{
    return QStringLiteral("the credential plugin of kubeconfig user '%1' (%2)").arg(m_user, m_exec.command);
}

void ExecPlugin::run(Done done)
{
    m_done = std::move(done);
    m_resolved = resolveCommand(m_exec.command);
    if (m_resolved.isEmpty() || !QFileInfo(m_resolved).isExecutable()) {
        QString message = QStringLiteral("%1: executable %2 not found").arg(describe(), m_exec.command);
        if (!m_exec.installHint.isEmpty())
            message += QStringLiteral("\n\n") + m_exec.installHint.trimmed();
        QTimer::singleShot(0, this, [this, message] { finish(Error{message}); });
        return;
    }
    if (!m_host.consent) {
        QTimer::singleShot(0, this, [this] { finish(Error{describe() + QStringLiteral(": running programs is not allowed here")}); });
        return;
    }
    const ExecConsentRequest request{m_exec.command, m_resolved, m_exec.args, m_user, m_userOrigin};
    QPointer<ExecPlugin> self(this);
    m_host.consent->request(request, [self](bool allowed) {
        if (!self)
            return;
        QTimer::singleShot(0, self, [self, allowed] {
            if (!allowed) {
                self->finish(Error{QStringLiteral("%1 runs %2, and a kubeconfig can name any program: Clearance runs it only "
                                                  "with your consent. Allow it with --allow-exec %3 (remembered for later runs), "
                                                  "or answer yes in the window")
                                       .arg(self->describe(), self->m_resolved, QFileInfo(self->m_resolved).fileName())});
                return;
            }
            self->launch();
        });
    });
}

void ExecPlugin::launch()
{
    bool interactive = false;
    if (m_exec.interactiveMode == QLatin1String("Always")) {
        if (!m_host.stdinIsTerminal) {
            finish(Error{describe() + QStringLiteral(" cannot support interactive mode: standard input is not a terminal "
                                                     "(interactiveMode: Always); run clearance fetch in a terminal")});
            return;
        }
        interactive = true;
    } else if (m_exec.interactiveMode == QLatin1String("IfAvailable")) {
        interactive = m_host.stdinIsTerminal;
    }
    m_process = new QProcess(this);
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    for (const auto &[name, value] : m_exec.env)
        env.insert(name, value);
    env.insert(QStringLiteral("KUBERNETES_EXEC_INFO"), QString::fromUtf8(execInfo(m_exec, m_cluster, interactive)));
    m_process->setProcessEnvironment(env);
    m_process->setInputChannelMode(interactive ? QProcess::ForwardedInputChannel : QProcess::ManagedInputChannel);
    connect(m_process, &QProcess::readyReadStandardError, this, [this] {
        const QByteArray chunk = m_process->readAllStandardError();
        if (m_host.stderrSink && !chunk.isEmpty())
            m_host.stderrSink(chunk);
    });
    connect(m_process, &QProcess::errorOccurred, this, [this](QProcess::ProcessError error) {
        if (error == QProcess::FailedToStart)
            finish(Error{QStringLiteral("%1 failed to start: %2").arg(describe(), m_process->errorString())});
    });
    connect(m_process, &QProcess::finished, this, [this](int code, QProcess::ExitStatus status) {
        if (const QByteArray rest = m_process->readAllStandardError(); m_host.stderrSink && !rest.isEmpty())
            m_host.stderrSink(rest);
        if (status != QProcess::NormalExit || code != 0) {
            finish(Error{QStringLiteral("%1 failed with exit code %2; its messages are above").arg(describe()).arg(status == QProcess::NormalExit ? code : -1)});
            return;
        }
        auto credential = parseExecCredential(m_process->readAllStandardOutput(), m_exec.apiVersion);
        if (!credential)
            finish(Error{describe() + QStringLiteral(": ") + credential.error().message});
        else
            finish(std::move(credential));
    });
    m_process->start(m_resolved, m_exec.args);
    if (!interactive)
        m_process->closeWriteChannel();
}

void ExecPlugin::cancel()
{
    if (m_process && m_process->state() != QProcess::NotRunning) {
        m_process->disconnect(this);
        m_process->kill();
    }
    finish(Error{QStringLiteral("cancelled")});
}

void ExecPlugin::finish(Expected<ExecCredential> result)
{
    if (m_process) {
        m_process->disconnect(this);
        m_process->deleteLater();
        m_process = nullptr;
    }
    if (auto done = std::move(m_done)) {
        m_done = nullptr;
        done(std::move(result));
    }
}

} // namespace clr::remote
