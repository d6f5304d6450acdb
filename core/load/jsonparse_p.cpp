// SPDX-License-Identifier: GPL-3.0-or-later
// The JSON fast path: nlohmann's SAX parser feeding a DOM builder that also notes where the
// entries of top-level arrays start. One pass, no copy of the text, positions for free.
#include "document_p.h"

#include "common/strings.h"
#include "load/limits.h"

#include <algorithm>
#include <cstring>
#include <optional>
#include <iterator>

namespace clr::detail {

namespace {

/** A const char* that publishes how far the parser has read, so SAX events know their byte offset. */
class TrackingIterator
{
public:
    using iterator_category = std::input_iterator_tag;
    using value_type = char;
    using difference_type = std::ptrdiff_t;
    using pointer = const char *;
    using reference = const char &;

    TrackingIterator(const char *p, const char **cursor) : m_p(p), m_cursor(cursor) {}
    reference operator*() const { return *m_p; }
    TrackingIterator &operator++()
    {
        *m_cursor = ++m_p;
        return *this;
    }
    TrackingIterator operator++(int)
    {
        TrackingIterator old = *this;
        ++*this;
        return old;
    }
    bool operator==(const TrackingIterator &other) const { return m_p == other.m_p; }
    bool operator!=(const TrackingIterator &other) const { return m_p != other.m_p; }

private:
    const char *m_p;
    const char **m_cursor;
};

/**
 * Builds the DOM like nlohmann's own json_sax_dom_parser (same cost), and additionally records
 * byte offsets of entries at the top two levels and streams the entries of one top-level list to
 * a DocumentSink. Keeps what was built when the input breaks off, so a truncated export still
 * yields its complete entries.
 */
class DomBuilder
{
public:
    using number_integer_t = Json::number_integer_t;
    using number_unsigned_t = Json::number_unsigned_t;
    using number_float_t = Json::number_float_t;
    using string_t = Json::string_t;
    using binary_t = Json::binary_t;

    DomBuilder(Json &root, const char *begin, const char *const *cursor, const ParseControl &control,
               DocumentSink &sink, LineCounter &entryLines)
        : m_root(root), m_begin(begin), m_cursor(cursor), m_control(control), m_sink(sink), m_lines(entryLines)
    {
    }

    bool null() { return scalar(Json(nullptr)); }
    bool boolean(bool v) { return scalar(Json(v)); }
    bool number_integer(number_integer_t v) { return scalar(Json(v)); }
    bool number_unsigned(number_unsigned_t v) { return scalar(Json(v)); }
    bool number_float(number_float_t v, const string_t &) { return scalar(Json(v)); }
    bool string(string_t &v) { return scalar(Json(std::move(v))); }
    bool binary(binary_t &v) { return scalar(Json::binary(std::move(v))); }

    bool start_object(std::size_t) { return open(Json::value_t::object); }
    bool start_array(std::size_t)
    {
        const bool rootArray = m_stack.empty();
        const bool memberArray = m_stack.size() == 1 && m_stack.front()->is_object();
        if (memberArray)
            memberOffsets.emplace_back(m_rootKey, std::vector<std::size_t>());
        if (!open(Json::value_t::array))
            return false;
        if ((rootArray || memberArray) && m_streamDepth == 0
            && m_sink.streamEntries(m_root, rootArray ? std::string_view() : std::string_view(m_rootKey))) {
            m_streamDepth = m_stack.size();
        }
        return true;
    }
    bool key(string_t &k)
    {
        if (m_stack.size() == 1)
            m_rootKey = k;
        auto &object = m_stack.back()->get_ref<Json::object_t &>();
        auto [it, inserted] = object.try_emplace(std::move(k));
        if (!inserted) {
            duplicates.emplace_back(offset(), it->first);
            it->second = nullptr;
        }
        m_keyTarget = &it->second;
        return true;
    }
    bool end_object() { return close(); }
    bool end_array() { return close(); }

    bool parse_error(std::size_t byte, const std::string &, const nlohmann::detail::exception &ex)
    {
        errorByte = byte;
        errorText = ex.what();
        return false;
    }

    /** Containers open when the error occurred: [0] is the root. */
    const std::vector<Json *> &openContainers() const { return m_stack; }
    bool streaming() const { return m_streamDepth != 0; }

    std::size_t rootOffset = 0;
    std::vector<std::size_t> itemOffsets;
    std::vector<std::pair<std::string, std::vector<std::size_t>>> memberOffsets;
    std::size_t streamed = 0; // entries handed to the sink
    std::size_t errorByte = 0;
    std::string errorText;
    std::optional<std::size_t> limitOffset; // where a limit stopped the parse (absolute)
    std::vector<std::pair<std::size_t, std::string>> duplicates; // keys given twice: offset after the key, key
    bool cancelled = false;

private:
    std::size_t offset() const { return std::size_t(*m_cursor - m_begin); }

    bool open(Json::value_t type)
    {
        // The lexer has just consumed the '{' or '['.
        if (m_stack.size() >= limits::kMaxDepth) {
            limitOffset = offset() - 1;
            errorText = "nesting deeper than " + std::to_string(limits::kMaxDepth) + " levels (the limit)";
            return false;
        }
        m_stack.push_back(place(Json(type), offset() - 1));
        return ++m_events % 65536 != 0 || !pollControl();
    }
    bool close()
    {
        m_stack.pop_back();
        if (m_streamDepth == 0)
            return true;
        if (m_stack.size() < m_streamDepth) { // the streamed list itself ended
            m_streamDepth = 0;
            return true;
        }
        return m_stack.size() > m_streamDepth || emitEntry();
    }
    bool scalar(Json &&value)
    {
        place(std::move(value), offset());
        return m_streamDepth == 0 || m_stack.size() != m_streamDepth || emitEntry();
    }
    Json *place(Json &&value, std::size_t at)
    {
        if (m_stack.empty()) {
            m_root = std::move(value);
            rootOffset = at;
            return &m_root;
        }
        Json &parent = *m_stack.back();
        if (!parent.is_array()) {
            *m_keyTarget = std::move(value);
            return m_keyTarget;
        }
        if (m_streamDepth != 0 && m_stack.size() == m_streamDepth)
            m_entryOffset = at;
        else if (m_stack.size() == 1)
            itemOffsets.push_back(at);
        else if (m_stack.size() == 2 && m_stack.front()->is_object())
            memberOffsets.back().second.push_back(at);
        return &parent.get_ref<Json::array_t &>().emplace_back(std::move(value));
    }
    /** Hands the entry just completed to the sink and frees it while it is still in the cache. */
    bool emitEntry()
    {
        auto &entries = m_stack.back()->get_ref<Json::array_t &>();
        const bool more = m_sink.entry(entries.back(), m_lines.at(m_entryOffset));
        entries.pop_back();
        ++streamed;
        cancelled = cancelled || !more;
        return more;
    }
    /** Every 65536 containers (about a megabyte): progress, and whether the user cancelled. */
    bool pollControl()
    {
        if (m_control.progress)
            m_control.progress(offset());
        cancelled = m_control.cancelled();
        return cancelled;
    }

    Json &m_root;
    const char *m_begin;
    const char *const *m_cursor;
    const ParseControl &m_control;
    DocumentSink &m_sink;
    LineCounter &m_lines; // positions of streamed entries: increasing across all documents of the text
    std::vector<Json *> m_stack;
    Json *m_keyTarget = nullptr;
    std::string m_rootKey;
    std::size_t m_events = 0;
    std::size_t m_streamDepth = 0; // size of m_stack while the streamed list is the innermost container
    std::size_t m_entryOffset = 0;
};

/** "[json.exception.parse_error.101] parse error at line 1, column 2: syntax error ..." -> "syntax error ...". */
std::string cleanMessage(const std::string &what)
{
    std::string_view text = what;
    if (const auto bracket = text.find("] "); bracket != std::string_view::npos)
        text.remove_prefix(bracket + 2);
    if (text.rfind("parse error", 0) == 0) {
        if (const auto colon = text.find(": "); colon != std::string_view::npos)
            text.remove_prefix(colon + 2);
    }
    std::string out(text.substr(0, 240));
    std::replace_if(out.begin(), out.end(), [](char c) { return (unsigned char)c < 0x20; }, ' ');
    return out;
}

/** True when the last array of the root object lists whole objects ("value" of a page, "items" of a
 *  List), as opposed to a part of one object ("rules" of a Role), which must not be kept half read. */
bool isEntryList(const DomBuilder &dom)
{
    if (dom.memberOffsets.empty())
        return false;
    const std::string &key = dom.memberOffsets.back().first;
    return key == "value" || key == "items";
}

/**
 * After a syntax error, keeps the entries of the top-level list (the root array, or the array member
 * of the root object such as "items" or "value") that were complete. Returns how many entries were
 * kept (streamed ones included), or -1 when nothing is usable: an error inside a single object
 * would leave it with some fields missing, and a partial cluster or role is worse than none.
 */
long keepCompleteEntries(Document &doc, DomBuilder &dom)
{
    const auto &open = dom.openContainers();
    Json &root = doc.root;
    Json *list = nullptr;
    std::vector<std::size_t> *offsets = nullptr;
    std::size_t listDepth = 0;
    if (open.empty() || dom.cancelled)
        return -1;
    if (root.is_array()) {
        list = &root;
        offsets = &dom.itemOffsets;
        listDepth = 1;
    } else if (open.size() >= 2 && open[1]->is_array() && isEntryList(dom)) {
        list = open[1];
        offsets = &dom.memberOffsets.back().second;
        listDepth = 2;
    } else if (open.size() == 1 && isEntryList(dom)) { // between members: the list is complete
        return long(dom.streamed + dom.memberOffsets.back().second.size());
    } else {
        return -1;
    }
    auto &array = list->get_ref<Json::array_t &>();
    if (open.size() > listDepth && !array.empty()) { // the last entry was still open: drop it
        array.pop_back();
        offsets->resize(std::min(offsets->size(), array.size()));
    }
    return long(dom.streamed + array.size());
}

void fillPositions(Document &doc, const DomBuilder &dom, LineCounter &lines)
{
    doc.pos = lines.at(dom.rootOffset);
    doc.items.reserve(dom.itemOffsets.size());
    for (std::size_t offset : dom.itemOffsets)
        doc.items.push_back(lines.at(offset));
    for (const auto &[key, offsets] : dom.memberOffsets) {
        std::vector<TextPos> positions;
        positions.reserve(offsets.size());
        for (std::size_t offset : offsets)
            positions.push_back(lines.at(offset));
        doc.memberItems.emplace_back(key, std::move(positions));
    }
}

ParseIssue syntaxIssue(const DomBuilder &dom, std::string_view text, long kept)
{
    // nlohmann reports the count of characters read; the offending one is the last of them.
    const std::size_t offset = dom.limitOffset ? *dom.limitOffset : dom.errorByte > 0 ? dom.errorByte - 1 : 0;
    ParseIssue issue;
    issue.pos = LineCounter(text).at(offset);
    if (dom.limitOffset)
        issue.message = "malformed JSON: " + dom.errorText;
    else if (offset >= text.size())
        issue.message = "malformed JSON: the file ends in the middle of a value (truncated file?)";
    else
        issue.message = "malformed JSON: " + cleanMessage(dom.errorText);
    if (kept > 0)
        issue.message += "; the " + std::to_string(kept) + " complete entries before it were loaded";
    else
        issue.message += "; the rest of this file was not loaded";
    return issue;
}

std::size_t skipWhitespace(std::string_view text, std::size_t from)
{
    const auto next = text.find_first_not_of(" \t\r\n", from);
    return next == std::string_view::npos ? text.size() : next;
}

} // namespace

TextPos LineCounter::at(std::size_t offset)
{
    offset = std::min(offset, m_text.size());
    if (offset < m_offset) { // out of order: start over (rare, only for error positions)
        m_offset = m_lineStart = 0;
        m_line = 1;
    }
    const char *base = m_text.data();
    while (m_offset < offset) {
        const void *nl = std::memchr(base + m_offset, '\n', offset - m_offset);
        if (!nl) {
            m_offset = offset;
            break;
        }
        m_offset = std::size_t(static_cast<const char *>(nl) - base) + 1;
        m_lineStart = m_offset;
        ++m_line;
    }
    return {m_line, int(offset - m_lineStart) + 1};
}

bool looksLikeJson(std::string_view text)
{
    const auto first = text.find_first_not_of(" \t\r\n");
    return first != std::string_view::npos && (text[first] == '{' || text[first] == '[');
}

/**
 * Parses one JSON value after another: a file is normally a single value, but output appended
 * twice (`az ... >> file.json`) or JSON Lines hold several, and each becomes a document.
 */
void ParseResult::duplicateKey(TextPos pos, std::string_view key)
{
    if (duplicateKeys++ < kMaxListedDuplicates) {
        issues.push_back({Diagnostic::Severity::Warning, pos,
                          "the key '" + shortened(key, 100) + "' appears twice in one mapping; the last value is used"});
    }
}

void ParseResult::finishDuplicates()
{
    if (duplicateKeys > kMaxListedDuplicates) {
        issues.push_back({Diagnostic::Severity::Warning, {},
                          std::to_string(duplicateKeys - kMaxListedDuplicates)
                              + " more keys appear twice in one mapping in this file; the last value of each is used"});
    }
}

ParseResult parseJson(std::string_view text, const ParseControl &control, DocumentSink &sink)
{
    ParseResult result;
    LineCounter lines(text);      // document roots and kept entries
    LineCounter entryLines(text); // streamed entries
    LineCounter keyLines(text);   // duplicate keys
    const char *const begin = text.data();
    const char *const end = begin + text.size();
    for (std::size_t start = skipWhitespace(text, 0); start < text.size();) {
        Document doc;
        const char *cursor = begin + start;
        DomBuilder dom(doc.root, begin, &cursor, control, sink, entryLines);
        bool ok = false;
        try {
            ok = Json::sax_parse(TrackingIterator(begin + start, &cursor), TrackingIterator(end, &cursor), &dom,
                                 nlohmann::json::input_format_t::json, /*strict=*/false);
        } catch (const std::exception &e) { // bad_alloc, or anything thrown outside parse_error
            dom.errorByte = std::size_t(cursor - (begin + start)) + 1;
            dom.errorText = e.what();
        }
        dom.errorByte += start; // nlohmann counts from the start of this value
        for (const auto &[offset, key] : dom.duplicates) {
            // The lexer stands after the key's closing quote; without escapes, the key starts key.size() before it.
            const std::size_t closing = offset > 0 ? offset - 1 : 0;
            result.duplicateKey(keyLines.at(closing >= key.size() ? closing - key.size() : closing), key);
        }
        if (dom.cancelled) {
            result.cancelled = true;
            return result;
        }
        if (ok) {
            fillPositions(doc, dom, lines);
            sink.document(doc, dom.streamed);
            start = skipWhitespace(text, std::size_t(cursor - begin));
            continue;
        }
        const long kept = keepCompleteEntries(doc, dom);
        result.issues.push_back(syntaxIssue(dom, text, kept));
        if (kept > 0) {
            fillPositions(doc, dom, lines);
            sink.document(doc, dom.streamed);
        }
        break;
    }
    result.finishDuplicates();
    return result;
}

} // namespace clr::detail
