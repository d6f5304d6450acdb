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

} // namespace clr
