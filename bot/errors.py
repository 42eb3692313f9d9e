"""One error hierarchy for Copydesk; library errors are wrapped at the boundary.

Every error carries a message an editor or an on-call engineer can act on; the CLI prints it
and exits 2, the Slack bot replies with it in the thread.
"""

from __future__ import annotations


class CopydeskError(Exception):
    """Base class of every error Copydesk raises on purpose."""


class InputError(CopydeskError):
    """The article given to check cannot be read: empty, binary, undecodable or too large."""


class RuleError(CopydeskError):
    """A rule pack is malformed; the message names the file, line, rule id and key."""

    label = "rule"

    def __init__(self, path: str, line: int | None, rule_id: str | None, problem: str) -> None:
        self.path = path
        self.line = line
        self.rule_id = rule_id
        self.problem = problem
        where = f"{path}:{line}" if line else path
        rule = f" {self.label} '{rule_id}':" if rule_id else ""
        super().__init__(f"{where}:{rule} {problem}")


class KnowledgeError(RuleError):
    """A knowledge-base file is malformed (same location format as a rule error)."""

    label = "entry"


class FetchError(CopydeskError):
    """A link or file could not be fetched (after retries), or was refused for safety."""


class UsageError(CopydeskError):
    """The command line names something that does not exist (a rule id, say)."""


class ConfigError(CopydeskError):
    """Configuration is missing or wrong; the message names the variable and how to set it."""
