// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QSortFilterProxyModel>

#include <string>

namespace clr::ui {

/**
 * Filters the identities tree by name, sign-in name, object ID or app ID. Folders stay while one of
 * their rows matches (recursive filtering); a matching group keeps its members. Matching asks the
 * IdentityModel directly on UTF-8 strings: at 200k users a QVariant per row per keystroke would show.
 * Keeps the source order (the catalog is already sorted), which also spares a 200k-row sort.
 */
class IdentityFilterProxy final : public QSortFilterProxyModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(IdentityFilterProxy)

public:
    explicit IdentityFilterProxy(QObject *parent = nullptr);

    void setFilterText(const QString &text);
    QString filterText() const { return m_text; }
    /** Forwards to the source, except while re-filtering: then it is queued (see IdentityModel). */
    void fetchMore(const QModelIndex &parent) override;

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const override;

private:
    void fetchQueued();

    QString m_text;
    bool m_filtering = false;
    QList<QPersistentModelIndex> m_fetchQueue;
    std::string m_needle; // lower-case UTF-8
};

} // namespace clr::ui
