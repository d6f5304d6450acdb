// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// The budgets the loaders enforce on outside input. Each is far above anything a real export of one
// cluster and tenant comes near (see README, "Security"), and each has its own message naming it, so
// a file that hits one is reported at its position and the rest of the input still loads.

#include <cstddef>
#include <cstdint>

namespace clr::limits {

/** Largest file or standard-input stream, in bytes; larger ones are refused before parsing. */
inline constexpr std::int64_t kMaxFileSize = std::int64_t(512) << 20;

/** Deepest nesting of mappings and lists in one YAML or JSON document (a Kubernetes object with a
 *  CRD schema stays under 40). A deeper document is reported as malformed and skipped. */
inline constexpr std::size_t kMaxDepth = 256;

/** Longest name or ID read as such (Kubernetes names, namespaces and subjects; Entra object IDs,
 *  display names and user principal names; Azure IDs and scopes), in bytes. A longer one is
 *  treated as absent, with a warning. Kubernetes allows 253, Entra 256 for display names. */
inline constexpr std::size_t kMaxNameLength = 1024;

/** YAML parser events (values, collection starts and ends, documents) per byte of one document,
 *  plus a small allowance. kubectl output produces about one event per ten bytes; a parser that
 *  produces more without consuming input is stuck, and the document is reported as malformed. */
inline constexpr std::size_t kMaxYamlEventsPerByte = 4;

/** Values built per byte of one YAML document, aliases expanded ("billion laughs") and anchored
 *  values counted once more for the copy kept for their aliases, plus a small allowance. */
inline constexpr std::size_t kMaxYamlNodesPerByte = 4;

/** Longest flow-style collection ([...] or {...}) in a YAML document, in bytes. yaml-cpp keeps about
 *  100 bytes of tokens per byte of one that may be a mapping key until it closes; kubectl and az
 *  write YAML in block style, and JSON files (starting with '{' or '[') are read by the JSON parser. */
inline constexpr std::size_t kMaxYamlFlowBytes = std::size_t(1) << 20;

/** The allowance added to the two per-byte YAML budgets, so that tiny documents are not refused. */
inline constexpr std::size_t kYamlAllowance = 4096;

} // namespace clr::limits
