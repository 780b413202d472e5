<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="en">
<context>
    <name>Counted</name>
    <message numerus="yes">
        <source>%n document(s)</source>
        <translation>
            <numerusform>%n document</numerusform>
            <numerusform>%n documents</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n hit(s)</source>
        <translation>
            <numerusform>%n hit</numerusform>
            <numerusform>%n hits</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>… %n more hit(s)</source>
        <translation>
            <numerusform>… %n more hit</numerusform>
            <numerusform>… %n more hits</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Show all %n hit(s) in this document</source>
        <translation>
            <numerusform>Show all %n hit in this document</numerusform>
            <numerusform>Show all %n hits in this document</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n note(s)</source>
        <translation>
            <numerusform>%n note</numerusform>
            <numerusform>%n notes</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n highlight(s)</source>
        <translation>
            <numerusform>%n highlight</numerusform>
            <numerusform>%n highlights</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n bookmark(s)</source>
        <translation>
            <numerusform>%n bookmark</numerusform>
            <numerusform>%n bookmarks</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Exported %n citation(s) to %1</source>
        <translation>
            <numerusform>Exported %n citation to %1</numerusform>
            <numerusform>Exported %n citations to %1</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Kept %n opened document(s) in your library: they will be there next time</source>
        <translation>
            <numerusform>Kept %n opened document in your library: they will be there next time</numerusform>
            <numerusform>Kept %n opened documents in your library: they will be there next time</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>; cancelled with %n file(s) not processed</source>
        <translation>
            <numerusform>; cancelled with %n file not processed</numerusform>
            <numerusform>; cancelled with %n files not processed</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n note(s) could not be found in the changed text; they are kept under Unplaced</source>
        <translation>
            <numerusform>%n note could not be found in the changed text; they are kept under Unplaced</numerusform>
            <numerusform>%n notes could not be found in the changed text; they are kept under Unplaced</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message numerus="yes">
        <source>%n file(s) could not be read</source>
        <translation>
            <numerusform>%n file could not be read</numerusform>
            <numerusform>%n files could not be read</numerusform>
        </translation>
    </message>
</context>
</TS>
