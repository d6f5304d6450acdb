// SPDX-License-Identifier: GPL-3.0-or-later
#include "matrix/columnchecklist.h"

#include "common/stringconv.h"
#include "generate/matrixview.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QLineEdit>
#include <QPushButton>
#include <QTreeWidget>
#include <QVBoxLayout>

#include <algorithm>

namespace clr::ui {

namespace {
constexpr int kColumnRole = Qt::UserRole; // verb items: index into the columns
} // namespace

ColumnChecklist::ColumnChecklist(QWidget *parent)
    : QWidget(parent)
    , m_search(new QLineEdit(this))
    , m_tree(new QTreeWidget(this))
{
    m_search->setObjectName(QStringLiteral("columnSearch"));
    m_search->setPlaceholderText(tr("Search resources and verbs"));
    m_search->setClearButtonEnabled(true);
    m_tree->setObjectName(QStringLiteral("columnTree"));
    m_tree->setHeaderHidden(true);
    m_tree->setUniformRowHeights(true);
    auto *all = new QPushButton(tr("&All"), this);
    auto *none = new QPushButton(tr("&None"), this);
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(all);
    buttons->addWidget(none);
    buttons->addStretch(1);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_search);
    layout->addWidget(m_tree, 1);
    layout->addLayout(buttons);
    connect(m_search, &QLineEdit::textChanged, this, &ColumnChecklist::applySearch);
    connect(all, &QPushButton::clicked, this, [this] { setAll(true); });
    connect(none, &QPushButton::clicked, this, [this] { setAll(false); });
    connect(m_tree, &QTreeWidget::itemChanged, this, [this] {
        if (!m_updating)
            Q_EMIT picksChanged(picks());
    });
    setMinimumSize(280, 360);
}

void ColumnChecklist::setColumns(const std::vector<MatrixColumn> &columns)
{
    const auto previous = picks();
    m_columns = columns;
    m_updating = true;
    m_tree->clear();
    QTreeWidgetItem *resource = nullptr;
    for (std::size_t c = 0; c < m_columns.size(); ++c) {
        const QString label = toQString(m_columns[c].resourceLabel());
        if (!resource || resource->text(0) != label) {
            resource = new QTreeWidgetItem(m_tree, {label});
            resource->setFlags(resource->flags() | Qt::ItemIsAutoTristate | Qt::ItemIsUserCheckable);
        }
        auto *verb = new QTreeWidgetItem(resource, {toQString(m_columns[c].verb)});
        verb->setFlags(verb->flags() | Qt::ItemIsUserCheckable);
        verb->setData(0, kColumnRole, int(c));
        verb->setCheckState(0, Qt::Checked);
    }
    m_updating = false;
    setPicks(previous);
    applySearch();
}

void ColumnChecklist::setPicks(const std::vector<std::string> &picks)
{
    m_updating = true;
    for (int i = 0; i < m_tree->topLevelItemCount(); ++i) {
        QTreeWidgetItem *resource = m_tree->topLevelItem(i);
        for (int j = 0; j < resource->childCount(); ++j) {
            QTreeWidgetItem *verb = resource->child(j);
            const auto &column = m_columns[std::size_t(verb->data(0, kColumnRole).toInt())];
            const bool on = picks.empty() || std::any_of(picks.begin(), picks.end(), [&](const auto &p) { return gen::columnMatches(p, column); });
            verb->setCheckState(0, on ? Qt::Checked : Qt::Unchecked);
        }
    }
    m_updating = false;
}

std::vector<std::string> ColumnChecklist::picks() const
{
    std::vector<std::string> out;
    bool everything = true;
    for (int i = 0; i < m_tree->topLevelItemCount(); ++i) {
        const QTreeWidgetItem *resource = m_tree->topLevelItem(i);
        std::vector<std::string> verbs;
        for (int j = 0; j < resource->childCount(); ++j) {
            const QTreeWidgetItem *verb = resource->child(j);
            if (verb->checkState(0) == Qt::Checked)
                verbs.push_back(gen::columnId(m_columns[std::size_t(verb->data(0, kColumnRole).toInt())]));
        }
        if (int(verbs.size()) == resource->childCount()) {
            out.push_back("*:" + toStd(resource->text(0)));
            continue;
        }
        everything = false;
        out.insert(out.end(), verbs.begin(), verbs.end());
    }
    if (everything)
        return {};
    if (out.empty())
        out.push_back(std::string(gen::kNoColumnPick)); // nothing checked: no column shows
    return out;
}

void ColumnChecklist::setSearchText(const QString &text)
{
    m_search->setText(text);
}

void ColumnChecklist::applySearch()
{
    const QString needle = m_search->text().trimmed();
    for (int i = 0; i < m_tree->topLevelItemCount(); ++i) {
        QTreeWidgetItem *resource = m_tree->topLevelItem(i);
        const bool resourceMatches = resource->text(0).contains(needle, Qt::CaseInsensitive);
        bool anyVerb = false;
        for (int j = 0; j < resource->childCount(); ++j) {
            QTreeWidgetItem *verb = resource->child(j);
            const bool match = needle.isEmpty() || resourceMatches || verb->text(0).contains(needle, Qt::CaseInsensitive);
            verb->setHidden(!match);
            anyVerb = anyVerb || match;
        }
        resource->setHidden(!anyVerb);
        resource->setExpanded(!needle.isEmpty() && anyVerb);
    }
}

void ColumnChecklist::setAll(bool checked)
{
    // "All" and "None" act on what the search shows, so "secrets" then None unchecks the secrets only.
    m_updating = true;
    for (int i = 0; i < m_tree->topLevelItemCount(); ++i) {
        QTreeWidgetItem *resource = m_tree->topLevelItem(i);
        for (int j = 0; j < resource->childCount(); ++j) {
            if (!resource->child(j)->isHidden())
                resource->child(j)->setCheckState(0, checked ? Qt::Checked : Qt::Unchecked);
        }
    }
    m_updating = false;
    Q_EMIT picksChanged(picks());
}

} // namespace clr::ui
