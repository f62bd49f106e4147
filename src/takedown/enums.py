"""Closed vocabularies used by the records."""

from __future__ import annotations

import enum

__all__ = [
    "Audience",
    "CompanyRole",
    "DatePrecision",
    "Department",
    "EventKind",
    "FilmingStatus",
    "LocationKind",
    "ReleaseKind",
    "SourceKind",
]


class DatePrecision(str, enum.Enum):
    """How much of a date a source states; the stored date is the first day of the span."""

    DAY = "day"
    MONTH = "month"
    YEAR = "year"


class Department(str, enum.Enum):
    """The department of a crew credit."""

    DIRECTING = "directing"
    WRITING = "writing"
    PRODUCTION = "production"
    CAMERA = "camera"
    EDITING = "editing"
    MUSIC = "music"


class CompanyRole(str, enum.Enum):
    """What a company did for a film."""

    PRODUCTION = "production"
    DISTRIBUTION = "distribution"


class ReleaseKind(str, enum.Enum):
    """How a film reached its audience."""

    STREAMING = "streaming"
    THEATRICAL = "theatrical"


class EventKind(str, enum.Enum):
    """A step in the making and launch of a film."""

    ANNOUNCEMENT = "announcement"
    PRINCIPAL_PHOTOGRAPHY_START = "principal-photography-start"
    PRINCIPAL_PHOTOGRAPHY_END = "principal-photography-end"
    TEASER = "teaser"
    TRAILER = "trailer"
    RELEASE = "release"


class LocationKind(str, enum.Enum):
    """What sort of place a location is."""

    COUNTRY = "country"
    REGION = "region"
    DEPARTMENT = "department"
    CITY = "city"
    TOWN = "town"
    STREET = "street"
    RIVER = "river"
    LAKE = "lake"
    MOUNTAINS = "mountains"
    ROAD = "road"
    LANDMARK = "landmark"
    STATION = "station"
    BUILDING = "building"
    VENUE = "venue"


class FilmingStatus(str, enum.Enum):
    """How firmly a source ties a place to the shoot."""

    SHOT = "shot"
    SCOUTED = "scouted"


class Audience(str, enum.Enum):
    """Whose opinion an aggregate rating sums up."""

    CRITICS = "critics"
    AUDIENCE = "audience"


class SourceKind(str, enum.Enum):
    """What sort of document a source is."""

    ENCYCLOPEDIA = "encyclopedia"
    PLOT_RECAP = "plot-recap"
    REVIEW = "review"
    NEWS = "news"
    ARTICLE = "article"
