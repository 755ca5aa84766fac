// Demo retention for `superteam seed` (issue 11): the seeded staff (authors of
// the demo corpus) get e-mails and pay through the staff import, one of them
// holds a rival offer, and the policy's counter waits for the CEO's approval.
#include "cli/seed_retention.h"

#include <cctype>
#include <map>

#include "retention/comparison.h"
#include "retention/policy.h"

namespace st::cli {

Status SeedRetention(store::Store& store, const store::Actor& ceo, const store::Actor& hr, std::int64_t now) {
  (void)ceo;
  ST_ASSIGN_OR_RETURN(auto staff, store.ListStaff(hr));
  if (staff.empty()) return Status::Ok();
  const offers::Day today = offers::DayOfUnix(now);
  std::map<std::int64_t, std::string> email_of;
  for (const store::StaffMember& s : staff) {
    std::string email;
    for (char c : s.name) {
      const unsigned char u = static_cast<unsigned char>(c);
      if (std::isalnum(u)) email += static_cast<char>(std::tolower(u));
      else if (c == ' ' && !email.empty() && email.back() != '.') email += '.';
    }
    if (email.empty() || email.back() == '.') email += "staff";
    email += "." + std::to_string(s.id) + "@ourlab.example";
    email_of[s.id] = email;
    if (s.email.empty()) {
      store::StaffPatch p;
      p.email = email;
      ST_RETURN_IF_ERROR(store.UpdateStaff(hr, s.id, s.version, p).status());
    } else {
      email_of[s.id] = s.email;
    }
  }
  std::vector<retention::StaffCsvRow> rows;
  for (size_t i = 0; i < staff.size(); ++i) {
    const store::StaffMember& s = staff[i];
    retention::StaffCsvRow r;
    r.row = static_cast<std::int64_t>(i + 1);
    r.line = r.row + 1;
    r.name = s.name;
    r.email = email_of[s.id];
    r.title = s.title;
    r.team = s.team;
    r.manager = s.manager_staff_id > 0 ? email_of[s.manager_staff_id] : "";
    r.start_day = s.start_day > 0 ? s.start_day : today - 365 * static_cast<int>(2 + i % 4);
    r.base_minor = (280'000 + 20'000 * static_cast<std::int64_t>(i % 6)) * 100;
    r.currency = "USD";
    r.target_bonus_bp = 1000;
    retention::HeldEquity e;
    e.grant_day = offers::AddMonths(today, -12 * static_cast<int>(1 + i % 3) - 3);
    e.grant.value_minor = (600'000 + 150'000 * static_cast<std::int64_t>(i % 4)) * 100;
    e.grant.vesting = {12, offers::VestFrequency::kMonthly, 4, {}};
    r.equity = e;
    r.last_raise_day = offers::AddMonths(today, -4 - 5 * static_cast<int>(i % 4));
    rows.push_back(r);
  }
  ST_RETURN_IF_ERROR(store.ImportStaff(hr, rows).status());

  // The second researcher (the first heads research) holds a rival offer.
  const store::StaffMember& who = staff.size() > 1 ? staff[1] : staff[0];
  store::RivalOfferInput in;
  in.company = "Frontier Rival AI";
  in.source = "told by the researcher in a 1:1";
  in.deadline_day = today + 14;
  offers::OfferTerms& t = in.terms;
  t.base_salary_minor = 420'000 * 100LL;
  t.sign_on_minor = 250'000 * 100LL;
  t.equity.value_minor = 2'400'000 * 100LL;
  t.equity.vesting = {12, offers::VestFrequency::kMonthly, 4, {}};
  t.start_day = today + 45;
  t.expiry_day = today + 14;
  t.title = "Research Scientist";
  t.compute = compute::ComputePromise{128, "H100", "", t.start_day, 0};
  t.team = offers::TeamPromise{6, 0, 6};
  ST_ASSIGN_OR_RETURN(store::RivalOffer rival, store.CreateRivalOffer(hr, who.id, in));

  // The policy's counter (strong researcher: beat), submitted and approved by HR: the CEO's step is next.
  ST_ASSIGN_OR_RETURN(store::StaffMember pay, store.GetStaffPay(hr, who.id));
  retention::CurrentPackage pkg;
  pkg.base_minor = pay.base_cents;
  pkg.target_bonus_bp = pay.target_bonus_bp;
  ST_ASSIGN_OR_RETURN(pkg.equity, retention::HeldEquityFromJson(pay.equity_json));
  ST_ASSIGN_OR_RETURN(retention::Suggestion sug,
                      retention::SuggestCounter(pkg, t, 0.9, retention::RetentionSettings{}, today, in.deadline_day));
  std::string note;
  for (const std::string& r : sug.reasons) note += (note.empty() ? "" : "; ") + r;
  ST_ASSIGN_OR_RETURN(store::CounterRecord c, store.CreateCounter(hr, who.id, rival.id, sug.terms, note));
  ST_ASSIGN_OR_RETURN(c, store.ActOnCounter(hr, c.id, c.row_version, store::CounterAction::kSubmit, ""));
  ST_ASSIGN_OR_RETURN(c, store.ActOnCounter(hr, c.id, c.row_version, store::CounterAction::kApprove,
                                            "within the retention policy"));
  return Status::Ok();
}

}  // namespace st::cli
