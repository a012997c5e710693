"""Edit: change map files from the command line, keeping comments and layout.

`document.MapDocument` opens a valid map; `operations` makes one change and
returns the new text; `MapDocument.finish` validates it and writes it atomically
(or diffs it for a dry run). `canonical` is `argmap fmt`, `show` prints the tree,
`starter` writes new maps.
"""
