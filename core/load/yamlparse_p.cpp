// SPDX-License-Identifier: GPL-3.0-or-later
// YAML input (manifests, Helm output, kubectl -o yaml), read through yaml-cpp's event API: the
// handler below builds the same JSON values the JSON path produces, with positions, and nothing
// else (no yaml-cpp node graph). Reading events lets it enforce budgets while yaml-cpp runs:
// yaml-cpp 0.7 loops forever on a document starting with ',' (LoadAll keeps returning empty
// documents without consuming input), and aliases can expand a small text exponentially.
#include "document_p.h"
#include "load/limits.h"
#include "yamlscan_p.h"

#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/exceptions.h>
#include <yaml-cpp/mark.h>
#include <yaml-cpp/parser.h>

#include <algorithm>
#include <istream>
#include <memory>
#include <streambuf>
#include <unordered_map>

namespace clr::detail {

namespace {

struct Chunk
{
    std::string_view text;
    int firstLine = 0;      // 0-based line of the chunk within the file
    std::size_t offset = 0; // of its first byte within the file
};

bool isDocumentMarker(std::string_view line)
{
    return line.substr(0, 3) == "---" && (line.size() == 3 || line[3] == ' ' || line[3] == '\t' || line[3] == '\r');
}

/** True when the line holds YAML content (not blank, a comment, a directive or a bare "---"). */
bool hasContent(std::string_view line)
{
    if (isDocumentMarker(line))
        line.remove_prefix(3);
    else if (!line.empty() && line.front() == '%')
        return false;
    const auto first = line.find_first_not_of(" \t\r");
    return first != std::string_view::npos && line[first] != '#';
}

/**
 * Splits the text at "---" lines, so that a syntax error in one document of a multi-document file
 * loses only that document (yaml-cpp gives up on the rest of a stream after an error). A "---" in
 * column 0 always starts a document: block scalars inside a document are indented.
 */
std::vector<Chunk> splitDocuments(std::string_view text)
{
    std::vector<Chunk> chunks;
    std::size_t chunkStart = 0;
    int chunkLine = 0;
    bool chunkHasContent = false;
    int lineNo = 0;
    for (std::size_t pos = 0; pos < text.size(); ++lineNo) {
        auto eol = text.find('\n', pos);
        if (eol == std::string_view::npos)
            eol = text.size();
        const std::string_view line = text.substr(pos, eol - pos);
        if (isDocumentMarker(line) && chunkHasContent) {
            chunks.push_back({text.substr(chunkStart, pos - chunkStart), chunkLine, chunkStart});
            chunkStart = pos;
            chunkLine = lineNo;
            chunkHasContent = false;
        }
        chunkHasContent = chunkHasContent || hasContent(line);
        pos = eol + 1;
    }
    if (chunkHasContent)
        chunks.push_back({text.substr(chunkStart), chunkLine, chunkStart});
    return chunks;
}

/** An istream over text that is not copied (yaml-cpp reads from a stream). */
class MemoryBuffer final : public std::streambuf
{
public:
    explicit MemoryBuffer(std::string_view text)
    {
        char *begin = const_cast<char *>(text.data()); // only ever read: no put area is set
        setg(begin, begin, begin + text.size());
    }
};

/** Thrown out of the event handler to stop yaml-cpp: a budget was exceeded, or the user cancelled. */
struct Stop
{
    TextPos pos;
    std::string message; // empty: cancelled
};

/** An open mapping or list while a document is built. */
struct Frame
{
    Json *node = nullptr;
    std::unique_ptr<Json> owned; // a subtree that is dropped (a non-scalar key, or its value)
    bool map = false;
    bool expectKey = true;  // map: the next value is a key
    bool dropValue = false; // map: the key was not a scalar, so its value goes nowhere
    std::string key;
    YAML::anchor_t anchor = YAML::NullAnchor;
    std::size_t nodesAtStart = 0;
};

/**
 * Builds JSON values from yaml-cpp events: plain true/false become booleans, plain null/~/empty
 * become null, every other scalar stays a string (as the old node conversion did). Aliases are
 * expanded by copying the anchored value. The entries of a top-level list are streamed to the sink
 * when it asks for them, like the JSON path does.
 */
class Builder final : public YAML::EventHandler
{
public:
    Builder(const Chunk &chunk, const ParseControl &control, DocumentSink &sink, ParseResult &result)
        : m_result(result)
        , m_lineOffset(chunk.firstLine)
        , m_byteOffset(chunk.offset)
        , m_control(control)
        , m_sink(sink)
        , m_eventBudget(limits::kMaxYamlEventsPerByte * chunk.text.size() + limits::kYamlAllowance)
        , m_nodeBudget(limits::kMaxYamlNodesPerByte * chunk.text.size() + limits::kYamlAllowance)
    {
    }

    /** Entries of the current document handed to the sink so far. */
    std::size_t streamed() const { return m_streamed; }
    /** Hands over what was built of a document that broke off, when the sink took entries from it
     *  (or agreed to): it then expects the document to end. */
    void abandonDocument()
    {
        if (m_inDocument && m_streaming)
            m_sink.document(m_doc, m_streamed);
        m_inDocument = false;
    }

    void OnDocumentStart(const YAML::Mark &mark) override
    {
        event(mark);
        // yaml-cpp reports a document it cannot start on (',' at the top) as an empty document and
        // leaves the token in place; the next document then starts at the same place, forever.
        if (m_lastDocumentStart >= 0 && mark.pos <= m_lastDocumentStart)
            throw Stop{pos(mark), "malformed YAML: the parser cannot get past this point (yaml-cpp makes no progress)"};
        m_lastDocumentStart = mark.pos;
        m_doc = Document();
        m_doc.pos = pos(mark);
        m_hasRoot = false;
        m_inDocument = true;
        m_streamed = 0;
        m_streamDepth = 0;
        m_streaming = false;
        m_nodes = 0;
        m_anchors.clear();
    }

    void OnDocumentEnd() override
    {
        event(m_lastMark);
        m_inDocument = false;
        if (m_hasRoot && !m_doc.root.is_null())
            m_sink.document(m_doc, m_streamed);
        m_doc = Document();
    }

    void OnNull(const YAML::Mark &mark, YAML::anchor_t anchor) override
    {
        event(mark);
        scalarValue(Json(nullptr), mark, anchor);
    }

    void OnScalar(const YAML::Mark &mark, const std::string &tag, YAML::anchor_t anchor, const std::string &value) override
    {
        event(mark);
        scalarValue(convertScalar(tag, value), mark, anchor);
    }

    void OnAlias(const YAML::Mark &mark, YAML::anchor_t anchor) override
    {
        event(mark);
        const auto it = m_anchors.find(anchor);
        if (it == m_anchors.end())
            throw Stop{pos(mark), "malformed YAML: an alias refers to the value that contains it"};
        charge(it->second.weight, mark);
        Json copy = it->second.value;
        if (!place(std::move(copy), mark, /*container=*/false))
            return;
        completed(mark);
    }

    void OnSequenceStart(const YAML::Mark &mark, const std::string &, YAML::anchor_t anchor, YAML::EmitterStyle::value) override
    {
        event(mark);
        open(Json::array(), mark, anchor);
    }

    void OnMapStart(const YAML::Mark &mark, const std::string &, YAML::anchor_t anchor, YAML::EmitterStyle::value) override
    {
        event(mark);
        open(Json::object(), mark, anchor);
    }

    void OnSequenceEnd() override { close(); }
    void OnMapEnd() override { close(); }

private:
    TextPos pos(const YAML::Mark &mark) const
    {
        if (mark.line < 0)
            return {m_lineOffset + 1, 1};
        return {mark.line + 1 + m_lineOffset, mark.column + 1};
    }

    void event(const YAML::Mark &mark)
    {
        m_lastMark = mark;
        if (++m_events > m_eventBudget) {
            throw Stop{pos(mark), "malformed YAML: the parser produced more than "
                                      + std::to_string(limits::kMaxYamlEventsPerByte)
                                      + " events per byte of this document (the limit); it is not making progress"};
        }
        if (m_events % 4096 != 0)
            return;
        if (m_control.cancelled())
            throw Stop{pos(mark), {}};
        if (m_events % 65536 == 0 && m_control.progress && mark.pos >= 0)
            m_control.progress(m_byteOffset + std::size_t(mark.pos));
    }

    void charge(std::size_t nodes, const YAML::Mark &mark)
    {
        m_nodes += nodes;
        if (m_nodes > m_nodeBudget) {
            throw Stop{pos(mark), "malformed YAML: aliases expand to more than "
                                      + std::to_string(limits::kMaxYamlNodesPerByte)
                                      + " values per byte of this document (the limit)"};
        }
    }

    static Json convertScalar(const std::string &tag, const std::string &value)
    {
        if (tag == "?") { // plain (unquoted): the YAML 1.2 core schema booleans; nulls arrive as OnNull
            if (value == "true" || value == "True" || value == "TRUE")
                return true;
            if (value == "false" || value == "False" || value == "FALSE")
                return false;
        }
        return value;
    }

    void scalarValue(Json &&value, const YAML::Mark &mark, YAML::anchor_t anchor)
    {
        charge(1, mark);
        if (anchor != YAML::NullAnchor)
            remember(anchor, value, 1, mark);
        if (place(std::move(value), mark, /*container=*/false))
            completed(mark);
    }

    void remember(YAML::anchor_t anchor, const Json &value, std::size_t weight, const YAML::Mark &mark)
    {
        charge(weight, mark); // the copy kept for the aliases
        m_anchors[anchor] = {value, weight};
    }

    void open(Json &&container, const YAML::Mark &mark, YAML::anchor_t anchor)
    {
        charge(1, mark);
        if (m_stack.size() >= limits::kMaxDepth) {
            throw Stop{pos(mark), "malformed YAML: nesting deeper than " + std::to_string(limits::kMaxDepth)
                                      + " levels (the limit)"};
        }
        const bool memberList = container.is_array() && m_stack.size() == 1 && m_stack.front().map
            && !m_stack.front().expectKey && !m_stack.front().dropValue && !m_stack.front().owned;
        const bool rootList = container.is_array() && m_stack.empty();
        Frame frame;
        frame.map = container.is_object();
        frame.anchor = anchor;
        frame.nodesAtStart = m_nodes;
        if (memberList)
            m_doc.memberItems.emplace_back(m_stack.front().key, std::vector<TextPos>());
        Json *node = place(std::move(container), mark, /*container=*/true);
        if (node) {
            frame.node = node;
        } else { // a key that is a mapping or list: built aside and dropped
            frame.owned = std::make_unique<Json>(frame.map ? Json::object() : Json::array());
            frame.node = frame.owned.get();
        }
        m_stack.push_back(std::move(frame));
        if ((rootList || memberList) && m_streamDepth == 0
            && m_sink.streamEntries(m_doc.root, rootList ? std::string_view() : std::string_view(m_stack.front().key))) {
            m_streamDepth = m_stack.size();
            m_streaming = true;
        }
    }

    void close()
    {
        event(m_lastMark);
        Frame frame = std::move(m_stack.back());
        m_stack.pop_back();
        if (m_streamDepth != 0 && m_stack.size() < m_streamDepth)
            m_streamDepth = 0; // the streamed list itself ended
        if (frame.anchor != YAML::NullAnchor)
            remember(frame.anchor, *frame.node, m_nodes - frame.nodesAtStart + 1, m_lastMark);
        completed(m_lastMark);
    }

    /**
     * Puts a value where the open container expects it. Returns where it went, or nullptr when it
     * was a scalar key (remembered as the key) or is dropped (the value of a non-scalar key).
     */
    Json *place(Json &&value, const YAML::Mark &mark, bool container)
    {
        if (m_stack.empty()) {
            m_hasRoot = true;
            m_doc.pos = pos(mark);
            m_doc.root = std::move(value);
            return &m_doc.root;
        }
        Frame &top = m_stack.back();
        if (top.map) {
            if (top.expectKey) {
                top.expectKey = false;
                top.dropValue = !value.is_string() && !value.is_boolean();
                if (!top.dropValue)
                    top.key = value.is_string() ? std::move(value.get_ref<std::string &>()) : value.dump();
                return container ? nullptr : &m_scratch;
            }
            top.expectKey = true;
            if (top.dropValue || top.owned) {
                top.dropValue = false;
                if (container)
                    return nullptr;
                return &m_scratch;
            }
            auto [slot, inserted] = top.node->get_ref<Json::object_t &>().try_emplace(top.key);
            if (!inserted)
                m_result.duplicateKey(pos(mark), top.key);
            slot->second = std::move(value);
            return &slot->second;
        }
        auto &array = top.node->get_ref<Json::array_t &>();
        if (!top.owned) {
            if (m_stack.size() == m_streamDepth)
                m_entryPos = pos(mark);
            else if (m_stack.size() == 1)
                m_doc.items.push_back(pos(mark));
            else if (m_stack.size() == 2 && m_stack.front().map && !m_doc.memberItems.empty())
                m_doc.memberItems.back().second.push_back(pos(mark));
        }
        return &array.emplace_back(std::move(value));
    }

    /** A value is complete: an entry of the streamed list goes to the sink and is freed. */
    void completed(const YAML::Mark &mark)
    {
        if (m_streamDepth == 0 || m_stack.size() != m_streamDepth)
            return;
        auto &entries = m_stack.back().node->get_ref<Json::array_t &>();
        const bool more = m_sink.entry(entries.back(), m_entryPos);
        entries.pop_back();
        ++m_streamed;
        if (!more)
            throw Stop{pos(mark), {}};
    }

    struct Anchored
    {
        Json value;
        std::size_t weight = 0;
    };

    ParseResult &m_result;
    int m_lineOffset;
    std::size_t m_byteOffset;
    const ParseControl &m_control;
    DocumentSink &m_sink;
    const std::size_t m_eventBudget;
    const std::size_t m_nodeBudget;
    std::size_t m_events = 0;
    std::size_t m_nodes = 0;
    int m_lastDocumentStart = -1;
    YAML::Mark m_lastMark;
    Document m_doc;
    bool m_hasRoot = false;
    bool m_inDocument = false;
    std::vector<Frame> m_stack;
    std::unordered_map<YAML::anchor_t, Anchored> m_anchors;
    Json m_scratch; // where dropped scalars go
    std::size_t m_streamDepth = 0;
    bool m_streaming = false; // the sink took a list of this document
    std::size_t m_streamed = 0;
    TextPos m_entryPos;
};

std::string skippedWhat(std::size_t streamed)
{
    if (streamed == 0)
        return "; this document was skipped";
    return "; the " + std::to_string(streamed) + " complete entries before it were loaded";
}

/** Parses one chunk; returns false when the user cancelled. */
bool parseChunk(const Chunk &chunk, const ParseControl &control, ParseResult &result, DocumentSink &sink)
{
    if (const auto problem = checkFlowCollections(chunk.text)) {
        TextPos pos = LineCounter(chunk.text).at(problem->offset);
        pos.line += chunk.firstLine;
        result.issues.push_back({Diagnostic::Severity::Error, pos, problem->message + skippedWhat(0)});
        return true;
    }
    MemoryBuffer buffer(chunk.text);
    std::istream in(&buffer);
    Builder builder(chunk, control, sink, result);
    try {
        YAML::Parser parser(in);
        while (parser.HandleNextDocument(builder)) {
        }
        return true;
    } catch (const Stop &stop) {
        if (stop.message.empty())
            return false;
        result.issues.push_back({Diagnostic::Severity::Error, stop.pos, stop.message + skippedWhat(builder.streamed())});
    } catch (const YAML::Exception &e) {
        TextPos pos{chunk.firstLine + 1, 1};
        if (e.mark.line >= 0)
            pos = {e.mark.line + 1 + chunk.firstLine, e.mark.column + 1};
        result.issues.push_back({Diagnostic::Severity::Error, pos, "malformed YAML: " + e.msg + skippedWhat(builder.streamed())});
    } catch (const std::exception &e) { // bad_alloc
        result.issues.push_back({Diagnostic::Severity::Error, {chunk.firstLine + 1, 1},
                                 std::string("YAML document skipped: ") + e.what()});
    }
    builder.abandonDocument();
    return true;
}

/** A cut-off last line still parses (YAML closes every open block at the end), and loads an
 *  invented value such as a shortened group ID: a file that ends without a line break says so. */
void checkLastLine(std::string_view text, ParseResult &result)
{
    if (text.empty() || text.back() == '\n' || text.back() == '\r')
        return;
    const auto start = text.rfind('\n') + 1; // npos + 1 == 0
    if (!hasContent(text.substr(start)))
        return;
    const auto line = int(std::count(text.begin(), text.end(), '\n')) + 1;
    result.issues.push_back({Diagnostic::Severity::Warning, {line, int(text.size() - start) + 1},
                             "the file does not end with a line break: possibly truncated, so the value on this "
                             "last line may be cut short"});
}

} // namespace

ParseResult parseYaml(std::string_view text, const ParseControl &control, DocumentSink &sink)
{
    ParseResult result;
    for (const Chunk &chunk : splitDocuments(text)) {
        if (control.cancelled() || !parseChunk(chunk, control, result, sink)) {
            result.cancelled = true;
            return result;
        }
    }
    checkLastLine(text, result);
    result.finishDuplicates();
    return result;
}

} // namespace clr::detail
