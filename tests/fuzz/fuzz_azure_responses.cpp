// SPDX-License-Identifier: GPL-3.0-or-later
// libFuzzer target: the small Azure and Kubernetes responses read whole: az account
// get-access-token output, ARM subscription and managed-cluster pages, Kubernetes discovery.
// Never throws; what they return is well-formed (ids present, names from the input).
#include "remote/armfetch.h"
#include "remote/azurecredentials.h"
#include "remote/kubefetch.h"

#include <cstdint>
#include <cstdlib>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    using namespace clr::remote;
    const QByteArray input(reinterpret_cast<const char *>(data), qsizetype(size));
    if (const auto token = AzureCliCredential::parseOutput(input); token && token->token.isEmpty())
        std::abort();
    for (const Subscription &s : ArmFetch::parseSubscriptions(input)) {
        if (s.id.isEmpty())
            std::abort();
    }
    for (const ManagedClusterInfo &c : ArmFetch::parseClusters(input)) {
        if (c.id.isEmpty() || c.json.isEmpty())
            std::abort();
        for (const QString &fqdn : c.fqdns) {
            if (fqdn != fqdn.toLower())
                std::abort();
        }
    }
    const int half = int(size / 2);
    const QStringList versions = parseDiscovery(input.left(half), input.mid(half));
    if (versions.size() > input.count('"'))
        std::abort();
    return 0;
}
