"""What the API reference adds to the domains' OpenAPI fragments: tags and who may call what.

Texts here and the fragments' `summary` strings are English msgids marked with N_ (extracted by
`make extract-messages`); openapi.json keeps them in English and /api/docs shows them translated.
"""


def N_(message):  # noqa: N802  (Babel's default keyword for "mark for translation, translate later")
    return message


# (tag, description, path prefixes): the order of the sections of /api/docs.
TAGS = [
    ("accounts", N_("Tokens, sign-up and the caller's own account"),
     ("/api/v1/tokens", "/api/v1/signup", "/api/v1/me")),
    ("organisations", N_("The partner directory, approval of organisations and of members"),
     ("/api/v1/organisations",)),
    ("offers", N_("Placement offers of social integration enterprises and hosts"),
     ("/api/v1/offers", "/api/v1/saved-searches")),
    ("candidates", N_("Candidates of an OCMW (confidential)"), ("/api/v1/candidates",)),
    ("referrals", N_("Referrals of candidates to offers, their workflow and placement"), ("/api/v1/referrals",)),
    ("reports", N_("Yearly placement figures"), ("/api/v1/reports",)),
    ("events", N_("Study days: agenda and registrations"), ("/api/v1/events",)),
    ("webhooks", N_("Webhooks: your organisation's software told of each change, signed"), ("/api/v1/webhooks",)),
    ("documentation", N_("This description of the API"), ("/api/v1/openapi.json",)),
]


def tag_of(path):
    for name, _description, prefixes in TAGS:
        if path.startswith(prefixes):
            return name
    raise KeyError(f"no tag for {path}")


ANYONE = N_("anyone")
TOKEN_HOLDER = N_("any token holder")
ORGANISERS = N_("the event's organisers: members of its organiser or a co-organiser, platform admins")
OWNING_OCMW = N_("members of the owning OCMW")
PARTIES = N_("members of either party: the sending OCMW or the receiving organisation")
MODERATORS = N_("platform admins and federation moderators")

# "METHOD path" → who may call it (API.md §2, column "who").
WHO = {
    "GET /api/v1/openapi.json": ANYONE,
    "POST /api/v1/tokens": ANYONE,
    "DELETE /api/v1/tokens/current": N_("the token's holder"),
    "POST /api/v1/signup": ANYONE,
    "GET /api/v1/me": TOKEN_HOLDER,
    "GET /api/v1/organisations": ANYONE,
    "GET /api/v1/organisations/{organisation_id}": N_("anyone (members also see their own organisation while "
                                                      "it is pending)"),
    "PATCH /api/v1/organisations/{organisation_id}": N_("the organisation's admins, platform admins"),
    "POST /api/v1/organisations/{organisation_id}/approve": MODERATORS,
    "POST /api/v1/organisations/{organisation_id}/reject": MODERATORS,
    "POST /api/v1/organisations/{organisation_id}/members/{user_id}/approve": N_("the organisation's admins"),
    "POST /api/v1/organisations/{organisation_id}/members/{user_id}/decline": N_("the organisation's admins"),
    "GET /api/v1/offers": N_("anyone (members of the owning organisation also see its drafts and closed offers)"),
    "POST /api/v1/offers": N_("members of an approved social integration enterprise or host"),
    "GET /api/v1/offers/{offer_id}": N_("anyone for a published offer; the owner's members for the others"),
    "PATCH /api/v1/offers/{offer_id}": N_("members of the owning organisation"),
    "GET /api/v1/saved-searches": N_("the searches' owner"),
    "POST /api/v1/saved-searches": TOKEN_HOLDER,
    "DELETE /api/v1/saved-searches/{search_id}": N_("the search's owner"),
    "GET /api/v1/candidates": OWNING_OCMW,
    "POST /api/v1/candidates": N_("members of an approved OCMW"),
    "GET /api/v1/candidates/{candidate_id}": OWNING_OCMW,
    "DELETE /api/v1/candidates/{candidate_id}": OWNING_OCMW,
    "GET /api/v1/candidates/{candidate_id}/suggested-offers": OWNING_OCMW,
    "POST /api/v1/candidates/{candidate_id}/consent": OWNING_OCMW,
    "POST /api/v1/candidates/{candidate_id}/consent/revoke": OWNING_OCMW,
    "GET /api/v1/referrals": N_("OCMW members see what they sent; the offer's organisation what it received"),
    "POST /api/v1/referrals": N_("members of the candidate's OCMW; the offer must be published"),
    "GET /api/v1/referrals/{referral_id}": PARTIES,
    "POST /api/v1/referrals/{referral_id}/transitions": N_("the side allowed that move (see the workflow)"),
    "PATCH /api/v1/referrals/{referral_id}/placement": N_("either party, once the referral is accepted"),
    "PATCH /api/v1/referrals/{referral_id}/interview": N_("the receiving organisation, while the referral is at "
                                                          "interview"),
    "POST /api/v1/referrals/{referral_id}/notes": PARTIES,
    "GET /api/v1/reports/placements": N_("members for their own organisation; platform admins and federation "
                                         "moderators for any organisation and for the network"),
    "GET /api/v1/events": ANYONE,
    "POST /api/v1/events": N_("members of an approved federation or partner, platform admins"),
    "GET /api/v1/events/{event_id}": N_("anyone for a published or cancelled event; organisers for a draft"),
    "PATCH /api/v1/events/{event_id}": ORGANISERS,
    "POST /api/v1/events/{event_id}/cancel": ORGANISERS,
    "POST /api/v1/events/{event_id}/agenda": ORGANISERS,
    "PATCH /api/v1/events/{event_id}/agenda/{item_id}": ORGANISERS,
    "DELETE /api/v1/events/{event_id}/agenda/{item_id}": ORGANISERS,
    "POST /api/v1/events/{event_id}/registrations": N_("any verified user; anyone as a guest (no token); "
                                                       "organisers for someone else"),
    "GET /api/v1/events/{event_id}/registrations": ORGANISERS,
    "DELETE /api/v1/events/{event_id}/registrations/me": N_("the registrant"),
    "GET /api/v1/webhooks": N_("the organisation's admins"),
    "POST /api/v1/webhooks": N_("the organisation's admins"),
    "DELETE /api/v1/webhooks/{webhook_id}": N_("the organisation's admins"),
    "GET /api/v1/webhooks/{webhook_id}/deliveries": N_("the organisation's admins"),
    "GET /api/v1/events/{event_id}/questions": N_("anyone for a published or cancelled event; organisers for a draft"),
    "POST /api/v1/events/{event_id}/questions": ORGANISERS,
    "PATCH /api/v1/events/{event_id}/questions/{question_id}": ORGANISERS,
    "DELETE /api/v1/events/{event_id}/questions/{question_id}": ORGANISERS,
    "POST /api/v1/events/{event_id}/check-ins": ORGANISERS,
    "POST /api/v1/events/{event_id}/agenda/{item_id}/materials": ORGANISERS,
    "DELETE /api/v1/events/{event_id}/agenda/{item_id}/materials/{material_id}": ORGANISERS,
    "DELETE /api/v1/events/{event_id}/check-ins/{registration_id}": ORGANISERS,
}
