"""The rules of study days, one module per meaning (like portal/referrals/services/):

- seats.py          taking, freeing and handing out seats: the only code that does
- registrations.py  may register / may cancel, register, cancel_registration
- organising.py     create, edit, cancel an event; its agenda; mail to the registrants
- reminders.py      the reminder job
- retention.py      how long guests' data is kept (the purge)

Every verb takes the actor and the event's id, looks the event up itself and commits once
(core/use_case.py); reads are in portal/events/queries.py, mails in portal/events/notify.py.
"""
from portal.events.services.organising import (  # noqa: F401
    ITEM_FIELDS,
    add_agenda_item,
    cancel_event,
    create_event,
    delete_agenda_item,
    message_registrants,
    update_agenda_item,
    update_event,
)
from portal.events.services.registrations import (  # noqa: F401
    NotRegistered,
    cancel_registration,
    flags_for,
    register,
)
from portal.events.services.reminders import send_reminders  # noqa: F401
from portal.events.services.retention import purge_guest_data  # noqa: F401
