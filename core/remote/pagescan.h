// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace clr::remote {

/**
 * What a fetcher needs to know about one response page, read in one streaming pass without building
 * the document (the page itself goes to disk as it came): where the next page is, how many entries
 * it holds, and whether the service sent an error instead. Covers Microsoft Graph pages
 * (value, @odata.nextLink, @odata.deltaLink), ARM pages (value, nextLink), Kubernetes lists
 * (items, metadata.continue) and Status objects, and the error bodies of all three.
 */
struct PageSummary
{
    bool valid = false;         // complete, well-formed JSON whose top level is an object
    std::string parseError;     // why not, with the byte offset
    std::string kind;           // Kubernetes "kind" (RoleList, Status)
    std::string apiVersion;     // Kubernetes "apiVersion"
    std::string odataContext;   // @odata.context
    std::string nextLink;       // @odata.nextLink or nextLink
    std::string deltaLink;      // @odata.deltaLink
    std::string continueToken;  // metadata.continue
    std::int64_t entries = 0;   // elements of the top-level "value" or "items" array
    std::int64_t idOnlyEntries = 0; // object entries with nothing but id/@odata.type (a permission is missing)
    std::int64_t memberRefs = 0;    // elements of every entry's members@delta array (group delta pages)
    std::int64_t removedEntries = 0; // entries marked "@removed" (delta pages)
    std::string errorCode;      // error.code (Graph, ARM), or a Kubernetes Status reason
    std::string errorMessage;   // error.message, or a Kubernetes Status message
    std::string innerErrorCode; // error.innerError.code (Graph puts syncStateNotFound there at times)
};

/** Scans one page. Never throws; memory does not grow with the page's size. */
PageSummary scanPage(std::string_view json);

/** `text` as a JSON string literal, quotes and escapes included (invalid UTF-8 replaced). */
std::string jsonQuote(std::string_view text);

} // namespace clr::remote
