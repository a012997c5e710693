"""`argmap lsp`: a language server for map files, on pygls.

Every feature reads the map through the one pipeline (argmap.load → validate →
graph → analysis): `state` keeps each open document's last analysis, the other
modules answer one kind of request each, and `server` wires them to pygls.
"""
