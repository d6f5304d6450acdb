// SPDX-License-Identifier: GPL-3.0-or-later
#include "generate/viewstore.h"

#include <QSettings>
#include <QString>

#include <algorithm>
#include <map>

namespace clr::gen {

namespace {

const QString kArray = QStringLiteral("matrixViews");
const QString kName = QStringLiteral("name");
const QString kView = QStringLiteral("view");

QSettings settings()
{
    return QSettings(QSettings::IniFormat, QSettings::UserScope, QStringLiteral("Clearance"), QStringLiteral("Clearance"));
}

/** Every saved view as name -> JSON. An array, not keys: a view's name may hold '/' or '\', which keys cannot. */
std::map<std::string, std::string> readAll(QSettings &s)
{
    std::map<std::string, std::string> out;
    const int n = s.beginReadArray(kArray);
    for (int i = 0; i < n; ++i) {
        s.setArrayIndex(i);
        const std::string name = s.value(kName).toString().toStdString();
        if (!name.empty())
            out[name] = s.value(kView).toString().toStdString();
    }
    s.endArray();
    return out;
}

bool writeAll(QSettings &s, const std::map<std::string, std::string> &views, std::string *error)
{
    s.remove(kArray);
    s.beginWriteArray(kArray, int(views.size()));
    int i = 0;
    for (const auto &[name, json] : views) {
        s.setArrayIndex(i++);
        s.setValue(kName, QString::fromStdString(name));
        s.setValue(kView, QString::fromStdString(json));
    }
    s.endArray();
    s.sync();
    if (s.status() != QSettings::NoError) {
        if (error)
            *error = "cannot write the settings file " + s.fileName().toStdString();
        return false;
    }
    return true;
}

} // namespace

std::vector<std::string> MatrixViewStore::names() const
{
    QSettings s = settings();
    std::vector<std::string> out;
    for (const auto &entry : readAll(s))
        out.push_back(entry.first);
    return out;
}

std::optional<MatrixView> MatrixViewStore::load(const std::string &name, std::string *error) const
{
    QSettings s = settings();
    const auto views = readAll(s);
    const auto it = views.find(name);
    if (it == views.end()) {
        if (error)
            *error = "no saved matrix view named '" + name + "'";
        return std::nullopt;
    }
    std::string why;
    auto view = MatrixView::fromJson(it->second, &why);
    if (!view && error)
        *error = "saved matrix view '" + name + "': " + why;
    return view;
}

bool MatrixViewStore::save(const std::string &name, const MatrixView &view, std::string *error) const
{
    QSettings s = settings();
    auto views = readAll(s);
    views[name] = view.toJson();
    return writeAll(s, views, error);
}

bool MatrixViewStore::remove(const std::string &name) const
{
    QSettings s = settings();
    auto views = readAll(s);
    if (!views.erase(name))
        return false;
    return writeAll(s, views, nullptr);
}

} // namespace clr::gen
