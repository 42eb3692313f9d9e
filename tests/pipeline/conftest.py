"""The pipeline tests use the engine's fixtures (the small test KB with the bundled packs)."""

from tests.engine.conftest import test_rules_dir, test_ruleset

__all__ = ["test_rules_dir", "test_ruleset"]
