// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "compare/compare.h"

#include <string>

namespace clr::compare {

/** What the report calls the two sides ("rbac-v1/", "main: manifests/"). */
struct ReportInfo
{
    std::string base;
    std::string head;
};

/**
 * The comparison for a terminal or a CI log: who gained and lost what (one line per scope, "+" gained,
 * "-" lost), each with its causes ("[3]") and the path in HEAD or BASE, then the changes that altered
 * access and those without effect. Every line is terminal-safe (safe::line).
 */
std::string toText(const Comparison &comparison, const ReportInfo &info);

/** The comparison as the JSON document README.md documents ("schemaVersion": 1). Never throws. */
std::string toJson(const Comparison &comparison, const ReportInfo &info);

/** A self-contained HTML page (no script, no external resource) for review; every name HTML-escaped. */
std::string toHtml(const Comparison &comparison, const ReportInfo &info);

/** "+3 gained, -1 lost in 12 identities evaluated; 5 changes, 2 without effect". */
std::string summaryText(const Comparison &comparison);

} // namespace clr::compare
