<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ru" sourcelanguage="en">
<context>
    <name>AboutDialog</name>
    <message>
        <source>About %1</source>
        <translation>О программе %1</translation>
    </message>
    <message>
        <source>Version %1</source>
        <translation>Версия %1</translation>
    </message>
    <message>
        <source>Archival documents in two languages, side by side.</source>
        <translation>Архивные документы на двух языках, бок о бок.</translation>
    </message>
    <message>
        <source>Licence: %1. Built with Qt %2 and PySide6 %3.</source>
        <translation>Лицензия: %1. Собрано с Qt %2 и PySide6 %3.</translation>
    </message>
    <message>
        <source>Open Data Folder</source>
        <translation>Открыть папку данных</translation>
    </message>
    <message>
        <source>Show the folder in the file manager</source>
        <translation>Показать папку в файловом менеджере</translation>
    </message>
    <message>
        <source>Documents</source>
        <translation>Документы</translation>
    </message>
    <message>
        <source>Your notes and settings are kept in</source>
        <translation>Ваши заметки и настройки хранятся в папке</translation>
    </message>
</context>
<context>
    <name>AlignmentService</name>
    <message>
        <source>That alignment change no longer fits the document&apos;s text</source>
        <translation>Это изменение выравнивания больше не соответствует тексту документа</translation>
    </message>
    <message>
        <source>The alignment correction could not be saved (%1); it applies until you close the app.</source>
        <translation>Не удалось сохранить исправление выравнивания (%1); оно действует до закрытия программы.</translation>
    </message>
</context>
<context>
    <name>App</name>
    <message>
        <source>Reading your library…</source>
        <translation>Чтение библиотеки…</translation>
    </message>
</context>
<context>
    <name>CitationService</name>
    <message>
        <source>The citations could not be exported: %1</source>
        <translation>Не удалось экспортировать ссылки: %1</translation>
    </message>
    <message>
        <source>Could not write %1: %2</source>
        <translation>Не удалось записать %1: %2</translation>
    </message>
</context>
<context>
    <name>CoreMessages</name>
    <message>
        <source>unexpected error: %1</source>
        <translation>непредвиденная ошибка: %1</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>the file is empty</source>
        <translation>файл пуст</translation>
    </message>
    <message>
        <source>binary data, not a text document</source>
        <translation>двоичные данные, а не текстовый документ</translation>
    </message>
    <message>
        <source>the text encoding could not be recognised</source>
        <translation>не удалось определить кодировку текста</translation>
    </message>
    <message>
        <source>%1 (invalid %2 at byte %3)</source>
        <translation>%1 (ошибка в %2 на байте %3)</translation>
    </message>
    <message>
        <source>the document has no file to read</source>
        <translation>у документа нет файла, который можно прочитать</translation>
    </message>
    <message>
        <source>no readable text found</source>
        <translation>читаемый текст не найден</translation>
    </message>
    <message>
        <source>a folder, not a document file</source>
        <translation>это папка, а не файл документа</translation>
    </message>
    <message>
        <source>not a regular file (a device, pipe or socket)</source>
        <translation>это не обычный файл (устройство, канал или сокет)</translation>
    </message>
    <message>
        <source>the file is too large (%1 MB; the limit is 20 MB)</source>
        <translation>файл слишком большой (%1 МБ; предел — 20 МБ)</translation>
    </message>
    <message>
        <source>no such file</source>
        <translation>файл не найден</translation>
    </message>
    <message>
        <source>permission denied</source>
        <translation>нет доступа</translation>
    </message>
    <message>
        <source>cannot read the file (%1)</source>
        <translation>не удаётся прочитать файл (%1)</translation>
    </message>
    <message>
        <source>The search is nested too deeply.</source>
        <translation>В запросе слишком глубокая вложенность.</translation>
    </message>
    <message>
        <source>The search could not be understood.</source>
        <translation>Запрос не удалось разобрать.</translation>
    </message>
    <message>
        <source>The search could not be understood (%1).</source>
        <translation>Запрос не удалось разобрать (%1).</translation>
    </message>
    <message>
        <source>NOT needs a word before it, as in: treaty NOT Korea.</source>
        <translation>Перед NOT нужно слово, например: договор NOT Корея.</translation>
    </message>
    <message>
        <source>The search is too long (%1 characters; the limit is %2).</source>
        <translation>Запрос слишком длинный (символов: %1; предел — %2).</translation>
    </message>
    <message>
        <source>The search has too many words (%1; the limit is %2).</source>
        <translation>В запросе слишком много слов (%1; предел — %2).</translation>
    </message>
    <message>
        <source>Type a word to search for.</source>
        <translation>Введите слово для поиска.</translation>
    </message>
    <message>
        <source>Unexpected “%1” in the search.</source>
        <translation>Неожиданное «%1» в запросе.</translation>
    </message>
    <message>
        <source>The search has no words in it (only punctuation).</source>
        <translation>В запросе нет слов (одни знаки препинания).</translation>
    </message>
    <message>
        <source>A phrase is missing its closing quote (&quot;).</source>
        <translation>У фразы нет закрывающей кавычки (&quot;).</translation>
    </message>
    <message>
        <source>%1 needs a word on both sides.</source>
        <translation>Для %1 нужны слова с обеих сторон.</translation>
    </message>
    <message>
        <source>A closing parenthesis has no opening one.</source>
        <translation>У закрывающей скобки нет открывающей.</translation>
    </message>
    <message>
        <source>The search nests parentheses too deeply (the limit is %1).</source>
        <translation>В запросе слишком глубоко вложены скобки (предел — %1).</translation>
    </message>
    <message>
        <source>A parenthesis is not closed.</source>
        <translation>Скобка не закрыта.</translation>
    </message>
    <message>
        <source>already in the bundled corpus</source>
        <translation>уже есть во встроенном корпусе</translation>
    </message>
    <message>
        <source>unchanged: the library already has this exact file</source>
        <translation>без изменений: в библиотеке уже есть точно такой же файл</translation>
    </message>
    <message>
        <source>not parsed</source>
        <translation>не разобран</translation>
    </message>
    <message>
        <source>duplicate: the same record as %1</source>
        <translation>повтор: та же запись, что и %1</translation>
    </message>
    <message>
        <source>its library file %1 holds another record (%2); left as it was</source>
        <translation>его файл в библиотеке, %1, содержит другую запись (%2); оставлен как был</translation>
    </message>
    <message>
        <source>could not be copied into the library (%1)</source>
        <translation>не удалось скопировать в библиотеку (%1)</translation>
    </message>
    <message>
        <source>unreadable: %1</source>
        <translation>не читается: %1</translation>
    </message>
    <message>
        <source>unsupported encoding: %1</source>
        <translation>неподдерживаемая кодировка: %1</translation>
    </message>
    <message>
        <source>not a document: %1</source>
        <translation>не документ: %1</translation>
    </message>
    <message>
        <source>no such folder</source>
        <translation>папка не существует</translation>
    </message>
</context>
<context>
    <name>Counted</name>
    <message numerus="yes">
        <source>%n document(s)</source>
        <translation>
            <numerusform>%n документ</numerusform>
            <numerusform>%n документа</numerusform>
            <numerusform>%n документов</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n hit(s)</source>
        <translation>
            <numerusform>%n совпадение</numerusform>
            <numerusform>%n совпадения</numerusform>
            <numerusform>%n совпадений</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>… %n more hit(s)</source>
        <translation>
            <numerusform>… ещё %n совпадение</numerusform>
            <numerusform>… ещё %n совпадения</numerusform>
            <numerusform>… ещё %n совпадений</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Show all %n hit(s) in this document</source>
        <translation>
            <numerusform>Показать все совпадения в этом документе (%n)</numerusform>
            <numerusform>Показать все совпадения в этом документе (%n)</numerusform>
            <numerusform>Показать все совпадения в этом документе (%n)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n note(s)</source>
        <translation>
            <numerusform>%n заметка</numerusform>
            <numerusform>%n заметки</numerusform>
            <numerusform>%n заметок</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n highlight(s)</source>
        <translation>
            <numerusform>%n выделение</numerusform>
            <numerusform>%n выделения</numerusform>
            <numerusform>%n выделений</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n bookmark(s)</source>
        <translation>
            <numerusform>%n закладка</numerusform>
            <numerusform>%n закладки</numerusform>
            <numerusform>%n закладок</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Exported %n citation(s) to %1</source>
        <translation>
            <numerusform>Экспортирована %n ссылка в %1</numerusform>
            <numerusform>Экспортированы %n ссылки в %1</numerusform>
            <numerusform>Экспортировано %n ссылок в %1</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Kept %n opened document(s) in your library: they will be there next time</source>
        <translation>
            <numerusform>%n открытый документ сохранён в вашей библиотеке: он будет там и в следующий раз</numerusform>
            <numerusform>%n открытых документа сохранены в вашей библиотеке: они будут там и в следующий раз</numerusform>
            <numerusform>%n открытых документов сохранены в вашей библиотеке: они будут там и в следующий раз</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 imported, %2 updated, %3 skipped, %4 failed</source>
        <translation>импортировано: %1, обновлено: %2, пропущено: %3, с ошибкой: %4</translation>
    </message>
    <message numerus="yes">
        <source>; cancelled with %n file(s) not processed</source>
        <translation>
            <numerusform>; прервано, не обработан %n файл</numerusform>
            <numerusform>; прервано, не обработаны %n файла</numerusform>
            <numerusform>; прервано, не обработаны %n файлов</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n note(s) could not be found in the changed text; they are kept under Unplaced</source>
        <translation>
            <numerusform>%n заметку не удалось найти в изменённом тексте; она сохранена в разделе «Без привязки»</numerusform>
            <numerusform>%n заметки не удалось найти в изменённом тексте; они сохранены в разделе «Без привязки»</numerusform>
            <numerusform>%n заметок не удалось найти в изменённом тексте; они сохранены в разделе «Без привязки»</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>DensityStrip</name>
    <message>
        <source>Documents per year</source>
        <translation>Документы по годам</translation>
    </message>
    <message>
        <source>All years</source>
        <translation>Все годы</translation>
    </message>
    <message>
        <source>No dated documents</source>
        <translation>Нет датированных документов</translation>
    </message>
    <message>
        <source>Reading your library…</source>
        <translation>Чтение библиотеки…</translation>
    </message>
    <message>
        <source>Clear the year range (Esc)</source>
        <translation>Сбросить диапазон лет (Esc)</translation>
    </message>
</context>
<context>
    <name>DisplayText</name>
    <message>
        <source>Undated</source>
        <translation>Без даты</translation>
    </message>
    <message>
        <source>Yellow</source>
        <translation>Жёлтый</translation>
    </message>
    <message>
        <source>Green</source>
        <translation>Зелёный</translation>
    </message>
    <message>
        <source>Blue</source>
        <translation>Синий</translation>
    </message>
    <message>
        <source>Pink</source>
        <translation>Розовый</translation>
    </message>
    <message>
        <source>Purple</source>
        <translation>Фиолетовый</translation>
    </message>
</context>
<context>
    <name>DocumentHeader</name>
    <message>
        <source>Copy Citation</source>
        <translation>Копировать ссылку</translation>
    </message>
    <message>
        <source>Copy the archival citation (Ctrl+Shift+C)</source>
        <translation>Копировать архивную ссылку (Ctrl+Shift+C)</translation>
    </message>
    <message>
        <source>Hide the summary and citation</source>
        <translation>Скрыть аннотацию и ссылку</translation>
    </message>
    <message>
        <source>Show the summary and citation</source>
        <translation>Показать аннотацию и ссылку</translation>
    </message>
    <message>
        <source>Original language: %1</source>
        <translation>Язык оригинала: %1</translation>
    </message>
    <message>
        <source>Record %1</source>
        <translation>Запись %1</translation>
    </message>
    <message>
        <source>View the record in the archive ↗</source>
        <translation>Открыть запись в архиве ↗</translation>
    </message>
</context>
<context>
    <name>FacetBar</name>
    <message>
        <source>Any person</source>
        <translation>Любое лицо</translation>
    </message>
    <message>
        <source>Person</source>
        <translation>Лицо</translation>
    </message>
    <message>
        <source>Any place</source>
        <translation>Любое место</translation>
    </message>
    <message>
        <source>Place</source>
        <translation>Место</translation>
    </message>
    <message>
        <source>Any subject</source>
        <translation>Любая тема</translation>
    </message>
    <message>
        <source>Subject</source>
        <translation>Тема</translation>
    </message>
    <message>
        <source>With notes</source>
        <translation>С заметками</translation>
    </message>
    <message>
        <source>Only documents with highlights, notes or bookmarks</source>
        <translation>Только документы с выделениями, заметками или закладками</translation>
    </message>
    <message>
        <source>Clear filters</source>
        <translation>Сбросить фильтры</translation>
    </message>
    <message>
        <source>Original language</source>
        <translation>Язык оригинала</translation>
    </message>
    <message>
        <source>Any language</source>
        <translation>Любой язык</translation>
    </message>
</context>
<context>
    <name>FileDialogs</name>
    <message>
        <source>Documents (*.txt *.md)</source>
        <translation>Документы (*.txt *.md)</translation>
    </message>
    <message>
        <source>All files (*)</source>
        <translation>Все файлы (*)</translation>
    </message>
    <message>
        <source>Open Archive Documents</source>
        <translation>Открыть архивные документы</translation>
    </message>
    <message>
        <source>Import Documents</source>
        <translation>Импорт документов</translation>
    </message>
    <message>
        <source>Import a Folder of Documents</source>
        <translation>Импорт папки с документами</translation>
    </message>
    <message>
        <source>Export Notes</source>
        <translation>Экспорт заметок</translation>
    </message>
    <message>
        <source>Markdown (*.md);;W3C Web Annotations JSON (*.json)</source>
        <translation>Markdown (*.md);;W3C Web Annotations JSON (*.json)</translation>
    </message>
    <message>
        <source>Chicago notes (*.txt)</source>
        <translation>Сноски по Chicago (*.txt)</translation>
    </message>
    <message>
        <source>Export Citation</source>
        <translation>Экспорт ссылки</translation>
    </message>
    <message>
        <source>Import Notes</source>
        <translation>Импорт заметок</translation>
    </message>
    <message>
        <source>W3C Web Annotations (*.json *.jsonld);;All files (*)</source>
        <translation>W3C Web Annotations (*.json *.jsonld);;Все файлы (*)</translation>
    </message>
</context>
<context>
    <name>FindBar</name>
    <message>
        <source>Find in document</source>
        <translation>Найти в документе</translation>
    </message>
    <message>
        <source>Previous match</source>
        <translation>Предыдущее совпадение</translation>
    </message>
    <message>
        <source>Previous match (Shift+Enter)</source>
        <translation>Предыдущее совпадение (Shift+Enter)</translation>
    </message>
    <message>
        <source>Next match</source>
        <translation>Следующее совпадение</translation>
    </message>
    <message>
        <source>Next match (Enter)</source>
        <translation>Следующее совпадение (Enter)</translation>
    </message>
    <message>
        <source>Close (Esc)</source>
        <translation>Закрыть (Esc)</translation>
    </message>
    <message>
        <source>Close find bar</source>
        <translation>Закрыть панель поиска</translation>
    </message>
    <message>
        <source>No matches</source>
        <translation>Нет совпадений</translation>
    </message>
    <message>
        <source>%1 of %2</source>
        <translation>%1 из %2</translation>
    </message>
</context>
<context>
    <name>ImportProgress</name>
    <message>
        <source>Importing documents…</source>
        <translation>Импорт документов…</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Отмена</translation>
    </message>
    <message>
        <source>Import</source>
        <translation>Импорт</translation>
    </message>
    <message>
        <source>Importing %1 of %2: %3</source>
        <translation>Импорт %1 из %2: %3</translation>
    </message>
</context>
<context>
    <name>Languages</name>
    <message>
        <source>Russian</source>
        <translation>Русский</translation>
    </message>
    <message>
        <source>English</source>
        <translation>Английский</translation>
    </message>
    <message>
        <source>Chinese</source>
        <translation>Китайский</translation>
    </message>
    <message>
        <source>German</source>
        <translation>Немецкий</translation>
    </message>
    <message>
        <source>Japanese</source>
        <translation>Японский</translation>
    </message>
    <message>
        <source>French</source>
        <translation>Французский</translation>
    </message>
    <message>
        <source>Korean</source>
        <translation>Корейский</translation>
    </message>
    <message>
        <source>Polish</source>
        <translation>Польский</translation>
    </message>
    <message>
        <source>Spanish</source>
        <translation>Испанский</translation>
    </message>
    <message>
        <source>Italian</source>
        <translation>Итальянский</translation>
    </message>
    <message>
        <source>Portuguese</source>
        <translation>Португальский</translation>
    </message>
    <message>
        <source>Czech</source>
        <translation>Чешский</translation>
    </message>
    <message>
        <source>Slovak</source>
        <translation>Словацкий</translation>
    </message>
    <message>
        <source>Hungarian</source>
        <translation>Венгерский</translation>
    </message>
    <message>
        <source>Romanian</source>
        <translation>Румынский</translation>
    </message>
    <message>
        <source>Bulgarian</source>
        <translation>Болгарский</translation>
    </message>
    <message>
        <source>Ukrainian</source>
        <translation>Украинский</translation>
    </message>
    <message>
        <source>Belarusian</source>
        <translation>Белорусский</translation>
    </message>
    <message>
        <source>Serbian</source>
        <translation>Сербский</translation>
    </message>
    <message>
        <source>Croatian</source>
        <translation>Хорватский</translation>
    </message>
    <message>
        <source>Vietnamese</source>
        <translation>Вьетнамский</translation>
    </message>
    <message>
        <source>Mongolian</source>
        <translation>Монгольский</translation>
    </message>
    <message>
        <source>Arabic</source>
        <translation>Арабский</translation>
    </message>
    <message>
        <source>Persian</source>
        <translation>Персидский</translation>
    </message>
    <message>
        <source>Hindi</source>
        <translation>Хинди</translation>
    </message>
    <message>
        <source>Albanian</source>
        <translation>Албанский</translation>
    </message>
    <message>
        <source>Finnish</source>
        <translation>Финский</translation>
    </message>
    <message>
        <source>Swedish</source>
        <translation>Шведский</translation>
    </message>
    <message>
        <source>Norwegian</source>
        <translation>Норвежский</translation>
    </message>
    <message>
        <source>Danish</source>
        <translation>Датский</translation>
    </message>
    <message>
        <source>Dutch</source>
        <translation>Нидерландский</translation>
    </message>
    <message>
        <source>Greek</source>
        <translation>Греческий</translation>
    </message>
    <message>
        <source>Turkish</source>
        <translation>Турецкий</translation>
    </message>
    <message>
        <source>Hebrew</source>
        <translation>Иврит</translation>
    </message>
    <message>
        <source>Georgian</source>
        <translation>Грузинский</translation>
    </message>
    <message>
        <source>Armenian</source>
        <translation>Армянский</translation>
    </message>
    <message>
        <source>Latvian</source>
        <translation>Латышский</translation>
    </message>
    <message>
        <source>Lithuanian</source>
        <translation>Литовский</translation>
    </message>
    <message>
        <source>Estonian</source>
        <translation>Эстонский</translation>
    </message>
    <message>
        <source>Unknown language</source>
        <translation>Неизвестный язык</translation>
    </message>
</context>
<context>
    <name>LibraryLoader</name>
    <message>
        <source>Reading your library… %1 of %2</source>
        <translation>Чтение библиотеки… %1 из %2</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Notes</source>
        <translation>Заметки</translation>
    </message>
    <message>
        <source>Search</source>
        <translation>Поиск</translation>
    </message>
    <message numerus="yes">
        <source>%n file(s) could not be read</source>
        <translation>
            <numerusform>Не удалось прочитать %n файл</numerusform>
            <numerusform>Не удалось прочитать %n файла</numerusform>
            <numerusform>Не удалось прочитать %n файлов</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 of %2 documents match the filters</source>
        <translation>Фильтрам соответствуют документы: %1 из %2</translation>
    </message>
    <message>
        <source>Select some text first</source>
        <translation>Сначала выделите фрагмент текста</translation>
    </message>
    <message>
        <source>Bookmarked %1</source>
        <translation>Закладка: %1</translation>
    </message>
    <message>
        <source>Your notes are saved again.</source>
        <translation>Заметки снова сохраняются.</translation>
    </message>
    <message>
        <source>Selected ¶%1 of the transcript and ¶%2 of the translation: Ctrl+L links them</source>
        <translation>Выбраны ¶%1 оригинала и ¶%2 перевода: Ctrl+L свяжет их</translation>
    </message>
    <message>
        <source>That document is no longer in the library</source>
        <translation>Этого документа больше нет в библиотеке</translation>
    </message>
    <message>
        <source>An import is already running</source>
        <translation>Импорт уже идёт</translation>
    </message>
    <message>
        <source>Text size %1%</source>
        <translation>Размер текста %1%</translation>
    </message>
</context>
<context>
    <name>NotesModel</name>
    <message>
        <source>Bookmark: %1</source>
        <translation>Закладка: %1</translation>
    </message>
    <message>
        <source>Unplaced</source>
        <translation>Без привязки</translation>
    </message>
    <message>
        <source>Tags: %1</source>
        <translation>Метки: %1</translation>
    </message>
</context>
<context>
    <name>NotesPanel</name>
    <message>
        <source>No notes yet — select text and press Ctrl+H to highlight, or Ctrl+D to bookmark the document.</source>
        <translation>Заметок пока нет — выделите текст и нажмите Ctrl+H, чтобы отметить его, или Ctrl+D, чтобы добавить документ в закладки.</translation>
    </message>
    <message>
        <source>No notes match the filter.</source>
        <translation>Нет заметок, соответствующих фильтру.</translation>
    </message>
    <message>
        <source>All kinds</source>
        <translation>Все виды</translation>
    </message>
    <message>
        <source>Highlights</source>
        <translation>Выделения</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>Заметки</translation>
    </message>
    <message>
        <source>Bookmarks</source>
        <translation>Закладки</translation>
    </message>
    <message>
        <source>Unplaced</source>
        <translation>Без привязки</translation>
    </message>
    <message>
        <source>This document only</source>
        <translation>Только этот документ</translation>
    </message>
    <message>
        <source>Filter notes</source>
        <translation>Фильтр заметок</translation>
    </message>
    <message>
        <source>Colour</source>
        <translation>Цвет</translation>
    </message>
    <message>
        <source>All colours</source>
        <translation>Все цвета</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Вид</translation>
    </message>
    <message>
        <source>Tag</source>
        <translation>Метка</translation>
    </message>
    <message>
        <source>All tags</source>
        <translation>Все метки</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>Заметка</translation>
    </message>
    <message>
        <source>Tags, comma-separated</source>
        <translation>Метки через запятую</translation>
    </message>
    <message>
        <source>Tags</source>
        <translation>Метки</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Удалить</translation>
    </message>
    <message>
        <source>Delete this entry (Delete)</source>
        <translation>Удалить эту запись (Delete)</translation>
    </message>
</context>
<context>
    <name>NotesService</name>
    <message>
        <source>no notes</source>
        <translation>нет заметок</translation>
    </message>
    <message>
        <source>%1 and %2</source>
        <translation>%1 и %2</translation>
    </message>
    <message>
        <source>Could not write %1: %2</source>
        <translation>Не удалось записать %1: %2</translation>
    </message>
    <message>
        <source>Exported %1 to %2</source>
        <translation>Экспортировано: %1 в %2</translation>
    </message>
    <message>
        <source>the file is nested too deeply to be a notes export</source>
        <translation>вложенность файла слишком глубока для экспорта заметок</translation>
    </message>
    <message>
        <source>Could not import %1: %2</source>
        <translation>Не удалось импортировать %1: %2</translation>
    </message>
    <message>
        <source>Imported notes from %1: %2</source>
        <translation>Заметки импортированы из %1: %2</translation>
    </message>
    <message>
        <source>the data folder cannot be written</source>
        <translation>в папку данных нельзя записывать</translation>
    </message>
    <message>
        <source>Notes cannot be saved right now (%1). Your changes are kept and will be saved as soon as writing works again; free some space or check the data folder.</source>
        <translation>Сейчас заметки сохранить нельзя (%1). Ваши изменения не потеряны и будут сохранены, как только запись снова станет возможной; освободите место на диске или проверьте папку данных.</translation>
    </message>
</context>
<context>
    <name>Notices</name>
    <message>
        <source>nowhere: no folder could be written</source>
        <translation>никуда: ни в одну папку не удалось записать</translation>
    </message>
    <message>
        <source>Some notes could not be saved to the notes database. They were written to %1; import them with File &gt; Import Notes (or `parallel-reader notes import`) when the data folder can be written again.</source>
        <translation>Некоторые заметки не удалось сохранить в базу заметок. Они записаны в %1; импортируйте их через «Файл &gt; Импорт заметок» (или `parallel-reader notes import`), когда в папку данных снова можно будет записывать.</translation>
    </message>
    <message>
        <source>Some files could not be read.</source>
        <translation>Некоторые файлы не удалось прочитать.</translation>
    </message>
    <message>
        <source>The other documents are open. Check that these are archive documents saved as text:</source>
        <translation>Остальные документы открыты. Проверьте, что это архивные документы, сохранённые как текст:</translation>
    </message>
    <message>
        <source>The import stopped: %1. Documents copied before that are in your library.</source>
        <translation>Импорт прерван: %1. Документы, скопированные до этого, уже в вашей библиотеке.</translation>
    </message>
    <message>
        <source>Import finished: %1</source>
        <translation>Импорт завершён: %1</translation>
    </message>
    <message>
        <source>imported</source>
        <translation>импортирован</translation>
    </message>
    <message>
        <source>updated</source>
        <translation>обновлён</translation>
    </message>
    <message>
        <source>skipped</source>
        <translation>пропущен</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>ошибка</translation>
    </message>
    <message>
        <source> (record %1)</source>
        <translation> (запись %1)</translation>
    </message>
    <message>
        <source>Find Next</source>
        <translation>Найти далее</translation>
    </message>
    <message>
        <source>Find Previous</source>
        <translation>Найти предыдущее</translation>
    </message>
    <message>
        <source>Close the Find Bar</source>
        <translation>Закрыть панель поиска</translation>
    </message>
    <message>
        <source>Find Bar</source>
        <translation>Панель поиска</translation>
    </message>
    <message>
        <source>Keyboard Shortcuts</source>
        <translation>Сочетания клавиш</translation>
    </message>
</context>
<context>
    <name>ParagraphPane</name>
    <message>
        <source>Copy Paragraph</source>
        <translation>Копировать абзац</translation>
    </message>
    <message>
        <source>Copy Whole Text</source>
        <translation>Копировать весь текст</translation>
    </message>
</context>
<context>
    <name>PreferencesDialog</name>
    <message>
        <source>Preferences</source>
        <translation>Настройки</translation>
    </message>
    <message>
        <source>&amp;Theme:</source>
        <translation>&amp;Тема:</translation>
    </message>
    <message>
        <source>System language</source>
        <translation>Язык системы</translation>
    </message>
    <message>
        <source>&amp;Interface language:</source>
        <translation>&amp;Язык интерфейса:</translation>
    </message>
    <message>
        <source>A new interface language applies when you restart Parallel Reader.</source>
        <translation>Новый язык интерфейса вступит в силу после перезапуска Parallel Reader.</translation>
    </message>
    <message>
        <source>Reading &amp;font:</source>
        <translation>&amp;Шрифт для чтения:</translation>
    </message>
    <message>
        <source> pt</source>
        <translation> пт</translation>
    </message>
    <message>
        <source>Text &amp;size:</source>
        <translation>&amp;Размер текста:</translation>
    </message>
</context>
<context>
    <name>ReadingRoom</name>
    <message>
        <source>The timeline is folded away to leave the text room: F9 shows it</source>
        <translation>Хронология свёрнута, чтобы оставить место тексту: F9 покажет её</translation>
    </message>
</context>
<context>
    <name>ReadingSession</name>
    <message>
        <source>This note&apos;s quote was not found in the current text; it is kept under Unplaced</source>
        <translation>Цитата этой заметки не найдена в нынешнем тексте; заметка сохранена в разделе «Без привязки»</translation>
    </message>
</context>
<context>
    <name>ReadingView</name>
    <message>
        <source>transcript</source>
        <translation>оригинал</translation>
    </message>
    <message>
        <source>translation</source>
        <translation>перевод</translation>
    </message>
    <message>
        <source>Russian transcript</source>
        <translation>Русский оригинал</translation>
    </message>
    <message>
        <source>Transcript (%1)</source>
        <translation>Оригинал (%1)</translation>
    </message>
    <message>
        <source>English translation</source>
        <translation>Английский перевод</translation>
    </message>
    <message>
        <source>Translation (%1)</source>
        <translation>Перевод (%1)</translation>
    </message>
    <message>
        <source>This record&apos;s original is in English; there is no other language.</source>
        <translation>Оригинал этой записи на английском языке; других языков нет.</translation>
    </message>
    <message>
        <source>This record has only the %1 original; no translation is included.</source>
        <translation>В этой записи есть только оригинал (%1); перевода нет.</translation>
    </message>
    <message>
        <source>This record has only the %1 translation; the original %2 text is not included.</source>
        <translation>В этой записи есть только перевод (%1); текста оригинала (%2) нет.</translation>
    </message>
    <message>
        <source>This record has only the %1 translation; the original-language text is not included.</source>
        <translation>В этой записи есть только перевод (%1); текста на языке оригинала нет.</translation>
    </message>
</context>
<context>
    <name>SearchPanel</name>
    <message>
        <source>Search all documents — words, &quot;phrases&quot;, prefix*, AND OR NOT</source>
        <translation>Поиск по всем документам — слова, &quot;фразы&quot;, начало*, AND OR NOT</translation>
    </message>
    <message>
        <source>Type to search both languages</source>
        <translation>Введите запрос для поиска на обоих языках</translation>
    </message>
    <message>
        <source>No documents match</source>
        <translation>Подходящих документов нет</translation>
    </message>
    <message>
        <source>Relevance</source>
        <translation>По релевантности</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>По дате</translation>
    </message>
    <message>
        <source>Search all documents</source>
        <translation>Поиск по всем документам</translation>
    </message>
    <message>
        <source>Order of the results</source>
        <translation>Порядок результатов</translation>
    </message>
    <message>
        <source>Search results</source>
        <translation>Результаты поиска</translation>
    </message>
</context>
<context>
    <name>SearchResultsModel</name>
    <message>
        <source>Title</source>
        <translation>Заголовок</translation>
    </message>
    <message>
        <source>Summary</source>
        <translation>Аннотация</translation>
    </message>
    <message>
        <source>Citation</source>
        <translation>Ссылка</translation>
    </message>
    <message>
        <source>People</source>
        <translation>Лица</translation>
    </message>
    <message>
        <source>Places</source>
        <translation>Места</translation>
    </message>
    <message>
        <source>Subjects</source>
        <translation>Темы</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>Заметка</translation>
    </message>
</context>
<context>
    <name>Services</name>
    <message>
        <source>Notes are not available in this session: %1</source>
        <translation>Заметки в этом сеансе недоступны: %1</translation>
    </message>
    <message>
        <source>The opened document could not be kept in your library: %1</source>
        <translation>Не удалось сохранить открытый документ в вашей библиотеке: %1</translation>
    </message>
    <message>
        <source>Could not keep in your library:</source>
        <translation>Не удалось сохранить в вашей библиотеке:</translation>
    </message>
    <message>
        <source>could not be read: %1</source>
        <translation>не удалось прочитать: %1</translation>
    </message>
</context>
<context>
    <name>TimelineModel</name>
    <message>
        <source>Month unknown</source>
        <translation>Месяц неизвестен</translation>
    </message>
    <message>
        <source>bookmarked</source>
        <translation>в закладках</translation>
    </message>
    <message>
        <source>notes</source>
        <translation>заметки</translation>
    </message>
    <message>
        <source>highlights</source>
        <translation>выделения</translation>
    </message>
</context>
<context>
    <name>TimelineView</name>
    <message>
        <source>Timeline</source>
        <translation>Хронология</translation>
    </message>
</context>
<context>
    <name>UndoCommands</name>
    <message>
        <source>add highlight</source>
        <translation>добавление выделения</translation>
    </message>
    <message>
        <source>add note</source>
        <translation>добавление заметки</translation>
    </message>
    <message>
        <source>add bookmark</source>
        <translation>добавление закладки</translation>
    </message>
    <message>
        <source>delete highlight</source>
        <translation>удаление выделения</translation>
    </message>
    <message>
        <source>delete note</source>
        <translation>удаление заметки</translation>
    </message>
    <message>
        <source>delete bookmark</source>
        <translation>удаление закладки</translation>
    </message>
    <message>
        <source>reset alignment</source>
        <translation>сброс выравнивания</translation>
    </message>
    <message>
        <source>correct alignment</source>
        <translation>исправление выравнивания</translation>
    </message>
    <message>
        <source>edit note</source>
        <translation>правка заметки</translation>
    </message>
</context>
<context>
    <name>WindowActions</name>
    <message>
        <source>Follow System</source>
        <translation>Как в системе</translation>
    </message>
    <message>
        <source>Light</source>
        <translation>Светлая</translation>
    </message>
    <message>
        <source>Dark</source>
        <translation>Тёмная</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Файл</translation>
    </message>
    <message>
        <source>&amp;Open Document…</source>
        <translation>&amp;Открыть документ…</translation>
    </message>
    <message>
        <source>Open archive document files; they join the timeline</source>
        <translation>Открыть файлы архивных документов; они появятся в хронологии</translation>
    </message>
    <message>
        <source>&amp;Export Notes…</source>
        <translation>&amp;Экспорт заметок…</translation>
    </message>
    <message>
        <source>Import &amp;Notes…</source>
        <translation>Импорт &amp;заметок…</translation>
    </message>
    <message>
        <source>Export &amp;Citation…</source>
        <translation>Экспорт &amp;ссылки…</translation>
    </message>
    <message>
        <source>Cite this document for a reference manager (RIS, BibTeX, CSL-JSON)</source>
        <translation>Ссылка на этот документ для менеджера библиографии (RIS, BibTeX, CSL-JSON)</translation>
    </message>
    <message>
        <source>Export Citations of the &amp;Timeline…</source>
        <translation>Экспорт ссылок из &amp;хронологии…</translation>
    </message>
    <message>
        <source>Cite every document the timeline shows, filters applied</source>
        <translation>Ссылки на все документы, которые показывает хронология с учётом фильтров</translation>
    </message>
    <message>
        <source>&amp;Import Documents…</source>
        <translation>&amp;Импорт документов…</translation>
    </message>
    <message>
        <source>Copy archive documents (files or a folder) into your library</source>
        <translation>Скопировать архивные документы (файлы или папку) в вашу библиотеку</translation>
    </message>
    <message>
        <source>Import &amp;Folder…</source>
        <translation>Импорт &amp;папки…</translation>
    </message>
    <message>
        <source>Copy every archive document in a folder (and its subfolders) into your library</source>
        <translation>Скопировать все архивные документы из папки (и вложенных папок) в вашу библиотеку</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Выход</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>&amp;Правка</translation>
    </message>
    <message>
        <source>&amp;Undo</source>
        <translation>&amp;Отменить</translation>
    </message>
    <message>
        <source>&amp;Redo</source>
        <translation>&amp;Повторить</translation>
    </message>
    <message>
        <source>Copy &amp;Citation</source>
        <translation>Копировать &amp;ссылку</translation>
    </message>
    <message>
        <source>The Chicago note; with text selected, the quote with it</source>
        <translation>Сноска в стиле Chicago; если выделен текст — цитата вместе с ней</translation>
    </message>
    <message>
        <source>Copy Citation as CSL-&amp;JSON</source>
        <translation>Копировать ссылку как CSL-&amp;JSON</translation>
    </message>
    <message>
        <source>The record for Zotero&apos;s Import from Clipboard, or any CSL reader</source>
        <translation>Запись для «Импорта из буфера обмена» в Zotero или другой программы, читающей CSL</translation>
    </message>
    <message>
        <source>Copy &amp;Transcript Text</source>
        <translation>Копировать &amp;текст оригинала</translation>
    </message>
    <message>
        <source>Copy Tra&amp;nslation Text</source>
        <translation>Копировать текст п&amp;еревода</translation>
    </message>
    <message>
        <source>&amp;Preferences…</source>
        <translation>&amp;Настройки…</translation>
    </message>
    <message>
        <source>Theme, interface language, reading font and text size</source>
        <translation>Тема, язык интерфейса, шрифт для чтения и размер текста</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Вид</translation>
    </message>
    <message>
        <source>Show &amp;Timeline</source>
        <translation>Показать &amp;хронологию</translation>
    </message>
    <message>
        <source>&amp;Swap Sides</source>
        <translation>&amp;Поменять стороны местами</translation>
    </message>
    <message>
        <source>Put the translation on the left and the transcript on the right, or back</source>
        <translation>Перевод слева, оригинал справа — или обратно</translation>
    </message>
    <message>
        <source>Zoom &amp;In</source>
        <translation>&amp;Увеличить</translation>
    </message>
    <message>
        <source>Zoom &amp;Out</source>
        <translation>У&amp;меньшить</translation>
    </message>
    <message>
        <source>&amp;Actual Size</source>
        <translation>&amp;Исходный размер</translation>
    </message>
    <message>
        <source>T&amp;heme</source>
        <translation>&amp;Тема</translation>
    </message>
    <message>
        <source>&amp;Go</source>
        <translation>П&amp;ереход</translation>
    </message>
    <message>
        <source>&amp;Search All Documents…</source>
        <translation>&amp;Поиск по всем документам…</translation>
    </message>
    <message>
        <source>Full-text search in both languages, notes included</source>
        <translation>Полнотекстовый поиск на обоих языках, включая заметки</translation>
    </message>
    <message>
        <source>&amp;Find in Document…</source>
        <translation>&amp;Найти в документе…</translation>
    </message>
    <message>
        <source>Find text in this document, in both panes</source>
        <translation>Найти текст в этом документе, в обеих панелях</translation>
    </message>
    <message>
        <source>&amp;Previous Document</source>
        <translation>П&amp;редыдущий документ</translation>
    </message>
    <message>
        <source>The document before this one in date order</source>
        <translation>Документ, предшествующий этому по дате</translation>
    </message>
    <message>
        <source>&amp;Next Document</source>
        <translation>&amp;Следующий документ</translation>
    </message>
    <message>
        <source>The document after this one in date order</source>
        <translation>Документ, следующий за этим по дате</translation>
    </message>
    <message>
        <source>Go to &amp;Timeline</source>
        <translation>К &amp;хронологии</translation>
    </message>
    <message>
        <source>Go to Te&amp;xt</source>
        <translation>К &amp;тексту</translation>
    </message>
    <message>
        <source>&amp;Notes</source>
        <translation>&amp;Заметки</translation>
    </message>
    <message>
        <source>&amp;Highlight Selection</source>
        <translation>&amp;Выделить фрагмент</translation>
    </message>
    <message>
        <source>Highlight the selected text in the last colour used</source>
        <translation>Выделить выбранный текст последним использованным цветом</translation>
    </message>
    <message>
        <source>Highlight in &amp;Colour</source>
        <translation>Выделить &amp;цветом</translation>
    </message>
    <message>
        <source>Add &amp;Note…</source>
        <translation>Добавить &amp;заметку…</translation>
    </message>
    <message>
        <source>Attach a note to the selected text, or to the selected paragraph</source>
        <translation>Прикрепить заметку к выделенному тексту или к выбранному абзацу</translation>
    </message>
    <message>
        <source>Bookmark &amp;Paragraph</source>
        <translation>Закладка на &amp;абзац</translation>
    </message>
    <message>
        <source>Bookmark &amp;Document</source>
        <translation>Закладка на &amp;документ</translation>
    </message>
    <message>
        <source>&amp;Show Notes Panel</source>
        <translation>&amp;Показать панель заметок</translation>
    </message>
    <message>
        <source>&amp;Alignment</source>
        <translation>Вы&amp;равнивание</translation>
    </message>
    <message>
        <source>&amp;Link Selected Paragraphs</source>
        <translation>&amp;Связать выбранные абзацы</translation>
    </message>
    <message>
        <source>Pair the selected transcript paragraph with the selected translation paragraph</source>
        <translation>Связать выбранный абзац оригинала с выбранным абзацем перевода</translation>
    </message>
    <message>
        <source>&amp;Unlink Pair</source>
        <translation>&amp;Разъединить пару</translation>
    </message>
    <message>
        <source>Let every paragraph of the selected pair stand alone</source>
        <translation>Сделать каждый абзац выбранной пары самостоятельным</translation>
    </message>
    <message>
        <source>&amp;Merge With Next Pair</source>
        <translation>&amp;Объединить со следующей парой</translation>
    </message>
    <message>
        <source>Join the selected pair and the one after it</source>
        <translation>Объединить выбранную пару со следующей</translation>
    </message>
    <message>
        <source>&amp;Split Pair Here</source>
        <translation>Р&amp;азделить пару здесь</translation>
    </message>
    <message>
        <source>Start a new pair at the selected paragraph</source>
        <translation>Начать новую пару с выбранного абзаца</translation>
    </message>
    <message>
        <source>&amp;Reset to Automatic Alignment</source>
        <translation>&amp;Вернуть автоматическое выравнивание</translation>
    </message>
    <message>
        <source>Forget your corrections to this document&apos;s alignment</source>
        <translation>Забыть ваши исправления выравнивания этого документа</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Справка</translation>
    </message>
    <message>
        <source>&amp;Keyboard Shortcuts</source>
        <translation>&amp;Сочетания клавиш</translation>
    </message>
    <message>
        <source>&amp;About Parallel Reader</source>
        <translation>&amp;О программе Parallel Reader</translation>
    </message>
</context>
</TS>
