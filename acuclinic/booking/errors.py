"""Why a booking request was refused. Each error names the field it is about, and the HTTP status the API
answers with; nothing was written when one is raised."""

from __future__ import annotations


class BookingError(Exception):
    """The request cannot be honoured as made; nothing was written. ``status`` is the HTTP status."""

    status = 422
    code = "invalid"

    def __init__(self, message: str, *, field: str | None = None, code: str | None = None):
        super().__init__(message)
        self.message, self.field = message, field
        if code:
            self.code = code


class SlotTaken(BookingError):
    status = 409
    code = "slot_taken"


class TooLateToChange(BookingError):
    status = 409
    code = "too_late"


class UrgentCareNeeded(BookingError):
    code = "red_flags"


class CallToBook(BookingError):
    """Online booking is closed to this patient (the no-show rule): the clinic books them by phone.

    The message never says why, so that typing someone else's email reveals nothing about them.
    """

    status = 403
    code = "call_to_book"
