"""The command tests use the engine's fixtures (the small test KB with the bundled packs)."""

from tests.engine.conftest import doc, test_rules_dir, test_ruleset

__all__ = ["doc", "test_rules_dir", "test_ruleset"]
