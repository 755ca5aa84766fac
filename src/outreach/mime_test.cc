#include "outreach/mime.h"

#include <gtest/gtest.h>

#include "outreach/mime_parse.h"
#include "outreach/optout.h"

namespace st::outreach {
namespace {

OutgoingMessage Sample() {
  OutgoingMessage m;
  m.from = {"Sam Chief", "ceo@lab.test"};
  m.to = {"Zoë Ångström-Müller", "zoe@uni.test"};
  m.reply_to = "ceo@lab.test";
  m.subject = "Votre article « Attention » — une note de Sam";
  m.text = "Dear Zoë,\n\nI read \"Attention\". ünïcödé 日本語 " + std::string(200, 'x') + "\n.leading dot\nFrom here\n";
  m.message_id = NewMessageId("lab.test");
  m.in_reply_to = "<first@lab.test>";
  m.references = {"<first@lab.test>"};
  m.date = 1796541101;  // 2026-12-06
  m.list_unsubscribe = "<mailto:ceo@lab.test?subject=unsubscribe>";
  return m;
}

std::string HeaderBlock(const std::string& raw) { return raw.substr(0, raw.find("\r\n\r\n")); }

TEST(Mime, HeadersAndStructure) {
  auto raw = BuildMime(Sample());
  ASSERT_TRUE(raw.ok()) << raw.status().ToString();
  const std::string h = HeaderBlock(*raw);
  EXPECT_NE(h.find("Message-ID: <"), std::string::npos);
  EXPECT_NE(h.find("@lab.test>"), std::string::npos);
  EXPECT_NE(h.find("Date: Sun, 06 Dec 2026 "), std::string::npos) << h;
  EXPECT_NE(h.find("From: Sam Chief <ceo@lab.test>"), std::string::npos);
  EXPECT_NE(h.find("Reply-To: <ceo@lab.test>"), std::string::npos);
  EXPECT_NE(h.find("Subject: =?UTF-8?B?"), std::string::npos);
  EXPECT_NE(h.find("To: =?UTF-8?B?"), std::string::npos);
  EXPECT_NE(h.find("In-Reply-To: <first@lab.test>"), std::string::npos);
  EXPECT_NE(h.find("MIME-Version: 1.0"), std::string::npos);
  EXPECT_NE(h.find("multipart/alternative"), std::string::npos);
  EXPECT_NE(raw->find("Content-Type: text/html; charset=UTF-8"), std::string::npos);
  // Every line ends CRLF, is ≤ 78 octets (≤ 998 required) and is 7-bit.
  size_t pos = 0;
  while (pos < raw->size()) {
    size_t eol = raw->find("\r\n", pos);
    ASSERT_NE(eol, std::string::npos) << "last line without CRLF";
    EXPECT_LE(eol - pos, 78u) << raw->substr(pos, eol - pos);
    for (size_t i = pos; i < eol; ++i) {
      EXPECT_LT(static_cast<unsigned char>((*raw)[i]), 0x80);
      EXPECT_NE((*raw)[i], '\n');
      EXPECT_NE((*raw)[i], '\r');
    }
    pos = eol + 2;
  }
}

TEST(Mime, RoundTripThroughOurParser) {
  OutgoingMessage m = Sample();
  auto raw = BuildMime(m);
  ASSERT_TRUE(raw.ok());
  ParsedMessage p = ParseMessage(*raw);
  EXPECT_EQ(p.subject, m.subject);
  EXPECT_EQ(p.message_id, m.message_id);
  EXPECT_EQ(p.in_reply_to, "<first@lab.test>");
  EXPECT_EQ(p.from.email, "ceo@lab.test");
  EXPECT_EQ(p.text, m.text);
}

TEST(Mime, CalendarInvitationIsAThirdAlternativeWithItsMethod) {
  OutgoingMessage m = Sample();
  m.calendar = "BEGIN:VCALENDAR\r\nMETHOD:REQUEST\r\nSUMMARY:D\u00eener\\, chez nous\\; \u00e0 19h\r\nEND:VCALENDAR\r\n";
  m.calendar_method = "REQUEST";
  auto raw = BuildMime(m);
  ASSERT_TRUE(raw.ok()) << raw.status().ToString();
  const size_t part = raw->find("Content-Type: text/calendar; charset=UTF-8; method=REQUEST\r\n"
                                "Content-Transfer-Encoding: base64\r\n\r\n");
  ASSERT_NE(part, std::string::npos) << *raw;
  EXPECT_LT(raw->find("text/html"), part);  // the richest alternative last (RFC 2046 5.1.4)
  const size_t body = raw->find("\r\n\r\n", part) + 4;
  const std::string encoded = raw->substr(body, raw->find("\r\n--", body) - body);
  EXPECT_EQ(DecodeBase64(encoded), m.calendar);
  EXPECT_EQ(ParseMessage(*raw).text, m.text);  // the text part is still what a reader shows
  for (const char* bad : {"", "request", "REQUEST\r\nBcc: x@y.test", "RE QUEST"}) {
    m.calendar_method = bad;
    EXPECT_FALSE(BuildMime(m).ok()) << bad;
  }
}

TEST(Mime, HeaderInjectionIsRefused) {
  for (const std::string& bad : std::vector<std::string>{"Hi\r\nBcc: victim@x.test", "Hi\nBcc: v@x.test",
                                                         std::string("Hi\0there", 8), "Hi\r"}) {
    OutgoingMessage m = Sample();
    m.subject = bad;
    auto r = BuildMime(m);
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.status().code(), StatusCode::kInvalidInput);
    EXPECT_NE(r.status().message().find("'Subject'"), std::string::npos) << r.status().message();
  }
  OutgoingMessage m = Sample();
  m.from.name = "Sam\r\nBcc: x@y.test";
  EXPECT_NE(BuildMime(m).status().message().find("'From'"), std::string::npos);
  m = Sample();
  m.to.email = "zoe@uni.test\r\nRCPT TO:<x@y.test>";
  EXPECT_FALSE(BuildMime(m).ok());
  m = Sample();
  m.to.email = "zoe@uni.test>, <x@y.test";
  EXPECT_FALSE(BuildMime(m).ok());
}

TEST(Mime, DisplayNamesAreQuotedOrEncoded) {
  EXPECT_EQ(EncodeMailbox({"Sam Chief", "a@b.test"}), "Sam Chief <a@b.test>");
  EXPECT_EQ(EncodeMailbox({"Chief, Sam \"The\"", "a@b.test"}), "\"Chief, Sam \\\"The\\\"\" <a@b.test>");
  EXPECT_EQ(EncodeMailbox({"", "a@b.test"}), "<a@b.test>");
  std::string enc = EncodeMailbox({"Zoë", "a@b.test"});
  EXPECT_EQ(DecodeHeaderWords(enc.substr(0, enc.find(" <"))), "Zoë");
}

TEST(Mime, LongSubjectsFoldIntoEncodedWordsThatKeepCharactersWhole) {
  std::string subject;
  for (int i = 0; i < 40; ++i) subject += "日本語 ";
  std::string h = EncodeUnstructured("Subject", subject);
  ASSERT_EQ(h.substr(h.size() - 2), "\r\n");
  EXPECT_EQ(DecodeHeaderWords(h.substr(9, h.size() - 11)), subject);
  for (size_t pos = 0; pos < h.size();) {
    size_t eol = h.find("\r\n", pos);
    EXPECT_LE(eol - pos, 78u);
    pos = eol + 2;
  }
}

TEST(Mime, QuotedPrintable) {
  EXPECT_EQ(QuotedPrintable("a=b"), "a=3Db");
  EXPECT_EQ(QuotedPrintable("trailing \nx"), "trailing=20\r\nx");
  EXPECT_EQ(QuotedPrintable("é"), "=C3=A9");
  EXPECT_EQ(DecodeQuotedPrintable(QuotedPrintable(std::string(300, 'y') + " é\n")), std::string(300, 'y') + " é\r\n");
}

TEST(Mime, Emails) {
  EXPECT_TRUE(IsValidEmail("a.b+c@x-y.test"));
  EXPECT_FALSE(IsValidEmail("a b@x.test"));
  EXPECT_FALSE(IsValidEmail("a@b@x.test"));
  EXPECT_FALSE(IsValidEmail("@x.test"));
  EXPECT_FALSE(IsValidEmail("a@"));
  EXPECT_FALSE(IsValidEmail("a@x..test"));
  EXPECT_FALSE(IsValidEmail("zoë@x.test"));
}

TEST(MimeParse, DeliveryStatusNotification) {
  const std::string dsn =
      "From: MAILER-DAEMON@mx.test\r\nTo: ceo@lab.test\r\nSubject: Undelivered Mail\r\nMessage-ID: <dsn1@mx.test>\r\n"
      "Content-Type: multipart/report; report-type=delivery-status;\r\n boundary=\"BOUND\"\r\n\r\n"
      "--BOUND\r\nContent-Type: text/plain\r\n\r\nYour message could not be delivered.\r\n"
      "--BOUND\r\nContent-Type: message/delivery-status\r\n\r\nReporting-MTA: dns; mx.test\r\n\r\n"
      "Final-Recipient: rfc822; Gone@Uni.test\r\nAction: failed\r\nStatus: 5.1.1\r\n"
      "Diagnostic-Code: smtp; 550 5.1.1 no such user\r\n\r\n"
      "--BOUND\r\nContent-Type: text/rfc822-headers\r\n\r\nMessage-ID: <orig42@lab.test>\r\nSubject: hi\r\n"
      "--BOUND--\r\n";
  ParsedMessage p = ParseMessage(dsn);
  EXPECT_TRUE(p.is_bounce);
  EXPECT_EQ(p.bounce_recipient, "gone@uni.test");
  EXPECT_EQ(p.original_message_id, "<orig42@lab.test>");
  EXPECT_NE(p.bounce_status.find("5.1.1"), std::string::npos);
  EXPECT_EQ(p.text, "Your message could not be delivered.");
}

TEST(MimeParse, ReplyWithLatin1QuotedPrintableAndQEncodedSubject) {
  const std::string raw =
      "From: =?iso-8859-1?Q?Zo=EB?= <Zoe@Uni.test>\r\nSubject: =?iso-8859-1?Q?R=E9ponse?=\r\n"
      "In-Reply-To: <m1@lab.test>\r\nReferences: <m0@lab.test>\r\n <m1@lab.test>\r\n"
      "Content-Type: text/plain; charset=iso-8859-1\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n"
      "Tr=E8s int=E9ressant, parlons-en.\r\n";
  ParsedMessage p = ParseMessage(raw);
  EXPECT_EQ(p.from.email, "zoe@uni.test");
  EXPECT_EQ(p.from.name, "Zoë");
  EXPECT_EQ(p.subject, "Réponse");
  EXPECT_EQ(p.in_reply_to, "<m1@lab.test>");
  EXPECT_EQ(p.references, (std::vector<std::string>{"<m0@lab.test>", "<m1@lab.test>"}));
  EXPECT_EQ(p.text, "Très intéressant, parlons-en.\n");
  EXPECT_FALSE(p.is_bounce);
}

TEST(MimeParse, GarbageNeverCrashes) {
  for (const std::string& s : std::vector<std::string>{"", "\r\n", "Content-Type: multipart/mixed; boundary=x\r\n\r\n--x", "=?utf-8?B?", ":::\n\n",
                        "Content-Type: multipart/report; boundary=\"\"\r\n\r\n--\r\n"}) {
    ParsedMessage p = ParseMessage(s);
    EXPECT_FALSE(p.is_bounce);
  }
}

TEST(MimeParse, OptOut) {
  EXPECT_TRUE(IsOptOut("Re: hello", "Stop.\n\nOn Mon, Sam wrote:\n> hi"));
  EXPECT_TRUE(IsOptOut("Re: hello", "Please remove me from your list."));
  EXPECT_TRUE(IsOptOut("unsubscribe", ""));
  EXPECT_TRUE(IsOptOut("Re: x", "please stop emailing me"));
  EXPECT_FALSE(IsOptOut("Re: hello", "Sounds great, let's talk Tuesday.\n> please stop\n"));
  EXPECT_FALSE(IsOptOut("Re: hello", "I can't stop thinking about your offer!"));
}

}  // namespace
}  // namespace st::outreach

namespace st::outreach {
namespace {

// The opt-out link: in the text, the HTML and List-Unsubscribe; the stored nonce is swapped for the token in
// every place, even where quoted-printable soft line breaks split it, and nowhere else.
TEST(OptOutLink, NonceIsReplacedEverywhereAcrossSoftBreaks) {
  OutgoingMessage m;
  m.from = {"Sam Chief", "ceo@lab.test"};
  m.to = {"Ada", "ada@uni.test"};
  m.subject = "Hello";
  m.text = "Dear Ada,\n\nA long line that pushes the link far to the right so it must wrap: see you.";
  m.message_id = "<abc@lab.test>";
  m.date = 1796601600;
  const std::string nonce = NewOptOutToken();
  m.optout_url = OptOutUrl("https://talent.lab.test/", nonce);
  m.list_unsubscribe = "<mailto:ceo@lab.test?subject=unsubscribe>";
  auto mime = BuildMime(m);
  ASSERT_TRUE(mime.ok()) << mime.status().ToString();
  EXPECT_NE(mime->find("List-Unsubscribe: <https://talent.lab.test/optout.html#" + nonce +
                       ">,\r\n <mailto:ceo@lab.test?subject=unsubscribe>\r\n"),
            std::string::npos)
      << *mime;
  EXPECT_EQ(OptOutNonceIn(*mime), nonce);
  const std::string token = NewOptOutToken();
  int count = 0;
  const std::string out = ReplaceOptOutNonce(*mime, nonce, token, &count);
  EXPECT_EQ(count, 3);  // header, text, HTML
  EXPECT_EQ(out.size(), mime->size());
  EXPECT_EQ(out.find(nonce), std::string::npos);
  ParsedMessage p = ParseMessage(out);
  EXPECT_NE(p.text.find("https://talent.lab.test/optout.html#" + token), std::string::npos) << p.text;
  EXPECT_NE(p.text.find("If you would rather not hear from me again:"), std::string::npos);
  // The footer is not itself an opt-out when quoted back in a reply.
  EXPECT_FALSE(IsOptOut("Re: Hello", "Sounds great, let's talk.\n\n" + p.text));
  EXPECT_TRUE(IsOptOut("Re: Hello", "Please stop."));
  EXPECT_TRUE(IsOptOut("Re: Hello", "please stop"));
  // Tokens: 64 lowercase hex, the stored hash differs from the token, URLs are checked before they go out.
  EXPECT_TRUE(IsOptOutToken(token));
  EXPECT_FALSE(IsOptOutToken(token.substr(1)));
  EXPECT_FALSE(IsOptOutToken(std::string(63, 'a') + "G"));
  EXPECT_NE(OptOutTokenHash(token), token);
  EXPECT_EQ(OptOutTokenHash(token).size(), 64u);
  EXPECT_TRUE(CheckPublicUrl("public_url", "https://talent.lab.test").ok());
  EXPECT_FALSE(CheckPublicUrl("public_url", "javascript:alert(1)").ok());
  EXPECT_FALSE(CheckPublicUrl("public_url", "https://x.test/\"><script>").ok());
  EXPECT_FALSE(CheckPublicUrl("public_url", "https://x.test/\r\nBcc: a@b").ok());
  EXPECT_EQ(MaskAddress("ada@uni.test"), "a•••@uni.test");
}


// RFC 8058: List-Unsubscribe leads with the one-click URL (the token in its path, since a POST carries no
// fragment) and, for https, List-Unsubscribe-Post; the body keeps the page link; one nonce, three places.
TEST(OptOutLink, OneClickHeaderAndBody) {
  OutgoingMessage m;
  m.from = {"Sam Chief", "ceo@lab.test"};
  m.to = {"Ada", "ada@uni.test"};
  m.subject = "Hello";
  m.text = "Dear Ada,\n\nHello.";
  m.message_id = "<abc@lab.test>";
  m.date = 1796601600;
  const std::string nonce = NewOptOutToken();
  m.optout_url = OptOutUrl("https://talent.lab.test", nonce);
  m.unsubscribe_url = OneClickUrl("https://talent.lab.test/", nonce);
  m.list_unsubscribe = "<mailto:ceo@lab.test?subject=unsubscribe>";
  auto mime = BuildMime(m);
  ASSERT_TRUE(mime.ok()) << mime.status().ToString();
  EXPECT_NE(mime->find("\r\nList-Unsubscribe: <https://talent.lab.test/api/optout/" + nonce +
                       "/one-click>,\r\n <mailto:ceo@lab.test?subject=unsubscribe>\r\n"
                       "List-Unsubscribe-Post: List-Unsubscribe=One-Click\r\n"),
            std::string::npos)
      << *mime;
  EXPECT_EQ(OptOutNonceIn(*mime), nonce);
  int count = 0;
  const std::string out = ReplaceOptOutNonce(*mime, nonce, NewOptOutToken(), &count);
  EXPECT_EQ(count, 3);
  EXPECT_NE(ParseMessage(*mime).text.find("https://talent.lab.test/optout.html#" + nonce), std::string::npos);
  // Plain http (a demo on localhost): the URL, but no one-click claim the RFC forbids.
  m.unsubscribe_url = OneClickUrl("http://127.0.0.1:8080", nonce);
  mime = BuildMime(m);
  ASSERT_TRUE(mime.ok());
  EXPECT_NE(mime->find("List-Unsubscribe: <http://127.0.0.1:8080/api/optout/" + nonce + "/one-click>"),
            std::string::npos);
  EXPECT_EQ(mime->find("List-Unsubscribe-Post"), std::string::npos);
  m.unsubscribe_url = "https://x.test/a\r\nBcc: eve@evil.test";
  EXPECT_EQ(BuildMime(m).status().code(), StatusCode::kInvalidInput);
}

// The bodies RFC 8058 allows, and what is not one.
TEST(OptOutLink, OneClickBody) {
  EXPECT_TRUE(IsOneClickBody("application/x-www-form-urlencoded", "List-Unsubscribe=One-Click"));
  EXPECT_TRUE(IsOneClickBody("Application/X-WWW-Form-Urlencoded; charset=utf-8", "a=b&List-Unsubscribe=One-Click\r\n"));
  EXPECT_TRUE(IsOneClickBody("multipart/form-data; boundary=\"xyz\"",
                             "--xyz\r\nContent-Disposition: form-data; name=\"List-Unsubscribe\"\r\n\r\nOne-Click\r\n"
                             "--xyz--\r\n"));
  EXPECT_FALSE(IsOneClickBody("application/x-www-form-urlencoded", "List-Unsubscribe=One-Click-Later"));
  EXPECT_FALSE(IsOneClickBody("application/x-www-form-urlencoded", "X-List-Unsubscribe=One-Click"));
  EXPECT_FALSE(IsOneClickBody("application/json", "List-Unsubscribe=One-Click"));
  EXPECT_FALSE(IsOneClickBody("", "List-Unsubscribe=One-Click"));
  EXPECT_FALSE(IsOneClickBody("multipart/form-data", "--xyz\r\n\r\nOne-Click\r\n--xyz--"));  // no boundary
  EXPECT_FALSE(IsOneClickBody("multipart/form-data; boundary=xyz",
                              "--xyz\r\nContent-Disposition: form-data; name=\"other\"\r\n\r\nOne-Click\r\n--xyz--"));
  EXPECT_FALSE(IsOneClickBody("multipart/form-data; boundary=xyz", "garbage without any delimiter"));
}
}  // namespace
}  // namespace st::outreach
