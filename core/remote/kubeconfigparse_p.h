// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "remote/kubeconfig.h"

namespace clr::remote {

/** Reads one kubeconfig file with yaml-cpp (YAML or JSON). Catches every yaml-cpp exception. */
struct KubeconfigParser
{
    static Expected<Kubeconfig> parse(const QByteArray &text, const QString &origin);
};

} // namespace clr::remote
