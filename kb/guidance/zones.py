"""The time zones a routing page offers: a short list, each named in the reader's language."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from zoneinfo import ZoneInfo

from babel.dates import get_timezone, get_timezone_location

# Where the contact centre's callers and agents are: Russia's zones west to east, then the
# zones of the US-based procedures and UTC. A routing block's own zone and the site's
# KB_TIMEZONE are always added; six hundred raw IANA names help nobody mid-call.
COMMON_ZONES = (
    "Europe/Kaliningrad",
    "Europe/Moscow",
    "Europe/Samara",
    "Asia/Yekaterinburg",
    "Asia/Omsk",
    "Asia/Novosibirsk",
    "Asia/Krasnoyarsk",
    "Asia/Irkutsk",
    "Asia/Yakutsk",
    "Asia/Vladivostok",
    "Asia/Magadan",
    "Asia/Kamchatka",
    "Europe/London",
    "America/New_York",
    "America/Chicago",
    "America/Denver",
    "America/Los_Angeles",
    "UTC",
)


def zone_label(name: str, locale: str, at: datetime | None = None) -> str:
    """`Europe/Moscow` as "Moscow (UTC+3)", or «Москва (UTC+3)»: the city and today's offset."""
    moment = (at or datetime.now(ZoneInfo("UTC"))).astimezone(ZoneInfo(name))
    city = name if name == "UTC" else get_timezone_location(get_timezone(name), locale, True)
    offset = moment.utcoffset()
    minutes = int(offset.total_seconds() // 60) if offset is not None else 0
    if not minutes:
        return city if name == "UTC" else f"{city} (UTC)"
    sign, minutes = ("+" if minutes > 0 else "−"), abs(minutes)
    hours = f"{minutes // 60}" + (f":{minutes % 60:02d}" if minutes % 60 else "")
    return f"{city} (UTC{sign}{hours})"


def zone_choices(
    locale: str, first: Iterable[str] = (), at: datetime | None = None
) -> list[tuple[str, str]]:
    """(IANA name, label) of the zones to pick from: `first` (in order), then the common ones
    from west to east."""
    names = list(dict.fromkeys([*first, *COMMON_ZONES]))
    lead = list(dict.fromkeys(first))
    moment = at or datetime.now(ZoneInfo("UTC"))
    rest = sorted(
        (n for n in names if n not in lead),
        key=lambda n: (moment.astimezone(ZoneInfo(n)).utcoffset(), n),
    )
    return [(n, zone_label(n, locale, moment)) for n in [*lead, *rest]]
