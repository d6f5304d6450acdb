// SPDX-License-Identifier: GPL-3.0-or-later
#include "models/problemsmodel.h"

#include "common/stringconv.h"
#include "models/itemroles.h"

#include <QApplication>
#include <QFileInfo>
#include <QStyle>

#include <algorithm>

namespace clr::ui {

namespace {

QString severityText(Diagnostic::Severity s)
{
    switch (s) {
    case Diagnostic::Severity::Error:
        return ProblemsModel::tr("Error");
    case Diagnostic::Severity::Warning:
        return ProblemsModel::tr("Warning");
    case Diagnostic::Severity::Info:
        break;
    }
    return ProblemsModel::tr("Note");
}

QIcon severityIcon(Diagnostic::Severity s)
{
    const auto pixmap = s == Diagnostic::Severity::Error     ? QStyle::SP_MessageBoxCritical
                        : s == Diagnostic::Severity::Warning ? QStyle::SP_MessageBoxWarning
                                                             : QStyle::SP_MessageBoxInformation;
    return QApplication::style()->standardIcon(pixmap);
}

} // namespace

ProblemsModel::ProblemsModel(QObject *parent)
    : QAbstractTableModel(parent)
{
}

void ProblemsModel::setDiagnostics(Diagnostics diagnostics)
{
    beginResetModel();
    m_diagnostics = std::move(diagnostics);
    endResetModel();
}

int ProblemsModel::problemCount() const
{
    return int(std::count_if(m_diagnostics.begin(), m_diagnostics.end(),
                             [](const Diagnostic &d) { return d.severity != Diagnostic::Severity::Info; }));
}

int ProblemsModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_diagnostics.size());
}

int ProblemsModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant ProblemsModel::displayData(const Diagnostic &d, int column) const
{
    switch (Column(column)) {
    case SeverityColumn:
        return severityText(d.severity);
    case FileColumn:
        return d.file.empty() ? QString() : QFileInfo(toQString(d.file)).fileName();
    case LineColumn:
        return d.line > 0 ? QVariant(d.line) : QVariant();
    case MessageColumn:
        return toQString(d.message);
    case ColumnCount:
        break;
    }
    return {};
}

QVariant ProblemsModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid))
        return {};
    const Diagnostic &d = m_diagnostics[std::size_t(index.row())];
    switch (role) {
    case Qt::DisplayRole:
        return displayData(d, index.column());
    case Qt::DecorationRole:
        return index.column() == SeverityColumn ? QVariant(severityIcon(d.severity)) : QVariant();
    case Qt::ToolTipRole:
        return toQString(d.toString());
    case SortRole:
        if (index.column() == SeverityColumn)
            return -int(d.severity); // errors first
        if (index.column() == LineColumn)
            return d.line;
        return displayData(d, index.column());
    case FileRole:
        return toQString(d.file);
    case LineRole:
        return d.line;
    case SeverityRole:
        return int(d.severity);
    case FilterTextRole:
        return toQString(d.toString());
    default:
        return {};
    }
}

QVariant ProblemsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (Column(section)) {
    case SeverityColumn:
        return tr("Severity");
    case FileColumn:
        return tr("File");
    case LineColumn:
        return tr("Line");
    case MessageColumn:
        return tr("Message");
    case ColumnCount:
        break;
    }
    return {};
}

} // namespace clr::ui
