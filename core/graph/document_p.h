// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Private to clearance_core: turns file bytes into JSON values with source positions.
// nlohmann/json and yaml-cpp never appear in a public header.

#include "common/diagnostics.h"

#include <nlohmann/json.hpp>

#include <atomic>
#include <cstddef>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace clr::detail {

using Json = nlohmann::json;

/** A 1-based line/column; 0 = unknown. */
struct TextPos
{
    int line = 0;
    int column = 0;
};

/**
 * One parsed document (a JSON file or one YAML document) with the positions the loaders need:
 * where the document starts, where each element of a top-level array starts, and where each
 * element of a top-level member array starts ("items" of a List, "value" of a Graph/ARM page).
 * Deeper objects report the position of the entry that contains them.
 */
struct Document
{
    Json root;
    TextPos pos;
    std::vector<TextPos> items;
    std::vector<std::pair<std::string, std::vector<TextPos>>> memberItems;

    TextPos itemPos(std::size_t i) const { return i < items.size() ? items[i] : pos; }
    TextPos memberItemPos(std::string_view key, std::size_t i) const
    {
        for (const auto &[name, positions] : memberItems) {
            if (name == key)
                return i < positions.size() ? positions[i] : pos;
        }
        return pos;
    }
};

/** Something wrong with the text itself (syntax, truncation), with where it is. */
struct ParseIssue
{
    Diagnostic::Severity severity = Diagnostic::Severity::Error;
    TextPos pos;
    std::string message;
};

struct ParseResult
{
    std::vector<Document> documents;
    std::vector<ParseIssue> issues;
    bool cancelled = false;
};

/** Maps byte offsets to line/column; queries in increasing order cost one pass over the text. */
class LineCounter final
{
public:
    explicit LineCounter(std::string_view text) : m_text(text) {}
    TextPos at(std::size_t offset);

private:
    std::string_view m_text;
    std::size_t m_offset = 0;
    std::size_t m_lineStart = 0;
    int m_line = 1;
};

/** True when the first non-whitespace byte is '{' or '[': parsed as JSON, otherwise as YAML. */
bool looksLikeJson(std::string_view text);

/**
 * Parses JSON (one value) or YAML (any number of documents). Never throws: syntax errors become
 * issues, and what can be kept is kept (the other YAML documents; the complete entries of a
 * truncated JSON array). `cancel` is polled while parsing large input.
 */
ParseResult parseJson(std::string_view text, const std::atomic<bool> *cancel);
ParseResult parseYaml(std::string_view text, const std::atomic<bool> *cancel);
inline ParseResult parseDocuments(std::string_view text, const std::atomic<bool> *cancel)
{
    return looksLikeJson(text) ? parseJson(text, cancel) : parseYaml(text, cancel);
}

} // namespace clr::detail
