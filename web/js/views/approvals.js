// Approvals (/approvals, ceo and hr): everything waiting for the caller — offers at their role's step of the
// approval chain (offer_approvals.js), counter-offers to our own staff at theirs (counter_approvals.js), then the
// CEO's outreach drafts (draft_approvals.js). Each section loads
// and updates live on its own.

import {render as renderOffers} from './offer_approvals.js';
import {render as renderCounters} from './counter_approvals.js';
import {render as renderDrafts} from './draft_approvals.js';

export async function render(root) {
  const stops = [await renderOffers(root), await renderCounters(root), await renderDrafts(root)];
  return () => stops.forEach((stop) => stop && stop());
}
