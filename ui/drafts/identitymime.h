// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "drafts/draft.h"
#include "models/subjectref.h"

#include <QString>

#include <optional>
#include <vector>

class QMimeData;

namespace clr::ui {

class SubjectCatalog;

/** The private drag-and-drop type of identities: identity ids and kinds, as the Identities panel drags them. */
inline const QString kIdentityMimeType = QStringLiteral("application/x-clearance-identity");

/** One dragged identity: its ref in the session plus what names it outside the session. */
struct DraggedIdentity
{
    SubjectRef ref;
    drafts::DraftSubject subject; // spelled as AKS matches it
};

/** A new QMimeData carrying `refs` (the caller owns it). Text is the Kubernetes names, one a line. */
QMimeData *encodeIdentities(const SubjectCatalog &catalog, const std::vector<SubjectRef> &refs);
/** The identities of a drag; empty when the data is not ours. */
std::vector<DraggedIdentity> decodeIdentities(const QMimeData *data);

/** The draft subject of a catalog subject (group object ID, member UPN, guest/SP object ID, SA). */
drafts::DraftSubject draftSubjectOf(const SubjectCatalog &catalog, SubjectRef ref);

} // namespace clr::ui
