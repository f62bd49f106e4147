"""Test helper: the packaged dataset with a record of each knowledge kind, cited per field.

The packaged organisations, relationships, themes, works, awards and comparisons may be
empty; the exports must place them all the same.
"""

from __future__ import annotations

import attrs

import takedown
from refs import cited
from takedown import models as m
from takedown.dataset import Dataset
from takedown.enums import OrganizationKind, RelationshipKind, WorkKind

WIKI = "source/wikipedia"
RECAP = "source/plot-recap"


def knowledge_dataset() -> Dataset:
    """The packaged dataset plus one record of each new kind, some fields cited."""
    ds = takedown.load()
    film = ds.film("The Takedown")
    ousmane = ds.character("character/ousmane-diakite")
    francois = ds.character("character/francois-monge")
    omar = ds.person("Omar Sy")
    both = frozenset({WIKI, RECAP})
    police = m.Organization(
        id="organization/test-police-unit",
        name="A police unit",
        kind=OrganizationKind.POLICE_UNIT,
        fictional=True,
        films=(film,),
        sources=frozenset({RECAP}),
        citations=cited({RECAP}, "name", "kind", "fictional", "films"),
    )
    partners = (ousmane, RelationshipKind.PARTNER_OF, francois, None)
    member = (ousmane, RelationshipKind.MEMBER_OF, None, police)
    enemies = (francois, RelationshipKind.ENEMY_OF, ousmane, None)
    relationships = tuple(
        m.Relationship(
            id=f"relationship/test-{name}",
            film=film,
            character=character,
            kind=kind,
            other=other,
            organization=organization,
            title="inspector" if organization else None,
            sources=both if name == "partners" else frozenset({RECAP}),
            citations=(
                m.Citation(field="kind", sources=frozenset({RECAP})),
                *cited(both if name == "partners" else {RECAP}, "film", "character"),
            ),
        )
        for name, (character, kind, other, organization) in {
            "partners": partners,
            "member": member,
            "enemies": enemies,
        }.items()
    )
    theme = m.Theme(
        id="theme/test-buddy-cops",
        name="Buddy cops",
        films=(film,),
        description="Two mismatched policemen.",
        sources=both,
        citations=cited(both, "name", "films", "description"),
    )
    work = m.Work(
        id="work/test-lupin",
        person=omar,
        title="Lupin",
        kind=WorkKind.SERIES,
        role="lead actor",
        year=2021,
        sources=both,
        citations=(
            m.Citation(field="year", sources=frozenset({WIKI})),
            m.Citation(field="title", sources=both),
            *cited({WIKI}, "person", "kind", "role"),
        ),
    )
    award = m.Award(
        id="award/test-cesar",
        person=omar,
        name="César Award for Best Actor",
        work="The Intouchables",
        year=2012,
        sources=frozenset({WIKI}),
        citations=cited({WIKI}, "person", "name", "work", "year"),
    )
    comparison = m.Comparison(
        id="comparison/test-lethal-weapon",
        film=film,
        other="Lethal Weapon",
        summary="A buddy-cop pairing in the same mould.",
        sources=frozenset({WIKI}),
        citations=cited({WIKI}, "film", "other", "summary"),
    )
    tables = attrs.evolve(
        ds.tables,
        organizations=(*ds.tables.organizations, police),
        relationships=(*ds.tables.relationships, *relationships),
        themes=(*ds.tables.themes, theme),
        works=(*ds.tables.works, work),
        awards=(*ds.tables.awards, award),
        comparisons=(*ds.tables.comparisons, comparison),
    )
    return Dataset(tables)
