"""The start page: the service packages, organisations and systems, each with links to its pictures."""

from __future__ import annotations

from collections.abc import Mapping

from pydantic import BaseModel

from app.model.answers import ElementPage, ElementView
from app.schema import ElementType
from viz.page import VIEW_NAMES, environment, picture_path
from viz.picture import View
from viz.style import fill_of, shape_of

SECTIONS: tuple[tuple[ElementType, str], ...] = (
    (ElementType.SERVICE_PACKAGE, "Service packages"),
    (ElementType.ORGANIZATION, "Organisations"),
    (ElementType.SYSTEM, "Systems"),
)
PER_SECTION = 500  # the rest is one API call away (the section links to it)
SECTION_TYPES = tuple(t for t, _ in SECTIONS)


class Entry(BaseModel):
    id: str
    name: str
    kind: str | None  # an organisation's kind (internal, partner, customer)
    lifecycle: str | None  # None for a partner's context package, shown by name only
    service_level: int | None
    pictures: dict[str, str]  # view name -> address


class LandingSection(BaseModel):
    type: str
    title: str
    shape: str
    colour: str
    entries: list[Entry]
    more: str | None  # the API listing of the rest, when the section was cut


class Landing(BaseModel):
    sections: list[LandingSection]

    @property
    def empty(self) -> bool:
        return not any(s.entries for s in self.sections)


def views_of(element_type: str, kind: str | None) -> list[View]:
    """The pictures that answer something for an element: a customer has no supply chain of its own
    (it buys, it does not deliver), so its supply-chain picture would always be empty."""
    if element_type == ElementType.ORGANIZATION and kind == "customer":
        return [View.DEPENDENCIES, View.IMPACT]
    return list(View)


def _entry(element: ElementView) -> Entry:
    return Entry(id=element.id, name=element.name, kind=element.kind, lifecycle=element.lifecycle,
                 service_level=element.service_level,
                 pictures={VIEW_NAMES[v]: picture_path(element.id, v) for v in views_of(element.type, element.kind)})


def landing_of(pages: Mapping[ElementType, ElementPage]) -> Landing:
    """The start page from the first page of each section's elements (see SECTIONS)."""
    sections = []
    for element_type, title in SECTIONS:
        page = pages[element_type]
        more = f"/api/v1/elements?type={element_type.value}&cursor={page.next_cursor}" if page.next_cursor else None
        sections.append(LandingSection(type=element_type.value, title=title, shape=shape_of(element_type),
                                       colour=fill_of(element_type), entries=[_entry(d) for d in page.items],
                                       more=more))
    return Landing(sections=sections)


def render_landing(landing: Landing) -> str:
    views = [(VIEW_NAMES[v], v.value) for v in View]
    return environment().get_template("landing.html").render(landing=landing, views=views)
