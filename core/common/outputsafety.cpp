// SPDX-License-Identifier: GPL-3.0-or-later
#include "outputsafety.h"

#include "strings.h"
#include "utf8.h"

#include <algorithm>
#include <cstdio>

namespace clr::safe {

namespace {

std::string hexEscape(const char *format, unsigned value)
{
    char buffer[16];
    std::snprintf(buffer, sizeof buffer, format, value);
    return buffer;
}

/** Invisible characters that change how the text around them is shown: shown escaped. */
bool invisibleFormatting(char32_t c)
{
    return c == 0x061C || c == 0x200E || c == 0x200F || (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069) || c == 0xFEFF;
}

/** Characters that some consumer reads as a line break or a control: C1, U+2028, U+2029. */
bool lineBreakOrC1(char32_t c)
{
    return (c >= 0x80 && c <= 0x9F) || c == 0x2028 || c == 0x2029;
}

/** Outside YAML's printable set (YAML 1.2 §5.1) or a line break: must be escaped in a quoted scalar. */
bool yamlNeedsEscape(char32_t c)
{
    return c < 0x20 || c == 0x7F || lineBreakOrC1(c) || c == 0xFEFF || c == 0xFFFE || c == 0xFFFF;
}

/** Safe as a plain YAML scalar in block context, in YAML 1.1 (go-yaml) and 1.2 (yaml-cpp) alike. */
bool plainSafe(std::string_view s)
{
    static const char *const reserved[] = {"true", "false", "yes", "no", "on", "off", "null", "y", "n", "~"};
    if (s.empty() || s.back() == ':' || s.back() == '.')
        return false;
    const char first = s[0];
    if (!((first >= 'a' && first <= 'z') || (first >= 'A' && first <= 'Z') || first == '/' || first == '_'))
        return false;
    for (char c : s) {
        const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '.' || c == '/'
            || c == ':' || c == '@' || c == '-';
        if (!ok)
            return false;
    }
    return std::none_of(std::begin(reserved), std::end(reserved), [&](const char *r) { return iequals(s, r); });
}

std::string singleQuoted(std::string_view s)
{
    std::string out = "'";
    for (char c : s) {
        if (c == '\'')
            out += "'\\''";
        else
            out += c;
    }
    return out + '\'';
}

/** bash's ANSI-C quoting: every byte that is not printable ASCII as \xHH (locale-independent). */
std::string ansiCQuoted(std::string_view s)
{
    std::string out = "$'";
    for (char ch : s) {
        const auto c = static_cast<unsigned char>(ch);
        if (c == '\'' || c == '\\')
            out += {'\\', ch};
        else if (c >= 0x20 && c < 0x7F)
            out += ch;
        else
            out += hexEscape("\\x%02X", c);
    }
    return out + '\'';
}

} // namespace

std::string line(std::string_view s)
{
    std::string out;
    out.reserve(s.size());
    for (std::size_t i = 0; i < s.size();) {
        const std::size_t start = i;
        const char32_t c = nextCodePoint(s, i);
        if (c == kInvalidUtf8) {
            for (std::size_t k = start; k < i; ++k)
                out += hexEscape("\\x%02X", static_cast<unsigned char>(s[k]));
        } else if (c == '\t')
            out += "\\t";
        else if (c == '\n')
            out += "\\n";
        else if (c == '\r')
            out += "\\r";
        else if (c < 0x20)
            out += {'^', char(c + 0x40)};
        else if (c == 0x7F)
            out += "^?";
        else if (lineBreakOrC1(c) || invisibleFormatting(c))
            out += hexEscape("\\u%04X", unsigned(c));
        else
            out.append(s.substr(start, i - start));
    }
    return out;
}

std::size_t displayWidth(std::string_view s)
{
    std::size_t width = 0;
    for (std::size_t i = 0; i < s.size(); ++width)
        nextCodePoint(s, i);
    return width;
}

std::string comment(std::string_view s)
{
    return "# " + line(s);
}

std::string yamlScalar(std::string_view s)
{
    if (plainSafe(s))
        return std::string(s);
    std::string out = "\"";
    for (std::size_t i = 0; i < s.size();) {
        const std::size_t start = i;
        const char32_t c = nextCodePoint(s, i);
        if (c == kInvalidUtf8)
            appendUtf8(out, 0xFFFD);
        else if (c == '"' || c == '\\')
            out += {'\\', char(c)};
        else if (c == '\t')
            out += "\\t";
        else if (c == '\n')
            out += "\\n";
        else if (c == '\r')
            out += "\\r";
        else if (yamlNeedsEscape(c))
            out += hexEscape("\\u%04X", unsigned(c));
        else
            out.append(s.substr(start, i - start));
    }
    return out + '"';
}

std::string yamlKey(std::string_view s, std::string_view indent)
{
    std::string key = yamlScalar(s);
    if (key.size() <= 1000)
        return key;
    return "? " + key + '\n' + std::string(indent);
}

std::string shellWord(std::string_view s)
{
    return line(s) == s ? singleQuoted(s) : ansiCQuoted(s);
}

bool shellRepresentable(std::string_view s)
{
    return s.find('\0') == std::string_view::npos;
}

std::string armString(std::string_view s)
{
    if (s.size() >= 2 && s.front() == '[' && s.back() == ']')
        return '[' + std::string(s);
    return std::string(s);
}

std::string armExpressionLiteral(std::string_view s)
{
    std::string out = "'";
    for (char c : s)
        out += c == '\'' ? std::string("''") : std::string(1, c);
    return out + '\'';
}

std::string csvField(std::string_view value)
{
    std::string v(value);
    if (!v.empty() && (v[0] == '=' || v[0] == '+' || v[0] == '-' || v[0] == '@' || v[0] == '\t' || v[0] == '\r'))
        v.insert(0, 1, '\''); // a spreadsheet would evaluate it as a formula
    if (v.find_first_of(",\"\r\n") == std::string::npos)
        return v;
    std::string out = "\"";
    for (char c : v)
        out += c == '"' ? std::string("\"\"") : std::string(1, c);
    return out + '"';
}

std::string html(std::string_view s)
{
    const std::string valid = toValidUtf8(s);
    std::string out;
    out.reserve(valid.size());
    for (char c : valid) {
        switch (c) {
        case '&': out += "&amp;"; break;
        case '<': out += "&lt;"; break;
        case '>': out += "&gt;"; break;
        case '"': out += "&quot;"; break;
        case '\'': out += "&#39;"; break;
        default: out += c;
        }
    }
    return out;
}

} // namespace clr::safe
