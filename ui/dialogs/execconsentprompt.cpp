// SPDX-License-Identifier: GPL-3.0-or-later
#include "dialogs/execconsentprompt.h"

#include <QMessageBox>
#include <QPushButton>

namespace clr::ui {

void askExecConsent(QWidget *parent, const remote::ExecConsentRequest &request, remote::ExecConsent::Answer answer)
{
    auto *box = new QMessageBox(QMessageBox::Question, QObject::tr("Run a credential plugin?"),
                                QObject::tr("The kubeconfig user <b>%1</b> gets its credentials by running a program:<br><br>"
                                            "<tt>%2 %3</tt><br><br>A kubeconfig can name any program. Run it only if you "
                                            "trust this kubeconfig (%4). Your answer is remembered for this program.")
                                    .arg(request.user.toHtmlEscaped(), request.resolvedPath.toHtmlEscaped(),
                                         request.args.join(QLatin1Char(' ')).toHtmlEscaped(), request.kubeconfig.toHtmlEscaped()),
                                QMessageBox::NoButton, parent);
    box->setObjectName(QStringLiteral("execConsentBox"));
    QPushButton *run = box->addButton(QObject::tr("&Run it"), QMessageBox::AcceptRole);
    run->setObjectName(QStringLiteral("allowExec"));
    box->addButton(QObject::tr("&Don't run"), QMessageBox::RejectRole)->setObjectName(QStringLiteral("denyExec"));
    box->setDefaultButton(run);
    box->setAttribute(Qt::WA_DeleteOnClose);
    QObject::connect(box, &QMessageBox::finished, box, [box, run, answer] { answer(box->clickedButton() == run); });
    box->open();
}

} // namespace clr::ui
