// Dinner and event invitations through the outreach mailer: the event's iCalendar invitation (events/ical.h,
// libical) for one attendee at a time, as the text/calendar alternative of an e-mail from the CEO's mailbox,
// queued in the same outbox as every outreach message (so the loop's never-twice rules apply).
#include <algorithm>

#include "events/ical.h"
#include "outreach/mime.h"
#include "outreach/sequence.h"
#include "outreach/service.h"

namespace st::outreach {
namespace {

std::string InvitationText(const events::Event& e, const std::string& when, const std::string& host, bool cancel,
                           bool update) {
  std::string where = e.place;
  if (!e.address.empty()) where += ", " + e.address;
  if (!e.city.empty() && e.place != e.city) where += ", " + e.city;
  if (cancel) {
    return e.title + " on " + when + " at " + where + " is called off.\n\nI am sorry to cancel; I hope to see you " +
           "soon.\n\n" + host + "\n";
  }
  std::string text = (update ? "The details of " + e.title + " have changed.\n\n"
                             : "I would be delighted if you could join us: " + e.title + ".\n\n");
  text += "When: " + when + "\nWhere: " + where + "\n";
  if (!e.notes.empty()) text += "\n" + e.notes + "\n";
  text += "\nThe invitation is attached as a calendar entry: accept or decline it in your calendar, or simply "
          "reply to this e-mail.\n\n" + host + "\n";
  return text;
}

}  // namespace

Result<OutreachService::InvitationMailReport> OutreachService::MailInvitations(const store::Actor& actor,
                                                                               std::int64_t event_id) {
  if (actor.role != campaign::Role::kCeo) return Status::Forbidden("only the ceo e-mails invitations as the CEO");
  ST_ASSIGN_OR_RETURN(std::optional<Mailbox> mailbox, store_.GetMailbox(actor, actor.user_id));
  if (!mailbox) return Status::InvalidInput("field 'mailbox': configure your sending mailbox first");
  ST_ASSIGN_OR_RETURN(store::EventDetail d, store_.GetEvent(actor, event_id));
  const events::Event& e = d.event;
  const bool cancel = e.status == events::EventStatus::kCancelled;
  ST_ASSIGN_OR_RETURN(std::string when, events::FormatLocal(e.starts_at, e.tz, false));
  InvitationMailReport report;
  for (const events::Invite& i : d.invites) {
    if (i.mailed_sequence >= e.sequence) {
      ++report.up_to_date;
      continue;
    }
    // A cancellation goes only to those who were sent the invitation.
    if (cancel && i.mailed_sequence < 0) continue;
    if (!IsValidEmail(i.email)) {
      report.skipped.push_back(i.person_name + ": no e-mail address");
      continue;
    }
    const bool update = !cancel && i.mailed_sequence >= 0;
    ST_ASSIGN_OR_RETURN(std::string ics,
                        events::InvitationIcs(e, {mailbox->display_name, mailbox->address},
                                              {{i.person_name, i.email, i.status, i.person_id}},
                                              cancel ? events::IcsMethod::kCancel : events::IcsMethod::kRequest, Now()));
    OutgoingMessage m;
    m.from = {mailbox->display_name, mailbox->address};
    m.to = {i.person_name, i.email};
    m.reply_to = mailbox->reply_to.empty() ? mailbox->address : mailbox->reply_to;
    m.subject = std::string(cancel ? "Cancelled: " : update ? "Updated invitation: " : "Invitation: ") + e.title +
                " — " + when;
    m.text = InvitationText(e, when, mailbox->display_name, cancel, update);
    m.calendar = ics;
    m.calendar_method = cancel ? "CANCEL" : "REQUEST";
    m.message_id = NewMessageId(EmailDomain(mailbox->address));
    OutgoingRecord out;
    out.mailbox_id = mailbox->id;
    out.to_address = i.email;
    out.to_name = i.person_name;
    out.time_zone = e.tz;
    // An invitation waits for the working hours of the event's place; a cancellation goes at once.
    if (!cancel) {
      ST_ASSIGN_OR_RETURN(out.not_before, NextInWindow(Now(), e.tz, CurrentSettings()));
    }
    m.date = std::max(Now(), out.not_before);
    ST_ASSIGN_OR_RETURN(out.mime, BuildMime(m));
    out.message_id = m.message_id;
    out.subject = m.subject;
    out.body = m.text;
    ST_ASSIGN_OR_RETURN(Message msg, store_.QueueEventMail(actor, event_id, i.person_id, e.sequence, out));
    report.message_ids.push_back(msg.id);
    ++report.queued;
  }
  return report;
}

}  // namespace st::outreach
