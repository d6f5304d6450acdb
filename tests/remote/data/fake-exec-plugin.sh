#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# A client-go credential plugin for tests, driven by the environment its kubeconfig gives it:
#   FAKE_STATE_DIR    where it counts its runs (runs) and keeps each KUBERNETES_EXEC_INFO (exec-info-N.json)
#   FAKE_API_VERSION  the apiVersion it answers with
#   FAKE_TOKENS       token of the 1st,2nd,... run, comma separated (the last one repeats)
#   FAKE_EXPIRY       expirationTimestamp (RFC 3339), left out when empty
#   FAKE_CERT/FAKE_KEY  PEM files: answer with a client certificate instead of a token
#   FAKE_STDERR       printed on standard error first (a device-code prompt)
#   FAKE_EXIT         exit with this status instead of answering
state="${FAKE_STATE_DIR:?}"
n=$(cat "$state/runs" 2>/dev/null || echo 0)
n=$((n + 1))
echo "$n" > "$state/runs"
printf '%s' "$KUBERNETES_EXEC_INFO" > "$state/exec-info-$n.json"
if [ -n "$FAKE_STDERR" ]; then printf '%s\n' "$FAKE_STDERR" >&2; fi
if [ -n "$FAKE_EXIT" ]; then exit "$FAKE_EXIT"; fi
token=$(printf '%s' "$FAKE_TOKENS" | cut -d, -f"$n")
if [ -z "$token" ]; then token=$(printf '%s' "$FAKE_TOKENS" | awk -F, '{print $NF}'); fi
expiry=""
if [ -n "$FAKE_EXPIRY" ]; then expiry=",\"expirationTimestamp\":\"$FAKE_EXPIRY\""; fi
if [ -n "$FAKE_CERT" ]; then
    cert=$(awk '{printf "%s\\n", $0}' "$FAKE_CERT")
    key=$(awk '{printf "%s\\n", $0}' "$FAKE_KEY")
    printf '{"apiVersion":"%s","kind":"ExecCredential","status":{"clientCertificateData":"%s","clientKeyData":"%s"%s}}\n' \
        "$FAKE_API_VERSION" "$cert" "$key" "$expiry"
else
    printf '{"apiVersion":"%s","kind":"ExecCredential","status":{"token":"%s"%s}}\n' "$FAKE_API_VERSION" "$token" "$expiry"
fi
