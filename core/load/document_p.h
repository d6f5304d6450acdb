// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Private to clearance_core: turns file bytes into JSON values with source positions.
// nlohmann/json and yaml-cpp never appear in a public header.

#include "common/diagnostics.h"

#include <nlohmann/json.hpp>

#include <atomic>
#include <cstddef>
#include <functional>
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
    std::vector<ParseIssue> issues;
    bool cancelled = false;
    std::size_t duplicateKeys = 0; // all of them; only the first kMaxListedDuplicates are issues

    static constexpr std::size_t kMaxListedDuplicates = 20;
    /** A key given twice in one mapping: the last value is used (as JSON and YAML parsers do), but
     *  a reader of the file may well see the first, so it is never silent. */
    void duplicateKey(TextPos pos, std::string_view key);
    /** The summary of the duplicates beyond the listed ones; call once at the end of a file. */
    void finishDuplicates();
};

/**
 * Receives what the parsers produce. A JSON parse offers to stream the entries of its top-level
 * list (the root array, or a member array such as "value" or "items"): each entry is handed over as
 * soon as it is complete and dropped right after, so it is loaded while still in the cache and the
 * whole document never exists in memory at once. Every document then arrives complete, except for
 * the entries that were streamed.
 */
class DocumentSink
{
public:
    virtual ~DocumentSink() = default;
    /** Asked when the root array (`key` empty) or a member array of the root object starts;
     *  `root` holds the members read so far. True to receive its entries through entry(). */
    virtual bool streamEntries(const Json &root, std::string_view key) = 0;
    /** One complete entry of the streamed list. False stops parsing (cancelled). */
    virtual bool entry(Json &value, TextPos pos) = 0;
    /** A document, complete but for its streamed entries; `streamed` says how many there were. */
    virtual void document(Document &doc, std::size_t streamed) = 0;
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

/** True when the first non-whitespace byte is '{' or '['): parsed as JSON, otherwise as YAML. */
bool looksLikeJson(std::string_view text);

/** How a long parse is steered: the flag it polls between values, and where it reports how far it got. */
struct ParseControl
{
    const std::atomic<bool> *cancel = nullptr;
    /** Bytes of the text parsed so far; called every megabyte or so, from the parsing thread. */
    std::function<void(std::size_t)> progress;

    bool cancelled() const { return cancel && cancel->load(std::memory_order_relaxed); }
};

/**
 * Parses JSON (one value, or several one after another) or YAML (any number of documents) into
 * `sink`. Never throws: syntax errors and exceeded limits (load/limits.h) become issues, and what
 * can be kept is kept (the other YAML documents; the complete entries of a broken or truncated
 * list). The cancel flag is polled inside large documents too.
 */
ParseResult parseJson(std::string_view text, const ParseControl &control, DocumentSink &sink);
ParseResult parseYaml(std::string_view text, const ParseControl &control, DocumentSink &sink);
inline ParseResult parseDocuments(std::string_view text, const ParseControl &control, DocumentSink &sink)
{
    return looksLikeJson(text) ? parseJson(text, control, sink) : parseYaml(text, control, sink);
}

} // namespace clr::detail
