// SPDX-License-Identifier: GPL-3.0-or-later
// libFuzzer target: kubeconfig parsing (yaml-cpp inside) never throws, and what it accepts is
// consistent: names are unique, resolving a context gives that context's cluster and user, and a
// second parse of the same bytes gives the same result.
#include "remote/kubeconfig.h"

#include <cstdint>
#include <cstdlib>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    using clr::remote::Kubeconfig;
    const QByteArray text(reinterpret_cast<const char *>(data), qsizetype(size));
    const auto first = Kubeconfig::parse(text, QStringLiteral("/fuzz/kubeconfig"));
    const auto second = Kubeconfig::parse(text, QStringLiteral("/fuzz/kubeconfig"));
    if (first.ok() != second.ok())
        std::abort();
    if (!first) {
        if (first.error().message.isEmpty() || first.error().message != second.error().message)
            std::abort();
        return 0;
    }
    const QStringList names = first->contextNames();
    if (names != second->contextNames() || first->currentContext() != second->currentContext())
        std::abort();
    for (int i = 0; i < names.size(); ++i) {
        if (names.indexOf(names[i]) != i) // a later duplicate replaces the earlier entry
            std::abort();
        const auto resolved = first->resolve(names[i]);
        if (!resolved) {
            if (resolved.error().message.isEmpty())
                std::abort();
            continue;
        }
        if (resolved->context.name != names[i] || resolved->cluster.name != resolved->context.cluster
            || (!resolved->context.user.isEmpty() && resolved->user.name != resolved->context.user))
            std::abort();
        if (resolved->user.exec && resolved->user.exec->interactiveMode.isEmpty())
            std::abort(); // resolve() refuses an exec user without interactiveMode
    }
    return 0;
}
