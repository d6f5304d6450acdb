// SPDX-License-Identifier: GPL-3.0-or-later
#include "remote/pagescan.h"

#include <nlohmann/json.hpp>

#include <vector>

namespace clr::remote {

namespace {

/**
 * SAX handler that keeps only a path of keys. Depth 1 is the top-level object; entries of the
 * top-level "value"/"items" array sit at depth 2 (as objects, depth 3 holds their members).
 */
class Scanner final : public nlohmann::json_sax<nlohmann::json>
{
public:
    explicit Scanner(PageSummary &out) : m_out(out) {}

    bool null() override { return scalar(nullptr, true); }
    bool boolean(bool) override { return scalar(nullptr, false); }
    bool number_integer(number_integer_t v) override { return integer(v); }
    bool number_unsigned(number_unsigned_t v) override { return integer(std::int64_t(v)); }
    bool number_float(number_float_t, const string_t &) override { return scalar(nullptr, false); }
    bool binary(binary_t &) override { return scalar(nullptr, false); }
    bool string(string_t &v) override { return scalar(&v, false); }

    bool start_object(std::size_t) override
    {
        enterValue(false);
        m_stack.push_back({Frame::Object, {}});
        if (m_stack.size() == 3 && inEntries())
            m_entryHasData = false;
        return true;
    }
    bool end_object() override
    {
        if (m_stack.size() == 3 && inEntries() && !m_entryHasData)
            ++m_out.idOnlyEntries;
        m_stack.pop_back();
        return true;
    }
    bool start_array(std::size_t) override
    {
        enterValue(false);
        m_stack.push_back({Frame::Array, {}});
        return true;
    }
    bool end_array() override
    {
        m_stack.pop_back();
        return true;
    }
    bool key(string_t &k) override
    {
        m_stack.back().key = k;
        return true;
    }
    bool parse_error(std::size_t position, const std::string &, const nlohmann::detail::exception &e) override
    {
        std::string what = e.what();
        if (const auto cut = what.find("; last read"); cut != std::string::npos)
            what.resize(cut); // the quoted input is of no use in a message
        m_out.parseError = "invalid JSON at byte " + std::to_string(position) + ": " + what;
        return false;
    }

private:
    struct Frame
    {
        enum Type { Object, Array } type;
        std::string key; // current member name (objects)
    };

    /** True when the second frame is the top-level "value"/"items" array. */
    bool inEntries() const
    {
        return m_stack.size() >= 2 && m_stack[0].type == Frame::Object && m_stack[1].type == Frame::Array
            && (m_stack[0].key == "value" || m_stack[0].key == "items");
    }

    /** Called for every value before it is consumed, with the frames of its parents. */
    void enterValue(bool isNull)
    {
        const std::size_t depth = m_stack.size();
        if (depth == 2 && inEntries())
            ++m_out.entries;
        if (depth == 3 && m_stack[1].type == Frame::Array && inEntries() && m_stack[2].type == Frame::Object) {
            const std::string &k = m_stack[2].key;
            if (!isNull && k != "id" && k != "@odata.type" && k != "@odata.id")
                m_entryHasData = true;
            if (k == "@removed")
                ++m_out.removedEntries;
        }
        if (depth == 4 && inEntries() && m_stack[2].type == Frame::Object && m_stack[2].key == "members@delta"
            && m_stack[3].type == Frame::Array)
            ++m_out.memberRefs;
    }

    bool integer(std::int64_t)
    {
        enterValue(false);
        return true;
    }

    bool scalar(string_t *s, bool isNull)
    {
        enterValue(isNull);
        if (!s)
            return true;
        const std::size_t depth = m_stack.size();
        if (depth == 1) {
            const std::string &k = m_stack[0].key;
            if (k == "@odata.nextLink" || k == "nextLink")
                m_out.nextLink = *s;
            else if (k == "@odata.deltaLink")
                m_out.deltaLink = *s;
            else if (k == "@odata.context")
                m_out.odataContext = *s;
            else if (k == "kind")
                m_out.kind = *s;
            else if (k == "apiVersion")
                m_out.apiVersion = *s;
            else if (k == "reason")
                m_statusReason = *s;
            else if (k == "message")
                m_statusMessage = *s;
        } else if (depth == 2 && m_stack[1].type == Frame::Object) {
            const std::string &parent = m_stack[0].key;
            const std::string &k = m_stack[1].key;
            if (parent == "metadata" && k == "continue")
                m_out.continueToken = *s;
            else if (parent == "error" && k == "code")
                m_out.errorCode = *s;
            else if (parent == "error" && k == "message")
                m_out.errorMessage = *s;
        } else if (depth == 3 && m_stack[0].key == "error" && m_stack[2].type == Frame::Object
                   && (m_stack[1].key == "innerError" || m_stack[1].key == "innererror") && m_stack[2].key == "code") {
            m_out.innerErrorCode = *s;
        }
        return true;
    }

public:
    void finish()
    {
        if (m_out.kind == "Status" && m_out.errorCode.empty()) {
            m_out.errorCode = m_statusReason;
            m_out.errorMessage = m_statusMessage;
        }
    }

private:
    PageSummary &m_out;
    std::vector<Frame> m_stack;
    bool m_entryHasData = false;
    std::string m_statusReason, m_statusMessage;
};

} // namespace

PageSummary scanPage(std::string_view json)
{
    PageSummary out;
    const auto first = json.find_first_not_of(" \t\r\n");
    if (first == std::string_view::npos) {
        out.parseError = "empty body";
        return out;
    }
    if (json[first] != '{') {
        out.parseError = "the body is not a JSON object";
        return out;
    }
    Scanner scanner(out);
    bool ok = false;
    try {
        ok = nlohmann::json::sax_parse(json.begin(), json.end(), &scanner, nlohmann::json::input_format_t::json, true);
    } catch (const std::exception &e) { // sax_parse reports through parse_error; this is belt and braces
        out.parseError = e.what();
        ok = false;
    }
    scanner.finish();
    out.valid = ok && out.parseError.empty();
    if (!out.valid && out.parseError.empty())
        out.parseError = "invalid JSON";
    return out;
}

std::string jsonQuote(std::string_view text)
{
    return nlohmann::json(std::string(text)).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

} // namespace clr::remote
