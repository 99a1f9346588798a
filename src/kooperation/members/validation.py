"""Schema validation through the pure core: one translated sentence per bad value."""

from kooperation.members.messages import message
from kooperation.members.reporting import ReportingError
from zope.interface import Invalid
from zope.schema import ValidationError


class ReportingInvalid(ValidationError):
    """A field value the reporting core refuses; ``doc()`` is the translated reason."""

    def __init__(self, msg):
        super().__init__(msg)
        self.msg = msg

    def doc(self):
        return self.msg

    def __str__(self):
        return str(self.msg)


def checked(check):
    """A schema constraint that runs ``check(value)`` and reports a ReportingError."""

    def constraint(value):
        try:
            check(value)
        except ReportingError as error:
            raise ReportingInvalid(message(error.message)) from None
        return True

    return constraint


def invariant_error(error):
    """An ``Invalid`` for an invariant, from a ReportingError."""
    return Invalid(message(error.message))
