#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# A stand-in for the Azure CLI's `az account get-access-token --resource R --output json`:
#   FAKE_AZ_LOG          each call's resource is appended here
#   FAKE_AZ_FAIL         answer as az does without a session
#   FAKE_AZ_GRAPH_TOKEN / FAKE_AZ_ARM_TOKEN   the tokens to print
#   FAKE_AZ_TENANT       the tenant to print
resource=""
while [ $# -gt 0 ]; do
    case "$1" in
    --resource) resource="$2"; shift 2 ;;
    *) shift ;;
    esac
done
if [ -n "$FAKE_AZ_LOG" ]; then echo "$resource" >> "$FAKE_AZ_LOG"; fi
if [ -n "$FAKE_AZ_FAIL" ]; then
    echo "ERROR: Please run 'az login' to setup account." >&2
    exit 1
fi
case "$resource" in
*graph*) token="$FAKE_AZ_GRAPH_TOKEN" ;;
*) token="$FAKE_AZ_ARM_TOKEN" ;;
esac
printf '{"accessToken":"%s","expiresOn":"2099-01-01 00:00:00.000000","expires_on":4070908800,"subscription":"x","tenant":"%s","tokenType":"Bearer"}\n' \
    "$token" "$FAKE_AZ_TENANT"
