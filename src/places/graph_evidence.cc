#include "places/graph_evidence.h"

namespace st::places {

Evidence EvidenceForAuthor(const graph::GraphView& g, graph::AuthorId a) {
  Evidence e;
  if (a >= g.num_authors()) return e;
  const graph::InstId inst = g.AuthorCurrentInstitution(a);
  if (inst == graph::kNone) return e;
  e.institution_openalex_id = std::string(g.InstOpenAlexId(inst));
  e.institution_name = std::string(g.InstName(inst));
  e.institution_country = std::string(g.InstCountry(inst));
  e.org = std::string(g.InstOrg(inst));
  e.institution_city = std::string(g.InstCity(inst));
  // The institution's e-mail domain (paper lists' aff_domain) stands in for the person's address.
  e.email = std::string(g.InstDomain(inst));
  return e;
}

}  // namespace st::places
