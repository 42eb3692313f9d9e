"""Importers that turn the public data files in the shared data folder into knowledge-base YAML.

One module per data file (us_executive, us_legislators, us_cabinet, world_heads), shared helpers
for names, dates and output, and `run` to import everything:
`python -m bot.kb.importers --data ../shared/data --out rules/kb/imported`.
"""
