"""Closed vocabularies used by the records."""

from __future__ import annotations

import enum

__all__ = [
    "Audience",
    "OrganizationKind",
    "RelationshipKind",
    "WorkKind",
    "CompanyRole",
    "DatePrecision",
    "Department",
    "EventKind",
    "FilmingStatus",
    "LocationKind",
    "ReleaseKind",
    "SourceKind",
    "SYMMETRIC_KINDS",
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


class OrganizationKind(str, enum.Enum):
    """What sort of body an organisation is, in the story or in the world."""

    POLICE_FORCE = "police-force"
    POLICE_UNIT = "police-unit"
    POLITICAL_PARTY = "political-party"
    SECRET_SOCIETY = "secret-society"
    CRIMINAL_GROUP = "criminal-group"
    COMPANY = "company"
    PRODUCTION_COMPANY = "production-company"
    STREAMING_SERVICE = "streaming-service"
    BROADCASTER = "broadcaster"
    REVIEW_AGGREGATOR = "review-aggregator"
    PUBLICATION = "publication"
    VIDEO_PLATFORM = "video-platform"
    SPORTS_ORGANIZATION = "sports-organization"


class RelationshipKind(str, enum.Enum):
    """How one character stands to another character or to an organisation.

    Read as "character *kind* other": ``superior-of`` means the character is the other's
    superior.  The kinds in :data:`SYMMETRIC_KINDS` read the same both ways.
    """

    PARTNER_OF = "partner-of"
    FORMER_PARTNER_OF = "former-partner-of"
    FORMER_ROMANTIC_PARTNER_OF = "former-romantic-partner-of"
    FRIEND_OF = "friend-of"
    FORMER_FRIEND_OF = "former-friend-of"
    FORMER_ASSOCIATE_OF = "former-associate-of"
    ASSOCIATED_WITH = "associated-with"
    ALLY_OF = "ally-of"
    ENEMY_OF = "enemy-of"
    SUPERIOR_OF = "superior-of"
    PARENT_OF = "parent-of"
    SPOUSE_OF = "spouse-of"
    ATTRACTED_TO = "attracted-to"
    PATIENT_OF = "patient-of"
    SOUGHT_HELP_FROM = "sought-help-from"
    MEMBER_OF = "member-of"
    LEADER_OF = "leader-of"
    EMPLOYEE_OF = "employee-of"
    OWNER_OF = "owner-of"
    MAYOR_OF = "mayor-of"
    BEARS_SYMBOL_OF = "bears-symbol-of"


#: Relationship kinds that hold both ways: "A partner of B" is "B partner of A".
SYMMETRIC_KINDS = frozenset(
    {
        RelationshipKind.PARTNER_OF,
        RelationshipKind.FORMER_PARTNER_OF,
        RelationshipKind.FORMER_ROMANTIC_PARTNER_OF,
        RelationshipKind.FRIEND_OF,
        RelationshipKind.FORMER_FRIEND_OF,
        RelationshipKind.FORMER_ASSOCIATE_OF,
        RelationshipKind.ASSOCIATED_WITH,
        RelationshipKind.ALLY_OF,
        RelationshipKind.ENEMY_OF,
        RelationshipKind.SPOUSE_OF,
    }
)


class WorkKind(str, enum.Enum):
    """What sort of work, other than the two films, a person is known for."""

    FILM = "film"
    FILM_SERIES = "film-series"
    SERIES = "series"
