// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "graph/permissiongraph.h"
#include "kubernetes/request.h"
#include "models/subjectref.h"

#include <QString>

#include <optional>

namespace clr::ui {

/** One question to explain: who asks (as the API server sees them) and what. */
struct ExplainTarget
{
    Identity who;
    k8s::Request request;
    QString whoLabel;                 // how the window names the asker ("Megan Bowen")
    std::optional<SubjectRef> subject; // the catalog subject behind `who`, when there is one
};

} // namespace clr::ui
