// SPDX-License-Identifier: GPL-3.0-or-later
// UTF-8 as RFC 3629 defines it (no overlong forms, no surrogates, nothing beyond U+10FFFF).
#include "utf8.h"

namespace clr {

namespace {

/** The range the second byte of a sequence must be in (Unicode 15, table 3-7). */
bool secondByteOk(unsigned char lead, unsigned char b)
{
    switch (lead) {
    case 0xE0: return b >= 0xA0 && b <= 0xBF; // no overlong 3-byte forms
    case 0xED: return b >= 0x80 && b <= 0x9F; // no surrogates
    case 0xF0: return b >= 0x90 && b <= 0xBF; // no overlong 4-byte forms
    case 0xF4: return b >= 0x80 && b <= 0x8F; // nothing beyond U+10FFFF
    default: return b >= 0x80 && b <= 0xBF;
    }
}

} // namespace

char32_t nextCodePoint(std::string_view s, std::size_t &i)
{
    const auto lead = static_cast<unsigned char>(s[i]);
    if (lead < 0x80) {
        ++i;
        return lead;
    }
    std::size_t length = 0;
    char32_t c = 0;
    if (lead >= 0xC2 && lead <= 0xDF)
        length = 2, c = lead & 0x1F;
    else if (lead >= 0xE0 && lead <= 0xEF)
        length = 3, c = lead & 0x0F;
    else if (lead >= 0xF0 && lead <= 0xF4)
        length = 4, c = lead & 0x07;
    if (length == 0) { // a continuation byte, C0, C1 or F5..FF cannot start a sequence
        ++i;
        return kInvalidUtf8;
    }
    // An ill-formed sequence is consumed up to its maximal valid prefix ("maximal subpart"), so
    // that it becomes one U+FFFD, as nlohmann's dump() with error_handler_t::replace does too.
    for (std::size_t k = 1; k < length; ++k) {
        const auto b = i + k < s.size() ? static_cast<unsigned char>(s[i + k]) : 0;
        const bool ok = i + k < s.size() && (k == 1 ? secondByteOk(lead, b) : (b & 0xC0) == 0x80);
        if (!ok) {
            i += k;
            return kInvalidUtf8;
        }
        c = (c << 6) | (b & 0x3F);
    }
    i += length;
    return c;
}

void appendUtf8(std::string &out, char32_t c)
{
    if (c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF))
        c = 0xFFFD;
    if (c < 0x80) {
        out += char(c);
    } else if (c < 0x800) {
        out += char(0xC0 | (c >> 6));
        out += char(0x80 | (c & 0x3F));
    } else if (c < 0x10000) {
        out += char(0xE0 | (c >> 12));
        out += char(0x80 | ((c >> 6) & 0x3F));
        out += char(0x80 | (c & 0x3F));
    } else {
        out += char(0xF0 | (c >> 18));
        out += char(0x80 | ((c >> 12) & 0x3F));
        out += char(0x80 | ((c >> 6) & 0x3F));
        out += char(0x80 | (c & 0x3F));
    }
}

bool isValidUtf8(std::string_view s)
{
    for (std::size_t i = 0; i < s.size();) {
        if (nextCodePoint(s, i) == kInvalidUtf8)
            return false;
    }
    return true;
}

std::string toValidUtf8(std::string_view s)
{
    if (isValidUtf8(s))
        return std::string(s);
    std::string out;
    out.reserve(s.size() + 8);
    for (std::size_t i = 0; i < s.size();) {
        const std::size_t start = i;
        const char32_t c = nextCodePoint(s, i);
        if (c == kInvalidUtf8)
            appendUtf8(out, 0xFFFD); // one for each maximal subpart
        else
            out.append(s.substr(start, i - start));
    }
    return out;
}

std::string_view textFromBytes(std::string_view bytes, std::string &storage)
{
    const bool le = bytes.size() >= 2 && bytes[0] == '\xff' && bytes[1] == '\xfe';
    const bool be = bytes.size() >= 2 && bytes[0] == '\xfe' && bytes[1] == '\xff';
    if (!le && !be) {
        if (bytes.substr(0, 3) == "\xef\xbb\xbf")
            bytes.remove_prefix(3);
        return bytes;
    }
    storage.clear();
    storage.reserve(bytes.size());
    auto unitAt = [&](std::size_t i) {
        const auto a = static_cast<unsigned char>(bytes[i]), b = static_cast<unsigned char>(bytes[i + 1]);
        return char32_t(be ? (a << 8) | b : (b << 8) | a);
    };
    for (std::size_t i = 2; i + 1 < bytes.size(); i += 2) {
        char32_t c = unitAt(i);
        if (c >= 0xD800 && c <= 0xDBFF && i + 3 < bytes.size()) {
            const char32_t low = unitAt(i + 2);
            if (low >= 0xDC00 && low <= 0xDFFF) {
                c = 0x10000 + ((c - 0xD800) << 10) + (low - 0xDC00);
                i += 2;
            }
        }
        appendUtf8(storage, c); // a lone surrogate becomes U+FFFD
    }
    return storage;
}

} // namespace clr
