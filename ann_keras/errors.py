"""The one exception type for mistakes a user can fix.

The CLI prints a `UserError` as a single line and exits with status 2; anything
else is a bug and keeps its traceback. In Jupyter a `UserError` shows as that one
line too, not as a traceback.
"""


class UserError(Exception):
    """A problem with the user's input or environment, with the fix in the message."""

    exit_code = 2

    def _render_traceback_(self) -> list[str]:
        """IPython shows this instead of a traceback."""
        return [f"UserError: {self}"]
