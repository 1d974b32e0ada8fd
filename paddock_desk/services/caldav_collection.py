"""One CalDAV calendar collection, through the caldav client: check, create, list, write.

Every failure a person can meet (a wrong password, a server that cannot be reached, a URL that
is not a calendar, an event changed on the server meanwhile) becomes a :class:`PublishError`
with one sentence.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any
from urllib.parse import urljoin, urlsplit
from xml.sax.saxutils import escape

from caldav.davclient import DAVClient
from caldav.lib import error as dav_error

from paddock_desk.domain.errors import PaddockError
from paddock_desk.services.publish_plan import Remote

_DAV = "{DAV:}"
_CAL = "{urn:ietf:params:xml:ns:caldav}"
_RESOURCETYPE = (
    '<?xml version="1.0" encoding="utf-8"?><d:propfind xmlns:d="DAV:">'
    "<d:prop><d:resourcetype/></d:prop></d:propfind>"
)
_QUERY = (
    '<?xml version="1.0" encoding="utf-8"?>'
    '<c:calendar-query xmlns:d="DAV:" xmlns:c="urn:ietf:params:xml:ns:caldav">'
    "<d:prop><d:getetag/><c:calendar-data/></d:prop>"
    '<c:filter><c:comp-filter name="VCALENDAR"/></c:filter></c:calendar-query>'
)
_ICS = "text/calendar; charset=utf-8"


class PublishError(PaddockError):
    """A publish that could not be done; the message is one sentence for the user."""


def _mkcalendar_body(name: str) -> str:
    return (
        '<?xml version="1.0" encoding="utf-8"?>'
        '<c:mkcalendar xmlns:d="DAV:" xmlns:c="urn:ietf:params:xml:ns:caldav"><d:set><d:prop>'
        f"<d:displayname>{escape(name)}</d:displayname>"
        '<c:supported-calendar-component-set><c:comp name="VEVENT"/>'
        "</c:supported-calendar-component-set></d:prop></d:set></c:mkcalendar>"
    )


class CalendarCollection:
    """The calendar at ``url`` on a CalDAV server (``user``/``password`` for its login)."""

    def __init__(
        self, url: str, user: str | None, password: str | None, timeout: int = 30
    ) -> None:
        self.url = url if url.endswith("/") else url + "/"
        self.host = urlsplit(self.url).netloc.rsplit("@", 1)[-1] or self.url
        self.user = user
        # The login goes with the first request (basic, as every CalDAV service takes it over
        # https): waiting for a challenge would cost a round trip, and servers that slow down
        # failed logins (Radicale waits a second) would count every first request as one.
        self.client = DAVClient(
            url=self.url, username=user, password=password, timeout=timeout,
            auth_type="basic" if user else None,
        )

    @contextmanager
    def speaking(self) -> Iterator[None]:
        """Turn what the network and the server say into one sentence for the user."""
        try:
            yield
        except PublishError:
            raise
        except dav_error.AuthorizationError:
            who = f' as "{self.user}"' if self.user else " without a user name"
            raise PublishError(
                f"The calendar server {self.host} refused the login{who}: "
                "check the user name and password."
            ) from None
        except dav_error.DAVError as exc:
            raise PublishError(
                f"The calendar server {self.host} refused the request ({_reason(exc)})."
            ) from None
        except OSError:
            raise PublishError(
                f"Cannot reach the calendar server {self.host}: check the address and the "
                "network."
            ) from None

    def _request(self, method: str, url: str, body: str = "", **headers: str) -> Any:
        response = self.client.request(url, method, body, headers)
        if response.status == 401:
            raise dav_error.AuthorizationError(url=url, reason="Unauthorized")
        return response

    def exists(self) -> bool:
        """Whether the calendar is there; an error when the URL holds something else."""
        response = self._request("PROPFIND", self.url, _RESOURCETYPE, Depth="0")
        if response.status == 404:
            return False
        tree = getattr(response, "tree", None)
        if response.status == 207 and tree is not None:
            if tree.find(f".//{_DAV}resourcetype/{_CAL}calendar") is not None:
                return True
        raise PublishError(f"{self.url} is not a CalDAV calendar (nor a place to make one).")

    def create(self, name: str) -> None:
        response = self._request("MKCALENDAR", self.url, _mkcalendar_body(name))
        if response.status not in (200, 201):
            raise PublishError(
                f"The calendar server {self.host} would not create a calendar at {self.url} "
                f"(HTTP {response.status})."
            )

    def items(self) -> list[Remote]:
        """Every resource of the calendar, with its ETag and text (one REPORT)."""
        response = self._request("REPORT", self.url, _QUERY, Depth="1")
        tree = getattr(response, "tree", None)
        if response.status != 207 or tree is None:
            raise PublishError(
                f"The calendar server {self.host} did not list the calendar at {self.url} "
                f"(HTTP {response.status})."
            )
        found: list[Remote] = []
        for node in tree.iter(f"{_DAV}response"):
            href = node.findtext(f"{_DAV}href")
            text = node.findtext(f".//{_CAL}calendar-data")
            if href and text:
                etag = node.findtext(f".//{_DAV}getetag")
                found.append(Remote(urljoin(self.url, href), etag, text))
        return found

    def href_for(self, uid: str) -> str:
        return urljoin(self.url, f"{uid}.ics")

    def put(self, href: str, body: bytes, etag: str | None, new: bool) -> None:
        """Write one resource: only if still absent (new) or still at ``etag``."""
        headers = {"Content-Type": _ICS}
        if new:
            headers["If-None-Match"] = "*"
        elif etag:
            headers["If-Match"] = etag
        response = self._request("PUT", href, body.decode("utf-8"), **headers)
        self._check_write(response.status, href)

    def delete(self, href: str, etag: str | None) -> None:
        headers = {"If-Match": etag} if etag else {}
        response = self._request("DELETE", href, "", **headers)
        if response.status != 404:
            self._check_write(response.status, href)

    def _check_write(self, status: int, href: str) -> None:
        if status == 412:
            raise PublishError(
                f"An event at {href} changed on the server while publishing; publish again."
            )
        if status not in (200, 201, 204):
            raise PublishError(
                f"The calendar server {self.host} refused to write {href} (HTTP {status})."
            )


def _reason(exc: dav_error.DAVError) -> str:
    reason = getattr(exc, "reason", None)
    return str(reason) if reason else type(exc).__name__
