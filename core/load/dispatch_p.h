// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Private to clearance_core: decides what each parsed document holds (from content, never the file
// name) and hands every object to the Kubernetes, Entra or Azure loader.

#include "entra/directory.h"
#include "entraparse_p.h"
#include "loadcontext_p.h"

#include <cstdint>
#include <string>
#include <vector>

namespace clr::detail {

/**
 * Loads the documents of one file: a Kubernetes object or List, a Graph or ARM page ("value"), an
 * az CLI array, or a single Graph/ARM/az object. Lists and pages may mix kinds; each entry is
 * classified on its own. Entries of a JSON list arrive one by one while the file is parsed.
 */
class DocumentLoader final : public DocumentSink
{
public:
    explicit DocumentLoader(FileContext &ctx) : m_ctx(ctx) {}

    bool streamEntries(const Json &root, std::string_view key) override;
    bool entry(Json &value, TextPos pos) override;
    void document(Document &doc, std::size_t streamed) override;

    std::size_t documents() const { return m_documents; }

private:
    enum class Mode : std::uint8_t {
        None,  // nothing streamed: the whole document is walked when complete
        Array, // a top-level array (az CLI output)
        Page,  // the "value" of a Graph or ARM page
        List,  // the "items" of a Kubernetes List
    };

    void begin(Mode mode, const Json &root);
    void loadWhole(Document &doc);
    void finishArray(const Document &doc);
    void finishPage(Document &doc);

    FileContext &m_ctx;
    Mode m_mode = Mode::None;
    entra::detail::Collection m_hint = entra::detail::Collection::Unknown;
    std::string m_itemKind;
    std::vector<entra::PrincipalId> m_principals; // directory objects of this list, for page memberships
    bool m_allTyped = true;                       // every entry had an @odata.type
    std::size_t m_entries = 0;
    std::size_t m_documents = 0;
};

} // namespace clr::detail
