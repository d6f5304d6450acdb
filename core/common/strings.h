// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace clr {

/** ASCII lower-casing: Azure IDs, scopes and action patterns compare case-insensitively. */
std::string toLower(std::string_view s);
bool iequals(std::string_view a, std::string_view b);
bool startsWith(std::string_view s, std::string_view prefix);
bool endsWith(std::string_view s, std::string_view suffix);
std::vector<std::string_view> split(std::string_view s, char sep);
std::string join(const std::vector<std::string> &parts, std::string_view sep);
std::string trim(std::string_view s);

/** At most `max` bytes of `s`, not cutting a UTF-8 sequence, with "..." when shortened: for messages. */
std::string shortened(std::string_view s, std::size_t max);

/** Edit distance ignoring ASCII case (insertions, deletions, substitutions and swaps of neighbours). */
std::size_t editDistance(std::string_view a, std::string_view b);
/**
 * The candidate `word` is most likely a misspelling of, for "did you mean" messages: the nearest
 * one within 1 edit (words up to 5 characters) or 2 edits (longer words); empty when none is.
 */
std::string_view nearMiss(std::string_view word, const std::vector<std::string_view> &candidates);

} // namespace clr
