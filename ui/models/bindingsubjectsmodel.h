// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "session.h"

#include <QAbstractTableModel>

#include <optional>
#include <vector>

namespace clr::ui {

/** The subjects of one binding, each with whom it resolves to on AKS (or why it never matches). */
class BindingSubjectsModel final : public QAbstractTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(BindingSubjectsModel)

public:
    enum Column { KindColumn, NameColumn, NamespaceColumn, ResolvesToColumn, ColumnCount };

    explicit BindingSubjectsModel(QObject *parent = nullptr);

    /** Shows the authorizer's binding `binding` (-1 = none). */
    void setBinding(SessionPtr session, int binding);
    /** The catalog subject a row resolves to, if any. */
    std::optional<SubjectRef> subjectAt(int row) const;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    struct Row
    {
        QString kind;
        QString name;
        QString ns;
        QString resolves;
        std::optional<SubjectRef> subject;
        bool neverMatches = false;
    };
    Row makeRow(const k8s::Subject &s, const k8s::Binding &b) const;
    QString displayNameWarning(const std::string &name) const;

    SessionPtr m_session;
    std::vector<Row> m_rows;
};

} // namespace clr::ui
