// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "models/matrixmodel.h"

#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace clr::ui {

/**
 * One subject's access across namespaces (the rakkess view): rows are the cluster scope ("" first)
 * and every namespace, columns resource × verb. Wraps PrincipalMatrix, which computes rows lazily.
 */
class PrincipalMatrixModel final : public MatrixModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(PrincipalMatrixModel)

public:
    explicit PrincipalMatrixModel(QObject *parent = nullptr);
    ~PrincipalMatrixModel() override;

    void setSession(SessionPtr session);
    /** The subject whose access is shown; nullopt or a group (which never asks) shows nothing. */
    void setSubject(std::optional<SubjectRef> subject);
    std::optional<SubjectRef> subject() const { return m_subject; }
    /** The row of a namespace ("" = cluster scope), or -1. */
    int rowOf(const std::string &ns) const;

    int rowCount(const QModelIndex &parent = {}) const override;
    int computedRowCount() const override;

protected:
    MatrixCell cellAt(int row, int col) const override;
    QVariant rowHeaderData(int row, int role) const override;
    Identity identityAt(int row) const override;
    std::string namespaceAt(int row) const override;
    QString whoLabel(int row) const override;
    std::optional<SubjectRef> subjectOfRow(int row) const override;

private:
    void rebuild();

    std::optional<SubjectRef> m_subject;
    Identity m_who;
    std::vector<std::string> m_namespaces;
    std::unique_ptr<PrincipalMatrix> m_matrix;
    mutable std::vector<bool> m_touched;
};

} // namespace clr::ui
