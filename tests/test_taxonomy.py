"""The warning taxonomy: ids, groups, PAN labels, AO3 spellings, the `forewarn warnings` command."""
import json

import pytest
from click.testing import CliRunner

from forewarn.cli import main
from forewarn.taxonomy import covered_by, from_pan, get, load

REQUIRED = """sexual-content sexual-assault underage incest violence gore blood murder torture gun-violence
domestic-violence war kidnapping death dying major-character-death grief suicide self-harm mental-illness
depression panic-attack eating-disorders body-hatred abuse child-abuse emotional-abuse animal-death
animal-cruelty alcohol alcoholism drug-use smoking terminal-illness illness medical-procedures needles vomit
pregnancy childbirth miscarriage abortion car-accident homophobia transphobia racism sexism misogyny ableism
classism fat-phobia slurs profanity infidelity stalking""".split()

PAN = """pornographic-content violence death sexual-assault abuse blood suicide pregnancy child-abuse incest
underage homophobia self-harm dying kidnapping mental-illness dissection eating-disorders abduction
body-hatred childbirth racism sexism miscarriages transphobia abortion fat-phobia animal-death ableism
classism misogyny animal-cruelty""".split()


def test_required_ids_exist_with_every_field():
    tax = load()
    for wid in REQUIRED:
        w = tax.by_id[wid]
        assert w.name and w.definition and w.question.endswith("?")
        assert w.group in tax.groups
        assert w.ao3_tag("depicted"), wid


def test_every_pan_label_maps_to_an_id():
    assert len(PAN) == 32
    for label in PAN:
        assert from_pan(label) in load().by_id, label
    assert from_pan("abduction") == "kidnapping"
    assert from_pan("dissection") == "medical-procedures"
    assert from_pan("miscarriages") == "miscarriage"
    assert from_pan("pornographic-content") == "sexual-content"


def test_ao3_spellings_by_severity():
    assert get("suicide").ao3_tag("mention") == "Implied/Referenced Suicide"
    assert get("violence").ao3_tag("graphic") == "Graphic Depictions of Violence"
    assert get("violence").ao3_warning == "Graphic Depictions Of Violence"


def test_implies_follows_chains():
    assert covered_by({"alcoholism"}) == {"alcoholism", "alcohol"}
    assert "death" in covered_by({"major-character-death"})


def test_unknown_id_raises():
    with pytest.raises(KeyError):
        get("not-a-warning")


def test_warnings_command_lists_taxonomy():
    res = CliRunner().invoke(main, ["warnings"])
    assert res.exit_code == 0
    assert "smoking" in res.output and "Does someone smoke?" in res.output


def test_warnings_command_json():
    res = CliRunner().invoke(main, ["warnings", "--format", "json"])
    data = json.loads(res.output)
    ids = {w["id"] for w in data["warnings"]}
    assert set(REQUIRED) <= ids
    assert data["groups"]["death"] == "Death & loss"
