"""Griffe extension shaping the API reference built from our docstrings.

* Sphinx roles: the docstrings are read in editors too, where ``:func:`load``` is the
  familiar spelling, but mkdocstrings renders Markdown and would print the role as text.
  Each role becomes an *optional* cross-reference: a link when the target is documented,
  plain code otherwise (private helpers, other libraries), so the strict build never fails
  on one.
* Doctest examples (``>>>`` lines and their output, up to a blank line) become
  ``pycon`` code blocks; Markdown would read ``>>>`` as a quote.
* Special methods (``__repr__``, ``__attrs_post_init__`` ...) implement behaviour that the
  class docstrings already describe; they are left out of the reference.
* A class attribute made by ``attrs.field(...)`` or by one of our private field helpers
  (``text()``, ``ref("film", optional=True)``, ``sources()`` ...) shows its type and
  docstring without that value: the call is how the field is validated, not something a
  reader passes or sees.  Plain values stay visible: defaults such as ``None`` or ``False``,
  and constants such as each record class's ``KIND``.
"""

from __future__ import annotations

import html
import re
from typing import Any

from griffe import Alias, Attribute, ExprCall, Extension, Module, Object

_ROLE = re.compile(r":(?:py:)?(mod|func|class|meth|attr|data|exc|obj):`(~?)([\w.]+)`")
_SPECIAL = re.compile(r"__\w+__")
_DOCTEST = re.compile(r"^(?P<indent>[ \t]*)>>> .*(?:\n(?P=indent)\S.*)*", re.MULTILINE)
_FIELD_CALLS = frozenset({"attrs.field", "attr.ib", "attr.attrib", "attrs.attrib"})


def _link(obj: Object, match: re.Match[str]) -> str:
    role, short, target = match.groups()
    # As in Sphinx, a bare name is relative to the docstring's module; a module is absolute.
    absolute = role == "mod" or target.split(".")[0] == obj.package.name
    full = target if absolute else f"{obj.module.path}.{target}"
    shown = target.rsplit(".", 1)[-1] if short else target
    return (
        f'<autoref identifier="{html.escape(full)}" optional>'
        f"<code>{html.escape(shown)}</code></autoref>"
    )


def _fence(match: re.Match[str]) -> str:
    indent = match["indent"]
    return f"{indent}```pycon\n{match[0]}\n{indent}```"


def _is_field_call(attribute: Attribute) -> bool:
    """Whether the attribute's value is ``attrs.field(...)`` or a call to a private helper.

    The callee is looked up in the module, not the class: inside ``class Film``, griffe
    would resolve ``sources()`` to the field ``Film.sources`` itself.
    """
    value = attribute.value
    if not isinstance(value, ExprCall):
        return False
    written = str(value.function)
    if written in _FIELD_CALLS:
        return True
    helper = attribute.module.members.get(written)
    if helper is None:
        return False
    path = helper.target_path if isinstance(helper, Alias) else helper.path
    return any(part.startswith("_") for part in path.split("."))


def _shape(obj: Object) -> None:
    if obj.docstring is not None:
        text = _ROLE.sub(lambda m: _link(obj, m), obj.docstring.value)
        obj.docstring.value = _DOCTEST.sub(_fence, text)
    for name, member in obj.members.items():
        if member.is_alias:
            continue
        if obj.is_class and member.is_function and _SPECIAL.fullmatch(name):
            member.public = False
        if obj.is_class and member.is_attribute and _is_field_call(member):  # type: ignore[arg-type]
            member.value = None  # type: ignore[union-attr]
        _shape(member)  # type: ignore[arg-type]


class ApiReference(Extension):
    """Rewrite Sphinx roles, hide special methods and field helper calls, package-wide."""

    def on_package(self, *, pkg: Module, **kwargs: Any) -> None:
        _shape(pkg)
