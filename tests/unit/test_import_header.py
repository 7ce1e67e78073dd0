"""The administration's name as a letterhead writes it: a bracket that is wholly where it stands
(province, region, metropolitan city, two letters) is left out; any other bracket is its own."""

from __future__ import annotations

import pytest

from questionnaire.importing.header import as_name


@pytest.mark.parametrize(
    ("letterhead", "name"),
    [
        ("Comune di Bra (Prov. di Cuneo)", "Comune di Bra"),
        ("Comune di Bra (prov. CN)", "Comune di Bra"),
        ("Comune di Bra (Prov. Cuneo)", "Comune di Bra"),
        ("COMUNE DI BRA (PROV. DI CUNEO)", "Comune di Bra"),
        ("Comune di Bra [Prov. di Cuneo]", "Comune di Bra"),
        ("Comune di Bra (CN)", "Comune di Bra"),
        ("COMUNE DI MONTICHIARI (Provincia di Brescia)", "Comune di Montichiari"),
        ("AZIENDA SANITARIA LOCALE ROMA 1 (Regione Lazio)", "Azienda Sanitaria Locale Roma 1"),
        ("Comune di Milano (Città metropolitana di Milano)", "Comune di Milano"),
        ("Comune di Aosta (Regione autonoma Valle d'Aosta)", "Comune di Aosta"),
        ("Comune di Monza (Provincia di Monza e della Brianza)", "Comune di Monza"),
        ("Comune di L'Aquila (Provincia dell'Aquila)", "Comune di L'Aquila"),
        ("(Prov. di Cuneo)", ""),
    ],
)
def test_a_bracket_that_is_wholly_a_territory_is_left_out(letterhead: str, name: str) -> None:
    assert as_name(letterhead) == name


@pytest.mark.parametrize(
    "letterhead",
    [
        "Agenzia Regionale (ARPA Regione Lazio)",  # the region is inside the agency's own name
        "Azienda (AO) San Paolo",  # two letters inside the name, not at its end
        "Ente Parco (Regione Lazio – servizio parchi)",
        "Consorzio (Provincia di Brescia, Comuni associati)",
        "Fondazione (Regione 2000)",
        "Istituto (provincia)",
        "Comune di Bra (Provinciale)",
        "Azienda Speciale (Regionale Lazio)",
    ],
)
def test_a_bracket_with_more_than_a_territory_is_kept_whole(letterhead: str) -> None:
    assert as_name(letterhead) == letterhead
