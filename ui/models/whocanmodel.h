// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "session.h"

#include <QAbstractTableModel>

#include <optional>
#include <vector>

namespace clr::ui {

/**
 * The answer to "who can VERB RESOURCE in NAMESPACE": every Entra user and service principal with
 * the planes that grant it, then the Kubernetes-only subjects (service accounts, built-in groups,
 * users unknown to Entra) with the bindings that name them. Entra groups are not rows: their
 * members are. Flat and cheap per row: 200k rows (a binding to system:authenticated) are fine.
 */
class WhoCanModel final : public QAbstractTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(WhoCanModel)

public:
    enum Column { NameColumn, KindColumn, KubernetesNameColumn, PlanesColumn, GrantedByColumn, ColumnCount };

    explicit WhoCanModel(QObject *parent = nullptr);

    /** Replaces the rows with `result` for `request` (nullptr session clears). */
    void setResult(SessionPtr session, const k8s::Request &request, const WhoCanResult &result);
    const k8s::Request &request() const { return m_request; }
    std::optional<SubjectRef> subjectAt(int row) const;
    /** The row of a subject, or -1. */
    int rowOf(SubjectRef ref) const;
    int principalCount() const { return m_principalRows; }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    struct Row
    {
        SubjectRef subject;
        Planes planes = 0;
        bool conditional = false;
        QString grantedBy;
        QString where;
    };
    void addSubjectRows(const WhoCanResult &result);
    QString grantsText(const k8s::SubjectGrants &grants) const;
    QVariant displayData(const Row &row, int column) const;

    SessionPtr m_session;
    k8s::Request m_request;
    std::vector<Row> m_rows;
    int m_principalRows = 0;
};

} // namespace clr::ui
