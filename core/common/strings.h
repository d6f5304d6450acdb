// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstdint>
#include <deque>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace clr {

/** An interned string: an index into a StringPool. 0 is always the empty string. */
using Sym = std::uint32_t;

/**
 * Interns strings so that names repeated across hundreds of thousands of objects (group IDs,
 * verbs, resources, namespaces) are stored once and compared as integers.
 * Not thread-safe for writes; reads of already interned symbols are safe once loading is done.
 */
class StringPool final
{
public:
    StringPool();
    Sym intern(std::string_view s);
    /** The symbol of s if interned, otherwise 0 with found=false. */
    Sym find(std::string_view s, bool *found = nullptr) const;
    std::string_view str(Sym s) const { return m_strings[s]; }
    std::size_t size() const { return m_strings.size(); }

private:
    std::deque<std::string> m_storage;               // stable addresses
    std::vector<std::string_view> m_strings;
    std::unordered_map<std::string_view, Sym> m_index;
};

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
