"""oivtui's own small PDF writer: objects and file (``objects``), TrueType reading and subsetting
(``truetype``), fonts as PDF objects (``fonts``), pages drawn with a cursor (``canvas``), the
PDF/A-2b file (``document``). Pure Python, standard library only: it loads in a few
milliseconds, where fpdf2 took ~380 ms to import (Pillow, fontTools, urllib…)."""

#: What wrote the file (Info ``Producer``, XMP ``pdf:Producer``). ``verify`` re-renders a PDF and
#: compares bytes: raise the number whenever the same answers would give other bytes.
PRODUCER = "oivtui-pdf 1"

#: The program that wrote the file (Info ``Creator``, XMP ``xmp:CreatorTool``): ``oivtui import``
#: reads a PDF with this Creator and Producer by where its lines stand.
CREATOR = "oivtui"
