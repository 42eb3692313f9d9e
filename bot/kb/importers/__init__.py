"""Importers that turn the public data files in the shared data folder into knowledge-base YAML.

One module per data file (us_executive, us_legislators, us_cabinet, world_heads), each with an
`Importer` (the file it writes, the files it reads, the sources it cites, `build(inputs)`),
registered in `registry.IMPORTERS`; `run` writes them all:
`python -m bot.kb.importers --data ../shared/data --out rules/kb/imported`.
"""
