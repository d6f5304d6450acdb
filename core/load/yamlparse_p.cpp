// SPDX-License-Identifier: GPL-3.0-or-later
// YAML input (manifests, Helm output, kubectl -o yaml): yaml-cpp nodes converted into the same
// JSON values the JSON path produces, so every loader reads one representation.
#include "document_p.h"

#include <yaml-cpp/yaml.h>

#include <stdexcept>

namespace clr::detail {

namespace {

constexpr int kMaxDepth = 256;

struct Chunk
{
    std::string_view text;
    int firstLine = 0; // 0-based line of the chunk within the file
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
 * loses only that document (yaml-cpp's LoadAll gives up on the whole stream). A "---" in column 0
 * always starts a document: block scalars inside a document are indented.
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
            chunks.push_back({text.substr(chunkStart, pos - chunkStart), chunkLine});
            chunkStart = pos;
            chunkLine = lineNo;
            chunkHasContent = false;
        }
        chunkHasContent = chunkHasContent || hasContent(line);
        pos = eol + 1;
    }
    if (chunkHasContent)
        chunks.push_back({text.substr(chunkStart), chunkLine});
    return chunks;
}

struct ConversionError : std::runtime_error
{
    using std::runtime_error::runtime_error;
};

/** Converts yaml-cpp nodes into JSON: plain true/false become booleans, other scalars stay strings. */
class Converter final
{
public:
    Converter(int lineOffset, std::size_t budget) : m_lineOffset(lineOffset), m_budget(budget) {}

    TextPos pos(const YAML::Node &node) const
    {
        const YAML::Mark mark = node.Mark();
        if (mark.line < 0)
            return {};
        return {mark.line + 1 + m_lineOffset, mark.column + 1};
    }

    Document document(const YAML::Node &root)
    {
        Document doc;
        doc.pos = pos(root);
        if (root.IsSequence()) {
            doc.root = Json::array();
            for (const YAML::Node &item : root) {
                doc.items.push_back(pos(item));
                doc.root.push_back(convert(item, 1));
            }
            return doc;
        }
        if (!root.IsMap()) {
            doc.root = convert(root, 0);
            return doc;
        }
        doc.root = Json::object();
        for (auto it = root.begin(); it != root.end(); ++it) {
            // it-> yields a temporary: keep the nodes in locals before iterating them.
            const YAML::Node keyNode = it->first;
            const YAML::Node value = it->second;
            if (!keyNode.IsScalar())
                continue;
            const std::string key = keyNode.Scalar();
            if (value.IsSequence()) {
                std::vector<TextPos> positions;
                for (const YAML::Node &item : value)
                    positions.push_back(pos(item));
                doc.memberItems.emplace_back(key, std::move(positions));
            }
            doc.root[key] = convert(value, 1);
        }
        return doc;
    }

private:
    Json convert(const YAML::Node &node, int depth)
    {
        if (depth > kMaxDepth)
            throw ConversionError("nesting deeper than " + std::to_string(kMaxDepth) + " levels");
        // Aliases can make a small text expand exponentially ("billion laughs"): a real export never
        // has more nodes than bytes.
        if (m_budget-- == 0)
            throw ConversionError("aliases expand far beyond the size of the document");
        switch (node.Type()) {
        case YAML::NodeType::Scalar:
            return scalar(node);
        case YAML::NodeType::Sequence: {
            Json out = Json::array();
            for (const YAML::Node &item : node)
                out.push_back(convert(item, depth + 1));
            return out;
        }
        case YAML::NodeType::Map: {
            Json out = Json::object();
            for (auto it = node.begin(); it != node.end(); ++it) {
                const YAML::Node keyNode = it->first;
                if (keyNode.IsScalar())
                    out[keyNode.Scalar()] = convert(it->second, depth + 1);
            }
            return out;
        }
        default:
            return nullptr;
        }
    }

    static Json scalar(const YAML::Node &node)
    {
        const std::string &s = node.Scalar();
        if (node.Tag() == "?") { // plain (unquoted) scalar: the YAML 1.2 core schema literals
            if (s == "true" || s == "True" || s == "TRUE")
                return true;
            if (s == "false" || s == "False" || s == "FALSE")
                return false;
            if (s == "null" || s == "Null" || s == "NULL" || s == "~")
                return nullptr;
        }
        return s;
    }

    int m_lineOffset;
    std::size_t m_budget;
};

void parseChunk(const Chunk &chunk, ParseResult &result, DocumentSink &sink)
{
    Converter converter(chunk.firstLine, chunk.text.size() + 4096);
    std::vector<Document> documents;
    try {
        const std::vector<YAML::Node> nodes = YAML::LoadAll(std::string(chunk.text));
        for (const YAML::Node &node : nodes) {
            if (node.IsDefined() && !node.IsNull())
                documents.push_back(converter.document(node));
        }
    } catch (const YAML::Exception &e) {
        TextPos pos{chunk.firstLine + 1, 1};
        if (e.mark.line >= 0)
            pos = {e.mark.line + 1 + chunk.firstLine, e.mark.column + 1};
        result.issues.push_back({Diagnostic::Severity::Error, pos,
                                 "malformed YAML: " + e.msg + "; this document was skipped"});
    } catch (const std::exception &e) {
        result.issues.push_back({Diagnostic::Severity::Error, {chunk.firstLine + 1, 1},
                                 std::string("YAML document skipped: ") + e.what()});
    }
    for (Document &doc : documents)
        sink.document(doc, 0);
}

} // namespace

ParseResult parseYaml(std::string_view text, const std::atomic<bool> *cancel, DocumentSink &sink)
{
    ParseResult result;
    for (const Chunk &chunk : splitDocuments(text)) {
        if (cancel && cancel->load(std::memory_order_relaxed)) {
            result.cancelled = true;
            break;
        }
        parseChunk(chunk, result, sink);
    }
    return result;
}

} // namespace clr::detail
