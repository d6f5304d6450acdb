// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "remote/execconsent.h"

class QWidget;

namespace clr::ui {

/**
 * Asks whether a kubeconfig's credential plugin may run (window-modal, asynchronous): what runs,
 * with which arguments, for which kubeconfig user and file. The answer goes to `answer`;
 * RememberedExecConsent remembers a yes.
 */
void askExecConsent(QWidget *parent, const remote::ExecConsentRequest &request, remote::ExecConsent::Answer answer);

} // namespace clr::ui
