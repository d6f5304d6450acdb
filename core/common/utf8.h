// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace clr {

/** Returned by nextCodePoint() for a byte that does not start a well-formed UTF-8 sequence. */
inline constexpr char32_t kInvalidUtf8 = 0xFFFFFFFF;

/**
 * Decodes the code point at s[i] and advances i past it. An ill-formed sequence (stray
 * continuation byte, overlong form, surrogate, beyond U+10FFFF, truncated) yields kInvalidUtf8 and
 * advances i past its maximal subpart (Unicode's "substitution of maximal subparts": at least one
 * byte), so a caller can show or replace it as a unit.
 */
char32_t nextCodePoint(std::string_view s, std::size_t &i);

/** Appends the UTF-8 encoding of a code point (U+FFFD for a surrogate or anything beyond U+10FFFF). */
void appendUtf8(std::string &out, char32_t c);

bool isValidUtf8(std::string_view s);

/** s with each ill-formed sequence (maximal subpart) replaced by U+FFFD; s itself when valid. */
std::string toValidUtf8(std::string_view s);

/**
 * Text bytes as UTF-8, the way every reader of Clearance accepts them: a UTF-8 byte order mark is
 * dropped, UTF-16 with a byte order mark (Windows PowerShell 5 writes `>` redirections so) is
 * converted into `storage`. Returns a view of `bytes` or of `storage`.
 */
std::string_view textFromBytes(std::string_view bytes, std::string &storage);

} // namespace clr
