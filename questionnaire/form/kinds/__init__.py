"""The kinds of field: the one registry of everything a layer asks of a kind.

Each kind (``Kind``, registered in ``KINDS``) says how typed text reads (``parse``: a value or an
Italian message), how a value reads back (``format``), what a stored value must be (``check``;
``stored`` for the session file's TOML type, ``holds`` for a carry-over), the input it takes
(``shape``, ``placeholder``, ``narrow``), the line mode's hint (``ask_hint``) and how the report
writes it (``shape``, ``numeric``, ``in_report``). The layers look a kind up here
(``kind_of(field)``) and never branch on its name; each says at import what it needs of every
kind (``requires``), so a kind that lacks a piece fails at once, naming the piece and the layer.

The app's fields, ``oivtui ask`` and the session loader all read what a person wrote through
``parse``, so «26 febbraio 2024», «1.000» or «12,5» mean the same thing (or get the same
message) wherever they are typed. Control characters never get past ``clean``.

- ``registry.py``: ``Kind``, ``SHAPES``, ``KINDS``, ``register``, ``requires``, ``kind_of`` and
  the calls every layer makes (``parse``, ``check``, ``format_value``, ``to_store``).
- ``text.py``: ``clean`` and its kin; the pieces of the kinds whose answer is words, which a
  new kind may reuse (``format_plain``, ``check_line``, ``stored_text``, ``holds_text``, ``as_typed``).
- ``numbers.py``: the pieces of whole numbers, dates and the triennium.
- ``builtin.py``: the seven kinds the packaged forms use, registered.

The package imports nothing else of the project: ``questionnaire.form.model`` imports it (a
``Field``'s ``kind`` names a kind registered here), so a kind reads a field as a ``FieldLike``.
"""

from questionnaire.form.kinds import builtin as builtin  # the seven kinds, registered on import
from questionnaire.form.kinds.numbers import DATE_HINT as DATE_HINT
from questionnaire.form.kinds.numbers import MAX_COUNT as MAX_COUNT
from questionnaire.form.kinds.numbers import MONTHS as MONTHS
from questionnaire.form.kinds.numbers import TRIENNIUM_HINT as TRIENNIUM_HINT
from questionnaire.form.kinds.numbers import italian_date as italian_date
from questionnaire.form.kinds.numbers import parse_triennium as parse_triennium
from questionnaire.form.kinds.numbers import thousands as thousands
from questionnaire.form.kinds.registry import CHECKS as CHECKS
from questionnaire.form.kinds.registry import KINDS as KINDS
from questionnaire.form.kinds.registry import PARSERS as PARSERS
from questionnaire.form.kinds.registry import SHAPES as SHAPES
from questionnaire.form.kinds.registry import Kind as Kind
from questionnaire.form.kinds.registry import KindError as KindError
from questionnaire.form.kinds.registry import Shape as Shape
from questionnaire.form.kinds.registry import check as check
from questionnaire.form.kinds.registry import format_value as format_value
from questionnaire.form.kinds.registry import kind_of as kind_of
from questionnaire.form.kinds.registry import parse as parse
from questionnaire.form.kinds.registry import register as register
from questionnaire.form.kinds.registry import requires as requires
from questionnaire.form.kinds.registry import to_store as to_store
from questionnaire.form.kinds.registry import unregister as unregister
from questionnaire.form.kinds.text import BIDI_CONTROLS as BIDI_CONTROLS
from questionnaire.form.kinds.text import MAX_TEXT as MAX_TEXT
from questionnaire.form.kinds.text import FieldLike as FieldLike
from questionnaire.form.kinds.text import Parsed as Parsed
from questionnaire.form.kinds.text import Value as Value
from questionnaire.form.kinds.text import as_typed as as_typed
from questionnaire.form.kinds.text import check_line as check_line
from questionnaire.form.kinds.text import check_text as check_text
from questionnaire.form.kinds.text import clean as clean
from questionnaire.form.kinds.text import fold as fold
from questionnaire.form.kinds.text import format_plain as format_plain
from questionnaire.form.kinds.text import has_controls as has_controls
from questionnaire.form.kinds.text import holds_text as holds_text
from questionnaire.form.kinds.text import one_line as one_line
from questionnaire.form.kinds.text import stored_text as stored_text
from questionnaire.form.kinds.text import toml_type_name as toml_type_name
