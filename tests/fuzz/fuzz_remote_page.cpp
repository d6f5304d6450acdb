// SPDX-License-Identifier: GPL-3.0-or-later
// libFuzzer target: the streaming page scanner every fetcher runs over Graph, ARM and Kubernetes
// responses. Never throws; calls a body valid exactly when a full JSON parser accepts it as an
// object; its counts are bounded by the input.
#include "remote/pagescan.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstdint>
#include <cstdlib>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const std::string_view text(reinterpret_cast<const char *>(data), size);
    const clr::remote::PageSummary page = clr::remote::scanPage(text);
    const auto first = text.find_first_not_of(" \t\r\n");
    const bool object = first != std::string_view::npos && text[first] == '{';
    const bool accepted = object && nlohmann::json::accept(text);
    if (page.valid != accepted)
        std::abort();
    if (!page.valid && page.parseError.empty())
        std::abort();
    const auto containers = std::count(text.begin(), text.end(), '{') + std::count(text.begin(), text.end(), '[');
    const auto values = std::count(text.begin(), text.end(), ',') + containers + 1;
    if (page.entries < 0 || page.idOnlyEntries > page.entries || page.removedEntries > page.entries || page.entries > values
        || page.memberRefs > values)
        std::abort();
    for (const std::string *s : {&page.nextLink, &page.deltaLink, &page.continueToken, &page.kind, &page.errorCode})
        if (s->size() > size)
            std::abort();
    // jsonQuote makes any text a JSON string that parses back to itself (invalid UTF-8 replaced).
    const std::string quoted = clr::remote::jsonQuote(page.kind);
    if (!nlohmann::json::accept(quoted))
        std::abort();
    return 0;
}
