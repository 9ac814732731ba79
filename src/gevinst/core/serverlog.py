"""gunicorn's access log without the secrets in addresses: the personal link of a maturity
survey (``/survey/<secret>/``) names the invitee, so the log writes ``/survey/-/``
instead. Without this, the log would tie a person's link to the moments they answered."""

from __future__ import annotations

import re

from gunicorn.glogging import Logger

SECRET_PATHS = re.compile(r"(/survey/)[^/\s?]+")


def mask(text: str) -> str:
    return SECRET_PATHS.sub(r"\1-", text)


class AccessLogger(Logger):
    def atoms(self, resp, req, environ, request_time):
        atoms = super().atoms(resp, req, environ, request_time)
        for key in ("r", "U", "{raw_uri}e"):
            if isinstance(atoms.get(key), str):
                atoms[key] = mask(atoms[key])
        # The referer of the next page can carry the link too.
        if isinstance(atoms.get("f"), str):
            atoms["f"] = mask(atoms["f"])
        return atoms


class MaskSecrets:
    """A logging filter: Django's request log ("Bad Request: /survey/<secret>/") without
    the secret."""

    def filter(self, record) -> bool:
        message = record.getMessage()
        if "/survey/" in message:
            record.msg, record.args = mask(message), ()
        return True
