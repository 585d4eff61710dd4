"""Rendered scripts as safe-HTML strings.

``SafeHTML`` is a ``str`` with ``__html__``, the protocol that MarkupSafe defines and that
Jinja2 and Django both honour: a template inserts it as it is, with no ``|safe`` and no
``mark_safe``, while ``str()`` still gives the plain text. Only the SDK's own rendering makes
one, after the core has escaped the user object for ``<script>``.
"""


class SafeHTML(str):
    """A ``<script>`` element rendered by the SDK, inserted by templates without escaping."""

    __slots__ = ()

    def __html__(self) -> str:
        return str(self)

    def __repr__(self) -> str:
        return f"SafeHTML({str.__repr__(self)})"
