// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

#include <string>
#include <string_view>

namespace clr::ui {

/** Core strings are UTF-8 std::string; the widgets speak QString. */
inline QString toQString(const std::string &s)
{
    return QString::fromStdString(s);
}

inline QString toQString(std::string_view s)
{
    return QString::fromUtf8(s.data(), qsizetype(s.size()));
}

inline std::string toStd(const QString &s)
{
    return s.toStdString();
}

} // namespace clr::ui
