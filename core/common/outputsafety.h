// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// The one place that decides how a name from the input is written into each output format.
// Names come from files an attacker may control (a group's display name, a RoleBinding's name, an
// assignment's description), and each consumer of our output splits text by its own rules:
// kubectl's YAML parser breaks lines at U+0085, U+2028 and U+2029, ARM evaluates strings in
// brackets, bash word-splits, terminals obey escape sequences, nlohmann throws on invalid UTF-8.
// Every writer passes every name through the function of its format here, and nowhere else.

#include <cstddef>
#include <string>
#include <string_view>

namespace clr::safe {

// ---------------------------------------------------------------- human-readable text

/**
 * One line of printable text for a terminal, a log or a comment: nothing in it can end the line,
 * move the cursor, retitle the window or reorder what follows. C0 controls are shown in caret
 * notation as kubectl does (ESC as "^["), except tab, line feed and carriage return which become
 * "\t", "\n" and "\r"; DEL is "^?"; C1 controls, U+2028, U+2029, bidirectional controls and
 * U+FEFF become "\uXXXX"; bytes that are not UTF-8 become "\xHH" each. Printable text is kept as is.
 */
std::string line(std::string_view s);

/** Columns the text takes in a fixed-width table: code points, for text line() has cleaned. */
std::size_t displayWidth(std::string_view s);

/** A YAML or shell comment line: "# " and the text as line() writes it (no line break added). */
std::string comment(std::string_view s);

// ---------------------------------------------------------------- YAML

/**
 * A YAML scalar that every YAML 1.1 and 1.2 parser (yaml-cpp, kubectl's go-yaml) reads back as
 * exactly `s`: plain when it is unambiguous ASCII, otherwise double-quoted with every
 * non-printable character and every line break (U+0085, U+2028, U+2029 too) escaped.
 * Bytes that are not UTF-8 cannot be written in YAML at all: each becomes U+FFFD.
 */
std::string yamlScalar(std::string_view s);

/**
 * A mapping key, to be followed by ": value": yamlScalar(), or when that is longer than the 1024
 * characters an implicit key may have (go-yaml rejects longer ones), the explicit form
 * "? key" + line break + `indent`.
 */
std::string yamlKey(std::string_view s, std::string_view indent);

// ---------------------------------------------------------------- shell

/**
 * One bash word that the shell turns back into exactly `s`, on one line: '...' when every byte is
 * printable, otherwise bash's $'...' with \xHH escapes. A NUL byte cannot be part of any command
 * argument; check shellRepresentable() first.
 */
std::string shellWord(std::string_view s);

/** False when `s` holds a NUL byte, which no command-line argument can carry. */
bool shellRepresentable(std::string_view s);

// ---------------------------------------------------------------- ARM templates

/**
 * A JSON string value of an ARM template that ARM takes literally: a string that starts with "["
 * and ends with "]" would be evaluated as a template expression, so it gets the documented escape,
 * a second leading "[" (Microsoft Learn, "Syntax and expressions in ARM templates": escape
 * characters). Other strings are literal already and are kept as they are.
 */
std::string armString(std::string_view s);

/** A string literal inside an ARM template expression: single-quoted, ' doubled. */
std::string armExpressionLiteral(std::string_view s);

// ---------------------------------------------------------------- CSV and HTML

/** An RFC 4180 CSV field; one starting with = + - @ tab or CR gets a leading ' (OWASP's guard
 *  against formula injection) so spreadsheets show it instead of running it. */
std::string csvField(std::string_view s);

/** HTML text or attribute value: & < > " ' escaped, invalid UTF-8 replaced by U+FFFD. */
std::string html(std::string_view s);

// ---------------------------------------------------------------- JSON

/**
 * A JSON document as text that never throws: nlohmann's dump() throws type_error.316 on a string
 * that is not UTF-8; here such bytes become U+FFFD. Works for nlohmann::json and ordered_json
 * without making this header depend on nlohmann.
 */
template<typename Json>
std::string json(const Json &document, int indent = -1)
{
    return document.dump(indent, ' ', false, Json::error_handler_t::replace);
}

} // namespace clr::safe
