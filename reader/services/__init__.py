"""Use cases between the core and the widgets: QObjects that report through signals.

They hold no widgets. The window builds them from a :class:`reader.workspace.Workspace`, connects
their signals to its children, and turns the children's intents into calls on them.
"""
