// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "explain/explaintarget.h"

#include <QString>
#include <QUrl>

namespace clr::ui {

/**
 * Renders an Explanation as rich text: the verdict, every grant path as a sentence whose groups,
 * bindings, roles and assignments are links, the nearest misses of a "no", and the notes.
 * Links are "clr:<percent-encoded PathStep ref>" (see refFromUrl).
 */
QString explanationHtml(const Explanation &explanation, const ExplainTarget &target);

/** The link for a PathStep ref, and back. refFromUrl returns "" for other links. */
QString linkForRef(const std::string &ref);
QString refFromUrl(const QUrl &url);

} // namespace clr::ui
