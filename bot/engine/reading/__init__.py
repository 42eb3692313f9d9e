"""How news copy refers to time: one model that every people check asks.

`ReadingModel.read(document, start, end)` decides whether a mention speaks of the story's
present, of history, of the future, of an imagined holder, or is quoted speech, and keeps the
cue that decided it. The cues are data in `rules/reading/`, each with examples.
"""

from bot.engine.reading.cues import Frame, Strength
from bot.engine.reading.reader import Reading, ReadingModel, load_reading_model

__all__ = ["Frame", "Reading", "ReadingModel", "Strength", "load_reading_model"]
