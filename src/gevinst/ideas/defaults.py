"""The default scoring framework: five criteria rated 1–5, each with rubric text.

Stored rows of the default criteria carry only their ``key``, weight and order; their name,
description and rubric come from here, in the reader's language, until an organisation
writes its own wording.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

DEFAULT_CRITERIA = [
    {
        "key": "strategic",
        "name": _("Strategic value"),
        "description": _("How well the idea serves the organisation's objectives and "
                         "digital strategy."),
        "rubric": [
            _("No visible link to our objectives."),
            _("Touches an objective indirectly."),
            _("Supports one objective."),
            _("Clearly advances one or more objectives."),
            _("Central to a key objective or the digital strategy."),
        ],
    },
    {
        "key": "qualitative",
        "name": _("Qualitative benefit"),
        "description": _("Better services for citizens, better working days for staff, "
                         "quality, safety and trust."),
        "rubric": [
            _("Hardly noticeable for anyone."),
            _("A small improvement for a few."),
            _("A clear improvement for one group."),
            _("A clear improvement for several groups."),
            _("A large improvement for many citizens or staff."),
        ],
    },
    {
        "key": "economic",
        "name": _("Economic benefit"),
        "description": _("Time freed, costs avoided or income gained, against what it "
                         "costs."),
        "rubric": [
            _("Costs more than it saves."),
            _("Saves about what it costs."),
            _("Saves somewhat more than it costs."),
            _("Saves clearly more than it costs."),
            _("Large savings or freed time, quickly."),
        ],
    },
    {
        "key": "need",
        "name": _("Operational or legal need"),
        "description": _("Whether law, regulation, an end-of-life system or daily "
                         "operations require it."),
        "rubric": [
            _("Nice to have."),
            _("Would ease daily work."),
            _("Needed to keep operations running well."),
            _("Needed soon: a system ends or a requirement is coming."),
            _("Required now by law, regulation or a failing service."),
        ],
    },
    {
        "key": "risk",
        "name": _("Risk"),
        "description": _("How safe it is to do: technology, data protection, change and "
                         "delivery (5 is the lowest risk)."),
        "rubric": [
            _("Very high risk; we do not know how to do it."),
            _("High risk in several areas."),
            _("Some risk we know how to handle."),
            _("Low risk; proven elsewhere."),
            _("Very low risk; small, proven and reversible."),
        ],
    },
]

_BY_KEY = {c["key"]: c for c in DEFAULT_CRITERIA}


def default_criterion(key: str) -> dict:
    return _BY_KEY[key]
