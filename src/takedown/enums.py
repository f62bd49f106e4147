"""Closed vocabularies used by the records."""

from __future__ import annotations

import enum

__all__ = [
    "Audience",
    "Circumstance",
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
    """How much of a date the sources state: the precision of a
    :class:`~takedown.models.PartialDate`."""

    DAY = "day"
    """The full date is known."""
    MONTH = "month"
    """Only the year and the month are known."""
    YEAR = "year"
    """Only the year is known."""


class Department(str, enum.Enum):
    """The department of a crew credit."""

    DIRECTING = "directing"
    WRITING = "writing"
    """Screenplay and story: the screenwriters."""
    PRODUCTION = "production"
    """The producers."""
    CAMERA = "camera"
    """Cinematography: the director of photography."""
    EDITING = "editing"
    MUSIC = "music"
    """The score: the composer."""


class CompanyRole(str, enum.Enum):
    """What a company did for a film."""

    PRODUCTION = "production"
    """Produced or co-produced the film."""
    DISTRIBUTION = "distribution"
    """Brought it to its audience: in cinemas or on a streaming service."""


class ReleaseKind(str, enum.Enum):
    """How a film reached its audience."""

    STREAMING = "streaming"
    """Made available on a streaming service."""
    THEATRICAL = "theatrical"
    """Shown in cinemas."""


class EventKind(str, enum.Enum):
    """A step in the making and launch of a film."""

    ANNOUNCEMENT = "announcement"
    """The film was first made public."""
    PRINCIPAL_PHOTOGRAPHY_START = "principal-photography-start"
    """The main shoot began."""
    PRINCIPAL_PHOTOGRAPHY_END = "principal-photography-end"
    """The main shoot ended."""
    TEASER = "teaser"
    """A first, short teaser was published."""
    TRAILER = "trailer"
    """The full trailer was published."""
    RELEASE = "release"
    """The film first came out, in cinemas or on a streaming service."""


class LocationKind(str, enum.Enum):
    """What sort of place a location is."""

    COUNTRY = "country"
    REGION = "region"
    """A large administrative region (Auvergne-Rhône-Alpes)."""
    DEPARTMENT = "department"
    """A French département: the administrative level below a region."""
    CITY = "city"
    TOWN = "town"
    STREET = "street"
    RIVER = "river"
    LAKE = "lake"
    MOUNTAINS = "mountains"
    ROAD = "road"
    """A road or route outside a town (Combe Laval, the Paris périphérique)."""
    LANDMARK = "landmark"
    """A famous structure or sight (the Eiffel Tower)."""
    STATION = "station"
    """A railway station."""
    BUILDING = "building"
    """A house, office or other building (a police station included)."""
    VENUE = "venue"
    """A place people go to for what happens there: a club, an arena, a restaurant."""


class FilmingStatus(str, enum.Enum):
    """How firmly a source ties a place to the shoot."""

    SHOT = "shot"
    """A source says scenes were filmed there."""
    SCOUTED = "scouted"
    """A source names the place as scouted or considered for the shoot, not that anything was filmed
    there."""


class Circumstance(str, enum.Enum):
    """Why a cited value says more than its sources' words: a reading, not a statement.

    Modelled on Wikidata's "sourcing circumstances" (P1480) qualifier; a
    :class:`~takedown.models.Citation` carries it with the reason.
    """

    PRESUMABLY = "presumably"
    """The source leaves a gap (a lost word, a blank) and the value is the project's reading of
    it (Wikidata's "presumably", Q18122778)."""
    ALLEGEDLY = "allegedly"
    """The source reports the value as what someone in the story believes or claims, not as a
    fact of the story (Wikidata's "allegedly", Q32188232)."""


class Audience(str, enum.Enum):
    """Whose opinion an aggregate rating sums up."""

    CRITICS = "critics"
    """Published reviews by critics."""
    AUDIENCE = "audience"
    """Ratings or votes by viewers."""


class SourceKind(str, enum.Enum):
    """What sort of document a source is."""

    ENCYCLOPEDIA = "encyclopedia"
    """An encyclopedia article (Wikipedia, Grokipedia)."""
    PLOT_RECAP = "plot-recap"
    """A scene-by-scene account of the story."""
    REVIEW = "review"
    """A critic's opinion piece."""
    NEWS = "news"
    """A dated news report."""
    ARTICLE = "article"
    """Any other article, such as a feature on filming locations."""


class OrganizationKind(str, enum.Enum):
    """What sort of body an organisation is, in the story or in the world."""

    POLICE_FORCE = "police-force"
    """A whole police force (a city's or a town's police)."""
    POLICE_UNIT = "police-unit"
    """A unit within a police force (a criminal division, a district's police)."""
    POLITICAL_PARTY = "political-party"
    SECRET_SOCIETY = "secret-society"
    CRIMINAL_GROUP = "criminal-group"
    COMPANY = "company"
    """A business that is not a production company."""
    PRODUCTION_COMPANY = "production-company"
    """A company that makes films."""
    STREAMING_SERVICE = "streaming-service"
    BROADCASTER = "broadcaster"
    REVIEW_AGGREGATOR = "review-aggregator"
    """A site that sums up reviews or ratings (Rotten Tomatoes, IMDb)."""
    PUBLICATION = "publication"
    """A newspaper, magazine or news site (Variety)."""
    VIDEO_PLATFORM = "video-platform"
    """A video-sharing site (YouTube)."""
    SPORTS_ORGANIZATION = "sports-organization"


class RelationshipKind(str, enum.Enum):
    """How one character stands to another character or to an organisation.

    Read as "character *kind* other": ``superior-of`` means the character is the other's
    superior.  The kinds in :data:`SYMMETRIC_KINDS` read the same both ways.
    """

    PARTNER_OF = "partner-of"
    """Works alongside the other as a partner, as two detectives do."""
    FORMER_PARTNER_OF = "former-partner-of"
    """Was once the other's partner; the notes say whether at work or in private life."""
    FORMER_ROMANTIC_PARTNER_OF = "former-romantic-partner-of"
    """Was once in a romantic relationship with the other."""
    FRIEND_OF = "friend-of"
    FORMER_FRIEND_OF = "former-friend-of"
    FORMER_ASSOCIATE_OF = "former-associate-of"
    """Once kept company or worked with the other, and no longer does."""
    ASSOCIATED_WITH = "associated-with"
    """Linked to the other in a way the sources leave vague, or only suspect."""
    ALLY_OF = "ally-of"
    """Sides with the other, openly or in secret."""
    ENEMY_OF = "enemy-of"
    """Is set against the other in the story."""
    SUPERIOR_OF = "superior-of"
    """Ranks above the other: the character is the other's superior."""
    PARENT_OF = "parent-of"
    """Is the other's parent: the other is the child."""
    SPOUSE_OF = "spouse-of"
    ATTRACTED_TO = "attracted-to"
    """Is drawn to the other; says nothing of whether it is returned."""
    PATIENT_OF = "patient-of"
    """Is treated by the other (a therapist, say)."""
    SOUGHT_HELP_FROM = "sought-help-from"
    """Turned to the other for help or protection."""
    MEMBER_OF = "member-of"
    """Belongs to the organisation; ``title`` gives a rank or post where a source names one."""
    LEADER_OF = "leader-of"
    """Heads the organisation; ``title`` gives the post where a source names one."""
    EMPLOYEE_OF = "employee-of"
    """Works for the organisation, without being said to belong to it."""
    OWNER_OF = "owner-of"
    """Owns the organisation (a firm)."""
    MAYOR_OF = "mayor-of"
    """Is the mayor of the other end."""
    BEARS_SYMBOL_OF = "bears-symbol-of"
    """Bears the organisation's mark (a tattoo, say), which by itself does not make them a
    member."""


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
    """A series of films (a franchise)."""
    SERIES = "series"
    """A television or streaming series."""
