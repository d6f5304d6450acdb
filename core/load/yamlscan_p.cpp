// SPDX-License-Identifier: GPL-3.0-or-later
#include "yamlscan_p.h"

#include "load/limits.h"

namespace clr::detail {

namespace {

bool isBlank(char c)
{
    return c == ' ' || c == '\t';
}

bool isBreak(char c)
{
    return c == '\n' || c == '\r';
}

/**
 * One pass over the text with just enough of YAML's grammar to know where flow collections start:
 * block context (indentation, plain scalars and their continuation lines, quoted and block
 * scalars, comments, node properties) and flow context (nesting, quoted scalars, comments).
 */
class FlowScanner
{
public:
    explicit FlowScanner(std::string_view text) : m_text(text) {}

    std::optional<FlowProblem> run()
    {
        while (m_i < m_text.size() && !m_problem) {
            if (m_i == 0 || m_text[m_i - 1] == '\n')
                lineStart();
            if (m_i >= m_text.size())
                break;
            if (m_depth > 0)
                flow();
            else
                block();
        }
        return m_problem;
    }

private:
    char at(std::size_t i) const { return i < m_text.size() ? m_text[i] : '\n'; }
    /** An indicator such as "-", "?" or ":" counts when a blank, a line break or the end follows. */
    bool indicatorAt(std::size_t i) const { return isBlank(at(i + 1)) || isBreak(at(i + 1)); }
    bool commentAt(std::size_t i) const { return m_text[i] == '#' && (i == 0 || isBlank(m_text[i - 1]) || isBreak(m_text[i - 1])); }

    void skipLine()
    {
        while (m_i < m_text.size() && m_text[m_i] != '\n')
            ++m_i;
    }

    void lineStart()
    {
        std::size_t indent = 0;
        while (at(m_i + indent) == ' ')
            ++indent;
        const bool blank = isBreak(at(m_i + indent)) || at(m_i + indent) == '#';
        if (m_depth > 0) { // indentation means nothing inside a flow collection
            m_i += indent;
            return;
        }
        if (m_blockScalar) { // block scalar text runs while lines are blank or more indented
            if (isBreak(at(m_i + indent)) || int(indent) > m_blockParentIndent) {
                skipLine();
                return;
            }
            m_blockScalar = false;
        }
        if (m_plainContinues && !blank && int(indent) > m_plainIndent) { // more of a multi-line plain scalar
            m_i += indent;
            m_nodeStart = false;
            return;
        }
        m_plainContinues = false;
        m_lineIndent = int(indent);
        m_i += indent;
        m_nodeStart = true;
        if (m_text.substr(m_i, 3) == "---" && indicatorAt(m_i + 2))
            m_i += 3; // a document marker; a node may follow on the same line
        else if (m_text.substr(m_i, 3) == "..." && indicatorAt(m_i + 2))
            skipLine();
        else if (indent == 0 && at(m_i) == '%')
            skipLine(); // a directive
    }

    void block()
    {
        const char c = m_text[m_i];
        if (isBlank(c) || c == '\r') {
            ++m_i;
        } else if (c == '\n') {
            m_plainContinues = m_inPlain;
            m_plainIndent = m_lineIndent;
            m_inPlain = false;
            ++m_i;
        } else if (commentAt(m_i)) {
            m_inPlain = false;
            skipLine();
        } else if (!m_nodeStart) {
            if (c == ':' && indicatorAt(m_i)) { // "key: value": a node follows
                m_nodeStart = true;
                m_inPlain = false;
            }
            ++m_i;
        } else {
            nodeInBlock(c);
        }
    }

    void nodeInBlock(char c)
    {
        if (c == '[' || c == '{') {
            m_depth = 1;
            m_flowStart = m_i++;
            m_flowNodeStart = true;
        } else if (c == '"' || c == '\'') {
            skipQuoted(c);
            m_nodeStart = false;
        } else if (c == '|' || c == '>') {
            m_blockScalar = true;
            m_blockParentIndent = m_lineIndent;
            skipLine();
        } else if (c == '&' || c == '!') { // an anchor or tag: the node itself follows
            while (m_i < m_text.size() && !isBlank(m_text[m_i]) && !isBreak(m_text[m_i]))
                ++m_i;
        } else if ((c == '-' || c == '?' || c == ':') && indicatorAt(m_i)) {
            ++m_i; // a sequence entry, a complex key or its value: a node follows
        } else {
            m_nodeStart = false;
            m_inPlain = true;
            ++m_i;
        }
    }

    void flow()
    {
        const char c = m_text[m_i];
        if (c == '[' || c == '{') {
            if (++m_depth > limits::kMaxDepth) {
                problem(m_i, "malformed YAML: nesting deeper than " + std::to_string(limits::kMaxDepth) + " levels (the limit)");
                return;
            }
            m_flowNodeStart = true;
            ++m_i;
        } else if (c == ']' || c == '}') {
            ++m_i;
            if (--m_depth == 0) {
                m_nodeStart = false;
                return;
            }
            m_flowNodeStart = false;
        } else if (c == ',' || ((c == ':' || c == '?') && (indicatorAt(m_i) || m_flowNodeStart))) {
            m_flowNodeStart = true;
            ++m_i;
        } else if ((c == '"' || c == '\'') && m_flowNodeStart) {
            skipQuoted(c);
            m_flowNodeStart = false;
        } else if (commentAt(m_i)) {
            skipLine();
        } else if (isBlank(c) || isBreak(c)) {
            ++m_i;
        } else {
            m_flowNodeStart = false;
            ++m_i;
        }
        if (m_depth > 0 && m_i - m_flowStart > limits::kMaxYamlFlowBytes) {
            problem(m_flowStart, "malformed YAML: a flow-style collection ([...] or {...}) longer than "
                                     + std::to_string(limits::kMaxYamlFlowBytes >> 20)
                                     + " MiB (the limit); write a document this large as JSON or as block YAML");
        }
    }

    /** Skips a quoted scalar (which may span lines); an unterminated one runs to the end. */
    void skipQuoted(char quote)
    {
        ++m_i;
        while (m_i < m_text.size()) {
            const char c = m_text[m_i];
            if (quote == '"' && c == '\\') {
                m_i += 2;
            } else if (c == quote) {
                ++m_i;
                if (quote == '\'' && at(m_i) == '\'' && m_i < m_text.size()) {
                    ++m_i; // '' is an escaped quote
                    continue;
                }
                return;
            } else {
                ++m_i;
            }
        }
    }

    void problem(std::size_t offset, std::string message)
    {
        m_problem = FlowProblem{offset, std::move(message)};
    }

    std::string_view m_text;
    std::size_t m_i = 0;
    std::optional<FlowProblem> m_problem;
    // Block context.
    bool m_nodeStart = true;
    int m_lineIndent = 0;
    bool m_inPlain = false;        // in a plain scalar on this line
    bool m_plainContinues = false; // the previous line ended in one: more indented lines continue it
    int m_plainIndent = 0;
    bool m_blockScalar = false;
    int m_blockParentIndent = 0;
    // Flow context.
    std::size_t m_depth = 0;
    std::size_t m_flowStart = 0;
    bool m_flowNodeStart = false;
};

} // namespace

std::optional<FlowProblem> checkFlowCollections(std::string_view text)
{
    return FlowScanner(text).run();
}

} // namespace clr::detail
