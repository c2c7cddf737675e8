"""`--lang`, $PKDESK_LANG and the locale on check, stress and compare (text and JSON)."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from pkdesk.cli import main
from tests.core.plan_samples import EXAMPLES
from tests.scenarios.test_scenarios_cli import RWANDA, SOUND, run

NO_CONSENT = str(EXAMPLES / "no-consent.pkplan.json")


@pytest.mark.parametrize("argv", [["--lang", "fr", "check", NO_CONSENT],
                                  ["check", NO_CONSENT, "--lang", "fr"],
                                  ["--lang", "en", "check", NO_CONSENT, "--lang", "fr"]])
def test_check_text_in_french(capsys: pytest.CaptureFixture[str], argv: list[str]) -> None:
    code, out, err = run(capsys, *argv)
    assert (code, err) == (1, "")
    lines = out.splitlines()
    assert lines[0] == "CONSENT-001  bloquant  consentement"
    assert lines[1].startswith("  Le consentement de l’État hôte est «\u00a0retiré\u00a0»")
    assert lines[2].startswith("  Recommandation\u00a0: Ne pas déployer")
    assert lines[3].startswith("  Fondé sur\u00a0: Consent of the Parties\u00a0: «\u00a0Without "
                               "consent, peacekeeping missions")
    assert lines[-1] == "Deployment without host consent: bloqué (1 bloquant, 2 avertissements, 1 conseil)"


def test_check_json_messages_in_french_keys_and_ids_unchanged(
        capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PKDESK_LANG", "fr")
    code, out, _ = run(capsys, "check", NO_CONSENT, "--format", "json")
    doc = json.loads(out)
    assert code == 1 and doc["verdict"] == "blocked"
    first = doc["findings"][0]
    assert (first["rule"], first["severity"], first["principle"]) == \
        ("CONSENT-001", "blocker", "consent")
    assert first["message"].startswith("Le consentement")
    assert first["cites"][0]["quote"].startswith("Without consent")


def test_english_by_default_and_when_asked(capsys: pytest.CaptureFixture[str],
                                           monkeypatch: pytest.MonkeyPatch) -> None:
    _, out, _ = run(capsys, "check", NO_CONSENT)
    assert out.splitlines()[0] == "CONSENT-001  blocker  consent"
    monkeypatch.setenv("PKDESK_LANG", "fr")
    _, out, _ = run(capsys, "--lang", "en", "check", NO_CONSENT)
    assert out.splitlines()[-1] == "Deployment without host consent: blocked (1 blocker, 2 warnings, 1 advice)"


def test_what_if_header_in_french(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "--lang", "fr", "check", RWANDA, "--what-if", "funding_cut")
    assert code == 0
    lines = out.splitlines()
    assert lines[0] == "Hypothèse (en mémoire\u00a0; le plan lui-même est inchangé)\u00a0: " \
                       "funding_cut"
    assert lines[1].startswith("  par rapport au plan tel quel (attention requise)\u00a0: ")
    assert "nouveau" in lines[1] and "levé" in lines[1]


def test_stress_in_french(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "stress", RWANDA, "--lang", "fr")
    assert (code, err) == (0, "")
    lines = out.splitlines()
    assert lines[0] == "Test de résistance de Assistance mission in Rwanda (UNAMIR-like, 1993) " \
                       "(tel quel\u00a0: attention requise)"
    assert lines[2].split()[:3] == ["hypothèse", "verdict", "après"]
    row = next(line for line in lines if line.startswith("consent_withdrawn "))
    assert "bloqué" in row and "Consentement (1 bloquant, 2 avertissements)" in row
    row = next(line for line in lines if line.startswith("ceasefire_collapse "))
    assert row.endswith("#1 Négociation d’un cessez-le-feu")
    assert "  consent_withdrawn: Consentement retiré" in lines
    _, out, _ = run(capsys, "--lang", "fr", "stress", RWANDA, "--format", "json")
    whatif = json.loads(out)["whatifs"][0]
    assert (whatif["id"], whatif["title"]) == ("consent_withdrawn", "Consentement retiré")
    assert all(not f["message"].startswith(("Host", "Party"))
               for f in whatif["new_findings"])


def test_compare_in_french(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "--lang", "fr", "compare", SOUND, RWANDA)
    assert code == 0
    assert "     verdict\u00a0: conforme" in out and "Constats par principe" in out
    assert "  Ressources              -  3 avertissements" in out
    assert "  resources.funding\n    A: Assuré\n    B: Aucun\n" in out
    _, out, _ = run(capsys, "--lang", "fr", "compare", SOUND, NO_CONSENT, "--format", "json")
    doc = json.loads(out)
    assert [s["verdict"] for s in doc["scenarios"]] == ["sound", "blocked"]   # ids stay ids


def test_an_unknown_language_is_a_one_line_error(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_:
        main(["--lang", "de", "check", NO_CONSENT])
    out, err = capsys.readouterr()
    assert (exit_.value.code, out) == (2, "")
    assert err.startswith("pkdesk: argument --lang: invalid choice: 'de'") and \
        err.count("\n") == 1


def test_a_french_locale_alone_makes_pkdesk_speak_french(tmp_path: object) -> None:
    env = {k: v for k, v in os.environ.items()
           if k not in ("PKDESK_LANG", "LC_ALL", "LC_MESSAGES", "LANGUAGE")}
    env["LANG"] = "fr_CA.UTF-8"
    done = subprocess.run([sys.executable, "-m", "pkdesk", "check", NO_CONSENT],
                          capture_output=True, text=True, encoding="utf-8", env=env, check=False)
    assert done.returncode == 1, done.stderr
    assert done.stdout.splitlines()[0] == "CONSENT-001  bloquant  consentement"
