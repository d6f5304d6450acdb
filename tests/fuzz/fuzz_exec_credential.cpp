// SPDX-License-Identifier: GPL-3.0-or-later
// libFuzzer target: an exec plugin's standard output. Never throws; an accepted credential has a
// token or a certificate with its key (never one of the two alone); a refusal says why and never
// quotes the token: when the input is an object with a status, the token is replaced by a marker
// that must not appear in any error message.
#include "remote/execcredential.h"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <cstdlib>

namespace {

void check(const QByteArray &output, const QByteArray &secret)
{
    using namespace clr::remote;
    for (const QString &version : {QStringLiteral("client.authentication.k8s.io/v1"), QStringLiteral("client.authentication.k8s.io/v1beta1")}) {
        const auto credential = parseExecCredential(output, version);
        if (!credential) {
            if (credential.error().message.isEmpty())
                std::abort();
            if (!secret.isEmpty() && credential.error().message.toUtf8().contains(secret))
                std::abort();
            continue;
        }
        const bool cert = !credential->clientCertificatePem.isEmpty();
        const bool key = !credential->clientKeyPem.isEmpty();
        if (cert != key || (credential->token.isEmpty() && !cert))
            std::abort();
    }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray output(reinterpret_cast<const char *>(data), qsizetype(size));
    check(output, {});
    nlohmann::json doc = nlohmann::json::parse(output.constData(), output.constData() + output.size(), nullptr, false);
    if (doc.is_object() && doc.contains("status") && doc["status"].is_object()) {
        const QByteArray secret = "SECRET-TOKEN-7c1f0e9a";
        doc["status"]["token"] = secret.toStdString();
        check(QByteArray::fromStdString(doc.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace)), secret);
    }
    return 0;
}
