// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "remote/expected.h"

#include <QByteArray>

namespace clr::remote::detail {

/**
 * RSASSA-PKCS1-v1_5 with SHA-256 (JWS "RS256") over `message`, with a PEM RSA private key
 * (PKCS#1 "RSA PRIVATE KEY" or unencrypted PKCS#8 "PRIVATE KEY"). Qt has no signing API and the
 * design keeps to Qt: this is the textbook algorithm (RFC 8017 8.2.1) on a small Montgomery
 * big-number core. Used once per token request, for a client assertion.
 */
Expected<QByteArray> signRs256(const QByteArray &pemPrivateKey, const QByteArray &message);

} // namespace clr::remote::detail
